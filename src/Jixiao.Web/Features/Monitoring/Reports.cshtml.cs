using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Monitoring;

/// <summary>One report row as the list shows it: the figures fixed at submission, else the live ones of the warning board.</summary>
public sealed record ReportLine(ReportRow Row, decimal Budget, decimal Executed, WarningColor? BudgetColor, WarningColor? ProjectColor);

/// <summary>The summary of a round per department (the export): counts by project colour and the money.</summary>
public sealed record DepartmentSummary(string Department, int Projects, int Red, int Yellow, int Blue, int Green, decimal Budget, decimal Executed)
{
    public decimal ExecutionRate => Budget == 0m ? 0m : Executed / Budget;
}

/// <summary>The reports of a round in the caller's scope, filtered by state, with the summary per department as .xlsx.</summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class ReportsModel(CurrentUser me, MonitoringService monitoring, WarningBoard board) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long RoundId { get; set; }

    [BindProperty(SupportsGet = true)]
    public MonitoringState? State { get; set; }

    public MonitoringRound Round { get; private set; } = null!;

    public IReadOnlyList<ReportLine> Lines { get; private set; } = [];

    public async Task OnGetAsync() => Lines = await LoadAsync();

    /// <summary>The round's summary per department (部门, 项目数, 红/黄/蓝/绿, 预算数, 执行数, 执行率), amounts in 万元.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var lines = await LoadAsync();
        var rows = Summarise(lines);
        return XlsxExport.File<DepartmentSummary>($"绩效运行监控汇总-{Round.FiscalYear}-{Round.Month}月.xlsx",
        [
            ("部门", r => r.Department),
            ("项目数", r => r.Projects),
            ("红灯", r => r.Red),
            ("黄灯", r => r.Yellow),
            ("蓝灯", r => r.Blue),
            ("绿灯", r => r.Green),
            ("预算数（万元）", r => decimal.Round(r.Budget / 10_000m, 6)),
            ("执行数（万元）", r => decimal.Round(r.Executed / 10_000m, 6)),
            ("执行率", r => decimal.Round(r.ExecutionRate, 4)),
        ], rows);
    }

    public static IReadOnlyList<DepartmentSummary> Summarise(IReadOnlyList<ReportLine> lines)
    {
        var groups = lines.GroupBy(l => l.Row.DepartmentName).Select(g => new DepartmentSummary(g.Key, g.Count(),
            g.Count(l => l.ProjectColor == WarningColor.Red), g.Count(l => l.ProjectColor == WarningColor.Yellow),
            g.Count(l => l.ProjectColor == WarningColor.Blue), g.Count(l => l.ProjectColor == WarningColor.Green),
            g.Sum(l => l.Budget), g.Sum(l => l.Executed))).ToList();
        groups.Add(new DepartmentSummary("合计", lines.Count, groups.Sum(g => g.Red), groups.Sum(g => g.Yellow), groups.Sum(g => g.Blue),
            groups.Sum(g => g.Green), groups.Sum(g => g.Budget), groups.Sum(g => g.Executed)));
        return groups;
    }

    private async Task<IReadOnlyList<ReportLine>> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        Round = await monitoring.RoundAsync(RoundId, caller, ct);
        var rows = await monitoring.ReportsAsync(RoundId, caller, State, ct);
        var live = (await board.ComputeAsync(caller.Scope, new WarningFilter(Round.FiscalYear, Round.Month), ct)).ToDictionary(w => w.ProjectId);
        return rows.Select(r =>
        {
            var w = live.GetValueOrDefault(r.ProjectId);
            return r.Budget is { } b && r.Executed is { } e
                ? new ReportLine(r, b, e, r.BudgetColor, r.ProjectColor)
                : new ReportLine(r, w?.Budget ?? 0m, w?.Executed ?? 0m, w?.BudgetColor, w?.ProjectColor);
        }).ToList();
    }
}
