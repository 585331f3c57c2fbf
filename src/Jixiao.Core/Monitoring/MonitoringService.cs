using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Jixiao.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Monitoring;

public sealed record RoundInput(int Month, DateOnly DueDate, string Title, RoundCoverage Coverage);

public sealed record RoundRow(long Id, int FiscalYear, int Month, DateOnly DueDate, string Title, RoundCoverage Coverage, RoundState State,
    string IssuedByName, DateTime IssuedAt, int Reports, int Submitted, int Reviewed, int Returned, int Version);

public sealed record ReportRow(long Id, long RoundId, long ProjectId, string ProjectCode, string ProjectName, long UnitId, string UnitName,
    long DepartmentId, string DepartmentName, MonitoringState State, decimal? Budget, decimal? Executed, WarningColor? BudgetColor,
    WarningColor? ProjectColor, DateTime? SubmittedAt, int Version);

public sealed record IndicatorReportInput(long Id, decimal? ToDate = null, decimal? ExpectedFullYear = null, QualitativeBand? Band = null,
    DeviationReason? DeviationReason = null, Likelihood? Likelihood = null, string? Explanation = null);

public sealed record ReportInput(string? Explanation, IReadOnlyList<IndicatorReportInput> Indicators);

/// <summary>A report with the live figures (before submission) or the fixed ones (after), and what the caller may do.</summary>
public sealed record ReportView(MonitoringReport Report, MonitoringRound Round, Project Project, string UnitName, string DepartmentName,
    decimal Budget, decimal Executed, WarningResult Warning, FundingState Funding, IReadOnlyList<MonitoringAction> Actions, bool CanEdit,
    IReadOnlyList<WorkflowStep> History);

public sealed record FinanceActionInput(FinanceActionKind Kind, string Reason, DateOnly? EffectiveFrom = null, decimal? NewBudget = null);

/// <summary>
/// 双监控 rounds (Art. 19-22): the performance section issues a round; each covered unit reports its indicators, execution
/// coming from the imported payments; the department and the budget section review with reasons for returns; the finance
/// bureau records its actions (暂缓/停止拨款, 调整/取消预算), and payments of a blocked project are flagged.
/// </summary>
public sealed class MonitoringService(JixiaoDbContext db, RuleSetService rules, TodoService todos, WarningBoard board)
{
    public const string SubjectType = nameof(MonitoringReport);
    public const string FundingSubjectType = "ProjectFunding";

    public async Task<MonitoringRound> IssueRoundAsync(int fiscalYear, RoundInput input, Caller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Role.PerformanceSection)) throw new DomainException("监控轮次由财政部门绩效管理科下达。");
        var regionId = caller.Scope.HomeRegionId;
        var round = new MonitoringRound(regionId, fiscalYear, input.Month, input.DueDate, input.Title, input.Coverage, db.Actor.Name, db.Now);
        if (await db.MonitoringRounds.AnyAsync(r => r.RegionId == regionId && r.FiscalYear == fiscalYear && r.Month == input.Month && r.State == RoundState.Open, ct))
            throw new DomainException($"{fiscalYear}年{input.Month}月的监控轮次已经下达且尚未结束。");
        var effective = (await rules.ResolveAsync(regionId, fiscalYear, ct)).Content.Monitoring;
        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.RegionId == regionId && p.FiscalYear == fiscalYear && p.Kind != ProjectKind.OverallSpending)
            .Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => new { p, o.Kind }).Where(x => x.Kind == OrganizationKind.BudgetUnit)
            .Select(x => x.p).ToListAsync(ct);
        var goals = await db.PerformanceGoals.AsNoTracking().Include(g => g.Indicators)
            .Where(g => g.FiscalYear == fiscalYear && g.RegionId == regionId && (g.State == GoalState.Approved || g.State == GoalState.Published))
            .ToListAsync(ct);
        var inForce = goals.GroupBy(g => g.ProjectId).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.VersionNo).First());
        projects = projects.Where(p => inForce.ContainsKey(p.Id)).ToList();
        if (input.Coverage == RoundCoverage.KeyMonitoring)
        {
            var executed = await db.Payments.AsNoTracking().Where(x => x.FiscalYear == fiscalYear && x.PaymentDate <= round.DataEnd && x.RegionId == regionId)
                .GroupBy(x => x.ProjectId).Select(g => new { g.Key, Sum = g.Sum(x => x.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
            projects = projects.Where(p => WarningBoard.IsKeyMonitoring(p.TotalBudget, WarningRules.ExecutionRate(p.TotalBudget, executed.GetValueOrDefault(p.Id)), effective)).ToList();
        }
        if (projects.Count == 0) throw new DomainException("没有符合条件的项目（须为目标已批复的项目）：未下达监控轮次。");
        db.MonitoringRounds.Add(round);
        await db.SaveChangesAsync(ct);
        var due = round.DueDate.ToDateTime(new TimeOnly(23, 59)).AddHours(-8);
        foreach (var p in projects)
        {
            var goal = inForce[p.Id];
            db.MonitoringReports.Add(new MonitoringReport(round.Id, p.Id, p.RegionId, fiscalYear, p.OrganizationId, p.DepartmentId,
                goal.Indicators.OrderBy(i => i.SortOrder).Select(i => new MonitoringIndicator(i.Id, i.SortOrder, i.Level1, i.Level2, i.Name, i.Comparison, i.TargetValue, i.TargetText, i.Unit))));
        }
        foreach (var unit in projects.Select(p => p.OrganizationId).Distinct())
            todos.Assign(new Todo(regionId, fiscalYear, $"填报绩效运行监控：{round.Title}", $"/Monitoring/Reports?roundId={round.Id}", nameof(MonitoringRound),
                $"{round.Id}-{unit}", db.Now, due, null, unit, Role.BudgetUnit));
        db.Audit("monitoring.round", nameof(MonitoringRound), round.Id.ToString(), new { round.Title, round.Month, projects = projects.Count, coverage = input.Coverage.ToString() });
        await db.SaveChangesAsync(ct);
        return round;
    }

    public async Task<MonitoringRound> CloseRoundAsync(long id, int version, Caller caller, CancellationToken ct = default)
    {
        var round = await RoundAsync(id, caller, ct);
        if (!caller.Has(Role.PerformanceSection)) throw new DomainException("监控轮次由财政部门绩效管理科结束。");
        db.ExpectVersion(round, version);
        round.Close();
        await db.SaveChangesAsync(ct);
        return round;
    }

    public async Task<IReadOnlyList<RoundRow>> RoundsAsync(int fiscalYear, Caller caller, CancellationToken ct = default)
    {
        var regions = caller.Scope.RegionIds.ToList();
        var orgs = caller.Scope.OrganizationIds.ToList();
        return await db.MonitoringRounds.AsNoTracking().Where(r => r.FiscalYear == fiscalYear && regions.Contains(r.RegionId))
            .OrderByDescending(r => r.Month).ThenByDescending(r => r.Id)
            .Select(r => new RoundRow(r.Id, r.FiscalYear, r.Month, r.DueDate, r.Title, r.Coverage, r.State, r.IssuedByName, r.IssuedAt,
                db.MonitoringReports.Count(x => x.RoundId == r.Id && orgs.Contains(x.OrganizationId)),
                db.MonitoringReports.Count(x => x.RoundId == r.Id && orgs.Contains(x.OrganizationId) && x.State != MonitoringState.Draft && x.State != MonitoringState.Returned),
                db.MonitoringReports.Count(x => x.RoundId == r.Id && orgs.Contains(x.OrganizationId) && x.State == MonitoringState.FinanceReviewed),
                db.MonitoringReports.Count(x => x.RoundId == r.Id && orgs.Contains(x.OrganizationId) && x.State == MonitoringState.Returned),
                r.Version))
            .ToListAsync(ct);
    }

    public async Task<MonitoringRound> RoundAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var regions = caller.Scope.RegionIds.ToList();
        return await db.MonitoringRounds.FirstOrDefaultAsync(r => r.Id == id && regions.Contains(r.RegionId), ct) ?? throw new NotFoundException("监控轮次");
    }

    public async Task<IReadOnlyList<ReportRow>> ReportsAsync(long roundId, Caller caller, MonitoringState? state = null, CancellationToken ct = default)
    {
        await RoundAsync(roundId, caller, ct);
        var q = db.MonitoringReports.AsNoTracking().InScope(caller.Scope).Where(r => r.RoundId == roundId);
        if (state is { } s) q = q.Where(r => r.State == s);
        return await (from r in q
                      join p in db.Projects on r.ProjectId equals p.Id
                      join u in db.Organizations on r.OrganizationId equals u.Id
                      join d in db.Organizations on r.DepartmentId equals d.Id
                      orderby d.Code, p.Code
                      select new ReportRow(r.Id, r.RoundId, p.Id, p.Code, p.Name, u.Id, u.Name, d.Id, d.Name, r.State, r.Budget, r.Executed,
                          r.BudgetColor, r.ProjectColor, r.SubmittedAt, r.Version)).ToListAsync(ct);
    }

    public async Task<ReportView> ReportAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var report = await LoadReportAsync(id, caller, ct);
        var round = await db.MonitoringRounds.AsNoTracking().FirstAsync(r => r.Id == report.RoundId, ct);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == report.ProjectId, ct);
        var names = await db.Organizations.AsNoTracking().Where(o => o.Id == report.OrganizationId || o.Id == report.DepartmentId).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var (budget, executed, warning, funding) = await LiveAsync(report, round, ct);
        if (!report.IsEditable && report.Budget is { } b && report.Executed is { } e)
        {
            (budget, executed) = (b, e);
            var r = (await rules.ResolveAsync(report.RegionId, report.FiscalYear, ct)).Content.Monitoring;
            warning = WarningRules.Evaluate(new WarningInput(round.Month, b, e, report.Indicators.OrderBy(i => i.SortOrder).Select(i => i.Progress).ToList()), r);
        }
        var actions = MonitoringWorkflow.Machine.ActionsFrom(report.State, caller.Roles)
            .Where(a => a != MonitoringAction.Submit || caller.OrganizationId == report.OrganizationId).ToList();
        var canEdit = report.IsEditable && caller.Has(Role.BudgetUnit) && caller.OrganizationId == report.OrganizationId && round.State == RoundState.Open;
        var history = await db.WorkflowSteps.AsNoTracking().Where(s => s.SubjectType == SubjectType && s.SubjectId == id.ToString()).OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);
        return new(report, round, project, names.GetValueOrDefault(report.OrganizationId, ""), names.GetValueOrDefault(report.DepartmentId, ""),
            budget, executed, warning, funding, actions, canEdit, history);
    }

    public async Task<MonitoringReport> SaveReportAsync(long id, int version, ReportInput input, Caller caller, CancellationToken ct = default)
    {
        var report = await LoadReportAsync(id, caller, ct);
        if (!caller.Has(Role.BudgetUnit) || caller.OrganizationId != report.OrganizationId) throw new DomainException("监控表由项目单位填报。");
        var round = await db.MonitoringRounds.AsNoTracking().FirstAsync(r => r.Id == report.RoundId, ct);
        if (round.State != RoundState.Open) throw new DomainException("该监控轮次已经结束，不能再填报。");
        db.ExpectVersion(report, version);
        report.Edit(input.Explanation);
        foreach (var i in input.Indicators)
        {
            var indicator = report.Indicators.FirstOrDefault(x => x.Id == i.Id) ?? throw new DomainException("指标不属于本监控表，请刷新后重试。");
            if (i.ToDate is < 0m || i.ExpectedFullYear is < 0m) throw new DomainException($"指标“{indicator.Name}”的完成值不能为负数。");
            indicator.Report(i.ToDate, i.ExpectedFullYear, i.Band, i.DeviationReason, i.Likelihood, i.Explanation);
        }
        if (db.Entry(report).State == EntityState.Unchanged) db.Entry(report).Property(r => r.Version).IsModified = true;
        await db.SaveChangesAsync(ct);
        return report;
    }

    public async Task<MonitoringReport> ActAsync(long id, int version, MonitoringAction action, string? reason, Caller caller, CancellationToken ct = default)
    {
        var report = await LoadReportAsync(id, caller, ct);
        db.ExpectVersion(report, version);
        var t = MonitoringWorkflow.Machine.Check(report.State, action, caller.Roles, reason);
        var round = await db.MonitoringRounds.AsNoTracking().FirstAsync(r => r.Id == report.RoundId, ct);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == report.ProjectId, ct);
        if (action == MonitoringAction.Submit)
        {
            if (caller.OrganizationId != report.OrganizationId) throw new DomainException("只能报送本单位的监控表。");
            if (round.State != RoundState.Open) throw new DomainException("该监控轮次已经结束，不能再报送。");
            var (budget, executed, warning, _) = await LiveAsync(report, round, ct);
            var indicators = report.Indicators.OrderBy(i => i.SortOrder).ToList();
            var empty = indicators.Where(i => i.Comparison == Indicators.Comparison.Qualitative ? i.Band is null : i.ToDate is null).Select(i => $"“{i.Name}”").ToList();
            if (empty.Count > 0) throw new DomainException($"请先填写{string.Join("、", empty.Take(10))}的完成情况{(empty.Count > 10 ? $"等{empty.Count}个指标" : "")}。");
            var missing = new List<string>();
            for (var n = 0; n < indicators.Count; n++)
            {
                var i = indicators[n];
                i.Colour(warning.IndicatorColors[n]);
                if (warning.IndicatorColors[n] is WarningColor.Red or WarningColor.Yellow && (i.DeviationReason is null || i.Likelihood is null || i.Explanation is null))
                    missing.Add($"“{i.Name}”偏离目标（{warning.IndicatorColors[n].ChineseName()}），请填写偏差原因、完成可能性和说明");
            }
            if (missing.Count > 0) throw new DomainException(string.Join("；", missing.Take(5)) + "。");
            report.Fix(budget, executed, warning.BudgetColor, warning.ProjectColor);
        }
        report.Move(t.To, reason?.Trim(), db.Now);
        WorkflowRecorder.Record(db, SubjectType, report.Id.ToString(), t, caller.Roles.First(t.Roles.Contains), reason);
        await todos.CompleteFor(SubjectType, report.Id.ToString(), ct);
        await todos.CompleteFor(nameof(MonitoringRound), $"{round.Id}-{report.OrganizationId}", ct);
        (long? Org, Role Role, string Title)? next = report.State switch
        {
            MonitoringState.Submitted => (report.DepartmentId, Role.Department, $"审核绩效运行监控：{project.Name}"),
            MonitoringState.DepartmentReviewed => (await db.BudgetSectionAssignments.Where(a => a.DepartmentId == report.DepartmentId).Select(a => (long?)a.SectionId).FirstOrDefaultAsync(ct),
                Role.BudgetSection, $"审核绩效运行监控：{project.Name}"),
            MonitoringState.Returned => (report.OrganizationId, Role.BudgetUnit, $"修改被退回的绩效运行监控表：{project.Name}"),
            _ => null,
        };
        if (next is { Org: { } org } assignee)
            todos.Assign(new Todo(report.RegionId, report.FiscalYear, assignee.Title, $"/Monitoring/Report?id={report.Id}", SubjectType, report.Id.ToString(), db.Now, null, null, org, assignee.Role));
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>The current funding state of a project (normal unless a finance action says otherwise).</summary>
    public async Task<FundingState> FundingAsync(long projectId, CancellationToken ct = default) =>
        await db.FinanceActions.AsNoTracking().Where(a => a.ProjectId == projectId).OrderByDescending(a => a.Id).Select(a => (FundingState?)a.ResultingState).FirstOrDefaultAsync(ct)
        ?? FundingState.Normal;

    /// <summary>The funding state of each of the given projects that is not normal (for badges on lists).</summary>
    public async Task<Dictionary<long, FundingState>> BlockedFundingAsync(IReadOnlyCollection<long> projectIds, CancellationToken ct = default)
    {
        var actions = await db.FinanceActions.AsNoTracking().Where(a => projectIds.Contains(a.ProjectId)).OrderBy(a => a.Id)
            .Select(a => new { a.ProjectId, a.ResultingState }).ToListAsync(ct);
        return actions.GroupBy(a => a.ProjectId).Select(g => (g.Key, g.Last().ResultingState)).Where(x => x.ResultingState != FundingState.Normal)
            .ToDictionary(x => x.Key, x => x.ResultingState);
    }

    public async Task<IReadOnlyList<FinanceAction>> FinanceActionsAsync(long projectId, Caller caller, CancellationToken ct = default)
    {
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null || !caller.Scope.CanSeeOrganization(project.OrganizationId)) throw new NotFoundException("项目");
        return await db.FinanceActions.AsNoTracking().Where(a => a.ProjectId == projectId).OrderBy(a => a.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Records a finance action (Art. 22). From its effective date, payments of a suspended, stopped or cancelled project — those
    /// already imported and those imported later — are flagged as exceptions; a budget adjustment asks the unit to adjust its goals.
    /// </summary>
    public async Task<FinanceAction> ActOnFundingAsync(long projectId, FinanceActionInput input, Caller caller, CancellationToken ct = default)
    {
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null || !caller.Scope.CanSeeOrganization(project.OrganizationId)) throw new NotFoundException("项目");
        var from = await FundingAsync(projectId, ct);
        var t = FinanceActions.Machine.Check(from, input.Kind, caller.Roles, input.Reason);
        var effective = input.EffectiveFrom ?? DateOnly.FromDateTime(ChinaTime.FromUtc(db.Now));
        if (effective.Year != project.FiscalYear) throw new DomainException($"生效日期应在{project.FiscalYear}年度内。");
        var action = new FinanceAction(project.Id, project.RegionId, project.FiscalYear, project.OrganizationId, input.Kind, t.To, input.Reason, effective, input.NewBudget, db.Actor.Name, db.Now);
        db.FinanceActions.Add(action);
        WorkflowRecorder.Record(db, FundingSubjectType, project.Id.ToString(), t, caller.Roles.First(t.Roles.Contains),
            input.Kind == FinanceActionKind.AdjustBudget ? $"{input.Reason.Trim()}（调整后全年预算 {input.NewBudget:#,##0.00} 元）" : input.Reason);
        if (input.Kind == FinanceActionKind.AdjustBudget)
            todos.Assign(new Todo(project.RegionId, project.FiscalYear, $"预算已调整，请同步调整绩效目标：{project.Name}", $"/Goals/Edit?projectId={project.Id}",
                FundingSubjectType, project.Id.ToString(), db.Now, null, null, project.OrganizationId, Role.BudgetUnit));
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        if (t.To.BlocksPayments())
            await FundingChecks.FlagPaymentsAsync(db, [project.Id], ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return action;
    }

    private async Task<MonitoringReport> LoadReportAsync(long id, Caller caller, CancellationToken ct) =>
        await db.MonitoringReports.Include(r => r.Indicators).InScope(caller.Scope).FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("监控表");

    private async Task<(decimal Budget, decimal Executed, WarningResult Warning, FundingState Funding)> LiveAsync(MonitoringReport report, MonitoringRound round, CancellationToken ct)
    {
        var row = (await board.ComputeAsync(new OrgScope(report.RegionId, new HashSet<long> { report.OrganizationId }, new HashSet<long> { report.RegionId }),
            new WarningFilter(report.FiscalYear, round.Month), ct)).First(x => x.ProjectId == report.ProjectId);
        var r = (await rules.ResolveAsync(report.RegionId, report.FiscalYear, ct)).Content.Monitoring;
        var indicators = report.Indicators.OrderBy(i => i.SortOrder).Select(i => i.Comparison == Indicators.Comparison.Qualitative
            ? i.Progress with { Band = i.Band ?? QualitativeBand.NotAchieved }
            : i.Progress with { Target = i.Target ?? 0m, ToDate = i.ToDate ?? 0m }).ToList();
        var warning = WarningRules.Evaluate(new WarningInput(round.Month, row.Budget, Math.Max(0m, row.Executed), indicators), r);
        return (row.Budget, row.Executed, warning, row.Funding);
    }
}
