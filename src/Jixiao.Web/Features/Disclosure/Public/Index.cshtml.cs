using Jixiao.Core.Disclosure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Disclosure.Public;

/// <summary>The public portal's home (/public, no sign-in): the search, counts per kind, the latest published items and the open data links.</summary>
[AllowAnonymous]
public sealed class IndexModel(DisclosureService disclosure) : PageModel
{
    public PublicSearch Search { get; private set; } = new([], [], null, null, null, null, null);

    public IReadOnlyDictionary<DisclosureKind, int> Counts { get; private set; } = new Dictionary<DisclosureKind, int>();

    public IReadOnlyList<PublicItem> Latest { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Search = await PublicSearch.LoadAsync(disclosure, null, null, null, null, null, ct);
        var counts = new Dictionary<DisclosureKind, int>();
        foreach (var k in Enum.GetValues<DisclosureKind>())
            counts[k] = (await disclosure.PublicListAsync(new PublicFilter(Kind: k), 1, 1, ct)).Total;
        Counts = counts;
        Latest = (await disclosure.PublicListAsync(new PublicFilter(), 1, 10, ct)).Items;
    }
}
