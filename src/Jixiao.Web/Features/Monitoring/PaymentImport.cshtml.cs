using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Monitoring;

/// <summary>
/// Upload of a payments file. The file is saved to a temporary file and imported in the background
/// (<see cref="PaymentImportJobs"/>); the page then polls the job's progress with htmx until it has a result.
/// </summary>
[Authorize(Policy = nameof(Permission.ImportPayments))]
[PaymentUploadLimit]
public sealed class PaymentImportModel(CurrentUser me, PaymentImportJobs jobs, IConfiguration config) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Job { get; set; }

    public PaymentImportJob? Current { get; private set; }

    public long MaxBytes => PaymentUpload.MaxBytes(config);

    public IActionResult OnGet()
    {
        if (Job is { } id)
        {
            Current = jobs.Find(id, me.Id);
            if (Current is null) return NotFound();
        }
        return Page();
    }

    /// <summary>The progress fragment the page polls (htmx replaces it until the job is done).</summary>
    public IActionResult OnGetProgress()
    {
        var job = Job is { } id ? jobs.Find(id, me.Id) : null;
        if (job is null) return NotFound();
        return Partial("_PaymentImportProgress", job);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "请选择要导入的 CSV 或 Excel（.xlsx）文件。");
            return Page();
        }
        if (Upload.Length > MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), PaymentUpload.TooLargeMessage(MaxBytes));
            return Page();
        }
        var ct = HttpContext.RequestAborted;
        var temp = Core.Common.TempFiles.NewPath("payments", ".upload");
        await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        await using (var source = Upload.OpenReadStream())
        {
            await source.CopyToAsync(target, ct);
        }
        var scope = await me.ScopeAsync(ct);
        var job = jobs.Start(temp, Path.GetFileName(Upload.FileName), scope.HomeRegionId, CurrentUser.ActorOf(HttpContext));
        return RedirectToPage(new { job = job.Id });
    }
}
