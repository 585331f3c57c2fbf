using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.ThirdParties;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.ThirdParties;

/// <summary>第三方机构库: agencies with what informs the next engagement — credit status, average quality rating, inspection findings.</summary>
[Authorize(Policy = nameof(Permission.ViewThirdParties))]
public sealed class AgenciesModel(CurrentUser me, ThirdPartyService pools) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public AgencyType? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public CreditStatus? Credit { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<AgencyRow> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public bool CanManage => me.Can(Permission.ManageThirdParties);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (p, s) = Paging.Normalize(PageNo, 20);
        var result = await pools.AgenciesAsync(await me.CallerAsync(ct), Filter(), p, s, ct);
        Rows = result.Items;
        Pager = new(p, s, result.Total);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var result = await pools.AgenciesAsync(await me.CallerAsync(ct), Filter(), 1, XlsxExport.MaxRows, ct);
        return XlsxExport.File<AgencyRow>($"第三方机构库-{DateTime.Now:yyyyMMdd}.xlsx",
        [
            ("机构名称", r => r.Name),
            ("机构类型", r => r.Type.ChineseName()),
            ("资质情况", r => r.Qualifications),
            ("从业人员数", r => r.StaffCount),
            ("联系人", r => r.ContactName),
            ("联系电话", r => r.ContactPhone),
            ("信用状况", r => r.CreditStatus.ChineseName()),
            ("信用状况说明", r => r.CreditNote),
            ("质量评价次数", r => r.RatingCount),
            ("平均质量评分", r => r.AverageRating),
            ("检查发现", r => r.InspectionCount),
            ("其中严重问题", r => r.SeriousFindingCount),
            ("回避单位数", r => r.ConflictCount),
        ], result.Items);
    }

    public string ExportLink() => ListLinks.Export(Request);

    private AgencyFilter Filter() => new(Q, Type, Credit);
}
