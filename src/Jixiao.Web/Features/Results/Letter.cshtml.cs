using Jixiao.Core.Results;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.ResultApplication;

/// <summary>One feedback letter: the organiser edits the draft, asks for views, sends or cancels it; the evaluated party states its views; the stored .docx.</summary>
[Authorize(Policy = nameof(Core.Identity.Permission.UseBusinessArea))]
public sealed class LetterModel(CurrentUser me, ResultService results) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Recipient { get; set; }

    [BindProperty]
    public string? Issuer { get; set; }

    [BindProperty]
    public string? SubjectName { get; set; }

    [BindProperty]
    public decimal? Score { get; set; }

    [BindProperty]
    public Grade? Grade { get; set; }

    [BindProperty]
    public string? Problems { get; set; }

    [BindProperty]
    public string? Requirements { get; set; }

    [BindProperty]
    public DateOnly Deadline { get; set; }

    [BindProperty]
    public string? Views { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public LetterDetail Detail { get; private set; } = null!;

    public bool CanEdit => Detail.Letter.IsEditable && Detail.Actions.Contains(FeedbackLetterAction.Send);

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Detail = await results.LetterDetailAsync(Id, await me.CallerAsync(ct), ct);
        var l = Detail.Letter;
        if (Request.Method == "GET" || Title is null)
        {
            (Title, Recipient, Issuer, SubjectName, Score, Grade, Problems, Requirements, Deadline) =
                (l.Title, l.Recipient, l.Issuer, l.SubjectName, l.Score, l.Grade, l.Problems, l.Requirements, l.Deadline);
        }
        Version = l.Version;
    }

    private async Task<IActionResult> Done(string flash)
    {
        TempData["Flash"] = flash;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var ct = HttpContext.RequestAborted;
        await results.EditLetterAsync(Id, Version, new LetterInput(Title ?? "", Recipient ?? "", Issuer ?? "", SubjectName ?? "", Score, Grade, Problems ?? "",
            Requirements ?? "", Deadline), await me.CallerAsync(ct), ct);
        return await Done("已保存。");
    }

    public async Task<IActionResult> OnPostRequestViewsAsync()
    {
        var ct = HttpContext.RequestAborted;
        await results.RequestViewsAsync(Id, Version, await me.CallerAsync(ct), ct);
        return await Done("已征求被评价单位意见。");
    }

    public async Task<IActionResult> OnPostViewsAsync()
    {
        var ct = HttpContext.RequestAborted;
        await results.StateViewsAsync(Id, Version, Views ?? "", await me.CallerAsync(ct), ct);
        return await Done("意见已反馈。");
    }

    public async Task<IActionResult> OnPostSendAsync()
    {
        var ct = HttpContext.RequestAborted;
        var l = await results.SendAsync(Id, Version, await me.CallerAsync(ct), ct);
        return await Done($"已印发，文号 {l.Number}；已通知被评价单位整改。");
    }

    public async Task<IActionResult> OnPostCancelAsync()
    {
        var ct = HttpContext.RequestAborted;
        await results.CancelAsync(Id, Version, Reason, await me.CallerAsync(ct), ct);
        return await Done("反馈函已作废。");
    }

    public async Task<IActionResult> OnGetDocxAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (name, data) = await results.DocxAsync(Id, await me.CallerAsync(ct), ct);
        return File(data, Core.Common.WordParts.ContentType, name);
    }
}
