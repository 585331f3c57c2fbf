using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.RuleSets;

/// <summary>
/// 绩效管理科 edits every number of its home region's rule set for the selected year; saving stores a new version.
/// A county's performance section thereby edits its own county's copy (Art. 38), never the city's.
/// </summary>
[Authorize(Policy = nameof(Permission.EditRuleSets))]
public sealed class EditModel(CurrentUser me, RuleSetService rules) : PageModel, IReloadOnError
{
    [BindProperty]
    public RuleSetContent Rules { get; set; } = new();

    [BindProperty]
    public int BaseVersionNo { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public EffectiveRuleSet Effective { get; private set; } = null!;

    public string RegionName { get; private set; } = "";

    public async Task OnGetAsync()
    {
        await ReloadAsync();
        Rules = Effective.Content;
        BaseVersionNo = Effective.BaseVersionNo;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!me.Can(Permission.EditRuleSets)) return Forbid();
        await ReloadAsync();
        if (!ModelState.IsValid) return Page();
        // The indicator code list is not edited on this form: it stays as in the rules the edit started from.
        Rules.Goals.RequiredLevel1 = Effective.Content.Goals.RequiredLevel1;
        Rules.Goals.Categories = Effective.Content.Goals.Categories;
        var scope = await me.ScopeAsync(HttpContext.RequestAborted);
        var saved = await rules.SaveNewVersionAsync(scope.HomeRegionId, me.FiscalYear, BaseVersionNo, Rules, Comment, HttpContext.RequestAborted);
        TempData["Flash"] = $"规则已保存为 {saved.FiscalYear} 年度第 {saved.VersionNo} 版。";
        return RedirectToPage("/RuleSets/Index", new { version = saved.Id });
    }

    /// <summary>The header (where the rules in force come from); the typed numbers stay as posted.</summary>
    public async Task ReloadAsync()
    {
        var scope = await me.ScopeAsync(HttpContext.RequestAborted);
        RegionName = await me.RegionNameAsync(HttpContext.RequestAborted);
        Effective = await rules.ResolveAsync(scope.HomeRegionId, me.FiscalYear, HttpContext.RequestAborted);
    }

    /// <summary>Messages of a refusal for a group of fields (validator keys such as "Grades"; binding errors show beside their field).</summary>
    public IReadOnlyList<string> ErrorsFor(string key, bool exact = false) => exact
        ? ModelState.Where(kv => kv.Key == key).SelectMany(kv => kv.Value!.Errors.Select(e => e.ErrorMessage)).ToList()
        : FieldErrors.For(ModelState, key);
}
