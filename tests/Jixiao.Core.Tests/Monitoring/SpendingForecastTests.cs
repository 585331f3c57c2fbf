using System.Globalization;
using Jixiao.Core.Common;
using Jixiao.Core.Monitoring;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.Monitoring;

/// <summary>
/// 预判预警 (Art. 21): the year-end projection on known curves, linear and seasonal, its warning edge (below the green
/// band) and the fall-back to linear when last year's shape is unusable.
/// </summary>
public sealed class SpendingForecastTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    private static readonly MonitoringRules Defaults = new();

    /// <summary>A typical Chinese spending shape: slow first quarter, a December rush. Sums to 1,000,000.</summary>
    private static readonly decimal[] LastYear =
        [20_000m, 30_000m, 50_000m, 60_000m, 70_000m, 80_000m, 80_000m, 80_000m, 90_000m, 90_000m, 100_000m, 250_000m];

    private static decimal Cumulative(IReadOnlyList<decimal> monthly, int month) => monthly.Take(month).Sum();

    /// <summary>Constant monthly spending: the linear projection is exact in every month.</summary>
    [Theory]
    [InlineData("100000", "1", false)]
    [InlineData("80000", "0.8", false)] // exactly on the green edge: no warning
    [InlineData("79999.99", "0.7999999", true)]
    [InlineData("60000", "0.6", true)]
    public void Linear_ConstantPace_ProjectsThePace(string perMonth, string expectedRate, bool warns)
    {
        var pace = D(perMonth);
        for (var m = 1; m <= 12; m++)
        {
            var f = SpendingForecast.Project(1_200_000m, m, pace * m, null, Defaults);
            Assert.Equal(ForecastMethod.Linear, f.Method);
            Assert.Equal(pace * 12, f.ProjectedSpending);
            Assert.Equal(D(expectedRate), Math.Round(f.ProjectedRate, 7));
            Assert.Equal(warns, f.Warns);
        }
    }

    /// <summary>Month 7 (12 ÷ 7 does not terminate): the edge 0.80 is recognised exactly.</summary>
    [Theory]
    [InlineData("559999.99", true)]
    [InlineData("560000", false)]
    [InlineData("560000.01", false)]
    public void Linear_July_GreenEdgeExact(string executed, bool warns)
    {
        var f = SpendingForecast.Project(1_200_000m, 7, D(executed), null, Defaults);
        Assert.Equal(warns, f.Warns);
        if (!warns && executed == "560000") Assert.Equal(0.8m, f.ProjectedRate);
    }

    /// <summary>This year follows last year's shape at 90 % of its level: the seasonal projection says 0.9 every month.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    public void Seasonal_SameShapeAsLastYear_ProjectsTheLevel(int month)
    {
        var budget = 1_000_000m;
        var thisYear = Cumulative(LastYear, month) * 0.9m;
        var f = SpendingForecast.Project(budget, month, thisYear, LastYear, Defaults);
        Assert.Equal(ForecastMethod.Seasonal, f.Method);
        Assert.Equal(0.9m, f.ProjectedRate);
        Assert.Equal(900_000m, f.ProjectedSpending);
        Assert.False(f.Warns);
    }

    /// <summary>The same curve, projected linearly, warns falsely in spring: the seasonal shape is what prevents it.</summary>
    [Fact]
    public void Seasonal_SlowSpring_LinearWouldWarnSeasonalDoesNot()
    {
        var c = Cumulative(LastYear, 4) * 0.9m; // 144,000 by April
        var linear = SpendingForecast.Project(1_000_000m, 4, c, null, Defaults);
        Assert.Equal(0.432m, linear.ProjectedRate);
        Assert.True(linear.Warns);
        var seasonal = SpendingForecast.Project(1_000_000m, 4, c, LastYear, Defaults);
        Assert.Equal(0.9m, seasonal.ProjectedRate);
        Assert.False(seasonal.Warns);
    }

    /// <summary>
    /// Shape 1, 2, …, 12 (sum 78; by July 28, a share that does not terminate): with a budget of 780,000, the projection is
    /// exactly 0.80 at 224,000 spent.
    /// </summary>
    [Theory]
    [InlineData("223999.99", true)]
    [InlineData("224000", false)]
    [InlineData("224000.01", false)]
    public void Seasonal_July_GreenEdgeExact(string executed, bool warns)
    {
        decimal[] shape = [1m, 2m, 3m, 4m, 5m, 6m, 7m, 8m, 9m, 10m, 11m, 12m];
        var f = SpendingForecast.Project(780_000m, 7, D(executed), shape, Defaults);
        Assert.Equal(ForecastMethod.Seasonal, f.Method);
        Assert.Equal(warns, f.Warns);
        if (executed == "224000") Assert.Equal(0.8m, f.ProjectedRate);
    }

    [Fact]
    public void Project_WarningEdgeComesFromTheRuleSet()
    {
        var rules = new MonitoringRules { YellowFrom = 0.5m, GreenFrom = 0.7m, BlueFrom = 1.5m };
        Assert.True(SpendingForecast.Project(1_200_000m, 6, 450_000m, null, Defaults).Warns);  // 0.75 < 0.80
        Assert.False(SpendingForecast.Project(1_200_000m, 6, 450_000m, null, rules).Warns);    // 0.75 ≥ 0.70
        Assert.False(SpendingForecast.Project(1_200_000m, 6, 420_000m, null, rules).Warns);    // 0.70 exactly
        Assert.True(SpendingForecast.Project(1_200_000m, 6, 419_999.99m, null, rules).Warns);
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 6)]         // no spending last year
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100 }, 6)]       // nothing spent by June last year
    [InlineData(new[] { 50, -50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100 }, 3)]    // a reversal: nothing net by March
    [InlineData(new[] { 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -100 }, 6)]    // nothing net over the year
    public void Seasonal_UnusableShape_FallsBackToLinear(int[] lastYear, int month)
    {
        var f = SpendingForecast.Project(1_200_000m, month, 50_000m * month, lastYear.Select(v => (decimal)v).ToList(), Defaults);
        Assert.Equal(ForecastMethod.Linear, f.Method);
        Assert.Equal(0.5m, f.ProjectedRate);
        Assert.True(f.Warns);
    }

    [Fact]
    public void Project_December_BothMethodsGiveTheActualRate()
    {
        Assert.Equal(0.75m, SpendingForecast.Project(1_000_000m, 12, 750_000m, null, Defaults).ProjectedRate);
        Assert.Equal(0.75m, SpendingForecast.Project(1_000_000m, 12, 750_000m, LastYear, Defaults).ProjectedRate);
    }

    [Fact]
    public void Project_NoBudget_RateZeroAndNoWarning()
    {
        var f = SpendingForecast.Project(0m, 3, 0m, LastYear, Defaults);
        Assert.Equal(0m, f.ProjectedRate);
        Assert.False(f.Warns);
    }

    [Fact]
    public void Project_FromTheCumulativeCurve_UsesItsLatestMonth()
    {
        var f = SpendingForecast.Project(1_200_000m, [50_000m, 120_000m, 240_000m], null, Defaults);
        Assert.Equal(3, f.Month);
        Assert.Equal(960_000m, f.ProjectedSpending);
        Assert.Equal(0.8m, f.ProjectedRate);
        Assert.False(f.Warns);
    }

    [Fact]
    public void Project_BadInput_RefusedInChinese()
    {
        Assert.Contains("12个月", Assert.Throws<DomainException>(() => SpendingForecast.Project(1000m, 3, 100m, [1m, 2m, 3m], Defaults)).Message);
        Assert.Contains("月份", Assert.Throws<DomainException>(() => SpendingForecast.Project(1000m, 13, 100m, null, Defaults)).Message);
        Assert.Contains("月份", Assert.Throws<DomainException>(() => SpendingForecast.Project(1000m, 0, 100m, null, Defaults)).Message);
        Assert.Contains("负数", Assert.Throws<DomainException>(() => SpendingForecast.Project(1000m, 3, -1m, null, Defaults)).Message);
        Assert.Contains("负数", Assert.Throws<DomainException>(() => SpendingForecast.Project(-1m, 3, 1m, null, Defaults)).Message);
        Assert.Throws<DomainException>(() => SpendingForecast.Project(1000m, [], null, Defaults));
        Assert.Throws<DomainException>(() => SpendingForecast.Project(1000m, Enumerable.Repeat(1m, 13).ToList(), null, Defaults));
        Assert.Throws<DomainException>(() => SpendingForecast.Project(1000m, [1m, -1m, 2m], null, Defaults));
        Assert.Throws<DomainException>(() => SpendingForecast.Project(1000m, 3, 1m, Enumerable.Repeat(decimal.MaxValue / 2, 12).ToList(), Defaults));
    }
}
