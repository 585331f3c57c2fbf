using Jixiao.Core.Common;
using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Jixiao.Web.Features.Projects;

/// <summary>Projects and their goals in the user's scope for the selected fiscal year, filtered and paged on the server.</summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class IndexModel(CurrentUser me, ProjectService projects, OrganizationService orgs, Jixiao.Core.Monitoring.MonitoringService monitoring) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public GoalState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public BudgetKind? BudgetKind { get; set; }

    /// <summary>Lower bound of the budget, in 万元.</summary>
    [BindProperty(SupportsGet = true)]
    public decimal? MinWan { get; set; }

    /// <summary>Upper bound of the budget, in 万元.</summary>
    [BindProperty(SupportsGet = true)]
    public decimal? MaxWan { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<ProjectRow> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public IReadOnlyList<OrganizationRow> Departments { get; private set; } = [];

    public IReadOnlyList<OrganizationRow> Units { get; private set; } = [];

    public int FiscalYear => me.FiscalYear;

    /// <summary>A unit registers its projects ("谁申请资金、谁设定目标").</summary>
    public bool CanCreate => me.Roles.Contains(Role.BudgetUnit);

    /// <summary>A department declares its department-wide (整体) spending goal itself.</summary>
    public bool CanCreateOverall => me.Roles.Contains(Role.Department);

    public bool CanApprove => me.Can(Permission.ApproveGoals);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var scope = await me.ScopeAsync(ct);
        Departments = await orgs.OptionsAsync(scope, null, [OrganizationKind.Department], ct);
        Units = await orgs.OptionsAsync(scope, null, [OrganizationKind.BudgetUnit], ct);
        if (DepartmentId is { } d) Units = Units.Where(u => UnderDepartment(u, d)).ToList();
        var (p, s) = Paging.Normalize(PageNo, 20);
        var result = await projects.ListAsync(scope, Filter(), p, s, ct);
        Rows = result.Items;
        Pager = new(p, s, result.Total);
        Funding = await monitoring.BlockedFundingAsync(Rows.Select(r => r.Id).ToList(), ct);
    }

    /// <summary>Projects of this page whose funding is suspended, stopped or cancelled (Art. 22): shown as a badge.</summary>
    public IReadOnlyDictionary<long, Jixiao.Core.Monitoring.FundingState> Funding { get; private set; } = new Dictionary<long, Jixiao.Core.Monitoring.FundingState>();

    /// <summary>The filtered list (all pages) as .xlsx, amounts in 万元.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var result = await projects.ListAsync(await me.ScopeAsync(ct), Filter(), 1, XlsxExport.MaxRows, ct);
        return XlsxExport.File<ProjectRow>($"项目与绩效目标-{FiscalYear}-{DateTime.Now:yyyyMMdd}.xlsx",
        [
            ("预算年度", r => r.FiscalYear),
            ("项目代码", r => r.Code),
            ("项目名称", r => r.Name),
            ("类型", r => r.Kind.ChineseName()),
            ("预算部门", r => r.DepartmentName),
            ("预算单位", r => r.UnitName),
            ("预算类型", r => r.BudgetKind.ChineseName()),
            ("项目类别", r => r.Category.ChineseName()),
            ("新增重大项目", r => r.IsNewMajor ? "是" : "否"),
            ("全年预算数（万元）", r => decimal.Round(r.TotalBudget / 10_000m, 6)),
            ("目标状态", r => r.GoalState?.ChineseName() ?? "未填报"),
            ("目标版本", r => r.GoalVersionNo),
        ], result.Items);
    }

    /// <summary>The current list's filters with the export handler.</summary>
    public string ExportLink()
    {
        var query = QueryHelpers.ParseQuery(Request.QueryString.Value)
            .Where(kv => kv.Key is not ("p" or "handler"))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new("handler", "Export"));
        return Request.PathBase + Request.Path + new QueryBuilder(query!).ToQueryString();
    }

    private ProjectFilter Filter() => new(FiscalYear, DepartmentId, UnitId, State, BudgetKind,
        MinWan is { } min ? min * 10_000m : null, MaxWan is { } max ? max * 10_000m : null, Q);

    private bool UnderDepartment(OrganizationRow unit, long departmentId)
    {
        var byId = Units.Concat(Departments).ToDictionary(o => o.Id);
        var current = unit;
        for (var i = 0; i < 10 && current.ParentId is { } parent; i++)
        {
            if (parent == departmentId) return true;
            if (!byId.TryGetValue(parent, out current!)) return false;
        }
        return false;
    }
}
