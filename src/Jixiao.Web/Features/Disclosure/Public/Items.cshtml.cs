using Jixiao.Core.Common;
using Jixiao.Core.Disclosure;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Disclosure.Public;

/// <summary>/public/items: the published items searched by year, department, grade, kind and text, paged. Published ones only.</summary>
[AllowAnonymous]
public sealed class ItemsModel(DisclosureService disclosure) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Grade { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public PublicSearch Search { get; private set; } = new([], [], null, null, null, null, null);

    public IReadOnlyList<PublicItem> Items { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Search = await PublicSearch.LoadAsync(disclosure, Year, Department, Grade, Kind, Text?.Length > 50 ? Text[..50] : Text, ct);
        var (p, s) = Paging.Normalize(PageNo, 20);
        var page = await disclosure.PublicListAsync(Search.Filter(), p, s, ct);
        Items = page.Items;
        Pager = new(p, s, page.Total);
    }
}
