using Jixiao.Core.Common;
using Jixiao.Core.Filings;
using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Filings;

/// <summary>报送备案: a county's performance section files one of its own rule-set versions of a year with the document and a note.</summary>
[Authorize(Policy = nameof(Permission.ViewFilings))]
public sealed class SubmitModel(CurrentUser me, FilingService filings) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public long? RuleSetId { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public IFormFile? Document { get; set; }

    public IReadOnlyList<FilableRuleSet> Versions { get; private set; } = [];

    public bool CanSubmit { get; private set; }

    public int FiscalYear => Year ?? me.FiscalYear;

    public IEnumerable<int> Years => me.SelectableYears;

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        CanSubmit = await filings.CanSubmitAsync(caller, ct);
        Versions = CanSubmit ? await filings.FilableAsync(FiscalYear, caller, ct) : [];
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (Document is null) throw new DomainException("请选择实施细则文件（PDF、Word 或 OFD）。");
        if (Document.Length > Core.Attachments.UploadCheck.DefaultMaxBytes) throw new DomainException("文件超过20MB的上限：请压缩或拆分后上传。");
        using var buffer = new MemoryStream();
        await Document.CopyToAsync(buffer, ct);
        var f = await filings.SubmitAsync(FiscalYear, RuleSetId, Document.FileName, buffer.ToArray(), Note, await me.CallerAsync(ct), ct: ct);
        TempData["Flash"] = "已报送市财政局备案。";
        return RedirectToPage("/Filings/Detail", new { id = f.Id });
    }
}
