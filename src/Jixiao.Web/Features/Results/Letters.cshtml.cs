using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Results;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.ResultApplication;

/// <summary>反馈函: the letters in scope, filtered (year, state, source, text), paged, as .xlsx; the draft handler of the "拟反馈函" buttons.</summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class LettersModel(CurrentUser me, ResultService results) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public FeedbackLetterState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<LetterRow> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public int FiscalYear => Year ?? me.FiscalYear;

    public IEnumerable<int> Years => me.SelectableYears;

    private LetterFilter Filter() => new(FiscalYear, State, FeedbackLetterWorkflow.ParseSourceKind(Source), null, Q);

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (p, s) = Paging.Normalize(PageNo, 20);
        var page = await results.ListLettersAsync(Filter(), await me.CallerAsync(ct), p, s, ct);
        Rows = page.Items;
        Pager = new(p, s, page.Total);
    }

    /// <summary>拟反馈函 from a source page's button.</summary>
    public async Task<IActionResult> OnPostDraftAsync(string sourceKind, long sourceId)
    {
        var ct = HttpContext.RequestAborted;
        var kind = FeedbackLetterWorkflow.ParseSourceKind(sourceKind) ?? throw new DomainException("反馈来源无效。");
        var l = await results.DraftAsync(kind, sourceId, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "已拟反馈函草稿，请核对内容后征求意见或印发。";
        return RedirectToPage("/Results/Letter", new { id = l.Id });
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var rows = await results.ListLettersAsync(Filter(), await me.CallerAsync(ct), 1, XlsxExport.MaxRows, ct);
        return XlsxExport.File<LetterRow>($"反馈函-{FiscalYear}-{DateTime.Now:yyyyMMdd}.xlsx",
        [
            ("文号", r => r.Number),
            ("标题", r => r.Title),
            ("来源", r => r.SourceKind.ChineseName()),
            ("被评价单位", r => r.OrganizationName),
            ("评价对象", r => r.SubjectName),
            ("得分", r => r.Score),
            ("等级", r => r.Grade?.ChineseName()),
            ("整改期限", r => r.Deadline.ToString("yyyy-MM-dd")),
            ("状态", r => r.State.ChineseName()),
            ("印发时间", r => Display.Time(r.SentAt)),
        ], rows.Items);
    }
}
