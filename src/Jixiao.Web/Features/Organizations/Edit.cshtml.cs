using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Organizations;

/// <summary>系统管理员 edits an organisation; for a 部门预算管理科 also the departments it reviews.</summary>
[Authorize(Policy = nameof(Permission.ManageOrganizations))]
public sealed class EditModel(CurrentUser me, OrganizationService orgs) : PageModel, IReloadOnError
{
    private bool _editPosted;
    private bool _departmentsPosted;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public bool IsActive { get; set; }

    [BindProperty]
    public List<long> DepartmentIds { get; set; } = [];

    public OrganizationRow Org { get; private set; } = null!;

    public IReadOnlyList<SectionDepartmentOption> Departments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!me.Can(Permission.ManageOrganizations)) return Forbid();
        _editPosted = true;
        await orgs.UpdateAsync(Id, Version, Code ?? "", Name ?? "", IsActive, await me.ScopeAsync(HttpContext.RequestAborted), HttpContext.RequestAborted);
        TempData["Flash"] = "组织信息已保存。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostDepartmentsAsync()
    {
        if (!me.Can(Permission.ManageOrganizations)) return Forbid();
        _departmentsPosted = true;
        await orgs.SetSectionDepartmentsAsync(Id, DepartmentIds, await me.ScopeAsync(HttpContext.RequestAborted), HttpContext.RequestAborted);
        TempData["Flash"] = "负责的预算部门已保存。";
        return RedirectToPage(new { id = Id });
    }

    public async Task ReloadAsync()
    {
        var scope = await me.ScopeAsync(HttpContext.RequestAborted);
        Org = await orgs.FindAsync(Id, scope, HttpContext.RequestAborted) ?? throw new NotFoundException("组织");
        if (!_editPosted)
        {
            Version = Org.Version;
            Code = Org.Code;
            Name = Org.Name;
            IsActive = Org.IsActive;
        }
        if (Org.Kind == OrganizationKind.BudgetSection)
        {
            Departments = await orgs.SectionDepartmentsAsync(Id, scope, HttpContext.RequestAborted);
            if (!_departmentsPosted) DepartmentIds = Departments.Where(d => d.SectionId == Id).Select(d => d.Id).ToList();
        }
    }
}
