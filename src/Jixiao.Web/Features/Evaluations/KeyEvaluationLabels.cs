using Jixiao.Core.Evaluations;
using Jixiao.Core.RuleSets;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>Chinese names and badge colours of the key-evaluation pages; recorded workflow steps by their stored names.</summary>
public static class KeyEvaluationLabels
{
    public static string StateName(KeyEvaluationState s) => KeyEvaluationWorkflow.ChineseName(s);

    public static string StateName(string? state) =>
        Enum.TryParse<KeyEvaluationState>(state, out var s) ? KeyEvaluationWorkflow.ChineseName(s) : state ?? "";

    public static string ActionName(string? action) =>
        Enum.TryParse<KeyEvaluationAction>(action, out var a) ? KeyEvaluationWorkflow.ChineseName(a) : action ?? "";

    public static string StateBadge(KeyEvaluationState s) => s switch
    {
        KeyEvaluationState.Draft => "bg-secondary",
        KeyEvaluationState.Scoring => "bg-info text-dark",
        KeyEvaluationState.Closed => "bg-primary",
        KeyEvaluationState.Completed => "bg-success",
    };
}
