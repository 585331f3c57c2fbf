using Jixiao.Core.Identity;
using Jixiao.Core.Workflows;

namespace Jixiao.Core.Evaluations;

/// <summary>The states of a key evaluation (重点评价, RULES §4).</summary>
public enum KeyEvaluationState
{
    /// <summary>草稿: the organiser sets the subject, deadlines and the indicator framework.</summary>
    Draft,
    /// <summary>评分中: the experts (or the agency) score every indicator.</summary>
    Scoring,
    /// <summary>评分已结束: the score and grade are fixed; the organiser writes the conclusions.</summary>
    Closed,
    /// <summary>已完成: conclusions written, the report may be issued.</summary>
    Completed,
}

public enum KeyEvaluationAction
{
    /// <summary>Draws the experts or engages the agency; the framework is fixed from here.</summary>
    Assign,
    CloseScoring,
    /// <summary>Reopens scoring (reason required), e.g. when an expert's sheet must be corrected.</summary>
    Reopen,
    Complete,
}

/// <summary>
/// The declared transition table of a key evaluation: the performance section drafts it (subject, deadlines, framework from the
/// rule set's reference, weights edited), assigns drawn experts or an engaged agency (which opens scoring and fixes the
/// framework), closes scoring when every sheet is in (the score and grade are fixed with the rule-set version), may reopen
/// scoring with a reason, and completes the evaluation once the conclusions, problems and suggestions are written.
/// </summary>
public static class KeyEvaluationWorkflow
{
    public static string ChineseName(KeyEvaluationState s) => s switch
    {
        KeyEvaluationState.Draft => "草稿",
        KeyEvaluationState.Scoring => "评分中",
        KeyEvaluationState.Closed => "评分已结束",
        KeyEvaluationState.Completed => "已完成",
    };

    public static string ChineseName(KeyEvaluationAction a) => a switch
    {
        KeyEvaluationAction.Assign => "选定评价人员",
        KeyEvaluationAction.CloseScoring => "结束评分",
        KeyEvaluationAction.Reopen => "重新开启评分",
        KeyEvaluationAction.Complete => "完成评价",
    };

    public static readonly StateMachine<KeyEvaluationState, KeyEvaluationAction> Machine =
        new StateMachine<KeyEvaluationState, KeyEvaluationAction>(ChineseName, ChineseName)
            .Allow(KeyEvaluationState.Draft, KeyEvaluationAction.Assign, KeyEvaluationState.Scoring, false, Role.PerformanceSection)
            .Allow(KeyEvaluationState.Scoring, KeyEvaluationAction.CloseScoring, KeyEvaluationState.Closed, false, Role.PerformanceSection)
            .Allow(KeyEvaluationState.Closed, KeyEvaluationAction.Reopen, KeyEvaluationState.Scoring, true, Role.PerformanceSection)
            .Allow(KeyEvaluationState.Closed, KeyEvaluationAction.Complete, KeyEvaluationState.Completed, false, Role.PerformanceSection);
}
