using Jixiao.Core.Evaluations;
using Jixiao.Core.RuleSets;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>Chinese names and badge colours of the self-evaluation pages; recorded workflow steps by their stored names.</summary>
public static class SelfEvaluationLabels
{
    public static string StateName(string? state) =>
        Enum.TryParse<SelfEvaluationState>(state, out var s) ? s.ChineseName() : state ?? "";

    public static string ActionName(string? action) =>
        Enum.TryParse<SelfEvaluationAction>(action, out var a) ? a.ChineseName() : action ?? "";

    public static string StateBadge(SelfEvaluationState s) => s switch
    {
        SelfEvaluationState.Draft => "bg-secondary",
        SelfEvaluationState.Submitted => "bg-primary",
        SelfEvaluationState.DepartmentReviewed => "bg-success",
        SelfEvaluationState.Returned => "bg-danger",
    };

    public static string TaskStateName(SelfEvaluationTaskState s) => s == SelfEvaluationTaskState.Open ? "进行中" : "已结束";
}
