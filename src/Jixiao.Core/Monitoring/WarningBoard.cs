using Jixiao.Core.Data;
using Jixiao.Core.Goals;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Monitoring;

public sealed record WarningFilter(int FiscalYear, int Month, long? DepartmentId = null, long? UnitId = null, WarningColor? Color = null,
    bool KeyMonitoringOnly = false, FundingState? Funding = null, string? Text = null);

/// <summary>One project's warnings at the end of a month: the numbers every list, dashboard and export shows.</summary>
public sealed record ProjectWarning
{
    public long ProjectId { get; init; }
    public long RegionId { get; init; }
    public string ProjectCode { get; init; } = "";
    public string ProjectName { get; init; } = "";
    public long UnitId { get; init; }
    public string UnitName { get; init; } = "";
    public long DepartmentId { get; init; }
    public string DepartmentName { get; init; } = "";
    public decimal Budget { get; init; }
    public decimal Executed { get; init; }
    public decimal TimeProgress { get; init; }
    public decimal ExecutionRate { get; init; }
    public WarningColor BudgetColor { get; init; }
    /// <summary>The indicator colours of the latest submitted report up to this month (none before the first report).</summary>
    public IReadOnlyList<WarningColor> IndicatorColors { get; init; } = [];
    public WarningColor ProjectColor { get; init; }
    public bool IsKeyMonitoring { get; init; }
    public FundingState Funding { get; init; }
    /// <summary>Before the main round: the projected year-end execution rate and whether it warns.</summary>
    public ExecutionForecast? Forecast { get; init; }
    public int ExceptionPayments { get; init; }
}

/// <summary>
/// 双监控 figures for a region and year at the end of a month, from the imported payments and the submitted monitoring reports,
/// through <see cref="WarningRules"/> and <see cref="SpendingForecast"/>: one computation feeds the lists, the dashboards and
/// the exports, so their numbers cannot differ.
/// </summary>
public sealed class WarningBoard(JixiaoDbContext db, RuleSetService rules)
{
    public async Task<IReadOnlyList<ProjectWarning>> ComputeAsync(OrgScope scope, WarningFilter f, CancellationToken ct = default)
    {
        WarningRules.CheckMonth(f.Month);
        var ids = scope.OrganizationIds.ToList();
        var q = db.Projects.AsNoTracking().Where(p => p.FiscalYear == f.FiscalYear && p.Kind != ProjectKind.OverallSpending && ids.Contains(p.OrganizationId));
        if (f.DepartmentId is { } d) q = q.Where(p => p.DepartmentId == d);
        if (f.UnitId is { } u) q = q.Where(p => p.OrganizationId == u);
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var t = f.Text.Trim();
            q = q.Where(p => p.Name.Contains(t) || p.Code.Contains(t));
        }
        var projects = await (from p in q
                              join un in db.Organizations on p.OrganizationId equals un.Id
                              join de in db.Organizations on p.DepartmentId equals de.Id
                              select new { p.Id, p.Code, p.Name, p.RegionId, p.TotalBudget, UnitId = un.Id, UnitName = un.Name, DeptId = de.Id, DeptName = de.Name })
            .ToListAsync(ct);
        if (projects.Count == 0) return [];
        var projectIds = projects.Select(p => p.Id).ToList();
        var end = new DateOnly(f.FiscalYear, f.Month, DateTime.DaysInMonth(f.FiscalYear, f.Month));

        var regionIds = projects.Select(p => p.RegionId).Distinct().ToList();
        var executed = await PaymentsOf(f.FiscalYear, projectIds, regionIds).Where(x => x.PaymentDate <= end)
            .GroupBy(x => x.ProjectId).Select(g => new { g.Key, Sum = g.Sum(x => x.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var exceptions = await PaymentsOf(f.FiscalYear, projectIds, regionIds).Where(x => x.IsException)
            .GroupBy(x => x.ProjectId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var actions = await db.FinanceActions.AsNoTracking().Where(a => projectIds.Contains(a.ProjectId) && a.EffectiveFrom <= end)
            .OrderBy(a => a.Id).ToListAsync(ct);
        var funding = actions.GroupBy(a => a.ProjectId).ToDictionary(g => g.Key, g => g.Last().ResultingState);
        var adjusted = actions.Where(a => a.NewBudget is not null).GroupBy(a => a.ProjectId).ToDictionary(g => g.Key, g => g.Last().NewBudget!.Value);
        var reports = await (from r in db.MonitoringReports.AsNoTracking().Include(r => r.Indicators)
                             join round in db.MonitoringRounds on r.RoundId equals round.Id
                             where projectIds.Contains(r.ProjectId) && round.Month <= f.Month && r.SubmittedAt != null
                             orderby round.Month, r.Id
                             select new { r.ProjectId, r.Indicators }).ToListAsync(ct);
        var latestColors = reports.GroupBy(r => r.ProjectId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<WarningColor>)g.Last().Indicators.OrderBy(i => i.SortOrder).Where(i => i.Color is not null).Select(i => i.Color!.Value).ToList());

        var regionRules = new Dictionary<long, MonitoringRules>();
        foreach (var region in projects.Select(p => p.RegionId).Distinct())
            regionRules[region] = (await rules.ResolveAsync(region, f.FiscalYear, ct)).Content.Monitoring;
        var forecasts = f.Month < regionRules.Values.Min(r => r.MainRoundMonth) ? await LastYearShapesAsync(projects.Select(p => (p.Id, p.Code, p.RegionId)).ToList(), f.FiscalYear, ct) : null;

        var result = new List<ProjectWarning>(projects.Count);
        foreach (var p in projects)
        {
            var r = regionRules[p.RegionId];
            var budget = adjusted.GetValueOrDefault(p.Id, p.TotalBudget);
            // A net negative sum (a reversal booked before its payment) is shown as it is and rated as nothing spent.
            var spent = executed.GetValueOrDefault(p.Id);
            var rated = Math.Max(0m, spent);
            var budgetColor = WarningRules.BudgetColor(budget, rated, f.Month, r);
            var indicatorColors = latestColors.GetValueOrDefault(p.Id) ?? [];
            var rate = WarningRules.ExecutionRate(budget, rated);
            result.Add(new ProjectWarning
            {
                ProjectId = p.Id,
                RegionId = p.RegionId,
                ProjectCode = p.Code,
                ProjectName = p.Name,
                UnitId = p.UnitId,
                UnitName = p.UnitName,
                DepartmentId = p.DeptId,
                DepartmentName = p.DeptName,
                Budget = budget,
                Executed = spent,
                TimeProgress = WarningRules.TimeProgress(f.Month),
                ExecutionRate = rate,
                BudgetColor = budgetColor,
                IndicatorColors = indicatorColors,
                ProjectColor = WarningRules.ProjectColor(budgetColor, indicatorColors),
                IsKeyMonitoring = IsKeyMonitoring(budget, rate, r),
                Funding = funding.GetValueOrDefault(p.Id, FundingState.Normal),
                Forecast = forecasts is not null && f.Month < r.MainRoundMonth
                    ? SpendingForecast.Project(budget, f.Month, rated, forecasts.GetValueOrDefault(p.Id), r) : null,
                ExceptionPayments = exceptions.GetValueOrDefault(p.Id),
            });
        }
        IEnumerable<ProjectWarning> rows = result;
        if (f.Color is { } c) rows = rows.Where(x => x.ProjectColor == c);
        if (f.KeyMonitoringOnly) rows = rows.Where(x => x.IsKeyMonitoring);
        if (f.Funding is { } fs) rows = rows.Where(x => x.Funding == fs);
        return rows.OrderByDescending(x => x.ProjectColor.Severity()).ThenBy(x => x.ExecutionRate).ThenBy(x => x.ProjectCode).ToList();
    }

    /// <summary>重点监控 (RULES §5, Taiyuan practice): budget at least the minimum and execution below the rate.</summary>
    public static bool IsKeyMonitoring(decimal budget, decimal executionRate, MonitoringRules r) =>
        budget >= r.KeyMonitoringMinBudget && executionRate < r.KeyMonitoringMaxExecutionRate;

    /// <summary>Cumulative spending per project and month (1-12) of a year, for the execution curve.</summary>
    public async Task<Dictionary<long, decimal[]>> MonthlyAsync(IReadOnlyList<ProjectWarning> projects, int fiscalYear, CancellationToken ct = default)
    {
        var projectIds = projects.Select(p => p.ProjectId).ToList();
        var rows = await PaymentsOf(fiscalYear, projectIds, projects.Select(p => p.RegionId).Distinct().ToList())
            .GroupBy(x => new { x.ProjectId, x.PaymentDate.Month }).Select(g => new { g.Key.ProjectId, g.Key.Month, Sum = g.Sum(x => x.Amount) }).ToListAsync(ct);
        var result = projectIds.ToDictionary(id => id, _ => new decimal[12]);
        foreach (var r in rows)
            if (result.TryGetValue(r.ProjectId, out var months)) months[r.Month - 1] += r.Sum;
        foreach (var months in result.Values)
            for (var m = 1; m < 12; m++) months[m] += months[m - 1];
        return result;
    }

    /// <summary>Above this many projects a list of ids costs the database more than reading the regions' payments of the year.</summary>
    private const int ManyProjects = 500;

    /// <summary>
    /// The year's payments of the projects: by their ids for a few projects, else every payment of their regions (the sums
    /// are then looked up by project, so payments of other projects are never counted).
    /// </summary>
    private IQueryable<Payment> PaymentsOf(int fiscalYear, IReadOnlyCollection<long> projectIds, IReadOnlyCollection<long> regionIds) =>
        projectIds.Count > ManyProjects
            ? db.Payments.AsNoTracking().Where(x => x.FiscalYear == fiscalYear && regionIds.Contains(x.RegionId))
            : db.Payments.AsNoTracking().Where(x => x.FiscalYear == fiscalYear && projectIds.Contains(x.ProjectId));

    /// <summary>
    /// Last year's spending by month for each project: the same project code last year where there is one, else the region's
    /// whole spending of last year (the general seasonal shape); null when last year has no payments at all.
    /// </summary>
    private async Task<Dictionary<long, IReadOnlyList<decimal>?>> LastYearShapesAsync(List<(long Id, string Code, long RegionId)> projects, int year, CancellationToken ct)
    {
        var regions = projects.Select(p => p.RegionId).Distinct().ToList();
        var codes = projects.Select(p => p.Code).Distinct().ToList();
        var byCode = await (from pay in db.Payments.AsNoTracking()
                            join pr in db.Projects on pay.ProjectId equals pr.Id
                            where pay.FiscalYear == year - 1 && regions.Contains(pr.RegionId) && codes.Contains(pr.Code)
                            group pay by new { pr.RegionId, pr.Code, pay.PaymentDate.Month } into g
                            select new { g.Key.RegionId, g.Key.Code, g.Key.Month, Sum = g.Sum(x => x.Amount) }).ToListAsync(ct);
        var byRegion = await db.Payments.AsNoTracking().Where(x => x.FiscalYear == year - 1 && regions.Contains(x.RegionId))
            .GroupBy(x => new { x.RegionId, x.PaymentDate.Month }).Select(g => new { g.Key.RegionId, g.Key.Month, Sum = g.Sum(x => x.Amount) }).ToListAsync(ct);
        static decimal[]? Shape(IEnumerable<(int Month, decimal Sum)> rows)
        {
            var months = new decimal[12];
            var any = false;
            foreach (var (m, s) in rows) { months[m - 1] += s; any = true; }
            return any ? months : null;
        }
        var regionShapes = regions.ToDictionary(r => r, r => Shape(byRegion.Where(x => x.RegionId == r).Select(x => (x.Month, x.Sum))));
        return projects.ToDictionary(p => p.Id, p => (IReadOnlyList<decimal>?)(Shape(byCode.Where(x => x.RegionId == p.RegionId && x.Code == p.Code).Select(x => (x.Month, x.Sum)))
            ?? regionShapes[p.RegionId]));
    }
}
