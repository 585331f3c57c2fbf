using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Demo;

/// <summary>
/// One completed re-evaluation (再评价) of the city's submitted self-evaluations of <c>fiscalYear</c>, made by the performance section
/// through <see cref="ReEvaluationService"/>: a random draw with a fixed seed (so the demo is the same every time and the sample can be
/// verified), every sampled form re-scored — the first one checked much lower than the unit scored itself (actual values well below the
/// targets, qualitative indicators 未达成), so its total differs by more than the threshold and it is flagged; the others confirmed as
/// reported — and the re-evaluation completed with a conclusion. Skipped when there are no submitted self-evaluations of that year.
/// </summary>
internal static class DemoReEvaluations
{
    /// <summary>The fixed seed of the demo draw.</summary>
    public const long Seed = 20_270_315;

    public static async Task SeedAsync(Func<AuditActor, JixiaoDbContext> contextFor, int fiscalYear, CancellationToken ct)
    {
        await using var read = contextFor(AuditActor.System);
        var city = await read.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.ParentId == null, ct);
        if (city is null) return;
        var perf = await read.Organizations.AsNoTracking()
            .FirstOrDefaultAsync(o => o.RegionId == city.Id && o.Kind == OrganizationKind.PerformanceSection, ct);
        if (perf is null) return;
        var population = await read.SelfEvaluations.AsNoTracking().CountAsync(e => e.RegionId == city.Id && e.FiscalYear == fiscalYear && e.Total != null
            && (e.State == SelfEvaluationState.Submitted || e.State == SelfEvaluationState.DepartmentReviewed), ct);
        if (population == 0) return;

        var actor = await DemoGoals.ActorAsync(read, perf, Role.PerformanceSection, ct);
        await using var db = contextFor(actor);
        var scope = await new ScopeService(db).ScopeForAsync(perf.Id, [Role.PerformanceSection], ct);
        var caller = new Caller(actor.UserId, perf.Id, [Role.PerformanceSection], scope);
        var service = new ReEvaluationService(db, new RuleSetService(db), new TodoService(db));
        var batch = await service.CreateAsync(fiscalYear, new ReEvaluationInput($"{fiscalYear}年度项目支出绩效自评再评价", ReEvaluationMethod.Random, Seed,
            Math.Min(3, population), ReScorerName: "山西恒信绩效评价咨询有限公司"), caller, ct);

        var flagged = false;
        foreach (var item in batch.Items.OrderBy(i => i.SampleOrder).ToList())
        {
            if (!flagged)
            {
                var scored = await service.ReScoreAsync(item.Id, item.Version, new ReScoreInput(item.Indicators.Select(Lower).ToList(),
                    "现场核查发现，部分产出数量以计划数代替实际完成数，效益指标缺少佐证材料，自评得分明显偏高。"), caller, ct);
                flagged = scored.Flagged;
                if (flagged) continue;
            }
            await service.ReScoreAsync(item.Id, item.Version, new ReScoreInput(item.Indicators.Select(Same).ToList(), "核查佐证材料，自评情况属实。"), caller, ct);
        }
        await service.CompleteAsync(batch.Id, batch.Version, flagged
            ? "抽查的自评表中有1份自评得分与再评价得分相差超过阈值，认定为自评质量较低，已通报并纳入年度绩效管理工作考核。"
            : "抽查的自评表自评情况基本属实。", caller, ct);
    }

    /// <summary>What the re-scorer found: 40 % of a "≥" target, twice a "≤" target, qualitative 未达成 with no points.</summary>
    private static ReScoreIndicatorInput Lower(ReEvaluationIndicator i) => i.Comparison switch
    {
        Comparison.Qualitative => new(i.Id, Band: QualitativeBand.NotAchieved, Points: 0m, Comment: "未提供满意度调查材料。"),
        Comparison.AtMost => new(i.Id, Actual: (i.Target ?? 0m) * 2m + 1m, Comment: "按实际支出核算。"),
        _ => new(i.Id, Actual: Math.Round((i.Target ?? 0m) * 0.4m, 4), Comment: "按验收资料核实的实际完成数。"),
    };

    /// <summary>The self-evaluation's values confirmed.</summary>
    private static ReScoreIndicatorInput Same(ReEvaluationIndicator i) => i.Comparison == Comparison.Qualitative
        ? new(i.Id, Band: i.SelfBand, Points: i.SelfPoints)
        : new(i.Id, Actual: i.SelfActual);
}
