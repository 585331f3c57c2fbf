using Jixiao.Core.Common;
using Jixiao.Core.Disclosure;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Features.ThirdParties;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Disclosure;

/// <summary>
/// 信息公开: the published and unpublished items of the caller's regions, filtered and paged, as .xlsx; the performance section
/// unpublishes with a reason (off the portal at once) or republishes.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class IndexModel(CurrentUser me, DisclosureService disclosure) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Grade { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<DisclosureRow> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public int FiscalYear => Year ?? me.FiscalYear;

    public IEnumerable<int> Years => me.SelectableYears;

    public bool CanPublish => me.Roles.Contains(Role.PerformanceSection);

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (p, s) = Paging.Normalize(PageNo, 20);
        var page = await disclosure.ListAsync(Filter(), await me.CallerAsync(ct), p, s, ct);
        Rows = page.Items;
        Pager = new(p, s, page.Total);
    }

    public async Task<IActionResult> OnPostUnpublishAsync(long id, int version, string? reason)
    {
        var ct = HttpContext.RequestAborted;
        await disclosure.UnpublishAsync(id, version, reason, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "已撤回公开，公开门户和开放数据中已不再显示。";
        return RedirectToPage(new { year = Year, kind = Kind, grade = Grade, state = State, text = Text });
    }

    public async Task<IActionResult> OnPostRepublishAsync(long id, int version)
    {
        var ct = HttpContext.RequestAborted;
        await disclosure.RepublishAsync(id, version, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "已重新公开。";
        return RedirectToPage(new { year = Year, kind = Kind, grade = Grade, state = State, text = Text });
    }

    /// <summary>The filtered items (all pages) as .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var page = await disclosure.ListAsync(Filter(), await me.CallerAsync(ct), 1, XlsxExport.MaxRows, ct);
        return XlsxExport.File<DisclosureRow>($"信息公开-{FiscalYear}-{DateTime.Now:yyyyMMdd}.xlsx",
        [
            ("编号", r => r.Id),
            ("区划", r => r.RegionName),
            ("预算年度", r => r.FiscalYear),
            ("类别", r => r.Kind.ChineseName()),
            ("主管部门", r => r.DepartmentName),
            ("标题", r => r.Title),
            ("等级", r => r.Grade?.ChineseName()),
            ("状态", r => r.State.ChineseName()),
            ("公开时间", r => Display.Time(r.PublishedAt)),
            ("公开人", r => r.PublishedBy),
            ("撤回时间", r => r.UnpublishedAt is null ? null : Display.Time(r.UnpublishedAt)),
            ("撤回人", r => r.UnpublishedBy),
            ("撤回原因", r => r.UnpublishReason),
        ], page.Items);
    }

    public string ExportLink() => ListLinks.Export(Request);

    /// <summary>The filter of the query string; an unknown value is ignored (the page never fails on a hand-edited link).</summary>
    private DisclosureFilter Filter() => new(FiscalYear, DisclosureNames.ParseKind(Kind), null,
        Enum.GetValues<Core.RuleSets.Grade>().Cast<Core.RuleSets.Grade?>().FirstOrDefault(g => g!.Value.WireName() == Grade),
        Enum.TryParse<DisclosureState>(State, true, out var st) ? st : null, Text);
}
