using Jixiao.Core.Identity;
using Jixiao.Core.Workflows;

namespace Jixiao.Core.Goals;

/// <summary>States of a performance goal version (RULES §2, Art. 15 "四同步").</summary>
public enum GoalState
{
    /// <summary>草稿</summary>
    Draft,
    /// <summary>已申报, waiting for the department.</summary>
    Submitted,
    /// <summary>部门已审核, waiting for the finance budget section.</summary>
    DepartmentReviewed,
    /// <summary>财政已审核, waiting for 批复 with the budget.</summary>
    FinanceReviewed,
    /// <summary>已批复: locked; changes go through an adjustment.</summary>
    Approved,
    /// <summary>已公开</summary>
    Published,
    /// <summary>已退回, with the reason; the submitter edits and submits again.</summary>
    Returned,
    /// <summary>调整中: a new version while the approved one stays in force.</summary>
    Adjusting,
    /// <summary>已被调整: an approved version replaced by an approved adjustment.</summary>
    Superseded,
}

public enum GoalAction
{
    Submit,
    Pass,
    Return,
    Approve,
    Publish,
}

/// <summary>
/// The goal workflow: "谁申请资金、谁设定目标; 谁分配资金、谁审核目标; 谁批复资金、谁批复目标".
/// A unit's goal is reviewed by its department, then the budget section, which approves it with the budget;
/// the performance section publishes. A department-wide goal is submitted by the department itself.
/// </summary>
public static class GoalWorkflow
{
    public static string ChineseName(this GoalState s) => s switch
    {
        GoalState.Draft => "草稿",
        GoalState.Submitted => "待部门审核",
        GoalState.DepartmentReviewed => "待财政审核",
        GoalState.FinanceReviewed => "待批复",
        GoalState.Approved => "已批复",
        GoalState.Published => "已公开",
        GoalState.Returned => "已退回",
        GoalState.Adjusting => "调整中",
        GoalState.Superseded => "已调整（旧版本）",
    };

    public static string ChineseName(this GoalAction a) => a switch
    {
        GoalAction.Submit => "申报",
        GoalAction.Pass => "审核通过",
        GoalAction.Return => "退回",
        GoalAction.Approve => "批复",
        GoalAction.Publish => "公开",
    };

    /// <summary>States in which the submitter may still edit the goal.</summary>
    public static bool IsEditable(this GoalState s) => s is GoalState.Draft or GoalState.Returned or GoalState.Adjusting;

    /// <summary>States in which the version is the one in force for monitoring and evaluation.</summary>
    public static bool IsInForce(this GoalState s) => s is GoalState.Approved or GoalState.Published;

    /// <summary>For goals of a project or of a unit as a whole.</summary>
    public static readonly StateMachine<GoalState, GoalAction> UnitGoals = Build(submitter: Role.BudgetUnit, departmentReviews: true);

    /// <summary>For a department-wide goal: the department submits, so its own review is the submission.</summary>
    public static readonly StateMachine<GoalState, GoalAction> DepartmentGoals = Build(submitter: Role.Department, departmentReviews: false);

    private static StateMachine<GoalState, GoalAction> Build(Role submitter, bool departmentReviews)
    {
        var m = new StateMachine<GoalState, GoalAction>(ChineseName, ChineseName);
        var afterSubmit = departmentReviews ? GoalState.Submitted : GoalState.DepartmentReviewed;
        m.Allow(GoalState.Draft, GoalAction.Submit, afterSubmit, false, submitter)
         .Allow(GoalState.Returned, GoalAction.Submit, afterSubmit, false, submitter)
         .Allow(GoalState.Adjusting, GoalAction.Submit, afterSubmit, false, submitter);
        if (departmentReviews)
        {
            m.Allow(GoalState.Submitted, GoalAction.Pass, GoalState.DepartmentReviewed, false, Role.Department)
             .Allow(GoalState.Submitted, GoalAction.Return, GoalState.Returned, true, Role.Department);
        }
        m.Allow(GoalState.DepartmentReviewed, GoalAction.Pass, GoalState.FinanceReviewed, false, Role.BudgetSection)
         .Allow(GoalState.DepartmentReviewed, GoalAction.Return, GoalState.Returned, true, Role.BudgetSection)
         .Allow(GoalState.FinanceReviewed, GoalAction.Approve, GoalState.Approved, false, Role.BudgetSection)
         .Allow(GoalState.FinanceReviewed, GoalAction.Return, GoalState.Returned, true, Role.BudgetSection)
         .Allow(GoalState.Approved, GoalAction.Publish, GoalState.Published, false, Role.PerformanceSection);
        return m;
    }
}
