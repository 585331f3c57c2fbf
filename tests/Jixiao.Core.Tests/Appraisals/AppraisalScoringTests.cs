using Jixiao.Core.Appraisals;
using Jixiao.Core.Common;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.Appraisals;

/// <summary>RULES §8: measured shares score linearly, supervision findings deduct down to 0, totals round at the end, ranks tie.</summary>
public sealed class AppraisalScoringTests
{
    private static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("GoalsOnTime", "10", "1", "10")] // every goal on time: full points
    [InlineData("GoalsOnTime", "10", "0", "0")]
    [InlineData("GoalsOnTime", "10", "0.5", "5")]
    [InlineData("GoalsOnTime", "7", "0.9999", "6.9993")] // unrounded: rounding only in the total
    [InlineData("MonitoringCoverage", "8", "1.2", "8")] // a share above 1 is clamped
    [InlineData("MonitoringCoverage", "8", "-0.1", "0")]
    [InlineData("GoalsReturned", "10", "0", "10")] // lower is better: nothing returned → full points
    [InlineData("GoalsReturned", "10", "1", "0")]
    [InlineData("GoalsReturned", "10", "0.25", "7.5")]
    [InlineData("ReEvaluationDifferences", "7", "0.5", "3.5")]
    public void Measured_Share_ScoresLinearly(string measure, string points, string share, string expected)
    {
        Assert.Equal(D(expected), AppraisalScoring.Measured(D(points), measure, D(share)));
    }

    [Fact]
    public void Measured_NothingToMeasure_LeftToTheReviewer()
    {
        Assert.Null(AppraisalScoring.Measured(10m, MeasureCodes.GoalsOnTime, null));
    }

    [Theory]
    [InlineData(0, "2", "10")]
    [InlineData(1, "2", "8")]
    [InlineData(4, "2", "2")]
    [InlineData(5, "2", "0")] // exactly used up
    [InlineData(6, "2", "0")] // not below 0
    [InlineData(3, "1.5", "5.5")] // the rule set's deduction per finding
    [InlineData(3, "0", "10")]
    public void Deduction_PerFinding_NotBelowZero(int findings, string perFinding, string expected)
    {
        Assert.Equal(D(expected), AppraisalScoring.Deduction(10m, findings, D(perFinding)));
    }

    [Fact]
    public void Deduction_NegativeFindings_Refused()
    {
        Assert.Throws<DomainException>(() => AppraisalScoring.Deduction(10m, -1, 2m));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("5", true)]
    [InlineData("5.01", false)]
    [InlineData("-0.01", false)]
    public void CheckEntered_WithinPoints(string score, bool ok)
    {
        var e = Record.Exception(() => AppraisalScoring.CheckEntered(D(score), 5m, "培训与宣传"));
        if (ok) Assert.Null(e);
        else Assert.Contains("培训与宣传", Assert.IsType<DomainException>(e).Message);
    }

    [Fact]
    public void Total_RoundsOnlyAtTheEnd()
    {
        // 3 × 3.333 = 9.999 → 10.00; rounding each line first would give 9.99.
        Assert.Equal(10.00m, AppraisalScoring.Total([3.333m, 3.333m, 3.333m]));
        Assert.Equal(0.01m, AppraisalScoring.Total([0.005m])); // half-up
        Assert.Equal(0.00m, AppraisalScoring.Total([0.00499m]));
    }

    [Theory]
    [InlineData("100", Grade.Excellent)]
    [InlineData("90", Grade.Excellent)]
    [InlineData("89.99", Grade.Good)]
    [InlineData("80", Grade.Good)]
    [InlineData("79.99", Grade.Fair)]
    [InlineData("60", Grade.Fair)]
    [InlineData("59.99", Grade.Poor)]
    [InlineData("0", Grade.Poor)]
    public void GradeOf_DefaultBands(string total, Grade expected)
    {
        Assert.Equal(expected, AppraisalScoring.GradeOf(D(total), new GradeBands()));
    }

    [Fact]
    public void GradeOf_TheRuleSetsBands()
    {
        var bands = new GradeBands { Excellent = 80m, Good = 70m, Fair = 60m };
        Assert.Equal(Grade.Excellent, AppraisalScoring.GradeOf(80m, bands));
        Assert.Equal(Grade.Good, AppraisalScoring.GradeOf(79.99m, bands));
    }

    [Theory]
    [InlineData("95,90,90,80", "1,2,2,4")] // a tie shares the rank, the next skips
    [InlineData("90,95,90", "2,1,2")] // in input order
    [InlineData("88,88,88", "1,1,1")]
    [InlineData("70", "1")]
    [InlineData("90.01,90", "1,2")] // two hundredths apart: no tie
    [InlineData("100,99,99,99,50", "1,2,2,2,5")]
    public void Rank_CompetitionRanking(string totals, string expected)
    {
        var t = totals.Split(',').Select(D).ToList();
        Assert.Equal(expected.Split(',').Select(int.Parse), AppraisalScoring.Rank(t));
    }

    [Fact]
    public void Rank_Empty_Empty()
    {
        Assert.Empty(AppraisalScoring.Rank([]));
    }
}
