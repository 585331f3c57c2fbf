using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;

namespace Jixiao.Core.Tests.Evaluations;

/// <summary>The self-evaluation form's own rules: what a row keeps of the unit's input, and the task's checks.</summary>
public sealed class SelfEvaluationFormTests
{
    private static SelfEvaluationIndicator Row(Comparison c) => new(1, 1, "Output", "Quantity", "完成数量", c, c == Comparison.Qualitative ? null : 100m, null, "个", 20m);

    [Fact]
    public void Report_Quantitative_KeepsTheActualOnly()
    {
        var row = Row(Comparison.AtLeast);
        row.Report(80m, QualitativeBand.Achieved, 19m, " 原因 ", " ");
        Assert.Equal(80m, row.Actual);
        Assert.Null(row.Band);
        Assert.Null(row.EnteredPoints);
        Assert.Equal("原因", row.DeviationReason);
        Assert.Null(row.Measures);
        Assert.Equal(new ScoringIndicator("Output", Comparison.AtLeast, 20m, 100m, 80m), row.ToScoring());
    }

    [Fact]
    public void Report_Qualitative_KeepsBandAndPointsOnly()
    {
        var row = Row(Comparison.Qualitative);
        row.Report(80m, QualitativeBand.Partial, 13m, null, null);
        Assert.Null(row.Actual);
        Assert.Equal(QualitativeBand.Partial, row.Band);
        Assert.Equal(13m, row.EnteredPoints);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(null, -1)]
    public void Report_Negative_RefusedInChinese(int? actual, int? points) =>
        Assert.Contains("不能为负数", Assert.Throws<DomainException>(() => Row(Comparison.Qualitative).Report(actual, QualitativeBand.Achieved, points, null, null)).Message);

    [Theory]
    [InlineData("", 2027)]
    [InlineData("2026年度自评", 2025)]
    public void Task_WithoutTitleOrWithADeadlineBeforeTheYear_Refused(string title, int deadlineYear) =>
        Assert.Throws<DomainException>(() => new SelfEvaluationTask(1, 2026, title, new DateOnly(deadlineYear, 3, 31), "perf", DateTime.UtcNow));

    [Fact]
    public void Task_Close_Twice_Refused()
    {
        var task = new SelfEvaluationTask(1, 2026, "2026年度自评", new DateOnly(2027, 3, 31), "perf", DateTime.UtcNow);
        task.Close();
        Assert.Equal(SelfEvaluationTaskState.Closed, task.State);
        Assert.Contains("已经结束", Assert.Throws<DomainException>(task.Close).Message);
    }
}
