using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Authorization;

/// <summary>An endpoint as the app itself declares it: an HTTP route (method + pattern) or a Razor page (its path).</summary>
public sealed record DiscoveredEndpoint(EndpointKind Kind, string Method, string Route, string? Policy, bool AllowsAnonymous, Type? BodyType = null)
{
    public string Key => Kind == EndpointKind.Page ? $"PAGE {Route}" : $"{Method} {Route}";
}

public enum EndpointKind
{
    Api,
    Page,
}

/// <summary>Reads every endpoint from the app's <see cref="EndpointDataSource"/>, so nothing mapped can escape the matrix.</summary>
public static class EndpointCatalog
{
    public static IReadOnlyList<DiscoveredEndpoint> Discover(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        var found = new Dictionary<string, DiscoveredEndpoint>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => !string.IsNullOrEmpty(p) && p != Jixiao.Web.Infrastructure.Auth.ApiPolicy);
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var e = new DiscoveredEndpoint(EndpointKind.Page, "GET", page.ViewEnginePath, policy, anonymous);
                found.TryAdd(e.Key, e);
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            foreach (var m in methods)
            {
                var e = new DiscoveredEndpoint(EndpointKind.Api, m, route, policy, anonymous, endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType);
                found.TryAdd(e.Key, e);
            }
        }
        return [.. found.Values.OrderBy(e => e.Kind).ThenBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];
    }
}
