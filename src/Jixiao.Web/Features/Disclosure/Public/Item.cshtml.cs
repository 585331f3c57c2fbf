using Jixiao.Core.Disclosure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Disclosure.Public;

/// <summary>/public/items/{id}: one published item from its frozen snapshot; an unpublished or unknown one is a 404.</summary>
[AllowAnonymous]
public sealed class ItemModel(DisclosureService disclosure) : PageModel
{
    public PublicItem Item { get; private set; } = null!;

    public async Task OnGetAsync(long id) => Item = await disclosure.PublicItemAsync(id, HttpContext.RequestAborted);
}
