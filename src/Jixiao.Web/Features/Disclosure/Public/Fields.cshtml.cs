using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Disclosure.Public;

/// <summary>/public/fields: every field of every open data set, from <see cref="OpenDataApi.DataSets"/> (the CSV headers and JSON names).</summary>
[AllowAnonymous]
public sealed class FieldsModel : PageModel
{
    public void OnGet()
    {
    }
}
