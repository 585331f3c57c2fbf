using Jixiao.Core.Common;

namespace Jixiao.Core.Appraisals;

/// <summary>
/// The counting rules behind the measured sub-items of the yearly appraisal (RULES §8, issue 8 item 2). Pure: timestamps are UTC as
/// stored, deadlines are calendar days in China time, and a deadline day counts to its end (23:59:59 Beijing time).
/// </summary>
public static class AppraisalMeasureRules
{
    /// <summary>The calendar day in China of a stored UTC time.</summary>
    public static DateOnly ChinaDate(DateTime utc) => DateOnly.FromDateTime(ChinaTime.FromUtc(utc));

    /// <summary>True when <paramref name="atUtc"/> is on or before the deadline day (China time); false when there is no time.</summary>
    public static bool OnOrBefore(DateTime? atUtc, DateOnly deadline) => atUtc is { } t && ChinaDate(t) <= deadline;

    /// <summary>
    /// Whether a record counts towards an on-time share yet: it is due once the deadline day has passed (<paramref name="today"/> after it)
    /// or once it was acted on (submitted, accepted) — an early submission counts at once, an open one only after its deadline.
    /// </summary>
    public static bool IsDue(DateOnly deadline, DateOnly today, bool actedOn) => actedOn || today > deadline;

    /// <summary>
    /// The declaration deadline of a fiscal year's goals: the model has no deadline of its own, so the nearest real rule applies — Art. 15
    /// "四同步": goals are declared with the budget, so before the budget year begins, i.e. by 31 December of the year before.
    /// </summary>
    public static DateOnly GoalDeclarationDeadline(int fiscalYear) => new(fiscalYear - 1, 12, 31);

    /// <summary>Numerator ÷ denominator, unrounded; null when there is nothing to measure.</summary>
    public static decimal? Share(int numerator, int denominator)
    {
        if (numerator < 0 || denominator < 0 || numerator > denominator) throw new ArgumentOutOfRangeException(nameof(numerator), "0 ≤ numerator ≤ denominator");
        return denominator == 0 ? null : (decimal)numerator / denominator;
    }

    /// <summary>A figure whose denominator is every record of <paramref name="evidence"/> and whose numerator is the counted ones.</summary>
    public static MeasuredFigure Figure(string code, string explanation, IEnumerable<MeasureEvidence> evidence)
    {
        var list = evidence.OrderBy(e => e.Label, StringComparer.Ordinal).ToList();
        var counted = list.Count(e => e.Counted);
        return new MeasuredFigure(code, NameOf(code), counted, list.Count, Share(counted, list.Count), explanation, list);
    }

    /// <summary>The Chinese name of a measure code of <see cref="MeasureCodes"/>.</summary>
    public static string NameOf(string code) => code switch
    {
        MeasureCodes.GoalsOnTime => "绩效目标按时申报率",
        MeasureCodes.GoalsReturned => "绩效目标退回率",
        MeasureCodes.MonitoringCoverage => "绩效监控覆盖率",
        MeasureCodes.MonitoringOnTime => "监控按时报送率",
        MeasureCodes.SelfEvaluationCoverage => "自评覆盖率",
        MeasureCodes.SelfEvaluationOnTime => "自评按时完成率",
        MeasureCodes.ReEvaluationDifferences => "再评价差异率",
        MeasureCodes.RectificationOnTime => "整改按期完成率",
        MeasureCodes.PublishedShare => "信息公开率",
        _ => throw new ArgumentException($"unknown measure code {code}", nameof(code)),
    };

    /// <summary>A date as the labels show it.</summary>
    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A stored UTC time as its China calendar day.</summary>
    public static string Day(DateTime utc) => Day(ChinaDate(utc));
}
