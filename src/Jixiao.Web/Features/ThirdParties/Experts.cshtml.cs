using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.ThirdParties;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Jixiao.Web.Features.ThirdParties;

/// <summary>专家库: the experts of the pools the user may use, filtered and paged on the server; phone and ID number masked.</summary>
[Authorize(Policy = nameof(Permission.ViewThirdParties))]
public sealed class ExpertsModel(CurrentUser me, ThirdPartyService pools) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Field { get; set; }

    /// <summary>在库 (true), 不在库 (false) or both (null).</summary>
    [BindProperty(SupportsGet = true)]
    public bool? Active { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<ExpertRow> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public bool CanManage => me.Can(Permission.ManageThirdParties);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (p, s) = Paging.Normalize(PageNo, 20);
        var result = await pools.ExpertsAsync(await me.CallerAsync(ct), Filter(), p, s, ct);
        Rows = result.Items;
        Pager = new(p, s, result.Total);
    }

    /// <summary>The filtered list (all pages) as .xlsx, personal fields masked as on the page.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var result = await pools.ExpertsAsync(await me.CallerAsync(ct), Filter(), 1, XlsxExport.MaxRows, ct);
        return XlsxExport.File<ExpertRow>($"专家库-{DateTime.Now:yyyyMMdd}.xlsx",
        [
            ("所属专家库", r => r.RegionName),
            ("姓名", r => r.Name),
            ("专业领域", r => r.Field),
            ("职称", r => r.Title),
            ("工作单位", r => r.Employer),
            ("联系电话", r => r.Phone),
            ("身份证号码", r => r.IdNumber),
            ("回避单位数", r => r.ConflictCount),
            ("登录账号", r => r.UserName),
            ("在库", r => r.IsActive ? "是" : "否"),
        ], result.Items);
    }

    public string ExportLink() => ListLinks.Export(Request);

    private ExpertFilter Filter() => new(Q, Field, Active);
}

/// <summary>Links of the pool and assessment lists.</summary>
public static class ListLinks
{
    /// <summary>The current list's filters with the export handler (no page number).</summary>
    public static string Export(HttpRequest request)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(kv => kv.Key is not ("p" or "handler"))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new("handler", "Export"));
        return request.PathBase + request.Path + new QueryBuilder(query!).ToQueryString();
    }
}
