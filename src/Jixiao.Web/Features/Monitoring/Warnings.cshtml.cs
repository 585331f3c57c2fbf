using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Organizations;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Jixiao.Web.Features.Monitoring;

/// <summary>
/// 预警列表: every project of the caller's scope at the end of a month, from <see cref="WarningBoard"/> (the same rows as the
/// dashboard and the export), filtered and paged.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class WarningsModel(CurrentUser me, WarningBoard board, OrganizationService orgs, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Color { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool KeyOnly { get; set; }

    [BindProperty(SupportsGet = true)]
    public FundingState? Funding { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public WarningFilter Filter { get; private set; } = null!;

    public IReadOnlyList<ProjectWarning> All { get; private set; } = [];

    public IReadOnlyList<ProjectWarning> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 50, 0);

    public IReadOnlyList<OrganizationRow> Departments { get; private set; } = [];

    public IReadOnlyList<OrganizationRow> Units { get; private set; } = [];

    public int Count(WarningColor c) => All.Count(r => r.ProjectColor == c);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var scope = await me.ScopeAsync(ct);
        Departments = await orgs.OptionsAsync(scope, null, [OrganizationKind.Department], ct);
        Units = await orgs.OptionsAsync(scope, null, [OrganizationKind.BudgetUnit], ct);
        if (DepartmentId is { } d) Units = Units.Where(u => u.ParentId == d).ToList();
        All = await LoadAsync(scope, ct);
        var (p, s) = Paging.Normalize(PageNo, 50);
        Rows = All.Skip((p - 1) * s).Take(s).ToList();
        Pager = new(p, s, All.Count);
    }

    /// <summary>Exactly the filtered rows (all pages) as .xlsx, amounts in 万元, rates as fractions.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var rows = await LoadAsync(await me.ScopeAsync(ct), ct);
        return XlsxExport.File<ProjectWarning>($"项目预警-{Filter.FiscalYear}-{Filter.Month}月.xlsx",
        [
            ("项目代码", r => r.ProjectCode),
            ("项目名称", r => r.ProjectName),
            ("预算部门", r => r.DepartmentName),
            ("预算单位", r => r.UnitName),
            ("全年预算数（万元）", r => decimal.Round(r.Budget / 10_000m, 6)),
            ("执行数（万元）", r => decimal.Round(r.Executed / 10_000m, 6)),
            ("时间进度", r => decimal.Round(r.TimeProgress, 4)),
            ("执行率", r => decimal.Round(r.ExecutionRate, 4)),
            ("预算预警", r => r.BudgetColor.ChineseName()),
            ("指标预警", r => string.Join("、", r.IndicatorColors.Select(c => c.ChineseName()))),
            ("项目预警", r => r.ProjectColor.ChineseName()),
            ("重点监控", r => r.IsKeyMonitoring ? "是" : ""),
            ("预计年末执行率", r => r.Forecast is { } f ? decimal.Round(f.ProjectedRate, 4) : null),
            ("预判预警", r => r.Forecast?.Warns == true ? "是" : ""),
            ("拨款状态", r => r.Funding.ChineseName()),
            ("异常支付笔数", r => r.ExceptionPayments),
        ], rows);
    }

    public string ExportLink()
    {
        var query = QueryHelpers.ParseQuery(Request.QueryString.Value)
            .Where(kv => kv.Key is not ("p" or "handler"))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new("handler", "Export"));
        return Request.PathBase + Request.Path + new QueryBuilder(query!).ToQueryString();
    }

    private async Task<IReadOnlyList<ProjectWarning>> LoadAsync(OrgScope scope, CancellationToken ct)
    {
        Filter = MonitoringRoundsApi.Filter(Year, Month, DepartmentId, UnitId, Color, KeyOnly, Funding, Q, me, time);
        Year = Filter.FiscalYear;
        Month = Filter.Month;
        return await board.ComputeAsync(scope, Filter, ct);
    }

    public IEnumerable<int> Years => me.SelectableYears;
}
