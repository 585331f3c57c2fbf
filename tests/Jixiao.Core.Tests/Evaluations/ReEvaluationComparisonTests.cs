using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Workflows;

namespace Jixiao.Core.Tests.Evaluations;

/// <summary>
/// RULES §4: a re-evaluation records the difference per indicator and in the total (self − re); a total difference over the rule set's
/// threshold (default 10 points) flags a low-quality self-evaluation — "over" is strictly greater, in either direction.
/// </summary>
public sealed class ReEvaluationComparisonTests
{
    [Theory]
    [InlineData(90.00, 80.00, 10, 10.00, false)]   // exactly the threshold: not flagged
    [InlineData(90.00, 80.01, 10, 9.99, false)]    // just under
    [InlineData(90.01, 80.00, 10, 10.01, true)]    // just over
    [InlineData(80.00, 90.00, 10, -10.00, false)]  // the re-evaluation higher by exactly 10
    [InlineData(80.00, 90.01, 10, -10.01, true)]   // … by just over 10: flagged as well
    [InlineData(80.00, 89.99, 10, -9.99, false)]
    [InlineData(75.50, 75.50, 10, 0.00, false)]
    [InlineData(95.00, 89.99, 5, 5.01, true)]      // the threshold is the rule set's number
    [InlineData(95.00, 90.00, 5, 5.00, false)]
    [InlineData(100.00, 0.00, 10, 100.00, true)]
    public void TotalDifference_FlagsStrictlyOverTheThreshold(decimal selfTotal, decimal reTotal, decimal threshold, decimal difference, bool flagged)
    {
        var d = ReEvaluationComparison.Compare(new SelfEvaluationScoreFigures(10m, [], selfTotal), new SelfEvaluationScoreFigures(10m, [], reTotal), threshold);
        Assert.Equal(difference, d.TotalDifference);
        Assert.Equal(flagged, d.Flagged);
        Assert.Equal(threshold, d.Threshold);
        Assert.Equal(flagged, ReEvaluationComparison.IsFlagged(difference, threshold));
    }

    [Theory]
    [InlineData(30, 24, 6)]
    [InlineData(24, 30, -6)]
    [InlineData(8.333333, 8.33, 0)]          // rounded half-up to 2 decimals
    [InlineData(10, 6.665, 3.34)]            // 3.335 → 3.34 (half-up)
    [InlineData(10, 13.335, -3.34)]          // −3.335 → −3.34 (away from zero)
    [InlineData(0, 0, 0)]
    public void IndicatorDifference_IsSelfMinusRe_RoundedHalfUp(decimal self, decimal re, decimal expected)
    {
        var d = ReEvaluationComparison.Compare(new SelfEvaluationScoreFigures(9.5m, [self], 0m), new SelfEvaluationScoreFigures(9.5m, [re], 0m), 10m);
        Assert.Equal(expected, d.Indicators.Single().Difference);
        Assert.Equal(self, d.Indicators.Single().SelfPoints);
        Assert.Equal(re, d.Indicators.Single().RePoints);
        Assert.Equal(0m, d.ExecutionDifference);
    }

    [Fact]
    public void Compare_TheIndicatorsMustMatch() =>
        Assert.Throws<ArgumentException>(() => ReEvaluationComparison.Compare(new SelfEvaluationScoreFigures(0m, [1m], 0m),
            new SelfEvaluationScoreFigures(0m, [1m, 2m], 0m), 10m));

    [Fact]
    public void Sample_SameSeed_SameIdsInTheSameOrder_WhateverTheInputOrder()
    {
        var ids = Enumerable.Range(1, 40).Select(i => (long)i * 7).ToList();
        var a = SeededSample.Pick(ids, 6, 20261128);
        var b = SeededSample.Pick(Enumerable.Reverse(ids).Concat(ids), 6, 20261128);
        Assert.Equal(a, b);
        Assert.Equal(6, a.Distinct().Count());
        Assert.All(a, id => Assert.Contains(id, ids));
        Assert.NotEqual(a, SeededSample.Pick(ids, 6, 20261129));
    }

    [Fact]
    public void Sample_IsPinned_SoARecordedDrawCanBeReRunOnAnyPlatform()
    {
        // SplitMix64 + partial Fisher–Yates over ids 1..10: these numbers must never change (recorded draws are re-run against them).
        Assert.Equal(PinnedSeed42, SeededSample.Pick(Enumerable.Range(1, 10).Select(i => (long)i), 3, 42));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Sample_AllOrNone(int count)
    {
        var ids = new long[] { 5, 3, 1, 4, 2 };
        var s = SeededSample.Pick(ids, count, 1);
        Assert.Equal(count, s.Count);
        if (count == 5) Assert.Equal(ids.Order(), s.Order());
    }

    [Fact]
    public void Sample_MoreThanThereAre_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SeededSample.Pick([1, 2], 3, 1));

    [Fact]
    public void Workflow_OnlyThePerformanceSection_SamplesAndCompletes()
    {
        var m = ReEvaluationWorkflow.Machine;
        Assert.Equal(ReEvaluationState.ReScoring, m.Check(ReEvaluationState.Sampling, ReEvaluationAction.Sample, [Role.PerformanceSection], null).To);
        Assert.Equal(ReEvaluationState.Completed, m.Check(ReEvaluationState.ReScoring, ReEvaluationAction.Complete, [Role.PerformanceSection], null).To);
        Assert.Throws<DomainException>(() => m.Check(ReEvaluationState.ReScoring, ReEvaluationAction.Complete, [Role.BudgetUnit], null));
        Assert.Throws<DomainException>(() => m.Check(ReEvaluationState.Completed, ReEvaluationAction.Complete, [Role.PerformanceSection], null));
        Assert.Throws<DomainException>(() => m.Check(ReEvaluationState.Sampling, ReEvaluationAction.Complete, [Role.PerformanceSection], null));
    }

    [Fact]
    public void Distribution_CountsTheGradesPerDepartment_InCodeOrder()
    {
        static EvaluationCatalogRow Row(long dept, string code, Grade g, EvaluationType t = EvaluationType.Self) =>
            new(t, 1, 2026, dept, $"部门{dept}", code, null, null, "项目", 80m, g, "已提交", false, "");
        var d = EvaluationCatalog.Distribution([Row(2, "102", Grade.Poor), Row(1, "101", Grade.Excellent), Row(1, "101", Grade.Excellent, EvaluationType.Re),
            Row(1, "101", Grade.Fair), Row(2, "102", Grade.Good)]);
        Assert.Equal([1L, 2L], d.Select(x => x.DepartmentId));
        Assert.Equal((2, 0, 1, 0, 3), (d[0].Excellent, d[0].Good, d[0].Fair, d[0].Poor, d[0].Total));
        Assert.Equal((0, 1, 0, 1, 2), (d[1].Excellent, d[1].Good, d[1].Fair, d[1].Poor, d[1].Total));
    }

    private static readonly long[] PinnedSeed42 = [4, 3, 5];
}
