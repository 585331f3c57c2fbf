using System.Globalization;
using Jixiao.Core.Disclosure;
using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Disclosure;

/// <summary>What the performance section may publish for a year, with checkboxes to publish several at once.</summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class CandidatesModel(CurrentUser me, DisclosureService disclosure) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    public IReadOnlyList<DisclosureCandidate> Rows { get; private set; } = [];

    public int FiscalYear => Year ?? me.FiscalYear;

    public IEnumerable<int> Years => me.SelectableYears;

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Rows = await disclosure.CandidatesAsync(FiscalYear, DisclosureNames.ParseKind(Kind), await me.CallerAsync(ct), ct);
    }

    /// <summary>Publishes the checked rows (<c>keys</c> as SourceType:SourceId).</summary>
    public async Task<IActionResult> OnPostPublishAsync(List<string>? keys)
    {
        var ct = HttpContext.RequestAborted;
        var parsed = (keys ?? []).Select(k => k.Split(':')).Where(p => p.Length == 2 && long.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(p => new DisclosureKey(p[0], long.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
        var ids = await disclosure.PublishAsync(FiscalYear, parsed, await me.CallerAsync(ct), ct);
        TempData["Flash"] = $"已公开 {ids.Count} 项。";
        return RedirectToPage(new { year = FiscalYear, kind = Kind });
    }
}
