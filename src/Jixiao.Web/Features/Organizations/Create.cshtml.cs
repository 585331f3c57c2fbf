using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Organizations;

[Authorize(Policy = nameof(Permission.ManageOrganizations))]
public sealed class CreateModel(CurrentUser me, OrganizationService orgs) : PageModel, IReloadOnError
{
    private static readonly OrganizationKind[] ParentKinds = [OrganizationKind.FinanceBureau, OrganizationKind.Department, OrganizationKind.BudgetUnit];

    [BindProperty(SupportsGet = true)]
    public long? RegionId { get; set; }

    [BindProperty]
    public long? ParentId { get; set; }

    [BindProperty]
    public OrganizationKind Kind { get; set; } = OrganizationKind.BudgetUnit;

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public IReadOnlyList<RegionOption> Regions { get; private set; } = [];

    public IReadOnlyList<OrganizationRow> Parents { get; private set; } = [];

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!me.Can(Permission.ManageOrganizations)) return Forbid();
        if (RegionId is not { } regionId)
        {
            ModelState.AddModelError(nameof(RegionId), "请选择行政区划。");
            await ReloadAsync();
            return Page();
        }
        var scope = await me.ScopeAsync(HttpContext.RequestAborted);
        var org = await orgs.CreateAsync(regionId, ParentId, Kind, Code ?? "", Name ?? "", scope, HttpContext.RequestAborted);
        TempData["Flash"] = $"已新建组织“{org.Name}”。";
        return RedirectToPage("/Organizations/Edit", new { id = org.Id });
    }

    public async Task ReloadAsync()
    {
        var scope = await me.ScopeAsync(HttpContext.RequestAborted);
        Regions = await orgs.RegionsAsync(scope, HttpContext.RequestAborted);
        if (RegionId is null && Regions.Count > 0) RegionId = Regions[0].Id;
        if (RegionId is { } r && Regions.All(x => x.Id != r)) RegionId = Regions.FirstOrDefault()?.Id;
        Parents = RegionId is { } region ? await orgs.OptionsAsync(scope, region, ParentKinds, HttpContext.RequestAborted) : [];
    }
}
