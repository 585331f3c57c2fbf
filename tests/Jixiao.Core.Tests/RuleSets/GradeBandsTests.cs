using System.Globalization;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.RuleSets;

/// <summary>RULES §1: 优 [90, 100], 良 [80, 90), 中 [60, 80), 差 [0, 60); the cut-offs are rule-set data.</summary>
public sealed class GradeBandsTests
{
    [Theory]
    [InlineData("100", Grade.Excellent)]
    [InlineData("90", Grade.Excellent)]
    [InlineData("89.99", Grade.Good)]
    [InlineData("80", Grade.Good)]
    [InlineData("79.99", Grade.Fair)]
    [InlineData("60", Grade.Fair)]
    [InlineData("59.99", Grade.Poor)]
    [InlineData("0", Grade.Poor)]
    public void GradeOf_DefaultBands_LowerEdgeBelongsToTheHigherGrade(string score, Grade grade)
    {
        Assert.Equal(grade, new GradeBands().GradeOf(decimal.Parse(score, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("90", Grade.Excellent)]
    [InlineData("80", Grade.Excellent)]
    [InlineData("79.99", Grade.Good)]
    [InlineData("70", Grade.Good)]
    [InlineData("69.99", Grade.Fair)]
    [InlineData("60", Grade.Fair)]
    [InlineData("59.99", Grade.Poor)]
    public void GradeOf_OtherProvinceBands807060_UsesTheRuleSetNumbers(string score, Grade grade)
    {
        var bands = new GradeBands { Excellent = 80m, Good = 70m, Fair = 60m };

        Assert.Equal(grade, bands.GradeOf(decimal.Parse(score, CultureInfo.InvariantCulture)));
    }
}
