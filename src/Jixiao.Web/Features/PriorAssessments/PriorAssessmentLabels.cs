using Jixiao.Core.PriorAssessments;

namespace Jixiao.Web.Features.PriorAssessments;

/// <summary>Chinese names and badge colours of the assessment pages; recorded workflow steps by their stored names.</summary>
public static class PriorAssessmentLabels
{
    public static string StateName(PriorAssessmentState s) => PriorAssessmentWorkflow.ChineseName(s);

    public static string StateName(string? state) =>
        Enum.TryParse<PriorAssessmentState>(state, out var s) ? PriorAssessmentWorkflow.ChineseName(s) : state ?? "";

    public static string ActionName(PriorAssessmentAction a) => PriorAssessmentWorkflow.ChineseName(a);

    public static string ActionName(string? action) =>
        Enum.TryParse<PriorAssessmentAction>(action, out var a) ? PriorAssessmentWorkflow.ChineseName(a) : action ?? "";

    public static string ConclusionName(PriorConclusion? c) => c is { } x ? PriorAssessmentScoring.Text(x) : "—";

    public static string StateBadge(PriorAssessmentState s) => s switch
    {
        PriorAssessmentState.Draft => "bg-secondary",
        PriorAssessmentState.Submitted => "bg-primary",
        PriorAssessmentState.Scoring => "bg-info text-dark",
        PriorAssessmentState.Closed => "bg-dark",
    };

    public static string ConclusionBadge(PriorConclusion? c) => c switch
    {
        PriorConclusion.Support => "bg-success",
        PriorConclusion.SupportAfterRevision => "bg-warning text-dark",
        PriorConclusion.NotSupported => "bg-danger",
        null => "bg-light text-muted border",
    };

    public static string GateBadge(GateStatus g) => g switch
    {
        GateStatus.Passed => "bg-success",
        GateStatus.NotSupported => "bg-danger",
        GateStatus.None => "bg-secondary",
        _ => "bg-warning text-dark",
    };
}
