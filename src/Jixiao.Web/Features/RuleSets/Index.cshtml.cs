using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.RuleSets;

/// <summary>The rules in force for the user's home region and the selected year, their history, and what a version changed.</summary>
[Authorize(Policy = nameof(Permission.ViewRuleSets))]
public sealed class IndexModel(CurrentUser me, RuleSetService rules) : PageModel
{
    /// <summary>A stored version whose changes are shown.</summary>
    [BindProperty(SupportsGet = true)]
    public long? Version { get; set; }

    public EffectiveRuleSet Effective { get; private set; } = null!;

    public string RegionName { get; private set; } = "";

    public IReadOnlyList<RuleSet> Versions { get; private set; } = [];

    public RuleSet? Selected { get; private set; }

    public string? SelectedBase { get; private set; }

    public IReadOnlyList<RuleSetDiff.Change> Changes { get; private set; } = [];

    public bool CanEdit => me.Can(Permission.EditRuleSets);

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var scope = await me.ScopeAsync(ct);
        RegionName = await me.RegionNameAsync(ct);
        Effective = await rules.ResolveAsync(scope.HomeRegionId, me.FiscalYear, ct);
        Versions = await rules.VersionsAsync(scope.HomeRegionId, me.FiscalYear, ct);
        if (Version is { } id)
        {
            Selected = await rules.FindAsync(id, ct);
            if (Selected is null || !scope.CanSeeRegion(Selected.RegionId)) throw new NotFoundException("规则版本");
            (SelectedBase, Changes) = await rules.ChangesOfAsync(Selected, ct);
        }
        return Page();
    }
}
