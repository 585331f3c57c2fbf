using Jixiao.Core.Common;
using Jixiao.Core.Filings;
using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Filings;

/// <summary>规则备案: the county filings in scope, filtered (year, state, county, text), paged, as .xlsx; a county's link to file its rules.</summary>
[Authorize(Policy = nameof(Permission.ViewFilings))]
public sealed class IndexModel(CurrentUser me, FilingService filings) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public FilingState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? RegionId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<FilingRow> Rows { get; private set; } = [];

    public IReadOnlyList<(long Id, string Name)> Regions { get; private set; } = [];

    public bool CanSubmit { get; private set; }

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public int FiscalYear => Year ?? me.FiscalYear;

    public IEnumerable<int> Years => me.SelectableYears;

    private FilingFilter Filter() => new(FiscalYear, State, RegionId, Q);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        var (p, s) = Paging.Normalize(PageNo, 20);
        var page = await filings.ListAsync(Filter(), caller, p, s, ct);
        Rows = page.Items;
        Pager = new(p, s, page.Total);
        Regions = await filings.RegionsAsync(caller, ct);
        CanSubmit = await filings.CanSubmitAsync(caller, ct);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var rows = await filings.ListAsync(Filter(), await me.CallerAsync(ct), 1, XlsxExport.MaxRows, ct);
        return XlsxExport.File<FilingRow>($"规则备案-{FiscalYear}-{DateTime.Now:yyyyMMdd}.xlsx",
        [
            ("县区", r => r.RegionName),
            ("年度", r => r.FiscalYear),
            ("规则版本", r => $"第{r.RuleSetVersionNo}版"),
            ("实施细则文件", r => r.DocumentName),
            ("说明", r => r.Note),
            ("状态", r => r.State.ChineseName()),
            ("备案号", r => r.Number),
            ("报送次数", r => r.Submissions),
            ("报送时间", r => Display.Time(r.SubmittedAt)),
            ("报送人", r => r.SubmittedByName),
            ("备案时间", r => Display.Time(r.FiledAt)),
        ], rows.Items);
    }
}
