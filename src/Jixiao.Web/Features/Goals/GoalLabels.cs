using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;

namespace Jixiao.Web.Features.Goals;

/// <summary>Chinese names for codes a page shows: indicator categories from the rule set, workflow steps as recorded.</summary>
public static class GoalLabels
{
    public static string Level1Name(IReadOnlyList<IndicatorCategory> categories, string code) =>
        categories.FirstOrDefault(c => c.Code == code)?.Name ?? code;

    public static string Level2Name(IReadOnlyList<IndicatorCategory> categories, string level1, string code) =>
        categories.FirstOrDefault(c => c.Code == level1)?.Subcategories.FirstOrDefault(s => s.Code == code)?.Name ?? code;

    public static string StateName(string? state) =>
        Enum.TryParse<GoalState>(state, out var s) ? s.ChineseName() : state ?? "";

    public static string ActionName(string? action) =>
        Enum.TryParse<GoalAction>(action, out var a) ? a.ChineseName() : action ?? "";

    public static string RoleName(string? role) =>
        Enum.TryParse<Role>(role, out var r) ? r.ChineseName() : role ?? "";

    /// <summary>Bootstrap badge colour of a goal state.</summary>
    public static string BadgeClass(GoalState? s) => s switch
    {
        null => "bg-light text-muted border",
        GoalState.Draft => "bg-secondary",
        GoalState.Submitted or GoalState.DepartmentReviewed or GoalState.FinanceReviewed => "bg-primary",
        GoalState.Approved => "bg-success",
        GoalState.Published => "bg-success",
        GoalState.Returned => "bg-danger",
        GoalState.Adjusting => "bg-warning text-dark",
        _ => "bg-light text-muted border",
    };
}
