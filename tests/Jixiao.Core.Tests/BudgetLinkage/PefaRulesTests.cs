using Jixiao.Core.BudgetLinkage;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.BudgetLinkage;

/// <summary>RULES §10: PEFA PI-8 "most" = at least 75 %, "majority" = more than 50 % (rule-set numbers), edges exact.</summary>
public sealed class PefaRulesTests
{
    [Theory]
    [InlineData(100, 100, PefaCoverage.Most)]
    [InlineData(75, 100, PefaCoverage.Most)]        // exactly 75 %: most
    [InlineData(74.99, 100, PefaCoverage.Majority)]
    [InlineData(3, 4, PefaCoverage.Most)]
    [InlineData(2, 3, PefaCoverage.Majority)]       // 66.7 %
    [InlineData(50.01, 100, PefaCoverage.Majority)]
    [InlineData(50, 100, PefaCoverage.Minority)]    // exactly 50 %: not a majority
    [InlineData(1, 2, PefaCoverage.Minority)]
    [InlineData(0, 100, PefaCoverage.Minority)]
    [InlineData(0, 0, PefaCoverage.NotApplicable)]
    public void Term_DefaultEdges(double part, double whole, PefaCoverage expected) =>
        Assert.Equal(expected, PefaRules.Term((decimal)part, (decimal)whole, new DisclosureRules()));

    [Fact]
    public void Term_ExactWithAwkwardDenominators()
    {
        // 7,500,000.03 of 10,000,000.04 is exactly 75 % in decimal arithmetic without rounding
        Assert.Equal(PefaCoverage.Most, PefaRules.Term(7_500_000.03m, 10_000_000.04m, new DisclosureRules()));
        Assert.Equal(PefaCoverage.Majority, PefaRules.Term(7_500_000.02m, 10_000_000.04m, new DisclosureRules()));
        Assert.Equal(PefaCoverage.Minority, PefaRules.Term(5_000_000.02m, 10_000_000.04m, new DisclosureRules()));
    }

    [Theory]
    [InlineData(0.80, 0.60, 79.99, PefaCoverage.Majority)]
    [InlineData(0.80, 0.60, 80, PefaCoverage.Most)]
    [InlineData(0.80, 0.60, 60, PefaCoverage.Minority)]
    [InlineData(0.80, 0.60, 60.01, PefaCoverage.Majority)]
    public void Term_ThresholdsAreRuleSetData(double most, double majority, double part, PefaCoverage expected) =>
        Assert.Equal(expected, PefaRules.Term((decimal)part, 100m, new DisclosureRules { PefaMostShare = (decimal)most, PefaMajorityShare = (decimal)majority }));

    [Fact]
    public void Term_RejectsAPartBiggerThanTheWhole() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PefaRules.Term(101m, 100m, new DisclosureRules()));
}
