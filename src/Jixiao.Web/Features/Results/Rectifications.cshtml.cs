using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Results;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.ResultApplication;

/// <summary>整改: the rectifications in scope, filtered (year, state, overdue, text), paged, overdue in red, as .xlsx.</summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class RectificationsModel(CurrentUser me, ResultService results) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public RectificationState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<RectificationRow> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public int FiscalYear => Year ?? me.FiscalYear;

    public IEnumerable<int> Years => me.SelectableYears;

    private RectificationFilter Filter() => new(FiscalYear, State, Overdue, null, Q);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (p, s) = Paging.Normalize(PageNo, 20);
        var page = await results.ListRectificationsAsync(Filter(), await me.CallerAsync(ct), p, s, ct);
        Rows = page.Items;
        Pager = new(p, s, page.Total);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var rows = await results.ListRectificationsAsync(Filter(), await me.CallerAsync(ct), 1, XlsxExport.MaxRows, ct);
        return XlsxExport.File<RectificationRow>($"整改情况-{FiscalYear}-{DateTime.Now:yyyyMMdd}.xlsx",
        [
            ("反馈函文号", r => r.LetterNumber),
            ("反馈函标题", r => r.Title),
            ("被评价单位", r => r.OrganizationName),
            ("整改期限", r => r.Deadline.ToString("yyyy-MM-dd")),
            ("状态", r => r.State.ChineseName()),
            ("问题数", r => r.Items),
            ("已整改", r => r.ItemsDone),
            ("部分整改", r => r.ItemsPartlyDone),
            ("是否逾期", r => r.Overdue ? "逾期" : ""),
            ("报送时间", r => Display.Time(r.SubmittedAt)),
        ], rows.Items);
    }
}
