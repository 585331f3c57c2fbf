using Jixiao.Core.Identity;

namespace Jixiao.Core.Monitoring;

/// <summary>How many projects of a group (a department, a unit, or one project) are of each colour, with their money.</summary>
public sealed record ColorGroup(long Id, string Name, int Red, int Yellow, int Blue, int Green, decimal Budget, decimal Executed)
{
    public int Projects => Red + Yellow + Blue + Green;

    public decimal ExecutionRate => Budget == 0m ? 0m : Executed / Budget;
}

/// <summary>One month of the execution curve: the share of the year gone and the share of the budget spent.</summary>
public sealed record CurvePoint(int Month, decimal TimeProgress, decimal ExecutionRate);

public enum DashboardLevel
{
    /// <summary>The performance section, budget sections and auditors: projects by colour per department.</summary>
    Departments,
    /// <summary>A department: its units.</summary>
    Units,
    /// <summary>A unit: its projects.</summary>
    Projects,
}

public sealed record DashboardData(int FiscalYear, int Month, DashboardLevel Level, ColorGroup Total, IReadOnlyList<ColorGroup> Groups,
    IReadOnlyList<CurvePoint> Curve, IReadOnlyList<ProjectWarning> Worst, int ForecastWarnings, int Blocked);

/// <summary>
/// The monitoring dashboard as a pure function of the warning rows (<see cref="WarningBoard"/>) and the cumulative spending by
/// month: every figure on the charts is a sum of the same rows the lists and exports show.
/// </summary>
public static class MonitoringDashboard
{
    public const int WorstCount = 20;

    public static DashboardLevel LevelFor(IReadOnlyCollection<Role> roles) =>
        roles.Any(r => r is Role.PerformanceSection or Role.BudgetSection or Role.AuditOffice or Role.PeoplesCongress) ? DashboardLevel.Departments
        : roles.Contains(Role.Department) ? DashboardLevel.Units
        : DashboardLevel.Projects;

    /// <param name="fiscalYear">The year.</param>
    /// <param name="month">Data to the end of this month.</param>
    /// <param name="level">What a group is: a department, a unit or a project.</param>
    /// <param name="rows">The projects' warnings at the end of <paramref name="month"/>.</param>
    /// <param name="cumulativeByMonth">Each project's cumulative spending at the end of months 1–12.</param>
    public static DashboardData Build(int fiscalYear, int month, DashboardLevel level, IReadOnlyList<ProjectWarning> rows,
        IReadOnlyDictionary<long, decimal[]> cumulativeByMonth)
    {
        var groups = rows.GroupBy(r => level switch
            {
                DashboardLevel.Departments => (r.DepartmentId, r.DepartmentName),
                DashboardLevel.Units => (r.UnitId, r.UnitName),
                DashboardLevel.Projects => (r.ProjectId, r.ProjectName),
            })
            .Select(g => Group(g.Key.Item1, g.Key.Item2, g))
            .OrderByDescending(g => g.Red).ThenByDescending(g => g.Yellow).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        var budget = rows.Sum(r => r.Budget);
        var curve = Enumerable.Range(1, month).Select(m => new CurvePoint(m, WarningRules.TimeProgress(m),
            budget == 0m ? 0m : rows.Sum(r => cumulativeByMonth.TryGetValue(r.ProjectId, out var c) ? c[m - 1] : 0m) / budget)).ToList();
        var worst = rows.OrderByDescending(r => r.ProjectColor.Severity()).ThenBy(r => r.ExecutionRate).ThenBy(r => r.ProjectCode, StringComparer.Ordinal)
            .Take(WorstCount).ToList();
        return new(fiscalYear, month, level, Group(0, "合计", rows), groups, curve, worst,
            rows.Count(r => r.Forecast?.Warns == true), rows.Count(r => r.Funding.BlocksPayments()));
    }

    private static ColorGroup Group(long id, string name, IEnumerable<ProjectWarning> rows)
    {
        var list = rows.ToList();
        return new(id, name, list.Count(r => r.ProjectColor == WarningColor.Red), list.Count(r => r.ProjectColor == WarningColor.Yellow),
            list.Count(r => r.ProjectColor == WarningColor.Blue), list.Count(r => r.ProjectColor == WarningColor.Green),
            list.Sum(r => r.Budget), list.Sum(r => r.Executed));
    }
}
