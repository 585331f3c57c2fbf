using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;

namespace Jixiao.Core.Tests.Monitoring;

public sealed class MonitoringDashboardTests
{
    private static ProjectWarning Row(long id, long dept, long unit, WarningColor color, decimal budget, decimal executed, FundingState funding = FundingState.Normal) => new()
    {
        ProjectId = id,
        ProjectCode = $"P{id:000}",
        ProjectName = $"项目{id}",
        UnitId = unit,
        UnitName = $"单位{unit}",
        DepartmentId = dept,
        DepartmentName = $"部门{dept}",
        Budget = budget,
        Executed = executed,
        ExecutionRate = budget == 0 ? 0 : executed / budget,
        ProjectColor = color,
        BudgetColor = color,
        Funding = funding,
    };

    private static readonly ProjectWarning[] Rows =
    [
        Row(1, 10, 100, WarningColor.Red, 1_000_000m, 100_000m, FundingState.Suspended),
        Row(2, 10, 101, WarningColor.Green, 2_000_000m, 1_500_000m),
        Row(3, 20, 200, WarningColor.Yellow, 500_000m, 200_000m),
        Row(4, 20, 200, WarningColor.Blue, 500_000m, 400_000m),
        Row(5, 20, 201, WarningColor.Red, 0m, 0m),
    ];

    [Fact]
    public void Build_GroupsAndTotalsAreSumsOfTheRows()
    {
        var monthly = Rows.ToDictionary(r => r.ProjectId, r => Enumerable.Range(1, 12).Select(m => r.Executed * Math.Min(m, 7) / 7).ToArray());
        var d = MonitoringDashboard.Build(2026, 7, DashboardLevel.Departments, Rows, monthly);
        Assert.Equal(5, d.Total.Projects);
        Assert.Equal((2, 1, 1, 1), (d.Total.Red, d.Total.Yellow, d.Total.Blue, d.Total.Green));
        Assert.Equal(4_000_000m, d.Total.Budget);
        Assert.Equal(2_200_000m, d.Total.Executed);
        Assert.Equal(["部门20", "部门10"], d.Groups.Select(g => g.Name).ToList());
        Assert.Equal(d.Total.Projects, d.Groups.Sum(g => g.Projects));
        Assert.Equal(7, d.Curve.Count);
        Assert.Equal(0.55m, d.Curve[^1].ExecutionRate);
        Assert.Equal(7m / 12m, d.Curve[^1].TimeProgress);
        Assert.Equal([5L, 1, 3, 4, 2], d.Worst.Select(w => w.ProjectId).ToList());
        Assert.Equal(1, d.Blocked);
    }

    [Theory]
    [InlineData(DashboardLevel.Units, 4)]
    [InlineData(DashboardLevel.Projects, 5)]
    [InlineData(DashboardLevel.Departments, 2)]
    public void Build_GroupsByTheLevel(DashboardLevel level, int groups) =>
        Assert.Equal(groups, MonitoringDashboard.Build(2026, 3, level, Rows, new Dictionary<long, decimal[]>()).Groups.Count);

    [Fact]
    public void Build_NoProjects_ZeroesNotErrors()
    {
        var d = MonitoringDashboard.Build(2026, 2, DashboardLevel.Departments, [], new Dictionary<long, decimal[]>());
        Assert.Equal(0, d.Total.Projects);
        Assert.All(d.Curve, c => Assert.Equal(0m, c.ExecutionRate));
    }

    [Theory]
    [InlineData(new[] { Role.PerformanceSection }, DashboardLevel.Departments)]
    [InlineData(new[] { Role.BudgetSection }, DashboardLevel.Departments)]
    [InlineData(new[] { Role.AuditOffice }, DashboardLevel.Departments)]
    [InlineData(new[] { Role.Department }, DashboardLevel.Units)]
    [InlineData(new[] { Role.BudgetUnit }, DashboardLevel.Projects)]
    public void LevelFor_TheRole(Role[] roles, DashboardLevel level) => Assert.Equal(level, MonitoringDashboard.LevelFor(roles));

    [Theory]
    [InlineData(2_000_000, 0.5999, true)]
    [InlineData(2_000_000, 0.60, false)]
    [InlineData(1_999_999.99, 0.10, false)]
    [InlineData(5_000_000, 0, true)]
    public void IsKeyMonitoring_AtTheRuleSetEdges(double budget, double rate, bool key) =>
        Assert.Equal(key, WarningBoard.IsKeyMonitoring((decimal)budget, (decimal)rate, new Jixiao.Core.RuleSets.MonitoringRules()));
}
