using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Jixiao.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Goals;

public sealed record IndicatorInput(
    string Level1, string Level2, string Name, Comparison Comparison, decimal? TargetValue, string? TargetText, string? Unit,
    decimal Weight, string? ScoringStandard, TargetBasis Basis, string? Remark, long? LibraryIndicatorId);

public sealed record GoalInput(string? MediumTermGoal, string? AnnualGoal, IReadOnlyList<IndicatorInput> Indicators, string? AdjustmentReason = null);

/// <summary>The four criteria of a goal review (财预〔2015〕88号 "四性"), 25 points each.</summary>
public sealed record GoalReviewScore(decimal Completeness, decimal Relevance, decimal Appropriateness, decimal Feasibility)
{
    public decimal Total => Completeness + Relevance + Appropriateness + Feasibility;

    public void Validate()
    {
        foreach (var v in new[] { Completeness, Relevance, Appropriateness, Feasibility })
            if (v is < 0m or > 25m) throw new DomainException("完整性、相关性、适当性、可行性每项评分应在0到25分之间。");
    }
}

public sealed record GoalView(Project Project, PerformanceGoal? Current, PerformanceGoal? InForce, IReadOnlyList<GoalFinding> Findings,
    IReadOnlyList<GoalAction> AvailableActions, bool CanEdit, bool CanAdjust, IReadOnlyList<WorkflowStep> History);

/// <summary>Tells whether a project may ask for money yet (Art. 14: the ex-ante assessment is a required element).</summary>
public interface IPriorAssessmentGate
{
    /// <summary>Null when the project may be submitted; else the Chinese reason and where to go.</summary>
    Task<string?> BlockReasonAsync(Project project, CancellationToken ct);
}

/// <summary>
/// Performance goals through their workflow (<see cref="GoalWorkflow"/>): drafts, the quality check, submission,
/// reviews with reasons, approval with the budget, publication, and adjustments as new versions.
/// </summary>
public sealed class GoalService(JixiaoDbContext db, RuleSetService rules, TodoService todos, IPriorAssessmentGate gate)
{
    public const string SubjectType = nameof(PerformanceGoal);

    public async Task<GoalView> ViewAsync(Project project, IReadOnlyCollection<Role> roles, long? actingOrganizationId, CancellationToken ct = default)
    {
        var versions = await db.PerformanceGoals.AsNoTracking().Include(g => g.Indicators)
            .Where(g => g.ProjectId == project.Id).OrderByDescending(g => g.VersionNo).ToListAsync(ct);
        var current = versions.FirstOrDefault(g => g.State != GoalState.Superseded);
        var inForce = versions.FirstOrDefault(g => g.State.IsInForce());
        var findings = current is null ? [] : await FindingsAsync(project, current, ct);
        var machine = await MachineForAsync(project, ct);
        var owner = actingOrganizationId == project.OrganizationId;
        var actions = current is null ? [] : machine.ActionsFrom(current.State, roles)
            .Where(a => a != GoalAction.Submit || owner).ToList();
        var submitter = machine.Transitions.First(t => t.Action == GoalAction.Submit).Roles;
        var canEdit = owner && roles.Any(submitter.Contains) && (current is null || current.State.IsEditable());
        var canAdjust = owner && roles.Any(submitter.Contains) && current is not null && current.State.IsInForce();
        var ids = versions.Select(v => v.Id.ToString()).ToList();
        var history = await db.WorkflowSteps.AsNoTracking().Where(s => s.SubjectType == SubjectType && ids.Contains(s.SubjectId))
            .OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);
        return new(project, current, inForce, findings, actions, canEdit, canAdjust, history);
    }

    public async Task<IReadOnlyList<GoalFinding>> FindingsAsync(Project project, PerformanceGoal goal, CancellationToken ct = default)
    {
        var r = await rules.ResolveAsync(project.RegionId, project.FiscalYear, ct);
        return GoalQualityCheck.Check(new GoalDraft(goal.MediumTermGoal, goal.AnnualGoal, goal.Specs, project.TotalBudget), r.Content);
    }

    /// <summary>Saves the editable version (creating version 1 on first save). Drafts may be incomplete; the check runs on submit.</summary>
    public async Task<PerformanceGoal> SaveDraftAsync(Project project, int? version, GoalInput input, long? actingOrganizationId, IReadOnlyCollection<Role> roles, CancellationToken ct = default)
    {
        await EnsureSubmitterAsync(project, actingOrganizationId, roles, ct);
        var goal = await db.PerformanceGoals.Include(g => g.Indicators)
            .Where(g => g.ProjectId == project.Id && g.State != GoalState.Superseded)
            .OrderByDescending(g => g.VersionNo).FirstOrDefaultAsync(ct);
        if (goal is null)
        {
            goal = new PerformanceGoal(project.Id, project.RegionId, project.FiscalYear, project.OrganizationId, project.DepartmentId, 1, GoalState.Draft);
            db.PerformanceGoals.Add(goal);
        }
        else if (version is { } v)
        {
            db.ExpectVersion(goal, v);
        }
        else
        {
            throw new ConcurrencyConflictException("请基于最新的目标版本修改（缺少版本号）。");
        }
        if (input.Indicators.Any(i => i.Weight < 0m || i.TargetValue < 0m))
            throw new DomainException("指标分值和目标值不能为负数。");
        goal.Edit(input.MediumTermGoal, input.AnnualGoal, input.Indicators.Select(i => new GoalIndicator(i.Level1, i.Level2, i.Name, i.Comparison,
            i.TargetValue, i.TargetText, i.Unit, i.Weight, i.ScoringStandard, i.Basis, i.Remark, i.LibraryIndicatorId)), input.AdjustmentReason);
        if (db.Entry(goal).State == EntityState.Unchanged) db.Entry(goal).Property(g => g.Version).IsModified = true;
        await db.SaveChangesAsync(ct);
        return goal;
    }

    /// <summary>Moves the current version by one workflow action, as the given role.</summary>
    public async Task<PerformanceGoal> ActAsync(Project project, GoalAction action, int version, string? reason, GoalReviewScore? score,
        long? actingOrganizationId, IReadOnlyCollection<Role> roles, CancellationToken ct = default)
    {
        var goal = await db.PerformanceGoals.Include(g => g.Indicators)
            .Where(g => g.ProjectId == project.Id && g.State != GoalState.Superseded)
            .OrderByDescending(g => g.VersionNo).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("该项目尚未填报绩效目标。");
        db.ExpectVersion(goal, version);
        var machine = await MachineForAsync(project, ct);
        var t = machine.Check(goal.State, action, roles, reason);
        var role = roles.First(t.Roles.Contains);
        var effective = await rules.ResolveAsync(project.RegionId, project.FiscalYear, ct);
        decimal? reviewTotal = null;
        switch (action)
        {
            case GoalAction.Submit:
                if (actingOrganizationId != project.OrganizationId) throw new DomainException("只能申报本单位的目标。");
                var errors = (await FindingsAsync(project, goal, ct)).Where(f => f.Severity == FindingSeverity.Error).ToList();
                if (errors.Count > 0)
                    throw new DomainException($"目标还有 {errors.Count} 处问题，修改后才能申报：{string.Join("；", errors.Take(5).Select(e => e.Message))}");
                if (project.NeedsPriorAssessment && await gate.BlockReasonAsync(project, ct) is { } blocked) throw new DomainException(blocked);
                break;
            case GoalAction.Pass when score is not null:
                score.Validate();
                reviewTotal = score.Total;
                var grade = effective.Content.Grades.GradeOf(score.Total);
                if (grade is Grade.Fair or Grade.Poor)
                    throw new DomainException($"四性审核得分 {score.Total:0.##} 分（{grade.ChineseName()}），按规定应退回修改{(grade == Grade.Poor ? "，不列入预算安排" : "后重新申报")}，不能审核通过。");
                break;
            case GoalAction.Return when score is not null:
                score.Validate();
                reviewTotal = score.Total;
                break;
            default:
                break;
        }
        var from = goal.State;
        goal.Move(t.To, action, reason?.Trim(), reviewTotal, db.Now);
        if (action == GoalAction.Approve)
        {
            var previous = await db.PerformanceGoals.Where(g => g.ProjectId == project.Id && g.Id != goal.Id
                && (g.State == GoalState.Approved || g.State == GoalState.Published)).ToListAsync(ct);
            foreach (var p in previous) p.Supersede();
        }
        var comment = reviewTotal is { } rt
            ? string.IsNullOrWhiteSpace(reason) ? $"四性审核得分 {rt:0.##}" : $"{reason.Trim()}（四性审核得分 {rt:0.##}）"
            : reason;
        WorkflowRecorder.Record(db, SubjectType, goal.Id.ToString(), t, role, string.IsNullOrWhiteSpace(comment) ? null : comment);
        await todos.CompleteFor(SubjectType, goal.Id.ToString(), ct);
        await AssignNextAsync(project, goal, from, ct);
        await db.SaveChangesAsync(ct);
        return goal;
    }

    /// <summary>批复 a department's goals in one go, when the budget itself is approved.</summary>
    public async Task<int> ApproveDepartmentAsync(long departmentId, int fiscalYear, IReadOnlyCollection<Role> roles, OrgScope scope, CancellationToken ct = default)
    {
        if (!scope.CanSeeOrganization(departmentId)) throw new NotFoundException("部门");
        var pending = await db.PerformanceGoals.AsNoTracking()
            .Where(g => g.DepartmentId == departmentId && g.FiscalYear == fiscalYear && g.State == GoalState.FinanceReviewed)
            .Select(g => new { g.ProjectId, g.Version }).ToListAsync(ct);
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        foreach (var p in pending)
        {
            var project = await db.Projects.FirstAsync(x => x.Id == p.ProjectId, ct);
            await ActAsync(project, GoalAction.Approve, p.Version, "随部门预算批复", null, null, roles, ct);
        }
        if (tx is not null) await tx.CommitAsync(ct);
        return pending.Count;
    }

    /// <summary>Starts an adjustment: a new version, copied from the one in force, which stays in force until the new one is approved.</summary>
    public async Task<PerformanceGoal> AdjustAsync(Project project, string reason, long? actingOrganizationId, IReadOnlyCollection<Role> roles, CancellationToken ct = default)
    {
        await EnsureSubmitterAsync(project, actingOrganizationId, roles, ct);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("发起调整须说明调整原因（如追加预算、预算调整）。");
        var current = await db.PerformanceGoals.AsNoTracking().Include(g => g.Indicators)
            .Where(g => g.ProjectId == project.Id && g.State != GoalState.Superseded)
            .OrderByDescending(g => g.VersionNo).FirstOrDefaultAsync(ct);
        if (current is null || !current.State.IsInForce())
            throw new DomainException("只有已批复或已公开的目标才能发起调整；未批复的目标可直接修改。");
        var next = new PerformanceGoal(project.Id, project.RegionId, project.FiscalYear, project.OrganizationId, project.DepartmentId, current.VersionNo + 1, GoalState.Adjusting);
        next.Edit(current.MediumTermGoal, current.AnnualGoal, current.Indicators.OrderBy(i => i.SortOrder).Select(i => new GoalIndicator(i.Level1, i.Level2, i.Name,
            i.Comparison, i.TargetValue, i.TargetText, i.Unit, i.Weight, i.ScoringStandard, i.Basis, i.Remark, i.LibraryIndicatorId)), reason);
        db.PerformanceGoals.Add(next);
        db.Audit("goal.adjust", SubjectType, project.Id.ToString(), new { fromVersion = current.VersionNo, toVersion = next.VersionNo, reason });
        await db.SaveChangesAsync(ct);
        return next;
    }

    private async Task EnsureSubmitterAsync(Project project, long? actingOrganizationId, IReadOnlyCollection<Role> roles, CancellationToken ct)
    {
        var machine = await MachineForAsync(project, ct);
        var submitters = machine.Transitions.First(t => t.Action == GoalAction.Submit).Roles;
        if (actingOrganizationId != project.OrganizationId || !roles.Any(submitters.Contains))
            throw new DomainException("按照“谁申请资金、谁设定目标”，绩效目标只能由申请资金的单位本单位填报。");
    }

    private async Task<StateMachine<GoalState, GoalAction>> MachineForAsync(Project project, CancellationToken ct)
    {
        var kind = await db.Organizations.Where(o => o.Id == project.OrganizationId).Select(o => o.Kind).FirstAsync(ct);
        return kind == OrganizationKind.Department ? GoalWorkflow.DepartmentGoals : GoalWorkflow.UnitGoals;
    }

    /// <summary>Puts the goal on the to-do list of whoever acts next.</summary>
    private async Task AssignNextAsync(Project project, PerformanceGoal goal, GoalState from, CancellationToken ct)
    {
        (long? Org, Role? Role, string Title)? next = goal.State switch
        {
            GoalState.Submitted => (project.DepartmentId, Role.Department, $"审核绩效目标：{project.Name}"),
            GoalState.DepartmentReviewed or GoalState.FinanceReviewed => (await BudgetSectionOfAsync(project.DepartmentId, ct), Role.BudgetSection,
                goal.State == GoalState.DepartmentReviewed ? $"审核绩效目标：{project.Name}" : $"批复绩效目标：{project.Name}"),
            GoalState.Approved => (await PerformanceSectionOfAsync(project.RegionId, ct), Role.PerformanceSection, $"公开绩效目标：{project.Name}"),
            GoalState.Returned => (project.OrganizationId, null, $"修改被退回的绩效目标：{project.Name}（{from.ChineseName()}阶段退回）"),
            _ => null,
        };
        if (next is { Org: { } org } n)
            todos.Assign(new Todo(project.RegionId, project.FiscalYear, n.Title, $"/Goals/Edit?projectId={project.Id}", SubjectType, goal.Id.ToString(),
                db.Now, null, null, org, n.Role));
    }

    private Task<long?> BudgetSectionOfAsync(long departmentId, CancellationToken ct) =>
        db.BudgetSectionAssignments.Where(a => a.DepartmentId == departmentId).Select(a => (long?)a.SectionId).FirstOrDefaultAsync(ct);

    private Task<long?> PerformanceSectionOfAsync(long regionId, CancellationToken ct) =>
        db.Organizations.Where(o => o.RegionId == regionId && o.Kind == OrganizationKind.PerformanceSection).Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);
}
