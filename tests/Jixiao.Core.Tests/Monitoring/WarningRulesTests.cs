using System.Globalization;
using Jixiao.Core.Common;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.Monitoring;

/// <summary>
/// RULES §5 warning colours as tables, at every band edge (just below, exactly on, just above): the budget colour, each
/// indicator comparison, the qualitative bands, the project colour's order, the month; and the same with a rule set of
/// other thresholds, to show the numbers come from the rule set.
/// </summary>
public sealed class WarningRulesTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    private static readonly MonitoringRules Defaults = new();

    /// <summary>Thresholds no default shares: red &lt; 0.5 ≤ yellow &lt; 0.7 ≤ green &lt; 1.5 ≤ blue.</summary>
    private static readonly MonitoringRules Custom = new() { YellowFrom = 0.5m, GreenFrom = 0.7m, BlueFrom = 1.5m };

    [Theory]
    [InlineData(1, "0.0833333333333333333333333333")]
    [InlineData(3, "0.25")]
    [InlineData(6, "0.5")]
    [InlineData(7, "0.5833333333333333333333333333")]
    [InlineData(12, "1")]
    public void TimeProgress_MonthOverTwelve(int month, string expected) => Assert.Equal(D(expected), WarningRules.TimeProgress(month));

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void TimeProgress_MonthOutside1To12_RefusedInChinese(int month)
    {
        var ex = Assert.Throws<DomainException>(() => WarningRules.TimeProgress(month));
        Assert.Contains("月份应在1到12之间", ex.Message);
        Assert.True(ex.Errors.ContainsKey("month"));
        Assert.Throws<DomainException>(() => WarningRules.BudgetColor(100m, 50m, month, Defaults));
        Assert.Throws<DomainException>(() => WarningRules.IndicatorColor(new(Comparison.Qualitative, Band: QualitativeBand.Achieved), month, Defaults));
        Assert.Throws<DomainException>(() => WarningRules.Evaluate(new(month, 100m, 50m, []), Defaults));
    }

    [Theory]
    [InlineData("1000000", "350000", "0.35")]
    [InlineData("1000000", "0", "0")]
    [InlineData("1000000", "1200000", "1.2")]
    [InlineData("3", "1", "0.3333333333333333333333333333")]
    [InlineData("0", "0", "0")]
    [InlineData("0", "5000", "0")]
    public void ExecutionRate_ExecutedOverBudget_NoBudgetIsZero(string budget, string executed, string expected) =>
        Assert.Equal(D(expected), WarningRules.ExecutionRate(D(budget), D(executed)));

    [Theory]
    [InlineData("-1", "0", "budget")]
    [InlineData("100", "-0.01", "executed")]
    public void ExecutionRate_NegativeAmount_RefusedInChinese(string budget, string executed, string field)
    {
        var ex = Assert.Throws<DomainException>(() => WarningRules.ExecutionRate(D(budget), D(executed)));
        Assert.Contains("不能为负数", ex.Message);
        Assert.True(ex.Errors.ContainsKey(field));
    }

    [Fact]
    public void ExecutionRate_AbsurdAmount_RefusedInsteadOfOverflowing()
    {
        Assert.Throws<DomainException>(() => WarningRules.BudgetColor(1m, decimal.MaxValue, 7, Defaults));
        Assert.Throws<DomainException>(() => WarningRules.BudgetColor(decimal.MaxValue, 1m, 7, Defaults));
        Assert.Equal(WarningColor.Green, WarningRules.BudgetColor(WarningRules.MaxAmount, WarningRules.MaxAmount, 1, Defaults));
    }

    /// <summary>Month 12 (progress 1): the ratio is the execution rate itself.</summary>
    [Theory]
    [InlineData("0", WarningColor.Red)]
    [InlineData("599.99", WarningColor.Red)]
    [InlineData("600", WarningColor.Yellow)]
    [InlineData("600.01", WarningColor.Yellow)]
    [InlineData("799.99", WarningColor.Yellow)]
    [InlineData("800", WarningColor.Green)]
    [InlineData("800.01", WarningColor.Green)]
    [InlineData("1000", WarningColor.Green)]
    [InlineData("1500", WarningColor.Green)] // over-spending is never blue: blue is for indicators only
    public void BudgetColor_December_BandEdges(string executed, WarningColor expected) =>
        Assert.Equal(expected, WarningRules.BudgetColor(1000m, D(executed), 12, Defaults));

    /// <summary>
    /// Months whose progress does not terminate (2/12, 5/12, 7/12, 11/12), budget 1,200,000: the edges 0.60 and 0.80 fall
    /// on 120,000 / 160,000 (February), 300,000 / 400,000 (May), 420,000 / 560,000 (July), 660,000 / 880,000 (November).
    /// Computed as (executed ÷ budget) ÷ (month ÷ 12), February's and May's edges would come out as 0.5999…9 and 0.7999…96.
    /// </summary>
    [Theory]
    [InlineData(7, "419999.99", WarningColor.Red)]
    [InlineData(7, "420000", WarningColor.Yellow)]
    [InlineData(7, "420000.01", WarningColor.Yellow)]
    [InlineData(7, "559999.99", WarningColor.Yellow)]
    [InlineData(7, "560000", WarningColor.Green)]
    [InlineData(7, "560000.01", WarningColor.Green)]
    [InlineData(11, "659999.99", WarningColor.Red)]
    [InlineData(11, "660000", WarningColor.Yellow)]
    [InlineData(11, "660000.01", WarningColor.Yellow)]
    [InlineData(11, "879999.99", WarningColor.Yellow)]
    [InlineData(11, "880000", WarningColor.Green)]
    [InlineData(11, "880000.01", WarningColor.Green)]
    [InlineData(2, "119999.99", WarningColor.Red)]
    [InlineData(2, "120000", WarningColor.Yellow)]
    [InlineData(2, "159999.99", WarningColor.Yellow)]
    [InlineData(2, "160000", WarningColor.Green)]
    [InlineData(5, "299999.99", WarningColor.Red)]
    [InlineData(5, "300000", WarningColor.Yellow)]
    [InlineData(5, "399999.99", WarningColor.Yellow)]
    [InlineData(5, "400000", WarningColor.Green)]
    [InlineData(1, "59999.99", WarningColor.Red)]
    [InlineData(1, "60000", WarningColor.Yellow)]
    [InlineData(1, "80000", WarningColor.Green)]
    public void BudgetColor_NonTerminatingProgress_EdgesExact(int month, string executed, WarningColor expected) =>
        Assert.Equal(expected, WarningRules.BudgetColor(1_200_000m, D(executed), month, Defaults));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(12)]
    public void BudgetColor_NoBudget_GreenWhateverTheMonth(int month)
    {
        Assert.Equal(WarningColor.Green, WarningRules.BudgetColor(0m, 0m, month, Defaults));
        Assert.Equal(WarningColor.Green, WarningRules.BudgetColor(0m, 100m, month, Defaults));
    }

    [Theory]
    [InlineData("499.99", WarningColor.Red)]
    [InlineData("500", WarningColor.Yellow)]
    [InlineData("500.01", WarningColor.Yellow)]
    [InlineData("600", WarningColor.Yellow)] // yellow by default too, but …
    [InlineData("699.99", WarningColor.Yellow)]
    [InlineData("700", WarningColor.Green)] // … default yellow
    [InlineData("700.01", WarningColor.Green)]
    [InlineData("1600", WarningColor.Green)]
    public void BudgetColor_CustomRuleSet_ThresholdsFromTheRuleSet(string executed, WarningColor expected) =>
        Assert.Equal(expected, WarningRules.BudgetColor(1000m, D(executed), 12, Custom));

    [Fact]
    public void BudgetColor_SameFiguresDifferentRuleSets_DifferentColours()
    {
        Assert.Equal(WarningColor.Red, WarningRules.BudgetColor(1000m, 550m, 12, Defaults));
        Assert.Equal(WarningColor.Yellow, WarningRules.BudgetColor(1000m, 550m, 12, Custom));
        Assert.Equal(WarningColor.Yellow, WarningRules.BudgetColor(1000m, 750m, 12, Defaults));
        Assert.Equal(WarningColor.Green, WarningRules.BudgetColor(1000m, 750m, 12, Custom));
    }

    /// <summary>`≥` and `=` with T &gt; 0 at month 12, T = 100: the ratio is value ÷ 100; blue from 1.20.</summary>
    [Theory]
    [InlineData(Comparison.AtLeast, "0", WarningColor.Red)]
    [InlineData(Comparison.AtLeast, "59.99", WarningColor.Red)]
    [InlineData(Comparison.AtLeast, "60", WarningColor.Yellow)]
    [InlineData(Comparison.AtLeast, "60.01", WarningColor.Yellow)]
    [InlineData(Comparison.AtLeast, "79.99", WarningColor.Yellow)]
    [InlineData(Comparison.AtLeast, "80", WarningColor.Green)]
    [InlineData(Comparison.AtLeast, "80.01", WarningColor.Green)]
    [InlineData(Comparison.AtLeast, "119.99", WarningColor.Green)]
    [InlineData(Comparison.AtLeast, "120", WarningColor.Blue)]
    [InlineData(Comparison.AtLeast, "120.01", WarningColor.Blue)]
    [InlineData(Comparison.AtLeast, "-5", WarningColor.Red)]
    [InlineData(Comparison.Equal, "59.99", WarningColor.Red)]
    [InlineData(Comparison.Equal, "60", WarningColor.Yellow)]
    [InlineData(Comparison.Equal, "60.01", WarningColor.Yellow)]
    [InlineData(Comparison.Equal, "79.99", WarningColor.Yellow)]
    [InlineData(Comparison.Equal, "80", WarningColor.Green)]
    [InlineData(Comparison.Equal, "80.01", WarningColor.Green)]
    [InlineData(Comparison.Equal, "119.99", WarningColor.Green)]
    [InlineData(Comparison.Equal, "120", WarningColor.Blue)]
    [InlineData(Comparison.Equal, "120.01", WarningColor.Blue)]
    public void IndicatorColor_AtLeastOrEqual_December_BandEdges(Comparison comparison, string toDate, WarningColor expected) =>
        Assert.Equal(expected, WarningRules.QuantitativeColor(comparison, 100m, D(toDate), 12, Defaults));

    /// <summary>Month 7, T = 120: target × progress = 70, so the edges are 42 (0.6), 56 (0.8) and 84 (1.2).</summary>
    [Theory]
    [InlineData(Comparison.AtLeast, "41.99", WarningColor.Red)]
    [InlineData(Comparison.AtLeast, "42", WarningColor.Yellow)]
    [InlineData(Comparison.AtLeast, "42.01", WarningColor.Yellow)]
    [InlineData(Comparison.AtLeast, "55.99", WarningColor.Yellow)]
    [InlineData(Comparison.AtLeast, "56", WarningColor.Green)]
    [InlineData(Comparison.AtLeast, "56.01", WarningColor.Green)]
    [InlineData(Comparison.AtLeast, "83.99", WarningColor.Green)]
    [InlineData(Comparison.AtLeast, "84", WarningColor.Blue)]
    [InlineData(Comparison.AtLeast, "84.01", WarningColor.Blue)]
    [InlineData(Comparison.Equal, "41.99", WarningColor.Red)]
    [InlineData(Comparison.Equal, "42", WarningColor.Yellow)]
    [InlineData(Comparison.Equal, "56", WarningColor.Green)]
    [InlineData(Comparison.Equal, "84", WarningColor.Blue)]
    public void IndicatorColor_AtLeastOrEqual_July_EdgesExact(Comparison comparison, string toDate, WarningColor expected) =>
        Assert.Equal(expected, WarningRules.QuantitativeColor(comparison, 120m, D(toDate), 7, Defaults));

    /// <summary>February, T = 120: target × progress = 20, edges 12 (0.6), 16 (0.8) and 24 (1.2); 2/12 does not terminate.</summary>
    [Theory]
    [InlineData("11.99", WarningColor.Red)]
    [InlineData("12", WarningColor.Yellow)]
    [InlineData("12.01", WarningColor.Yellow)]
    [InlineData("15.99", WarningColor.Yellow)]
    [InlineData("16", WarningColor.Green)]
    [InlineData("16.01", WarningColor.Green)]
    [InlineData("23.99", WarningColor.Green)]
    [InlineData("24", WarningColor.Blue)]
    [InlineData("24.01", WarningColor.Blue)]
    public void IndicatorColor_AtLeast_February_EdgesExact(string toDate, WarningColor expected) =>
        Assert.Equal(expected, WarningRules.QuantitativeColor(Comparison.AtLeast, 120m, D(toDate), 2, Defaults));

    [Theory]
    [InlineData(1, "0")]
    [InlineData(7, "0")]
    [InlineData(7, "5")]
    [InlineData(12, "0")]
    public void IndicatorColor_AtLeastZeroTarget_Green(int month, string toDate)
    {
        Assert.Equal(WarningColor.Green, WarningRules.QuantitativeColor(Comparison.AtLeast, 0m, D(toDate), month, Defaults));
        Assert.Null(WarningRules.IndicatorRatio(Comparison.AtLeast, 0m, D(toDate), month));
    }

    /// <summary>`≤`: green within the target (exactly on it included), red over it, whatever the month.</summary>
    [Theory]
    [InlineData("100", "0", 7, WarningColor.Green)]
    [InlineData("100", "99.99", 7, WarningColor.Green)]
    [InlineData("100", "100", 7, WarningColor.Green)]
    [InlineData("100", "100.01", 7, WarningColor.Red)]
    [InlineData("100", "100.01", 1, WarningColor.Red)]
    [InlineData("100", "100", 12, WarningColor.Green)]
    [InlineData("0", "0", 7, WarningColor.Green)]
    [InlineData("0", "0.01", 7, WarningColor.Red)]
    [InlineData("-2", "-2.01", 7, WarningColor.Green)]
    [InlineData("-2", "-2", 7, WarningColor.Green)]
    [InlineData("-2", "-1.99", 7, WarningColor.Red)]
    public void IndicatorColor_AtMost_WithinTargetGreenElseRed(string target, string toDate, int month, WarningColor expected)
    {
        Assert.Equal(expected, WarningRules.QuantitativeColor(Comparison.AtMost, D(target), D(toDate), month, Defaults));
        Assert.Equal(expected, WarningRules.QuantitativeColor(Comparison.AtMost, D(target), D(toDate), month, Custom));
    }

    /// <summary>`=` with T = 0 is judged like `≤ 0` (e.g. 安全事故 = 0 起).</summary>
    [Theory]
    [InlineData("0", WarningColor.Green)]
    [InlineData("-0.01", WarningColor.Green)]
    [InlineData("0.01", WarningColor.Red)]
    [InlineData("1", WarningColor.Red)]
    public void IndicatorColor_EqualZeroTarget_LikeAtMost(string toDate, WarningColor expected) =>
        Assert.Equal(expected, WarningRules.QuantitativeColor(Comparison.Equal, 0m, D(toDate), 7, Defaults));

    [Theory]
    [InlineData(Comparison.AtLeast)]
    [InlineData(Comparison.Equal)]
    public void IndicatorColor_NegativeTargetOfRatioIndicator_RefusedInChinese(Comparison comparison) =>
        Assert.Contains("目标值不能为负数", Assert.Throws<DomainException>(() => WarningRules.QuantitativeColor(comparison, -1m, 0m, 7, Defaults)).Message);

    [Theory]
    [InlineData("49.99", WarningColor.Red)]
    [InlineData("50", WarningColor.Yellow)]
    [InlineData("69.99", WarningColor.Yellow)]
    [InlineData("70", WarningColor.Green)]
    [InlineData("120", WarningColor.Green)] // blue by default
    [InlineData("149.99", WarningColor.Green)]
    [InlineData("150", WarningColor.Blue)]
    [InlineData("150.01", WarningColor.Blue)]
    public void IndicatorColor_CustomRuleSet_ThresholdsFromTheRuleSet(string toDate, WarningColor expected) =>
        Assert.Equal(expected, WarningRules.QuantitativeColor(Comparison.AtLeast, 100m, D(toDate), 12, Custom));

    [Theory]
    [InlineData(QualitativeBand.Achieved, WarningColor.Green)]
    [InlineData(QualitativeBand.Partial, WarningColor.Yellow)]
    [InlineData(QualitativeBand.NotAchieved, WarningColor.Red)]
    public void IndicatorColor_Qualitative_BandToColour(QualitativeBand band, WarningColor expected)
    {
        Assert.Equal(expected, WarningRules.QualitativeColor(band));
        Assert.Equal(expected, WarningRules.IndicatorColor(new(Comparison.Qualitative, Band: band), 7, Defaults));
        // Numbers next to a band are ignored, and the rule set plays no part.
        Assert.Equal(expected, WarningRules.IndicatorColor(new(Comparison.Qualitative, 100m, 1m, band), 7, Custom));
    }

    [Fact]
    public void IndicatorColor_MissingValues_RefusedInChinese()
    {
        Assert.Contains("完成档次", Assert.Throws<DomainException>(() => WarningRules.IndicatorColor(new(Comparison.Qualitative), 7, Defaults)).Message);
        Assert.Contains("目标值", Assert.Throws<DomainException>(() => WarningRules.IndicatorColor(new(Comparison.AtLeast, ToDate: 1m), 7, Defaults)).Message);
        Assert.Contains("完成值", Assert.Throws<DomainException>(() => WarningRules.IndicatorColor(new(Comparison.AtMost, Target: 1m), 7, Defaults)).Message);
        Assert.Throws<DomainException>(() => WarningRules.QuantitativeColor(Comparison.Qualitative, 1m, 1m, 7, Defaults));
    }

    /// <summary>Worst first: red, yellow, blue, green; the budget colour counts like any indicator's.</summary>
    [Theory]
    [InlineData(WarningColor.Green, new WarningColor[0], WarningColor.Green)]
    [InlineData(WarningColor.Red, new WarningColor[0], WarningColor.Red)]
    [InlineData(WarningColor.Green, new[] { WarningColor.Green, WarningColor.Green }, WarningColor.Green)]
    [InlineData(WarningColor.Green, new[] { WarningColor.Blue, WarningColor.Green }, WarningColor.Blue)]
    [InlineData(WarningColor.Green, new[] { WarningColor.Blue, WarningColor.Yellow }, WarningColor.Yellow)]
    [InlineData(WarningColor.Yellow, new[] { WarningColor.Blue }, WarningColor.Yellow)]
    [InlineData(WarningColor.Green, new[] { WarningColor.Yellow, WarningColor.Red, WarningColor.Blue }, WarningColor.Red)]
    [InlineData(WarningColor.Red, new[] { WarningColor.Blue, WarningColor.Green }, WarningColor.Red)]
    [InlineData(WarningColor.Yellow, new[] { WarningColor.Red }, WarningColor.Red)]
    [InlineData(WarningColor.Green, new[] { WarningColor.Blue, WarningColor.Blue }, WarningColor.Blue)]
    public void ProjectColor_WorstInOrderRedYellowBlueGreen(WarningColor budget, WarningColor[] indicators, WarningColor expected) =>
        Assert.Equal(expected, WarningRules.ProjectColor(budget, indicators));

    [Fact]
    public void Severity_OrdersRedYellowBlueGreen()
    {
        var ordered = Enum.GetValues<WarningColor>().OrderByDescending(c => c.Severity()).ToList();
        Assert.Equal([WarningColor.Red, WarningColor.Yellow, WarningColor.Blue, WarningColor.Green], ordered);
    }

    /// <summary>The example of issue 5: July, 350,000 of 1,000,000 spent (exactly 0.60 of plan), a `≥` and a qualitative indicator.</summary>
    [Fact]
    public void Evaluate_IssueExample()
    {
        var r = WarningRules.Evaluate(new(7, 1_000_000m, 350_000m,
            [new(Comparison.AtLeast, 100m, 40m), new(Comparison.Qualitative, Band: QualitativeBand.Partial)]), Defaults);
        Assert.Equal(7m / 12m, r.TimeProgress);
        Assert.Equal(0.5833m, Math.Round(r.TimeProgress, 4));
        Assert.Equal(0.35m, r.ExecutionRate);
        Assert.Equal(WarningColor.Yellow, r.BudgetColor); // 0.35 ÷ 7/12 = 0.60 exactly: the higher band
        Assert.Equal([WarningColor.Yellow, WarningColor.Yellow], r.IndicatorColors); // 40 ÷ (100 × 7/12) = 0.6857
        Assert.Equal(WarningColor.Yellow, r.ProjectColor);
    }

    [Fact]
    public void Evaluate_CustomRuleSet_ChangesTheAnswer()
    {
        var input = new WarningInput(7, 1_000_000m, 350_000m, [new(Comparison.AtLeast, 100m, 40m)]);
        var lenient = new MonitoringRules { YellowFrom = 0.40m, GreenFrom = 0.55m, BlueFrom = 1.50m };
        var strict = new MonitoringRules { YellowFrom = 0.65m, GreenFrom = 0.90m, BlueFrom = 1.10m };
        var a = WarningRules.Evaluate(input, lenient);
        Assert.Equal((WarningColor.Green, WarningColor.Green, WarningColor.Green), (a.BudgetColor, a.IndicatorColors[0], a.ProjectColor));
        var b = WarningRules.Evaluate(input, strict);
        Assert.Equal((WarningColor.Red, WarningColor.Yellow, WarningColor.Red), (b.BudgetColor, b.IndicatorColors[0], b.ProjectColor));
    }

    [Fact]
    public void Evaluate_NoIndicators_ProjectColourIsTheBudgetColour()
    {
        var r = WarningRules.Evaluate(new(12, 1000m, 100m, []), Defaults);
        Assert.Empty(r.IndicatorColors);
        Assert.Equal(WarningColor.Red, r.ProjectColor);
    }

    [Fact]
    public void Evaluate_BadIndicator_NamesItsPositionInChinese()
    {
        var ex = Assert.Throws<DomainException>(() => WarningRules.Evaluate(new(7, 1000m, 100m,
            [new(Comparison.AtLeast, 100m, 40m), new(Comparison.Qualitative)]), Defaults));
        Assert.StartsWith("第2个指标：", ex.Message);
        Assert.True(ex.Errors.ContainsKey("indicators[1]"));
    }
}
