namespace Jixiao.Core.Appraisals;

/// <summary>Who a yearly appraisal sheet (考核) is about: a department of the appraiser's region, or a county/district below it.</summary>
public enum AppraisalSubjectKind
{
    /// <summary>A city (or county) budget department, with its units: <see cref="AppraisalSubject.Id"/> is the department's organisation id.</summary>
    Department,
    /// <summary>A county/district finance bureau: <see cref="AppraisalSubject.Id"/> is the county's region id.</summary>
    County,
}

public sealed record AppraisalSubject(AppraisalSubjectKind Kind, long Id);

/// <summary>One record behind a measured figure, with the page that shows it.</summary>
public sealed record MeasureEvidence(string Label, string Url, bool Counted);

/// <summary>
/// A sub-item the system measures from its own data (RULES §8): <see cref="Numerator"/> of <see cref="Denominator"/> records
/// meet the test; <see cref="Share"/> is null when there is nothing to measure. <see cref="Explanation"/> says in Chinese what
/// was counted. <see cref="Evidence"/> lists the records, counted or not, each linked to its page.
/// </summary>
public sealed record MeasuredFigure(
    string Code, string Name, int Numerator, int Denominator, decimal? Share, string Explanation, IReadOnlyList<MeasureEvidence> Evidence);

/// <summary>The codes of the measurable sub-items; a sub-item of the score sheet names one in its Measure field.</summary>
public static class MeasureCodes
{
    /// <summary>绩效目标按时申报率: goals submitted by the declaration deadline / goals due.</summary>
    public const string GoalsOnTime = "GoalsOnTime";
    /// <summary>绩效目标退回率: goals returned for quality at least once / goals submitted (lower is better).</summary>
    public const string GoalsReturned = "GoalsReturned";
    /// <summary>绩效监控覆盖率: projects with a monitoring report in the year's rounds / projects due.</summary>
    public const string MonitoringCoverage = "MonitoringCoverage";
    /// <summary>监控按时报送率: monitoring reports submitted by their round's deadline / reports due.</summary>
    public const string MonitoringOnTime = "MonitoringOnTime";
    /// <summary>自评覆盖率: projects with a submitted self-evaluation / projects in the year's self-evaluation tasks.</summary>
    public const string SelfEvaluationCoverage = "SelfEvaluationCoverage";
    /// <summary>自评按时完成率: self-evaluations submitted by the task deadline / self-evaluations due.</summary>
    public const string SelfEvaluationOnTime = "SelfEvaluationOnTime";
    /// <summary>再评价差异: re-evaluated self-evaluations flagged (difference over the threshold) / re-evaluated (lower is better).</summary>
    public const string ReEvaluationDifferences = "ReEvaluationDifferences";
    /// <summary>整改按期完成率: rectifications accepted by their deadline / rectifications due.</summary>
    public const string RectificationOnTime = "RectificationOnTime";
    /// <summary>信息公开率: goals and evaluation results published / publishable.</summary>
    public const string PublishedShare = "PublishedShare";

    public static readonly IReadOnlyList<string> All =
    [
        GoalsOnTime, GoalsReturned, MonitoringCoverage, MonitoringOnTime, SelfEvaluationCoverage, SelfEvaluationOnTime,
        ReEvaluationDifferences, RectificationOnTime, PublishedShare,
    ];

    /// <summary>True for the measures where a lower share is the better result (scored as 1 − share).</summary>
    public static bool LowerIsBetter(string code) => code is GoalsReturned or ReEvaluationDifferences;
}

/// <summary>Computes the measurable sub-items of one subject's appraisal from the system's records (issue 8).</summary>
public interface IAppraisalMeasures
{
    /// <summary>
    /// Every code of <see cref="MeasureCodes.All"/> for <paramref name="subject"/> in <paramref name="fiscalYear"/>, as the
    /// appraiser of <paramref name="appraiserRegionId"/> sees it.
    /// </summary>
    Task<IReadOnlyList<MeasuredFigure>> MeasureAsync(long appraiserRegionId, int fiscalYear, AppraisalSubject subject, CancellationToken ct = default);
}
