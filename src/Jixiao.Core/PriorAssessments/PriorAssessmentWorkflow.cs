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
    Organise,
    CloseScoring,
}

/// <summary>
/// The declared transition table of an ex-ante assessment: the unit submits; the performance section (or the
/// unit's department, for its own units) organises it as self-assessment, expert review or third party, which
/// opens scoring; the organiser closes scoring. Confirmation of a self-assessment and of the changes after
/// 调整完善后支持 are flags on a closed assessment, not states.
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
        PriorAssessmentAction.CloseScoring => "结束评分",
    };

    public static readonly StateMachine<PriorAssessmentState, PriorAssessmentAction> Machine =
        new StateMachine<PriorAssessmentState, PriorAssessmentAction>(ChineseName, ChineseName)
            .Allow(PriorAssessmentState.Draft, PriorAssessmentAction.Submit, PriorAssessmentState.Submitted, false, Role.BudgetUnit)
            .Allow(PriorAssessmentState.Submitted, PriorAssessmentAction.Organise, PriorAssessmentState.Scoring, false, Role.PerformanceSection, Role.Department)
            .Allow(PriorAssessmentState.Scoring, PriorAssessmentAction.CloseScoring, PriorAssessmentState.Closed, false, Role.PerformanceSection, Role.Department);
}
