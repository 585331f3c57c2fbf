using Jixiao.Core.Appraisals;
using Jixiao.Core.Attachments;
using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Appraisals;

/// <summary>One line of the self-score or review form as posted.</summary>
public sealed class AppraisalLineRow
{
    public long LineId { get; set; }

    public decimal? Score { get; set; }

    public int? Findings { get; set; }

    /// <summary>The self-explanation (self-score) or the reason of an adjustment (review).</summary>
    public string? Text { get; set; }
}

/// <summary>
/// One appraisal sheet: per sub-item the points and scoring standard, the computed figure with each evidence record linked, the self-score
/// with explanation and attachments (the subject edits them while self-scoring), the review score with the reason of an adjustment (the
/// performance section, after submission), returns, commendations and talks once the round is finalised.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class SheetModel(CurrentUser me, AppraisalService appraisals) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public List<AppraisalLineRow> Rows { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public long UploadLineId { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public AppraisalFollowUpKind FollowUpKind { get; set; }

    [BindProperty]
    public DateOnly? FollowUpDate { get; set; }

    [BindProperty]
    public string? FollowUpText { get; set; }

    [BindProperty]
    public DateOnly? ImprovementDeadline { get; set; }

    public AppraisalSheetView View { get; private set; } = null!;

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostSelfScoreAsync()
    {
        var ct = HttpContext.RequestAborted;
        await appraisals.SelfScoreAsync(Id, Version, SelfLines(), await me.CallerAsync(ct), ct);
        TempData["Flash"] = "自评已保存。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        var version = Version;
        if (Rows.Count > 0) version = (await appraisals.SelfScoreAsync(Id, Version, SelfLines(), caller, ct)).Version;
        await appraisals.SubmitAsync(Id, version, caller, ct);
        TempData["Flash"] = "自评已提交，等待财政部门绩效管理科复核。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostUploadAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (Upload is null) throw new DomainException("请选择要上传的文件。");
        if (Upload.Length > UploadCheck.DefaultMaxBytes) throw new DomainException($"文件超过{UploadCheck.DefaultMaxBytes / 1024 / 1024}MB的上限：请压缩或拆分后上传。");
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, ct);
        var a = await appraisals.AddAttachmentAsync(Id, Version, UploadLineId, Upload.FileName, buffer.ToArray(), await me.CallerAsync(ct), ct: ct);
        TempData["Flash"] = $"已上传佐证材料“{a.OriginalName}”。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnGetAttachmentAsync(long attachmentId)
    {
        var ct = HttpContext.RequestAborted;
        var (a, data) = await appraisals.AttachmentAsync(Id, attachmentId, await me.CallerAsync(ct), ct);
        return File(data, a.ContentType, a.OriginalName);
    }

    public async Task<IActionResult> OnPostRemeasureAsync()
    {
        var ct = HttpContext.RequestAborted;
        await appraisals.RemeasureAsync(Id, Version, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "已按系统最新数据重新计算。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostReturnAsync()
    {
        var ct = HttpContext.RequestAborted;
        await appraisals.ReturnAsync(Id, Version, Reason, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "考核表已退回被考核对象修改。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostReviewAsync()
    {
        var ct = HttpContext.RequestAborted;
        var sheet = await appraisals.ReviewAsync(Id, Version, Rows.Select(r => new ReviewLineInput(r.LineId, r.Score, r.Findings, r.Text)).ToList(),
            await me.CallerAsync(ct), ct);
        TempData["Flash"] = $"复核完成，复核得分 {sheet.ReviewTotal:0.00} 分。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostFollowUpAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (FollowUpDate is not { } date) throw new DomainException("请填写日期。");
        await appraisals.AddFollowUpAsync(Id, Version, new FollowUpInput(FollowUpKind, date, FollowUpText ?? "", ImprovementDeadline), await me.CallerAsync(ct), ct);
        TempData["Flash"] = $"已记录{FollowUpKind.ChineseName()}。";
        return RedirectToPage(new { id = Id });
    }

    /// <summary>The row as posted (after a refusal) or as stored.</summary>
    public AppraisalLineRow RowFor(AppraisalLine l) => Rows.FirstOrDefault(r => r.LineId == l.Id) ?? (View.CanReview
        ? new AppraisalLineRow { LineId = l.Id, Score = l.ReviewScore ?? Round4(l.SelfValue), Findings = l.ReviewFindings ?? l.SelfFindings, Text = l.ReviewReason }
        : new AppraisalLineRow { LineId = l.Id, Score = Round4(l.SelfScore), Findings = l.SelfFindings, Text = l.SelfExplanation });

    private static decimal? Round4(decimal? v) => v is { } x ? Math.Round(x, 4, MidpointRounding.AwayFromZero) : null;

    private List<SelfScoreLineInput> SelfLines() => Rows.Select(r => new SelfScoreLineInput(r.LineId, r.Score, r.Findings, r.Text)).ToList();

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        View = await appraisals.SheetAsync(Id, await me.CallerAsync(ct), ct);
        FollowUpDate ??= DateOnly.FromDateTime(ChinaTime.Now(HttpContext.RequestServices.GetRequiredService<TimeProvider>()));
    }
}
