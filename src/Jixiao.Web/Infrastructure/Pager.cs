using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Jixiao.Web.Infrastructure;

/// <summary>Server-side paging of a list page: the current page, its size, the total, and links that keep the filters.</summary>
public sealed record Pager(int Page, int PageSize, int Total)
{
    public int TotalPages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < TotalPages;

    /// <summary>The current URL with <c>p</c> set to <paramref name="page"/>; every other query value (the filters) is kept.</summary>
    public static string Link(HttpRequest request, int page)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(kv => kv.Key is not ("p" or "handler"))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return request.PathBase + request.Path + new QueryBuilder(query!).ToQueryString();
    }
}
