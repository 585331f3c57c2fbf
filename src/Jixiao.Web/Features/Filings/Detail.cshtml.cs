using Jixiao.Core.Common;
using Jixiao.Core.Filings;
using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Filings;

/// <summary>One filing: the document, the county's rules beside the city's (changed items highlighted), file/return for the city, resubmit for the county, history.</summary>
[Authorize(Policy = nameof(Permission.ViewFilings))]
public sealed class DetailModel(CurrentUser me, FilingService filings) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool ChangedOnly { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public string? Comments { get; set; }

    [BindProperty]
    public long? RuleSetId { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public IFormFile? Document { get; set; }

    public FilingDetail Detail { get; private set; } = null!;

    public IReadOnlyList<FilingDiffRow> Rows { get; private set; } = [];

    public IReadOnlyList<FilableRuleSet> Versions { get; private set; } = [];

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        Detail = await filings.DetailAsync(Id, caller, ct);
        Rows = FilingsApi.Rows(Detail, ChangedOnly);
        Version = Detail.Filing.Version;
        if (Detail.Actions.Contains(FilingAction.Resubmit)) Versions = await filings.FilableAsync(Detail.Filing.FiscalYear, caller, ct);
        Note ??= Detail.Filing.Note;
    }

    private IActionResult Done(string flash)
    {
        TempData["Flash"] = flash;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostFileAsync()
    {
        var ct = HttpContext.RequestAborted;
        var f = await filings.FileAsync(Id, Version, Comment, await me.CallerAsync(ct), ct);
        return Done($"已备案，备案号 {f.Number}。");
    }

    public async Task<IActionResult> OnPostReturnAsync()
    {
        var ct = HttpContext.RequestAborted;
        await filings.ReturnAsync(Id, Version, Comments, await me.CallerAsync(ct), ct);
        return Done("已退回，县区将按意见修改后重新报送。");
    }

    public async Task<IActionResult> OnPostResubmitAsync()
    {
        var ct = HttpContext.RequestAborted;
        byte[]? data = null;
        if (Document is not null) // no file chosen binds null; a chosen empty file is refused by the service
        {
            if (Document.Length > Core.Attachments.UploadCheck.DefaultMaxBytes) throw new DomainException("文件超过20MB的上限：请压缩或拆分后上传。");
            using var buffer = new MemoryStream();
            await Document.CopyToAsync(buffer, ct);
            data = buffer.ToArray();
        }
        await filings.ResubmitAsync(Id, Version, RuleSetId, Document?.FileName, data, Note, await me.CallerAsync(ct), ct: ct);
        return Done("已重新报送市财政局备案。");
    }

    public async Task<IActionResult> OnGetDocumentAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (doc, data) = await filings.DocumentAsync(Id, await me.CallerAsync(ct), ct);
        return File(data, doc.ContentType, doc.Name);
    }
}
