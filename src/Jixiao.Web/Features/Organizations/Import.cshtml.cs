using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Organizations;

/// <summary>
/// 系统管理员 imports the organisation tree from CSV (all-or-nothing, see <see cref="OrganizationService.ImportCsvAsync"/>).
/// The request limit is a little above the 5 MB file limit so that a slightly larger file gets the Chinese message.
/// </summary>
[Authorize(Policy = nameof(Permission.ManageOrganizations))]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public sealed class ImportModel(CurrentUser me, OrganizationService orgs) : PageModel
{
    public const long MaxFileBytes = 5 * 1024 * 1024;
    private const long RequestLimit = MaxFileBytes + 1024 * 1024;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public OrganizationImportResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!me.Can(Permission.ManageOrganizations)) return Forbid();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "请选择要导入的 CSV 文件。");
            return Page();
        }
        if (!string.Equals(Path.GetExtension(Upload.FileName), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(Upload), "只接受 .csv 文件（可在 Excel 中“另存为 CSV”）。");
            return Page();
        }
        if (Upload.Length > MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Upload), "文件不能超过 5 MB，请分批导入。");
            return Page();
        }
        await using var stream = Upload.OpenReadStream();
        Result = await orgs.ImportCsvAsync(stream, HttpContext.RequestAborted);
        return Page();
    }
}
