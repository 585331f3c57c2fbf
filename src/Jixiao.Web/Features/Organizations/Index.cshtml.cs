using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Organizations;

[Authorize(Policy = nameof(Permission.ViewOrganizations))]
public sealed class IndexModel(CurrentUser me, OrganizationService orgs) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public OrganizationKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<OrganizationRow> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public bool CanManage => me.Can(Permission.ManageOrganizations);

    public async Task OnGetAsync()
    {
        var (p, s) = Paging.Normalize(PageNo, 20);
        var result = await orgs.ListAsync(await me.ScopeAsync(HttpContext.RequestAborted), Kind, Q, p, s, HttpContext.RequestAborted);
        Rows = result.Items;
        Pager = new(p, s, result.Total);
    }

    /// <summary>The filtered list (all pages) as .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var result = await orgs.ListAsync(await me.ScopeAsync(HttpContext.RequestAborted), Kind, Q, 1, XlsxExport.MaxRows, HttpContext.RequestAborted);
        var names = result.Items.ToDictionary(r => r.Id, r => r.Name);
        return XlsxExport.File<OrganizationRow>($"组织机构-{DateTime.Now:yyyyMMdd}.xlsx",
        [
            ("行政区划", r => r.RegionName),
            ("单位代码", r => r.Code),
            ("单位名称", r => r.Name),
            ("组织类型", r => r.Kind.ChineseName()),
            ("上级组织", r => r.ParentId is { } pid ? names.GetValueOrDefault(pid) : null),
            ("状态", r => r.IsActive ? "启用" : "停用"),
        ], result.Items);
    }
}
