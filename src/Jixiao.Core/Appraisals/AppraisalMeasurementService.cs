using System.Globalization;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Disclosure;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Goals;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.Results;
using Microsoft.EntityFrameworkCore;
using static Jixiao.Core.Appraisals.AppraisalMeasureRules;

namespace Jixiao.Core.Appraisals;

/// <summary>
/// The measured sub-items of the yearly appraisal (issue 8 item 2), read from the records of the other features. The subject is the
/// set of its organisations: a department and every unit below it in the appraiser's region, or every organisation of a county directly
/// below the appraiser's region; anything else is a 404. Records are those of the subject's projects of the appraised fiscal year (and,
/// for rectifications and key evaluations, of its organisations in that year). Thin queries; the counting is <see cref="AppraisalMeasureRules"/>.
/// </summary>
public sealed class AppraisalMeasurementService(JixiaoDbContext db) : IAppraisalMeasures
{
    private sealed record ProjectRow(long Id, string Name, ProjectKind Kind, long OrganizationId);

    private sealed record StepRow(long SubjectId, string Action, DateTime At, string? Comment);

    private sealed record Basis(int Year, DateOnly Today, IReadOnlyDictionary<long, ProjectRow> Projects, List<long> ProjectIds, List<long> OrgIds,
        IReadOnlySet<long> UnitOrgIds);

    public async Task<IReadOnlyList<MeasuredFigure>> MeasureAsync(long appraiserRegionId, int fiscalYear, AppraisalSubject subject, CancellationToken ct = default)
    {
        var (orgIds, unitOrgIds) = await SubjectOrganizationsAsync(appraiserRegionId, subject, ct);
        var projects = await db.Projects.AsNoTracking().Where(p => p.FiscalYear == fiscalYear && orgIds.Contains(p.OrganizationId))
            .Select(p => new ProjectRow(p.Id, p.Name, p.Kind, p.OrganizationId)).ToListAsync(ct);
        var d = new Basis(fiscalYear, ChinaDate(db.Now), projects.ToDictionary(p => p.Id), projects.Select(p => p.Id).ToList(), orgIds, unitOrgIds);

        var goals = await db.PerformanceGoals.AsNoTracking().Where(g => d.ProjectIds.Contains(g.ProjectId))
            .Select(g => new { g.Id, g.ProjectId, g.VersionNo, g.State, g.SubmittedAt }).ToListAsync(ct);
        var goalSteps = await StepsAsync(GoalService.SubjectType, goals.Select(g => g.Id), ct);

        var figures = new List<MeasuredFigure>
        {
            GoalsOnTime(d, goals.Where(g => g.VersionNo == 1).ToDictionary(g => g.ProjectId, g => FirstSubmission(goalSteps, g.Id, g.SubmittedAt))),
            GoalsReturned(d, goals.Select(g => (g.Id, g.ProjectId, g.VersionNo, FirstSubmission(goalSteps, g.Id, g.SubmittedAt))).ToList(), goalSteps),
        };

        var inForce = goals.Where(g => g.State.IsInForce()).Select(g => g.ProjectId).ToHashSet();
        figures.AddRange(await MonitoringAsync(d, inForce, ct));
        figures.AddRange(await SelfEvaluationsAsync(d, ct));
        figures.Add(await ReEvaluationsAsync(d, ct));
        figures.Add(await RectificationsAsync(d, ct));
        figures.Add(await PublishedAsync(d, inForce, goals.Select(g => (g.Id, g.ProjectId)).ToList(), ct));
        return figures;
    }

    /// <summary>The subject's organisations (all of them) and, among them, the budget units; a 404 for a subject outside the appraiser's view.</summary>
    private async Task<(List<long> All, IReadOnlySet<long> Units)> SubjectOrganizationsAsync(long appraiserRegionId, AppraisalSubject subject, CancellationToken ct)
    {
        switch (subject.Kind)
        {
            case AppraisalSubjectKind.Department:
                {
                    var regionOrgs = await db.Organizations.AsNoTracking().Where(o => o.RegionId == appraiserRegionId)
                        .Select(o => new { o.Id, o.ParentId, o.Kind }).ToListAsync(ct);
                    if (!regionOrgs.Any(o => o.Id == subject.Id && o.Kind == OrganizationKind.Department)) throw new NotFoundException("考核对象");
                    var children = regionOrgs.Where(o => o.ParentId is not null).ToLookup(o => o.ParentId!.Value);
                    var all = new List<long>();
                    var queue = new Queue<long>([subject.Id]);
                    while (queue.TryDequeue(out var id))
                    {
                        all.Add(id);
                        foreach (var c in children[id]) queue.Enqueue(c.Id);
                    }
                    var set = all.ToHashSet();
                    return (all, regionOrgs.Where(o => set.Contains(o.Id) && o.Kind == OrganizationKind.BudgetUnit).Select(o => o.Id).ToHashSet());
                }
            case AppraisalSubjectKind.County:
                {
                    if (!await db.Regions.AsNoTracking().AnyAsync(r => r.Id == subject.Id && r.ParentId == appraiserRegionId, ct))
                        throw new NotFoundException("考核对象");
                    var orgs = await db.Organizations.AsNoTracking().Where(o => o.RegionId == subject.Id).Select(o => new { o.Id, o.Kind }).ToListAsync(ct);
                    return (orgs.Select(o => o.Id).ToList(), orgs.Where(o => o.Kind == OrganizationKind.BudgetUnit).Select(o => o.Id).ToHashSet());
                }
            default:
                throw new NotFoundException("考核对象");
        }
    }

    /// <summary>The Submit and Return steps of the records of one workflow.</summary>
    private async Task<ILookup<long, StepRow>> StepsAsync(string subjectType, IEnumerable<long> ids, CancellationToken ct)
    {
        var keys = ids.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        if (keys.Count == 0) return Array.Empty<StepRow>().ToLookup(s => s.SubjectId);
        var rows = await db.WorkflowSteps.AsNoTracking()
            .Where(s => s.SubjectType == subjectType && keys.Contains(s.SubjectId) && (s.Action == "Submit" || s.Action == "Return"))
            .Select(s => new { s.SubjectId, s.Action, s.At, s.Comment }).ToListAsync(ct);
        return rows.Select(s => new StepRow(long.Parse(s.SubjectId, CultureInfo.InvariantCulture), s.Action, s.At, s.Comment)).ToLookup(s => s.SubjectId);
    }

    /// <summary>The first submission of a record: its earliest Submit step, else the submission time it stores (which a resubmission overwrites).</summary>
    private static DateTime? FirstSubmission(ILookup<long, StepRow> steps, long id, DateTime? storedSubmittedAt)
    {
        var first = steps[id].Where(s => s.Action == "Submit").Select(s => (DateTime?)s.At).Min();
        return first is null ? storedSubmittedAt : storedSubmittedAt is { } stored && stored < first ? stored : first;
    }

    private static string Late(bool late) => late ? "（逾期）" : "";

    private MeasuredFigure GoalsOnTime(Basis d, IReadOnlyDictionary<long, DateTime?> firstSubmission)
    {
        var deadline = GoalDeclarationDeadline(d.Year);
        var evidence = new List<MeasureEvidence>();
        foreach (var p in d.Projects.Values)
        {
            var submitted = firstSubmission.GetValueOrDefault(p.Id);
            if (!IsDue(deadline, d.Today, submitted is not null)) continue;
            var onTime = OnOrBefore(submitted, deadline);
            var what = submitted is { } s ? $"{Day(s)} 申报" : "未申报";
            evidence.Add(new($"{p.Name}：{what}，截止 {Day(deadline)}{Late(submitted is not null && !onTime)}", GoalLink(p.Id), onTime));
        }
        return Figure(MeasureCodes.GoalsOnTime,
            $"{d.Year}年度项目（含政策、整体支出）的绩效目标首次申报时间（北京时间）不晚于申报截止日的，计为按时申报。系统未设目标申报截止日，" +
            $"按“四同步”（目标与预算同步申报）取预算年度开始前一日 {Day(deadline)} 为截止日；未申报的项目计入应报数。", evidence);
    }

    private MeasuredFigure GoalsReturned(Basis d, IReadOnlyList<(long Id, long ProjectId, int VersionNo, DateTime? Submitted)> goals, ILookup<long, StepRow> steps)
    {
        var evidence = new List<MeasureEvidence>();
        foreach (var g in goals.Where(g => g.Submitted is not null))
        {
            var p = d.Projects[g.ProjectId];
            var returns = steps[g.Id].Where(s => s.Action == "Return").OrderBy(s => s.At).ToList();
            var version = g.VersionNo > 1 ? $"（第{g.VersionNo}版调整）" : "";
            var what = returns.Count == 0
                ? $"{Day(g.Submitted!.Value)} 申报，未被退回"
                : $"被退回{returns.Count}次，首次 {Day(returns[0].At)}{(returns[0].Comment is { } c ? "：" + Clip(c, 40) : "")}";
            evidence.Add(new($"{p.Name}{version}：{what}", GoalLink(p.Id), returns.Count > 0));
        }
        return Figure(MeasureCodes.GoalsReturned,
            $"{d.Year}年度已申报的绩效目标（每个版本计一份，含调整）中，审核时（部门或财政）至少被退回一次的份数所占比例，越低越好。", evidence);
    }

    private async Task<IReadOnlyList<MeasuredFigure>> MonitoringAsync(Basis d, IReadOnlySet<long> inForce, CancellationToken ct)
    {
        var reports = await (from r in db.MonitoringReports.AsNoTracking()
                             join round in db.MonitoringRounds.AsNoTracking() on r.RoundId equals round.Id
                             where r.FiscalYear == d.Year && d.ProjectIds.Contains(r.ProjectId)
                             select new { r.Id, r.ProjectId, r.SubmittedAt, round.Title, round.DueDate, round.Month }).ToListAsync(ct);
        var steps = await StepsAsync(MonitoringService.SubjectType, reports.Select(r => r.Id), ct);
        var rows = reports.Select(r => new { r.Id, r.ProjectId, r.Title, r.DueDate, r.Month, First = FirstSubmission(steps, r.Id, r.SubmittedAt) })
            .OrderBy(r => r.Month).ThenBy(r => r.Id).ToList();

        var coverage = new List<MeasureEvidence>();
        var byProject = rows.ToLookup(r => r.ProjectId);
        var monitored = d.Projects.Values
            .Where(p => (p.Kind != ProjectKind.OverallSpending && d.UnitOrgIds.Contains(p.OrganizationId) && inForce.Contains(p.Id)) || byProject.Contains(p.Id));
        foreach (var p in monitored)
        {
            var mine = byProject[p.Id].ToList();
            var submitted = mine.Where(r => r.First is not null).ToList();
            var label = submitted.Count > 0
                ? $"{p.Name}：已报送{submitted.Count}次监控（{string.Join("、", submitted.Select(r => r.Title))}）"
                : mine.Count > 0 ? $"{p.Name}：已下达{mine.Count}轮监控，均未报送" : $"{p.Name}：目标已批复，本年度未纳入监控";
            var url = submitted.Count > 0 ? ReportLink(submitted[0].Id) : mine.Count > 0 ? ReportLink(mine[0].Id) : GoalLink(p.Id);
            coverage.Add(new(label, url, submitted.Count > 0));
        }

        var onTime = new List<MeasureEvidence>();
        foreach (var r in rows)
        {
            if (!IsDue(r.DueDate, d.Today, r.First is not null)) continue;
            var ok = OnOrBefore(r.First, r.DueDate);
            var what = r.First is { } s ? $"{Day(s)} 报送" : "未报送";
            onTime.Add(new($"{d.Projects[r.ProjectId].Name}（{r.Title}）：{what}，截止 {Day(r.DueDate)}{Late(r.First is not null && !ok)}", ReportLink(r.Id), ok));
        }

        return
        [
            Figure(MeasureCodes.MonitoringCoverage,
                $"应监控的项目：{d.Year}年度目标已批复的单位项目和政策（与下达监控轮次的范围相同），以及已下达监控表的项目；在本年度任一监控轮次中报送过监控表的，计为已覆盖。",
                coverage),
            Figure(MeasureCodes.MonitoringOnTime,
                $"{d.Year}年度各监控轮次下达的监控表，首次报送时间（北京时间）不晚于该轮次报送截止日的，计为按时；截止日未到且尚未报送的不计入。",
                onTime),
        ];
    }

    private async Task<IReadOnlyList<MeasuredFigure>> SelfEvaluationsAsync(Basis d, CancellationToken ct)
    {
        var forms = await (from e in db.SelfEvaluations.AsNoTracking()
                           join t in db.SelfEvaluationTasks.AsNoTracking() on e.TaskId equals t.Id
                           where d.ProjectIds.Contains(e.ProjectId)
                           select new { e.Id, e.ProjectId, e.SubmittedAt, t.Title, t.Deadline }).ToListAsync(ct);
        var steps = await StepsAsync(SelfEvaluationService.SubjectType, forms.Select(f => f.Id), ct);
        var rows = forms.Select(f => new { f.Id, f.ProjectId, f.Title, f.Deadline, First = FirstSubmission(steps, f.Id, f.SubmittedAt) }).ToList();

        var coverage = rows.Select(r => new MeasureEvidence(
            $"{d.Projects[r.ProjectId].Name}（{r.Title}）：{(r.First is { } s ? $"{Day(s)} 提交" : "未提交")}", SelfLink(r.Id), r.First is not null)).ToList();
        var onTime = new List<MeasureEvidence>();
        foreach (var r in rows)
        {
            if (!IsDue(r.Deadline, d.Today, r.First is not null)) continue;
            var ok = OnOrBefore(r.First, r.Deadline);
            var what = r.First is { } s ? $"{Day(s)} 提交" : "未提交";
            onTime.Add(new($"{d.Projects[r.ProjectId].Name}（{r.Title}）：{what}，截止 {Day(r.Deadline)}{Late(r.First is not null && !ok)}", SelfLink(r.Id), ok));
        }
        return
        [
            Figure(MeasureCodes.SelfEvaluationCoverage,
                $"{d.Year}年度自评任务下达的自评表（每个项目一份，含部门整体支出），已提交过的计为已覆盖。", coverage),
            Figure(MeasureCodes.SelfEvaluationOnTime,
                $"{d.Year}年度自评任务下达的自评表，首次提交时间（北京时间）不晚于任务截止日的，计为按时；截止日未到且尚未提交的不计入。", onTime),
        ];
    }

    private async Task<MeasuredFigure> ReEvaluationsAsync(Basis d, CancellationToken ct)
    {
        var items = await (from i in db.ReEvaluationItems.AsNoTracking()
                           join r in db.ReEvaluations.AsNoTracking() on i.ReEvaluationId equals r.Id
                           where d.ProjectIds.Contains(i.ProjectId) && i.ReTotal != null
                           select new { i.Id, i.ProjectId, i.SelfTotal, i.ReTotal, i.TotalDifference, i.Flagged, r.Title, r.Threshold }).ToListAsync(ct);
        var evidence = items.Select(i => new MeasureEvidence(
            $"{d.Projects[i.ProjectId].Name}（{i.Title}）：自评 {Points(i.SelfTotal)} 分，再评价 {Points(i.ReTotal!.Value)} 分，相差 {Points(i.TotalDifference ?? 0m)} 分" +
            (i.Flagged ? $"，超过 {Points(i.Threshold)} 分" : $"，未超过 {Points(i.Threshold)} 分"),
            $"/Evaluations/ReEvaluationItem?id={i.Id}", i.Flagged)).ToList();
        return Figure(MeasureCodes.ReEvaluationDifferences,
            $"{d.Year}年度已复核评分的再评价样本中，自评总分与再评价总分之差的绝对值超过再评价批次阈值（规则集，默认10分）的份数所占比例，越低越好。", evidence);
    }

    private async Task<MeasuredFigure> RectificationsAsync(Basis d, CancellationToken ct)
    {
        var rows = await (from r in db.Rectifications.AsNoTracking()
                          join l in db.FeedbackLetters.AsNoTracking() on r.LetterId equals l.Id
                          where r.FiscalYear == d.Year && d.OrgIds.Contains(r.OrganizationId)
                          select new { r.Id, r.Deadline, r.State, r.ReviewedAt, l.SubjectName, l.Number }).ToListAsync(ct);
        var evidence = new List<MeasureEvidence>();
        foreach (var r in rows)
        {
            var accepted = r.State == RectificationState.Accepted;
            if (!IsDue(r.Deadline, d.Today, accepted)) continue;
            var ok = accepted && OnOrBefore(r.ReviewedAt, r.Deadline);
            var what = accepted && r.ReviewedAt is { } at ? $"{Day(at)} 验收" : r.State.ChineseName();
            var number = r.Number is null ? "" : $"（{r.Number}）";
            evidence.Add(new($"{r.SubjectName}{number}：{what}，截止 {Day(r.Deadline)}{Late(!ok)}", ResultService.RectificationLink(r.Id), ok));
        }
        return Figure(MeasureCodes.RectificationOnTime,
            $"{d.Year}年度评价结果反馈函要求的整改，在整改期限内（北京时间，含当日）验收通过的，计为按期完成（与整改逾期的判定一致）；期限未到且尚未验收的不计入。", evidence);
    }

    private async Task<MeasuredFigure> PublishedAsync(Basis d, IReadOnlySet<long> inForce, IReadOnlyList<(long Id, long ProjectId)> goals, CancellationToken ct)
    {
        var items = await db.DisclosureItems.AsNoTracking()
            .Where(i => i.FiscalYear == d.Year && d.OrgIds.Contains(i.DepartmentId) && (i.Kind == DisclosureKind.Goal || i.Kind == DisclosureKind.EvaluationResult))
            .Select(i => new { i.SourceType, i.SourceId, i.State, i.PublishedAt, i.Title }).ToListAsync(ct);
        var byKey = items.GroupBy(i => (i.SourceType, i.SourceId)).ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.State == DisclosureState.Published).First());
        var evidence = new List<MeasureEvidence>();

        void Add(string name, string what, string sourceType, IEnumerable<long> sourceIds, string sourceUrl)
        {
            var item = sourceIds.Select(id => byKey.GetValueOrDefault((sourceType, id))).Where(i => i is not null).OrderByDescending(i => i!.State == DisclosureState.Published).FirstOrDefault();
            var published = item?.State == DisclosureState.Published;
            var status = item is null ? "未公开" : published ? $"{Day(item.PublishedAt)} 公开" : "已撤回公开";
            var url = published ? $"/Disclosure/Index?year={d.Year}&text={Uri.EscapeDataString(name)}" : sourceUrl;
            evidence.Add(new($"{name}（{what}）：{status}", url, published));
        }

        var goalIds = goals.ToLookup(g => g.ProjectId, g => g.Id);
        foreach (var p in d.Projects.Values.Where(p => p.Kind != ProjectKind.OverallSpending && inForce.Contains(p.Id)))
            Add(p.Name, "绩效目标", nameof(PerformanceGoal), goalIds[p.Id], GoalLink(p.Id));

        var selfs = await db.SelfEvaluations.AsNoTracking().Where(e => d.ProjectIds.Contains(e.ProjectId) && e.Total != null && e.Grade != null)
            .Select(e => new { e.Id, e.ProjectId }).ToListAsync(ct);
        foreach (var e in selfs) Add(d.Projects[e.ProjectId].Name, "自评结果", nameof(SelfEvaluation), [e.Id], SelfLink(e.Id));

        var keys = await db.KeyEvaluations.AsNoTracking()
            .Where(k => k.FiscalYear == d.Year && d.OrgIds.Contains(k.DepartmentId) && k.State == KeyEvaluationState.Completed && k.TotalScore != null)
            .Select(k => new { k.Id, k.Title }).ToListAsync(ct);
        foreach (var k in keys) Add(k.Title, "重点评价结果", nameof(KeyEvaluation), [k.Id], $"/Evaluations/KeyDetails?id={k.Id}");

        var res = await (from i in db.ReEvaluationItems.AsNoTracking()
                         join r in db.ReEvaluations.AsNoTracking() on i.ReEvaluationId equals r.Id
                         where d.ProjectIds.Contains(i.ProjectId) && i.ReTotal != null && r.State == ReEvaluationState.Completed
                         select new { i.Id, i.ProjectId }).ToListAsync(ct);
        foreach (var i in res) Add(d.Projects[i.ProjectId].Name, "再评价结果", nameof(ReEvaluationItem), [i.Id], $"/Evaluations/ReEvaluationItem?id={i.Id}");

        return Figure(MeasureCodes.PublishedShare,
            $"可公开的{d.Year}年度信息：目标已批复的项目和政策的绩效目标，已评分的自评、已完成的重点评价和再评价结果（与信息公开的候选范围相同）；当前处于公开状态的计为已公开，撤回的不计。",
            evidence);
    }

    private static string GoalLink(long projectId) => $"/Goals/Edit?projectId={projectId}";

    private static string ReportLink(long id) => $"/Monitoring/Report?id={id}";

    private static string SelfLink(long id) => $"/Evaluations/SelfEvaluation?id={id}";

    private static string Points(decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
