using Jixiao.Core.Appraisals;

namespace Jixiao.Core.Tests.Appraisals;

/// <summary>
/// The counting rules of the measured appraisal sub-items: a deadline day counts to its end in Beijing time (so 15:59:59 UTC is still in
/// time and 16:00:00 UTC is the next day), a record is due once its deadline has passed or it was acted on, the goals' declaration deadline,
/// and the share with its empty and invalid edges.
/// </summary>
public sealed class AppraisalMeasureRulesTests
{
    private static readonly DateOnly Deadline = new(2026, 2, 15);

    [Theory]
    [InlineData("2026-02-14T16:00:00", true)] // 02-15 00:00 in Beijing
    [InlineData("2026-02-15T15:59:59", true)] // 02-15 23:59:59 in Beijing: the last second of the deadline day
    [InlineData("2026-02-15T16:00:00", false)] // 02-16 00:00 in Beijing: late, although still 02-15 in UTC
    [InlineData("2026-02-16T01:00:00", false)]
    [InlineData("2025-12-01T00:00:00", true)]
    public void OnOrBefore_TheDeadlineDayInChinaTime(string utc, bool expected) =>
        Assert.Equal(expected, AppraisalMeasureRules.OnOrBefore(DateTime.SpecifyKind(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc), Deadline));

    [Fact]
    public void OnOrBefore_NoTime_IsNotOnTime() => Assert.False(AppraisalMeasureRules.OnOrBefore(null, Deadline));

    [Theory]
    [InlineData("2026-02-14", false, false)] // before the deadline and open: not yet due
    [InlineData("2026-02-15", false, false)] // on the deadline day: still not due
    [InlineData("2026-02-16", false, true)] // the day after: due (and late)
    [InlineData("2026-02-10", true, true)] // acted on early: counts at once
    [InlineData("2026-03-01", true, true)]
    public void IsDue_AfterTheDeadlineOrOnceActedOn(string today, bool actedOn, bool expected) =>
        Assert.Equal(expected, AppraisalMeasureRules.IsDue(Deadline, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), actedOn));

    [Theory]
    [InlineData(2026, "2025-12-31")]
    [InlineData(2025, "2024-12-31")]
    public void GoalDeclarationDeadline_TheLastDayBeforeTheBudgetYear(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), AppraisalMeasureRules.GoalDeclarationDeadline(year));

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(0, 4, "0")]
    [InlineData(3, 4, "0.75")]
    [InlineData(4, 4, "1")]
    [InlineData(1, 8, "0.125")]
    public void Share_NumeratorOverDenominator_NullWhenNothingToMeasure(int n, int d, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), AppraisalMeasureRules.Share(n, d));

    [Fact]
    public void Share_OneThird_IsTheUnroundedDecimal() => Assert.Equal(1m / 3m, AppraisalMeasureRules.Share(1, 3));

    [Theory]
    [InlineData(5, 4)]
    [InlineData(-1, 4)]
    [InlineData(0, -1)]
    public void Share_Invalid_Throws(int n, int d) => Assert.Throws<ArgumentOutOfRangeException>(() => AppraisalMeasureRules.Share(n, d));

    [Fact]
    public void Figure_CountsTheCountedEvidence_OverAllEvidence()
    {
        var f = AppraisalMeasureRules.Figure(MeasureCodes.GoalsOnTime, "说明",
            [new("乙项目", "/b", false), new("甲项目", "/a", true), new("丙项目", "/c", true)]);
        Assert.Equal((2, 3), (f.Numerator, f.Denominator));
        Assert.Equal(2m / 3m, f.Share);
        Assert.Equal("绩效目标按时申报率", f.Name);
        Assert.Equal(3, f.Evidence.Count);
    }

    [Fact]
    public void Figure_NoEvidence_ShareIsNull()
    {
        var f = AppraisalMeasureRules.Figure(MeasureCodes.PublishedShare, "说明", []);
        Assert.Equal((0, 0, (decimal?)null), (f.Numerator, f.Denominator, f.Share));
    }

    [Fact]
    public void EveryCode_HasAChineseName() =>
        Assert.All(MeasureCodes.All, c => Assert.False(string.IsNullOrWhiteSpace(AppraisalMeasureRules.NameOf(c))));
}
