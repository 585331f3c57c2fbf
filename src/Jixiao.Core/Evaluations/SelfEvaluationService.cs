using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Jixiao.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Evaluations;

/// <summary>A new task: title, deadline and which projects (the filter; default every project with goals in force).</summary>
public sealed record SelfEvaluationTaskInput(string Title, DateOnly Deadline, SelfEvaluationTaskFilter? Filter = null);

/// <summary>
/// A task with its progress in the caller's scope, its filter (DepartmentIds and ProjectCodes empty: all; FilterText in Chinese, e.g.
/// "部门：长治市教育局；仅重点监控项目") and SkippedProjects: those the filter matched that an earlier task of the year already covered.
/// </summary>
public sealed record SelfEvaluationTaskRow(long Id, int FiscalYear, string Title, DateOnly Deadline, SelfEvaluationTaskState State, string IssuedByName,
    DateTime IssuedAt, int Evaluations, int Submitted, int Reviewed, int Returned, int Version,
    IReadOnlyList<long>? DepartmentIds = null, bool KeyMonitoringOnly = false, IReadOnlyList<string>? ProjectCodes = null, string FilterText = "全部项目",
    int SkippedProjects = 0);

public sealed record SelfEvaluationFilter(int FiscalYear, long? TaskId = null, long? DepartmentId = null, Grade? Grade = null, SelfEvaluationState? State = null);

public sealed record SelfEvaluationRow(long Id, long TaskId, long ProjectId, string ProjectCode, string ProjectName, long UnitId, string UnitName,
    long DepartmentId, string DepartmentName, SelfEvaluationState State, decimal? Total, Grade? Grade, DateTime? SubmittedAt, int Version);

public sealed record SelfEvaluationIndicatorInput(long Id, decimal? Actual = null, QualitativeBand? Band = null, decimal? Points = null,
    string? DeviationReason = null, string? Measures = null);

public sealed record SelfEvaluationInputForm(string? ActualOutcome, IReadOnlyList<SelfEvaluationIndicatorInput> Indicators);

/// <summary>One row's score as the form shows it: null points while the row cannot be scored (then <see cref="Error"/> says why).</summary>
public sealed record LiveIndicatorScore(decimal? Points, bool Met, bool OverAchieved, bool NeedsExplanation, string Explanation, string? Error);

/// <summary>
/// The score of a self-evaluation as the form shows it: while editable, computed from what has been entered with the rules in force
/// (rows that cannot be scored yet count 0 and say why); once submitted, the stored score with the rule-set version it was fixed with.
/// </summary>
public sealed record LiveSelfEvaluationScore(decimal? ExecutionRate, decimal? ExecutionPoints, string ExecutionExplanation,
    IReadOnlyList<LiveIndicatorScore> Indicators, decimal Total, Grade Grade, bool Complete, long? RuleSetId, int? RuleSetVersion,
    IReadOnlyList<string> Warnings);

public sealed record SelfEvaluationView(SelfEvaluation Evaluation, SelfEvaluationTask Task, Project Project, string UnitName, string DepartmentName,
    decimal FullYearBudget, decimal Executed, LiveSelfEvaluationScore Score, IReadOnlyList<SelfEvaluationAction> Actions, bool CanEdit,
    IReadOnlyList<WorkflowStep> History);

/// <summary>
/// 单位自评 (财预〔2020〕10号, RULES §3): the performance section issues a task; every unit project with goals in force gets a form with the
/// goal's indicators and the execution figures from the payments; the unit fills it in and sees its score as it types; at submission
/// the score is fixed with the rule-set version used; the department passes it or returns it with a reason.
/// </summary>
public sealed class SelfEvaluationService(JixiaoDbContext db, RuleSetService rules, TodoService todos, WarningBoard board)
{
    public const string SubjectType = nameof(SelfEvaluation);

    public async Task<SelfEvaluationTask> IssueTaskAsync(int fiscalYear, SelfEvaluationTaskInput input, Caller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Role.PerformanceSection)) throw new DomainException("自评任务由财政部门绩效管理科下达。");
        var regionId = caller.Scope.HomeRegionId;
        var filter = input.Filter ?? SelfEvaluationTaskFilter.All;
        var task = new SelfEvaluationTask(regionId, fiscalYear, input.Title, input.Deadline, db.Actor.Name, db.Now, filter);
        if (filter.DepartmentIds.Count > 0)
        {
            var ids = filter.DepartmentIds.ToList();
            var found = await db.Organizations.CountAsync(o => ids.Contains(o.Id) && o.RegionId == regionId && o.Kind == OrganizationKind.Department, ct);
            if (found != ids.Count) throw new NotFoundException("部门");
        }
        // Units' projects, and each department's whole-spending record (部门整体自评, filled in by the department).
        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.RegionId == regionId && p.FiscalYear == fiscalYear)
            .Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => new { p, o.Kind })
            .Where(x => (x.p.Kind != ProjectKind.OverallSpending && x.Kind == OrganizationKind.BudgetUnit)
                || (x.p.Kind == ProjectKind.OverallSpending && x.Kind == OrganizationKind.Department))
            .Select(x => x.p).ToListAsync(ct);
        var goals = await db.PerformanceGoals.AsNoTracking().Include(g => g.Indicators)
            .Where(g => g.FiscalYear == fiscalYear && g.RegionId == regionId && (g.State == GoalState.Approved || g.State == GoalState.Published))
            .ToListAsync(ct);
        var inForce = goals.GroupBy(g => g.ProjectId).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.VersionNo).First());
        var already = (await db.SelfEvaluations.Where(e => e.RegionId == regionId && e.FiscalYear == fiscalYear).Select(e => e.ProjectId).ToListAsync(ct)).ToHashSet();
        projects = projects.Where(p => inForce.ContainsKey(p.Id)).OrderBy(p => p.Code).ToList();
        var keyMonitored = filter.KeyMonitoringOnly ? await KeyMonitoredAsync(regionId, fiscalYear, ct) : [];
        var selection = SelfEvaluationTaskSelection.Select(
            projects.Select(p => new SelfEvaluationCandidate(p.Id, p.Code, p.DepartmentId, keyMonitored.Contains(p.Id))).ToList(), filter, already);
        var selected = selection.Selected.ToHashSet();
        projects = projects.Where(p => selected.Contains(p.Id)).ToList();
        task.Selected(selection);
        db.SelfEvaluationTasks.Add(task);
        await db.SaveChangesAsync(ct);
        var due = task.Deadline.ToDateTime(new TimeOnly(23, 59)).AddHours(-8);
        foreach (var p in projects)
        {
            var goal = inForce[p.Id];
            db.SelfEvaluations.Add(new SelfEvaluation(task.Id, p.Id, p.RegionId, fiscalYear, p.OrganizationId, p.DepartmentId, p.TotalBudget, goal.AnnualGoal,
                goal.Indicators.OrderBy(i => i.SortOrder).Select(i => new SelfEvaluationIndicator(i.Id, i.SortOrder, i.Level1, i.Level2, i.Name, i.Comparison,
                    i.TargetValue, i.TargetText, i.Unit, i.Weight))));
        }
        foreach (var unit in projects.Select(p => p.OrganizationId).Distinct())
        {
            var departmentWide = projects.Any(p => p.OrganizationId == unit && p.DepartmentId == unit);
            todos.Assign(new Todo(regionId, fiscalYear, $"{(departmentWide ? "填报部门整体绩效自评" : "填报绩效自评")}：{task.Title}",
                $"/Evaluations/Self?taskId={task.Id}", nameof(SelfEvaluationTask), $"{task.Id}-{unit}", db.Now, due, null, unit,
                departmentWide ? Role.Department : Role.BudgetUnit));
        }
        db.Audit("evaluation.self-task", nameof(SelfEvaluationTask), task.Id.ToString(), new
        {
            task.Title,
            task.Deadline,
            projects = projects.Count,
            skipped = selection.Skipped,
            departments = filter.DepartmentIds,
            keyMonitoringOnly = filter.KeyMonitoringOnly,
            codes = filter.ProjectCodes,
        });
        await db.SaveChangesAsync(ct);
        return task;
    }

    /// <summary>
    /// The unit projects under key monitoring (重点监控) in the year: those a key-monitoring round covered, and those the warning board
    /// flags at the end of the rule set's key-monitoring month (RULES §5: budget at least the minimum, execution below the rate).
    /// </summary>
    private async Task<HashSet<long>> KeyMonitoredAsync(long regionId, int fiscalYear, CancellationToken ct)
    {
        var month = (await rules.ResolveAsync(regionId, fiscalYear, ct)).Content.Monitoring.KeyMonitoringMonth;
        var orgs = (await db.Organizations.AsNoTracking().Where(o => o.RegionId == regionId).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
        var result = (await board.ComputeAsync(new OrgScope(regionId, orgs, new HashSet<long> { regionId }),
            new WarningFilter(fiscalYear, month, KeyMonitoringOnly: true), ct)).Select(w => w.ProjectId).ToHashSet();
        var inRounds = await (from rep in db.MonitoringReports.AsNoTracking()
                              join round in db.MonitoringRounds on rep.RoundId equals round.Id
                              where round.RegionId == regionId && round.FiscalYear == fiscalYear && round.Coverage == RoundCoverage.KeyMonitoring
                              select rep.ProjectId).Distinct().ToListAsync(ct);
        result.UnionWith(inRounds);
        return result;
    }

    /// <summary>
    /// Ends a task (绩效管理科): forms not yet submitted can no longer be filled in or submitted, submitted ones stay as they are and
    /// may still be reviewed by their departments; the units' filling to-dos of the task are closed.
    /// </summary>
    public async Task<SelfEvaluationTask> CloseTaskAsync(long id, int version, Caller caller, CancellationToken ct = default)
    {
        var regions = caller.Scope.RegionIds.ToList();
        var task = await db.SelfEvaluationTasks.FirstOrDefaultAsync(t => t.Id == id && regions.Contains(t.RegionId), ct) ?? throw new NotFoundException("自评任务");
        if (!caller.Has(Role.PerformanceSection) || task.RegionId != caller.Scope.HomeRegionId) throw new DomainException("自评任务由下达它的财政部门绩效管理科结束。");
        db.ExpectVersion(task, version);
        task.Close();
        var open = await db.SelfEvaluations.AsNoTracking().Where(e => e.TaskId == id && (e.State == SelfEvaluationState.Draft || e.State == SelfEvaluationState.Returned))
            .Select(e => new { e.Id, e.OrganizationId }).ToListAsync(ct);
        var units = await db.SelfEvaluations.AsNoTracking().Where(e => e.TaskId == id).Select(e => e.OrganizationId).Distinct().ToListAsync(ct);
        foreach (var unit in units) await todos.CompleteFor(nameof(SelfEvaluationTask), $"{task.Id}-{unit}", ct);
        foreach (var e in open) await todos.CompleteFor(SubjectType, e.Id.ToString(), ct);
        db.Audit("evaluation.self-task.close", nameof(SelfEvaluationTask), task.Id.ToString(), new { task.Title, unsubmitted = open.Count });
        await db.SaveChangesAsync(ct);
        return task;
    }

    /// <summary>
    /// The score of what the unit has typed, without saving it: the form as entered is applied to the loaded record in memory and scored
    /// as <see cref="EvaluationAsync"/> would score it once saved, with the rows' ids in the score's order. Nothing is written.
    /// </summary>
    public async Task<(LiveSelfEvaluationScore Score, IReadOnlyList<long> RowIds)> PreviewAsync(long id, SelfEvaluationInputForm input, Caller caller, CancellationToken ct = default)
    {
        var e = await db.SelfEvaluations.AsNoTracking().Include(x => x.Indicators).InScope(caller.Scope).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("自评表");
        if (!e.IsEditable) throw new DomainException($"自评表当前为“{e.State.ChineseName()}”，不能修改。");
        if (!caller.Has(SelfEvaluationWorkflow.Submitter(e)) || caller.OrganizationId != e.OrganizationId)
            throw new DomainException(e.IsDepartmentWide ? "部门整体自评表由预算部门填报。" : "自评表由项目单位填报。");
        foreach (var i in input.Indicators)
        {
            var row = e.Indicators.FirstOrDefault(x => x.Id == i.Id) ?? throw new DomainException("指标不属于本自评表，请刷新后重试。");
            row.Report(i.Actual, i.Band, i.Points, i.DeviationReason, i.Measures);
        }
        var (budget, executed) = await FiguresAsync(e, ct);
        return (await LiveAsync(e, budget, executed, ct), e.Indicators.OrderBy(i => i.SortOrder).Select(i => i.Id).ToList());
    }

    /// <summary>The fiscal year of a task in the caller's regions (a to-do's link names the task, not the year); null when there is none.</summary>
    public async Task<int?> TaskYearAsync(long taskId, Caller caller, CancellationToken ct = default)
    {
        var regions = caller.Scope.RegionIds.ToList();
        return await db.SelfEvaluationTasks.AsNoTracking().Where(t => t.Id == taskId && regions.Contains(t.RegionId)).Select(t => (int?)t.FiscalYear)
            .FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<SelfEvaluationTaskRow>> TasksAsync(int fiscalYear, Caller caller, CancellationToken ct = default)
    {
        var regions = caller.Scope.RegionIds.ToList();
        var orgs = caller.Scope.OrganizationIds.ToList();
        var rows = await db.SelfEvaluationTasks.AsNoTracking().Where(t => t.FiscalYear == fiscalYear && regions.Contains(t.RegionId))
            .OrderByDescending(t => t.Id)
            .Select(t => new
            {
                Row = new SelfEvaluationTaskRow(t.Id, t.FiscalYear, t.Title, t.Deadline, t.State, t.IssuedByName, t.IssuedAt,
                    db.SelfEvaluations.Count(x => x.TaskId == t.Id && orgs.Contains(x.OrganizationId)),
                    db.SelfEvaluations.Count(x => x.TaskId == t.Id && orgs.Contains(x.OrganizationId) && x.State != SelfEvaluationState.Draft && x.State != SelfEvaluationState.Returned),
                    db.SelfEvaluations.Count(x => x.TaskId == t.Id && orgs.Contains(x.OrganizationId) && x.State == SelfEvaluationState.DepartmentReviewed),
                    db.SelfEvaluations.Count(x => x.TaskId == t.Id && orgs.Contains(x.OrganizationId) && x.State == SelfEvaluationState.Returned),
                    t.Version, null, false, null, "全部项目", 0),
                t.DepartmentIds,
                t.KeyMonitoringOnly,
                t.ProjectCodes,
                t.SkippedProjects,
            })
            .ToListAsync(ct);
        var filters = rows.Select(x => new SelfEvaluationTask.FilterColumns(x.DepartmentIds, x.KeyMonitoringOnly, x.ProjectCodes).Filter).ToList();
        var departmentIds = filters.SelectMany(f => f.DepartmentIds).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => departmentIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return rows.Select((x, i) => x.Row with
        {
            DepartmentIds = filters[i].DepartmentIds,
            KeyMonitoringOnly = filters[i].KeyMonitoringOnly,
            ProjectCodes = filters[i].ProjectCodes,
            FilterText = FilterText(filters[i], names),
            SkippedProjects = x.SkippedProjects,
        }).ToList();
    }

    /// <summary>The departments of the performance section's region (the issue form's department filter); empty for anyone else.</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> IssuableDepartmentsAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Role.PerformanceSection)) return [];
        var region = caller.Scope.HomeRegionId;
        return (await db.Organizations.AsNoTracking().Where(o => o.RegionId == region && o.Kind == OrganizationKind.Department).OrderBy(o => o.Code)
            .Select(o => new { o.Id, o.Name }).ToListAsync(ct)).Select(o => (o.Id, o.Name)).ToList();
    }

    /// <summary>A task's filter in Chinese, e.g. "部门：长治市教育局、长治市民政局；仅重点监控项目；项目代码：A01、A02".</summary>
    public static string FilterText(SelfEvaluationTaskFilter f, IReadOnlyDictionary<long, string> departmentNames)
    {
        if (f.IsAll) return "全部项目";
        var parts = new List<string>();
        if (f.DepartmentIds.Count > 0) parts.Add($"部门：{string.Join("、", f.DepartmentIds.Select(d => departmentNames.GetValueOrDefault(d, d.ToString())))}");
        if (f.KeyMonitoringOnly) parts.Add("仅重点监控项目");
        if (f.ProjectCodes.Count > 0)
            parts.Add($"项目代码：{string.Join("、", f.ProjectCodes.Take(20))}{(f.ProjectCodes.Count > 20 ? $"等{f.ProjectCodes.Count}个" : "")}");
        return string.Join("；", parts);
    }

    public async Task<IReadOnlyList<SelfEvaluationRow>> EvaluationsAsync(SelfEvaluationFilter f, Caller caller, CancellationToken ct = default)
    {
        var q = db.SelfEvaluations.AsNoTracking().InScope(caller.Scope).Where(e => e.FiscalYear == f.FiscalYear);
        if (f.TaskId is { } t) q = q.Where(e => e.TaskId == t);
        if (f.DepartmentId is { } dept) q = q.Where(e => e.DepartmentId == dept);
        if (f.Grade is { } g) q = q.Where(e => e.Grade == g);
        if (f.State is { } s) q = q.Where(e => e.State == s);
        return await (from e in q
                      join p in db.Projects on e.ProjectId equals p.Id
                      join u in db.Organizations on e.OrganizationId equals u.Id
                      join d in db.Organizations on e.DepartmentId equals d.Id
                      orderby d.Code, p.Code
                      select new SelfEvaluationRow(e.Id, e.TaskId, p.Id, p.Code, p.Name, u.Id, u.Name, d.Id, d.Name, e.State, e.Total, e.Grade,
                          e.SubmittedAt, e.Version)).ToListAsync(ct);
    }

    public async Task<SelfEvaluationView> EvaluationAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        var task = await db.SelfEvaluationTasks.AsNoTracking().FirstAsync(t => t.Id == e.TaskId, ct);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == e.ProjectId, ct);
        var names = await db.Organizations.AsNoTracking().Where(o => o.Id == e.OrganizationId || o.Id == e.DepartmentId).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        decimal budget, executed;
        LiveSelfEvaluationScore score;
        if (!e.IsEditable && e.FullYearBudget is { } b && e.Executed is { } x && e.Total is { } total && e.Grade is { } grade)
        {
            (budget, executed) = (b, x);
            var versionNo = await db.RuleSets.AsNoTracking().Where(r => r.Id == e.RuleSetId).Select(r => (int?)r.VersionNo).FirstOrDefaultAsync(ct);
            var rows = e.Indicators.OrderBy(i => i.SortOrder).ToList();
            var stored = rows.Select(i => new LiveIndicatorScore(i.Points, i.Met, i.OverAchieved, !i.Met || i.OverAchieved, i.ScoreExplanation ?? "", null)).ToList();
            score = new(b == 0m ? null : x / b, e.ExecutionPoints, e.ExecutionExplanation ?? "", stored, total, grade, true, e.RuleSetId, versionNo, []);
        }
        else
        {
            (budget, executed) = await FiguresAsync(e, ct);
            score = await LiveAsync(e, budget, executed, ct);
        }
        var actions = SelfEvaluationWorkflow.For(e).ActionsFrom(e.State, caller.Roles)
            .Where(a => a != SelfEvaluationAction.Submit || caller.OrganizationId == e.OrganizationId).ToList();
        var canEdit = e.IsEditable && caller.Has(SelfEvaluationWorkflow.Submitter(e)) && caller.OrganizationId == e.OrganizationId
            && task.State == SelfEvaluationTaskState.Open;
        var history = await db.WorkflowSteps.AsNoTracking().Where(s => s.SubjectType == SubjectType && s.SubjectId == id.ToString()).OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);
        return new(e, task, project, names.GetValueOrDefault(e.OrganizationId, ""), names.GetValueOrDefault(e.DepartmentId, ""), budget, executed, score,
            actions, canEdit, history);
    }

    public async Task<SelfEvaluation> SaveAsync(long id, int version, SelfEvaluationInputForm input, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        if (!caller.Has(SelfEvaluationWorkflow.Submitter(e)) || caller.OrganizationId != e.OrganizationId)
            throw new DomainException(e.IsDepartmentWide ? "部门整体自评表由预算部门填报。" : "自评表由项目单位填报。");
        var task = await db.SelfEvaluationTasks.AsNoTracking().FirstAsync(t => t.Id == e.TaskId, ct);
        if (task.State != SelfEvaluationTaskState.Open) throw new DomainException("该自评任务已经结束，不能再填报。");
        db.ExpectVersion(e, version);
        e.Edit(input.ActualOutcome);
        foreach (var i in input.Indicators)
        {
            var row = e.Indicators.FirstOrDefault(x => x.Id == i.Id) ?? throw new DomainException("指标不属于本自评表，请刷新后重试。");
            row.Report(i.Actual, i.Band, i.Points, i.DeviationReason, i.Measures);
        }
        if (db.Entry(e).State == EntityState.Unchanged) db.Entry(e).Property(x => x.Version).IsModified = true;
        await db.SaveChangesAsync(ct);
        return e;
    }

    public async Task<SelfEvaluation> ActAsync(long id, int version, SelfEvaluationAction action, string? reason, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        db.ExpectVersion(e, version);
        var t = SelfEvaluationWorkflow.For(e).Check(e.State, action, caller.Roles, reason);
        var task = await db.SelfEvaluationTasks.AsNoTracking().FirstAsync(x => x.Id == e.TaskId, ct);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == e.ProjectId, ct);
        string? comment = reason;
        if (action == SelfEvaluationAction.Submit)
        {
            if (caller.OrganizationId != e.OrganizationId) throw new DomainException("只能提交本单位的自评表。");
            if (task.State != SelfEvaluationTaskState.Open) throw new DomainException("该自评任务已经结束，不能再提交。");
            var rows = e.Indicators.OrderBy(i => i.SortOrder).ToList();
            var empty = rows.Where(i => i.Comparison == Indicators.Comparison.Qualitative ? i.Band is null || i.EnteredPoints is null : i.Actual is null)
                .Select(i => $"“{i.Name}”").ToList();
            if (empty.Count > 0) throw new DomainException($"请先填写{string.Join("、", empty.Take(10))}的完成情况{(empty.Count > 10 ? $"等{empty.Count}个指标" : "")}。");
            var (budget, executed) = await FiguresAsync(e, ct);
            var ruleSet = await rules.EnsureAsync(e.RegionId, e.FiscalYear, ct);
            // The engine's refusals (a qualitative score outside its band, …) reach the unit as they are.
            var score = SelfEvaluationScoring.Score(new SelfEvaluationInput(budget, Math.Max(0m, executed), rows.Select(i => i.ToScoring()).ToList()),
                ruleSet.Content, ruleSet.Id);
            var missing = rows.Select((i, n) => (i, s: score.Indicators[n]))
                .Where(x => x.s.NeedsExplanation && (x.i.DeviationReason is null || x.i.Measures is null))
                .Select(x => $"“{x.i.Name}”{(x.s.OverAchieved ? "超额完成" : "未达成目标")}，请填写偏差原因分析及改进措施").ToList();
            if (missing.Count > 0) throw new DomainException(string.Join("；", missing.Take(5)) + "。");
            e.Fix(budget, executed, score, ruleSet.Id);
            comment = $"总分 {score.Total:0.00}，{score.Grade.ChineseName()}（规则第 {ruleSet.VersionNo} 版）";
        }
        e.Move(t.To, reason?.Trim(), db.Now);
        WorkflowRecorder.Record(db, SubjectType, e.Id.ToString(), t, caller.Roles.First(t.Roles.Contains), action == SelfEvaluationAction.Submit ? comment : reason);
        await todos.CompleteFor(SubjectType, e.Id.ToString(), ct);
        // The unit's to-do for the task stays open while any other of its forms in the task is still to be submitted.
        if (action == SelfEvaluationAction.Submit && !await db.SelfEvaluations.AnyAsync(x => x.TaskId == task.Id && x.OrganizationId == e.OrganizationId
                && x.Id != e.Id && (x.State == SelfEvaluationState.Draft || x.State == SelfEvaluationState.Returned), ct))
            await todos.CompleteFor(nameof(SelfEvaluationTask), $"{task.Id}-{e.OrganizationId}", ct);
        var reviewer = e.IsDepartmentWide
            ? (await db.Organizations.AsNoTracking().Where(o => o.RegionId == e.RegionId && o.Kind == OrganizationKind.PerformanceSection)
                .Select(o => (long?)o.Id).FirstOrDefaultAsync(ct), Role.PerformanceSection)
            : ((long?)e.DepartmentId, Role.Department);
        (long? Org, Role Role, string Title)? next = e.State switch
        {
            SelfEvaluationState.Submitted => (reviewer.Item1, reviewer.Item2, $"审核{(e.IsDepartmentWide ? "部门整体" : "")}绩效自评：{project.Name}"),
            SelfEvaluationState.Returned => (e.OrganizationId, SelfEvaluationWorkflow.Submitter(e), $"修改被退回的绩效自评表：{project.Name}"),
            _ => null,
        };
        if (next is { Org: not null } n)
            todos.Assign(new Todo(e.RegionId, e.FiscalYear, n.Title, $"/Evaluations/SelfEvaluation?id={e.Id}", SubjectType, e.Id.ToString(), db.Now, null, null, n.Org, n.Role));
        await db.SaveChangesAsync(ct);
        return e;
    }

    private async Task<SelfEvaluation> LoadAsync(long id, Caller caller, CancellationToken ct) =>
        await db.SelfEvaluations.Include(e => e.Indicators).InScope(caller.Scope).FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("自评表");

    /// <summary>全年预算数 and 全年执行数 as the warning board computes them at the end of December: one computation, the same numbers.</summary>
    private async Task<(decimal Budget, decimal Executed)> FiguresAsync(SelfEvaluation e, CancellationToken ct)
    {
        if (e.IsDepartmentWide)
        {
            // The whole-spending record is not on the warning board: its budget after any adjustment, its payments of the year.
            var total = await db.Projects.AsNoTracking().Where(p => p.Id == e.ProjectId).Select(p => p.TotalBudget).FirstAsync(ct);
            var adjusted = (await db.FinanceActions.AsNoTracking().Where(a => a.ProjectId == e.ProjectId && a.NewBudget != null)
                .Select(a => new { a.Id, a.NewBudget }).ToListAsync(ct)).OrderBy(a => a.Id).LastOrDefault()?.NewBudget;
            var paid = (await db.Payments.AsNoTracking().Where(x => x.FiscalYear == e.FiscalYear && x.ProjectId == e.ProjectId)
                .Select(x => x.Amount).ToListAsync(ct)).Sum();
            return (adjusted ?? total, paid);
        }
        var row = (await board.ComputeAsync(new OrgScope(e.RegionId, new HashSet<long> { e.OrganizationId }, new HashSet<long> { e.RegionId }),
            new WarningFilter(e.FiscalYear, 12), ct)).First(x => x.ProjectId == e.ProjectId);
        return (row.Budget, row.Executed);
    }

    private async Task<LiveSelfEvaluationScore> LiveAsync(SelfEvaluation e, decimal budget, decimal executed, CancellationToken ct)
    {
        var effective = await rules.ResolveAsync(e.RegionId, e.FiscalYear, ct);
        var r = effective.Content.SelfEvaluation;
        decimal? rate = null, executionPoints = null;
        string executionExplanation;
        try
        {
            (var x, var p, executionExplanation) = SelfEvaluationScoring.Execution(budget, Math.Max(0m, executed), r);
            (rate, executionPoints) = (x, p);
        }
        catch (DomainException ex)
        {
            executionExplanation = ex.Message;
        }
        var rows = e.Indicators.OrderBy(i => i.SortOrder).ToList();
        var scores = new List<LiveIndicatorScore>(rows.Count);
        foreach (var i in rows)
        {
            try
            {
                var s = SelfEvaluationScoring.ScoreIndicator(i.ToScoring(), r);
                scores.Add(new(s.Points, s.Met, s.OverAchieved, s.NeedsExplanation, s.Explanation, null));
            }
            catch (DomainException ex)
            {
                scores.Add(new(null, false, false, true, "", ex.Message));
            }
        }
        var total = SelfEvaluationScoring.RoundTotal((executionPoints ?? 0m) + scores.Sum(s => s.Points ?? 0m));
        var warnings = SelfEvaluationScoring.CheckWeights(rows.Select(i => i.ToScoring()).ToList(), r).Select(f => f.Message).ToList();
        return new(rate, executionPoints, executionExplanation, scores, total, effective.Content.Grades.GradeOf(total),
            executionPoints is not null && scores.All(s => s.Points is not null), effective.Stored?.Id, effective.Stored?.VersionNo, warnings);
    }
}
