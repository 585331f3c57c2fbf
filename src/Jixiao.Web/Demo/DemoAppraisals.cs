using Jixiao.Core.Appraisals;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Demo;

/// <summary>
/// Last year's yearly appraisal (考核), finished and published through <see cref="AppraisalService"/> with the real measurements: the city
/// departments' round and the three counties' round. Each department (and each county's performance section) self-scores the sub-items the
/// system does not compute and submits; the performance section reviews — one department's supervision findings counted (审计发现), one
/// self-score lowered with its reason, and two departments' totals made equal so the ranking shows a tie — finalises and publishes both
/// rounds, commends the first department and calls the last one in for a talk with a deadline for improvement.
/// </summary>
internal static class DemoAppraisals
{
    public static async Task SeedAsync(Func<AuditActor, JixiaoDbContext> contextFor, int fiscalYear, CancellationToken ct)
    {
        await using var read = contextFor(AuditActor.System);
        var city = await read.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.ParentId == null, ct);
        if (city is null) return;
        var perf = await read.Organizations.AsNoTracking().FirstAsync(o => o.RegionId == city.Id && o.Kind == OrganizationKind.PerformanceSection, ct);
        var perfActor = await DemoGoals.ActorAsync(read, perf, Role.PerformanceSection, ct);

        foreach (var kind in new[] { AppraisalSubjectKind.Department, AppraisalSubjectKind.County })
        {
            long roundId;
            await using (var db = contextFor(perfActor))
            {
                var (service, caller) = await ServiceAsync(db, perf.Id, Role.PerformanceSection, ct);
                var round = await service.CreateAsync(new AppraisalRoundInput(fiscalYear, kind, new DateOnly(fiscalYear + 1, 3, 31)), caller, ct);
                roundId = round.Id;
            }
            var sheets = await read.AppraisalSheets.AsNoTracking().Where(s => s.RoundId == roundId).OrderBy(s => s.Id).ToListAsync(ct);

            // Each subject self-scores: a descending share of the points by subject, no supervision findings declared.
            for (var n = 0; n < sheets.Count; n++)
            {
                var sheet = sheets[n];
                var org = kind == AppraisalSubjectKind.Department
                    ? await read.Organizations.AsNoTracking().FirstAsync(o => o.Id == sheet.SubjectId, ct)
                    : await read.Organizations.AsNoTracking().FirstAsync(o => o.RegionId == sheet.SubjectId && o.Kind == OrganizationKind.PerformanceSection, ct);
                var role = kind == AppraisalSubjectKind.Department ? Role.Department : Role.PerformanceSection;
                await using var db = contextFor(await DemoGoals.ActorAsync(read, org, role, ct));
                var (service, caller) = await ServiceAsync(db, org.Id, role, ct);
                var view = await service.SheetAsync(sheet.Id, caller, ct);
                var share = 1m - 0.06m * n;
                var lines = view.Sheet.Lines.Where(l => !l.IsComputed).Select(l => l.IsDeduction
                    ? new SelfScoreLineInput(l.Id, null, 0, "本年度未发现问题。")
                    : new SelfScoreLineInput(l.Id, Math.Round(l.Points * share, 1), null, Explanation(l))).ToList();
                var saved = await service.SelfScoreAsync(sheet.Id, view.Sheet.Version, lines, caller, ct);
                await service.SubmitAsync(sheet.Id, saved.Version, caller, ct);
            }

            await using (var db = contextFor(perfActor))
            {
                var (service, caller) = await ServiceAsync(db, perf.Id, Role.PerformanceSection, ct);
                var views = new List<AppraisalSheetView>();
                foreach (var sheet in sheets) views.Add(await service.SheetAsync(sheet.Id, caller, ct));
                // The tie: the second sheet's review total is brought to the third's through its innovation sub-item.
                var tie = views.Count >= 3 ? TieAdjustment(views[1].Sheet, views[2].Sheet.SelfTotal ?? 0m) : [];
                for (var n = 0; n < views.Count; n++)
                {
                    var s = views[n].Sheet;
                    var input = new List<ReviewLineInput>();
                    if (n == 1) input.AddRange(tie);
                    if (kind == AppraisalSubjectKind.Department && n == views.Count - 1 && s.Lines.FirstOrDefault(l => l.IsDeduction) is { } deduction)
                        input.Add(new ReviewLineInput(deduction.Id, null, 3, "市审计局审计发现绩效目标未细化量化、监控流于形式、整改不到位等3个问题。"));
                    if (n == 0 && s.Lines.FirstOrDefault(l => l.Code == "Training") is { } training && training.SelfValue is { } self && self >= 1m)
                        input.Add(new ReviewLineInput(training.Id, self - 1m, null, "培训签到表只提供了一次，核减1分。"));
                    await service.ReviewAsync(s.Id, s.Version, input, caller, ct);
                }
                var round = await service.FinaliseAsync(roundId, (await db.AppraisalRounds.AsNoTracking().FirstAsync(r => r.Id == roundId, ct)).Version, caller, ct);
                await service.PublishAsync(roundId, round.Version, caller, ct);
            }

            await using (var db = contextFor(perfActor))
            {
                var (service, caller) = await ServiceAsync(db, perf.Id, Role.PerformanceSection, ct);
                var ranking = await service.RankingAsync(roundId, caller, ct);
                var best = ranking.First();
                var worst = ranking.Last();
                var date = new DateOnly(fiscalYear + 1, 4, 20);
                await service.AddFollowUpAsync(best.Id, best.Version, new FollowUpInput(AppraisalFollowUpKind.Commendation, date,
                    $"{best.SubjectName}{fiscalYear}年度预算绩效管理工作考核成绩突出，予以通报表扬。"), caller, ct);
                if (kind == AppraisalSubjectKind.Department && worst.Id != best.Id)
                    await service.AddFollowUpAsync(worst.Id, worst.Version, new FollowUpInput(AppraisalFollowUpKind.Talk, date,
                        $"{worst.SubjectName}考核得分靠后，监督发现问题较多，由分管副局长约谈主要负责人，要求限期整改提升。", date.AddDays(60)), caller, ct);
            }
        }
    }

    /// <summary>Review lines that move <paramref name="sheet"/>'s total to <paramref name="target"/> through its hand-scored sub-items, when they can.</summary>
    private static List<ReviewLineInput> TieAdjustment(AppraisalSheet sheet, decimal target)
    {
        var delta = target - (sheet.SelfTotal ?? 0m);
        var result = new List<ReviewLineInput>();
        foreach (var l in sheet.Lines.Where(l => !l.IsComputed && !l.IsDeduction && l.SelfValue is not null).OrderBy(l => l.SortOrder))
        {
            if (delta == 0m) break;
            var value = Math.Clamp(l.SelfValue!.Value + delta, 0m, l.Points);
            if (value == l.SelfValue.Value) continue;
            delta -= value - l.SelfValue.Value;
            result.Add(new ReviewLineInput(l.Id, value, null, $"经核实佐证材料，“{l.Name}”核定为{value:0.##}分。"));
        }
        return delta == 0m ? result : [];
    }

    private static string Explanation(AppraisalLine l) => l.ItemCode switch
    {
        "Foundation" => "已明确绩效管理牵头科室和专人，印发本单位绩效管理办法，组织培训。",
        "Innovation" => "探索开展成本预算绩效管理试点。",
        _ => "按评分标准自评，佐证材料已整理备查。",
    };

    private static async Task<(AppraisalService, Caller)> ServiceAsync(JixiaoDbContext db, long orgId, Role role, CancellationToken ct)
    {
        var scope = await new ScopeService(db).ScopeForAsync(orgId, [role], ct);
        var caller = new Caller(db.Actor.UserId, orgId, [role], scope);
        return (new AppraisalService(db, new RuleSetService(db), new TodoService(db), new AppraisalMeasurementService(db)), caller);
    }
}
