using Jixiao.Core.Results;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.ResultApplication;

/// <summary>One rectification: the party records measures, states and evidence per problem, writes and submits its report; the organiser accepts or returns it.</summary>
[Authorize(Policy = nameof(Core.Identity.Permission.UseBusinessArea))]
public sealed class RectificationModel(CurrentUser me, ResultService results) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public long ItemId { get; set; }

    [BindProperty]
    public string? Measures { get; set; }

    [BindProperty]
    public RectificationItemState ItemState { get; set; }

    [BindProperty]
    public string? Report { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public IFormFile? Evidence { get; set; }

    public RectificationDetail Detail { get; private set; } = null!;

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Detail = await results.RectificationDetailAsync(Id, await me.CallerAsync(ct), ct);
        Version = Detail.Rectification.Version;
        Report ??= Detail.Rectification.Report;
    }

    private IActionResult Done(string flash)
    {
        TempData["Flash"] = flash;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostItemAsync()
    {
        var ct = HttpContext.RequestAborted;
        await results.RecordItemAsync(Id, Version, ItemId, Measures, ItemState, await me.CallerAsync(ct), ct);
        return Done("已保存整改措施。");
    }

    public async Task<IActionResult> OnPostEvidenceAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (Evidence is null) throw new Core.Common.DomainException("请选择要上传的文件。");
        if (Evidence.Length > Core.Attachments.UploadCheck.DefaultMaxBytes) throw new Core.Common.DomainException("文件超过20MB的上限：请压缩或拆分后上传。");
        using var buffer = new MemoryStream();
        await Evidence.CopyToAsync(buffer, ct);
        await results.AddEvidenceAsync(Id, Version, ItemId, Evidence.FileName, buffer.ToArray(), await me.CallerAsync(ct), ct: ct);
        return Done("佐证材料已上传。");
    }

    public async Task<IActionResult> OnGetEvidenceAsync(long evidenceId)
    {
        var ct = HttpContext.RequestAborted;
        var (e, data) = await results.EvidenceAsync(Id, evidenceId, await me.CallerAsync(ct), ct);
        return File(data, e.ContentType, e.OriginalName);
    }

    public async Task<IActionResult> OnPostReportAsync()
    {
        var ct = HttpContext.RequestAborted;
        await results.SaveReportAsync(Id, Version, Report, await me.CallerAsync(ct), ct);
        return Done("整改报告已保存。");
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        var ct = HttpContext.RequestAborted;
        await results.SubmitAsync(Id, Version, await me.CallerAsync(ct), ct);
        return Done("整改报告已报送。");
    }

    public async Task<IActionResult> OnPostAcceptAsync()
    {
        var ct = HttpContext.RequestAborted;
        await results.ReviewAsync(Id, Version, true, null, await me.CallerAsync(ct), ct);
        return Done("整改已验收。");
    }

    public async Task<IActionResult> OnPostReturnAsync()
    {
        var ct = HttpContext.RequestAborted;
        await results.ReviewAsync(Id, Version, false, Reason, await me.CallerAsync(ct), ct);
        return Done("已退回整改。");
    }
}
