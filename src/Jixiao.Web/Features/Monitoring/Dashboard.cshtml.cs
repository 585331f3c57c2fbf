using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Monitoring;

/// <summary>
/// 监控看板 (Apache ECharts): projects by colour per department (a department sees its units, a unit its projects), execution
/// against time progress by month, the worst 20 and the totals — all from <see cref="WarningBoard"/>, the rows of the
/// warnings list. The charts read <c>?handler=Data</c> (wwwroot/js/monitoring-dashboard.js; no inline script).
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class DashboardModel(CurrentUser me, WarningBoard board, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Month { get; set; }

    public DashboardData Data { get; private set; } = null!;

    public IEnumerable<int> Years => me.SelectableYears;

    public async Task OnGetAsync() => Data = await BuildAsync();

    /// <summary>The charts' data as JSON (rates as fractions rounded to 4 places, amounts in 万元).</summary>
    public async Task<IActionResult> OnGetDataAsync()
    {
        var d = await BuildAsync();
        static object Group(ColorGroup g) => new
        {
            g.Id,
            g.Name,
            g.Projects,
            g.Red,
            g.Yellow,
            g.Blue,
            g.Green,
            Budget = decimal.Round(g.Budget / 10_000m, 2),
            Executed = decimal.Round(g.Executed / 10_000m, 2),
            ExecutionRate = decimal.Round(g.ExecutionRate, 4),
        };
        return new JsonResult(new
        {
            d.FiscalYear,
            d.Month,
            Level = d.Level.ToString(),
            Total = Group(d.Total),
            Groups = d.Groups.Select(Group).ToList(),
            Curve = d.Curve.Select(c => new { c.Month, TimeProgress = decimal.Round(c.TimeProgress, 4), ExecutionRate = decimal.Round(c.ExecutionRate, 4) }).ToList(),
        });
    }

    public static string LevelName(DashboardLevel l) => l switch
    {
        DashboardLevel.Departments => "预算部门",
        DashboardLevel.Units => "预算单位",
        DashboardLevel.Projects => "项目",
        _ => l.ToString(),
    };

    private async Task<DashboardData> BuildAsync()
    {
        var ct = HttpContext.RequestAborted;
        var f = MonitoringRoundsApi.Filter(Year, Month, null, null, null, null, null, null, me, time);
        Year = f.FiscalYear;
        Month = f.Month;
        var rows = await board.ComputeAsync(await me.ScopeAsync(ct), f, ct);
        return MonitoringDashboard.Build(f.FiscalYear, f.Month, MonitoringDashboard.LevelFor(me.Roles), rows,
            await board.MonthlyAsync(rows, f.FiscalYear, ct));
    }
}
