using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests;

/// <summary>The fixed interfaces anyone outside relies on: /health, the OpenAPI document, tokens, /me.</summary>
public sealed class ApiBasicsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Health_DatabaseAnswers_Is200(DbProvider provider)
    {
        var app = fixture.For(provider);
        Assert.Equal(provider == DbProvider.Postgres ? Jixiao.Web.Infrastructure.DatabaseProvider.Postgres : Jixiao.Web.Infrastructure.DatabaseProvider.Sqlite,
            app.Factory.Database.Provider);
        using var response = await app.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OpenApi_Anonymous_ListsEveryApiV1Route(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var response = await app.Client.GetAsync("/openapi/v1.json");
        var doc = await response.AssertOkJsonAsync();
        var paths = doc["paths"]!.AsObject();

        var routes = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (Path: OpenApiPath(e.RoutePattern.RawText!), Method: m.ToLowerInvariant())))
            .Distinct().ToList();
        Assert.True(routes.Count >= 15, $"only {routes.Count} /api/v1 endpoints found");
        var missing = routes.Where(r => paths[r.Path]?[r.Method] is null).Select(r => $"{r.Method.ToUpperInvariant()} {r.Path}").ToList();
        Assert.True(missing.Count == 0, "not in /openapi/v1.json: " + string.Join(", ", missing));
    }

    /// <summary>"/api/v1/organizations/{id:long}" → "/api/v1/organizations/{id}", as OpenAPI writes it.</summary>
    private static string OpenApiPath(string raw)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(raw, @"\{([^}:=?]+)[^}]*\}", "{$1}");
        path = "/" + path.Trim('/');
        return path;
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Token_RightPassword_IsIssued(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var response = await app.RequestTokenAsync("perf", DemoUsers.Password);
        var body = await response.AssertOkJsonAsync();
        Assert.False(string.IsNullOrWhiteSpace((string?)body["accessToken"]));
        Assert.True((int)body["expiresIn"]! > 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Token_WrongPassword_Is401ProblemInChinese(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var response = await app.RequestTokenAsync("auditor", "Wrong@2026!");
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Http.AssertChinese((string?)problem["detail"]);
        Assert.Equal(401, (int)problem["status"]!);

        using var unknown = await app.RequestTokenAsync("nobody-here", "Wrong@2026!");
        var same = await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal((string?)problem["detail"], (string?)same["detail"]); // no hint whether the account exists
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Me_WithToken_ReturnsNameRolesOrganisationRegion(DbProvider provider)
    {
        var app = fixture.For(provider);
        var me = await app.GetJsonAsync("unit", "/api/v1/me");
        Assert.Equal("unit", (string?)me["userName"]);
        Assert.Equal(["BudgetUnit"], me["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("长治市第一中学校", (string?)me["organizationName"]);
        Assert.Equal("长治市", (string?)me["regionName"]);
        Assert.Equal(2026, (int)me["fiscalYear"]!);

        var county = await app.GetJsonAsync("county", "/api/v1/me");
        Assert.Equal("潞州区财政局绩效股", (string?)county["organizationName"]);
        Assert.Equal("潞州区", (string?)county["regionName"]);
        Assert.Equal(["PerformanceSection"], county["roles"]!.AsArray().Select(r => (string)r!));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Api_NoOrForgedToken_Is401Problem(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var none = await app.Client.GetAsync("/api/v1/me");
        Http.AssertChinese((string?)(await none.AssertProblemAsync(HttpStatusCode.Unauthorized))["title"]);

        using var forged = await app.SendWithTokenAsync(Task.FromResult("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"), HttpMethod.Get, "/api/v1/me");
        await forged.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ApiLogout_Token_EndsTheSession(DbProvider provider)
    {
        var app = fixture.For(provider);
        var token = await app.NewTokenAsync("expert");
        using (var ok = await app.SendWithTokenAsync(Task.FromResult(token), HttpMethod.Get, "/api/v1/me")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var logout = await app.SendWithTokenAsync(Task.FromResult(token), HttpMethod.Post, "/api/v1/auth/logout"))
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using var after = await app.SendWithTokenAsync(Task.FromResult(token), HttpMethod.Get, "/api/v1/me");
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Api_UnreadableRequest_IsProblemNotEmpty(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var notJson = await app.Client.PostAsync("/api/v1/auth/token", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Http.AssertChinese((string?)(await notJson.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);

        using var wrongType = await app.SendAsync("perf", HttpMethod.Put, "/api/v1/rule-sets/current", new { baseVersionNo = "eins", content = new { } });
        await wrongType.AssertProblemAsync(HttpStatusCode.BadRequest);

        // A body missing a required field must not end in an empty response either.
        using var missing = await app.SendAsync("sysadmin", HttpMethod.Put, "/api/v1/organizations/1", new { version = 0, isActive = true });
        Assert.True((int)missing.StatusCode >= 400);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}
