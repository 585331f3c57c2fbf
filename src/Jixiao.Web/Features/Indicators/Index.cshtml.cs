using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Indicators;

/// <summary>The indicator library: everyone searches it; the performance section keeps common indicators, a department its sector's.</summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class IndexModel(CurrentUser me, IndicatorLibraryService library, RuleSetService rules) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public IndicatorScope? Scope { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Level1 { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Level2 { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sector { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Disabled { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<LibraryIndicator> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public IReadOnlyList<IndicatorCategory> Categories { get; private set; } = [];

    public bool CanCreate => me.Roles.Any(r => r is Role.PerformanceSection or Role.Department);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var scope = await me.ScopeAsync(ct);
        Categories = (await rules.ResolveAsync(scope.HomeRegionId, me.FiscalYear, ct)).Content.Goals.Categories;
        var (p, s) = Paging.Normalize(PageNo, 20);
        var result = await library.SearchAsync(scope, new LibraryFilter(Q, Scope, Level1, Level2, Sector, Disabled && CanCreate), p, s, ct);
        Rows = result.Items;
        Pager = new(p, s, result.Total);
    }

    /// <summary>Whether the user keeps this entry (the service checks again on save).</summary>
    public bool CanEdit(LibraryIndicator x) => x.Scope switch
    {
        IndicatorScope.Common => me.Roles.Contains(Role.PerformanceSection),
        _ => x.OwnerOrganizationId is { } o && o == me.OrganizationId,
    };
}
