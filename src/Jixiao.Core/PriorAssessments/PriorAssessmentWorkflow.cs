using Jixiao.Core.Identity;
using Jixiao.Core.Workflows;

namespace Jixiao.Core.PriorAssessments;

/// <summary>The states of an ex-ante assessment (事前绩效评估, RULES §6).</summary>
public enum PriorAssessmentState
{
    /// <summary>草稿: the unit prepares the materials.</summary>
    Draft,
    /// <summary>已提交: waits for the organiser.</summary>
    Submitted,
    /// <summary>评分中: experts (or the agency, or the unit's self-assessment) score.</summary>
    Scoring,
    /// <summary>已结束: scoring closed, conclusion drawn.</summary>
    Closed,
}

public enum PriorAssessmentAction
{
    Submit,
    /// <summary>The organiser sends the materials back (reason required).</summary>
    Return,
    Organise,
    CloseScoring,
    /// <summary>The organiser confirms the conclusion of a unit's self-assessment.</summary>
    ConfirmConclusion,
    /// <summary>The unit records the changes it made after 调整完善后支持.</summary>
    ReportChanges,
    /// <summary>The organiser accepts the recorded changes.</summary>
    ConfirmChanges,
}

/// <summary>
/// The declared transition table of an ex-ante assessment: the unit submits; the performance section (or the
/// unit's department, for its own units) organises it as self-assessment, expert review or third party, which
/// opens scoring, or returns the materials with a reason; the organiser closes scoring. Confirming a self-assessment's
/// conclusion and reporting and confirming the changes after 调整完善后支持 are recorded moves that keep the
/// assessment closed (they set flags the budget gate reads).
/// </summary>
public static class PriorAssessmentWorkflow
{
    public static string ChineseName(PriorAssessmentState s) => s switch
    {
        PriorAssessmentState.Draft => "草稿",
        PriorAssessmentState.Submitted => "已提交",
        PriorAssessmentState.Scoring => "评分中",
        PriorAssessmentState.Closed => "已结束",
    };

    public static string ChineseName(PriorAssessmentAction a) => a switch
    {
        PriorAssessmentAction.Submit => "提交",
        PriorAssessmentAction.Organise => "组织评估",
        PriorAssessmentAction.Return => "退回",
        PriorAssessmentAction.CloseScoring => "结束评分",
        PriorAssessmentAction.ConfirmConclusion => "确认结论",
        PriorAssessmentAction.ReportChanges => "报告调整完善情况",
        PriorAssessmentAction.ConfirmChanges => "确认调整完善",
    };

    public static readonly StateMachine<PriorAssessmentState, PriorAssessmentAction> Machine =
        new StateMachine<PriorAssessmentState, PriorAssessmentAction>(ChineseName, ChineseName)
            .Allow(PriorAssessmentState.Draft, PriorAssessmentAction.Submit, PriorAssessmentState.Submitted, false, Role.BudgetUnit)
            .Allow(PriorAssessmentState.Submitted, PriorAssessmentAction.Organise, PriorAssessmentState.Scoring, false, Role.PerformanceSection, Role.Department)
            .Allow(PriorAssessmentState.Submitted, PriorAssessmentAction.Return, PriorAssessmentState.Draft, true, Role.PerformanceSection, Role.Department)
            .Allow(PriorAssessmentState.Scoring, PriorAssessmentAction.CloseScoring, PriorAssessmentState.Closed, false, Role.PerformanceSection, Role.Department)
            .Allow(PriorAssessmentState.Closed, PriorAssessmentAction.ConfirmConclusion, PriorAssessmentState.Closed, false, Role.PerformanceSection, Role.Department)
            .Allow(PriorAssessmentState.Closed, PriorAssessmentAction.ReportChanges, PriorAssessmentState.Closed, true, Role.BudgetUnit)
            .Allow(PriorAssessmentState.Closed, PriorAssessmentAction.ConfirmChanges, PriorAssessmentState.Closed, false, Role.PerformanceSection, Role.Department);
}
