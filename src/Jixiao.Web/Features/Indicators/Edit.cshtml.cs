using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Indicators;

/// <summary>Creates (no id) or edits a library entry; the service refuses anyone but its keeper with a Chinese reason.</summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class EditModel(CurrentUser me, IndicatorLibraryService library, RuleSetService rules) : PageModel, IReloadOnError
{
    private bool _posted;

    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public IndicatorScope Scope { get; set; }

    [BindProperty]
    public string? Level1 { get; set; }

    [BindProperty]
    public string? Level2 { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public Comparison Comparison { get; set; }

    [BindProperty]
    public string? Unit { get; set; }

    [BindProperty]
    public string? ScoringStandard { get; set; }

    [BindProperty]
    public string? ValueNote { get; set; }

    [BindProperty]
    public string? Sector { get; set; }

    [BindProperty]
    public string? FunctionCode { get; set; }

    [BindProperty]
    public bool IsEnabled { get; set; } = true;

    public IReadOnlyList<IndicatorCategory> Categories { get; private set; } = [];

    /// <summary>Scopes this user may create: the performance section common ones, a department its sector's.</summary>
    public IReadOnlyList<IndicatorScope> Scopes => me.Roles.Contains(Role.PerformanceSection) ? [IndicatorScope.Common]
        : me.Roles.Contains(Role.Department) ? [IndicatorScope.Sector, IndicatorScope.Specific]
        : [IndicatorScope.Specific];

    public async Task OnGetAsync()
    {
        await ReloadAsync();
        if (Id is null)
        {
            Scope = Scopes[0];
            Level1 = Categories.FirstOrDefault()?.Code;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        _posted = true;
        await ReloadAsync();
        if (!ModelState.IsValid) return Page();
        var ct = HttpContext.RequestAborted;
        var scope = await me.ScopeAsync(ct);
        var input = new LibraryInput(Scope, Level1 ?? "", Level2 ?? "", Name ?? "", Comparison, Unit, ScoringStandard, ValueNote, Sector, FunctionCode, IsEnabled);
        if (Id is { } id)
        {
            await library.UpdateAsync(id, Version, input, me.OrganizationId, me.Roles, scope, ct);
            TempData["Flash"] = $"指标“{Name}”已保存。";
        }
        else
        {
            var x = await library.CreateAsync(input, me.OrganizationId, me.Roles, scope, ct);
            TempData["Flash"] = $"指标“{x.Name}”已加入指标库。";
        }
        return RedirectToPage("/Indicators/Index");
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var scope = await me.ScopeAsync(ct);
        Categories = (await rules.ResolveAsync(scope.HomeRegionId, me.FiscalYear, ct)).Content.Goals.Categories;
        if (Id is { } id)
        {
            var x = await library.FindAsync(id, scope, ct);
            Scope = x.Scope;
            if (!_posted)
            {
                Version = x.Version;
                Level1 = x.Level1;
                Level2 = x.Level2;
                Name = x.Name;
                Comparison = x.Comparison;
                Unit = x.Unit;
                ScoringStandard = x.ScoringStandard;
                ValueNote = x.ValueNote;
                Sector = x.Sector;
                FunctionCode = x.FunctionCode;
                IsEnabled = x.IsEnabled;
            }
        }
    }
}
