using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Disclosure;
using Jixiao.Web.Demo;
using Jixiao.Web.Infrastructure;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Disclosure;

/// <summary>
/// 信息公开 over HTTP on the demo's published set: the open data emits exactly the documented fields (JSON property names and CSV headers
/// compared with explicit lists), the portal and open data never show the unpublished item or an internal or personal value (expert names,
/// staff names, comments, conclusions, responsible persons), unpublishing takes effect at once, the rate limit answers 429 in Chinese,
/// and the staff API keeps to the caller's region.
/// </summary>
public sealed class DisclosureTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string[] PageFields = ["items", "total"];

    private static readonly Dictionary<string, string[]> AllowedFields = new()
    {
        ["goals"] = ["id", "fiscalYear", "region", "department", "unit", "projectCode", "projectName", "projectKind", "totalBudget", "mediumTermGoal",
            "annualGoal", "indicators", "publishedAt", "url"],
        ["evaluation-results"] = ["id", "fiscalYear", "region", "department", "unit", "subject", "evaluationType", "score", "grade", "publishedAt", "url"],
        ["rectifications"] = ["id", "fiscalYear", "region", "department", "unit", "subject", "grade", "deadline", "status", "itemCount", "itemsDone",
            "completedAt", "publishedAt", "url"],
        ["departments"] = ["region", "department", "departmentCode", "goals", "evaluationResults", "rectifications"],
    };

    private static readonly string[] IndicatorFields = ["level1", "level2", "name", "target", "unit", "weight"];

    private static JixiaoDbContext Read(TestApp app)
    {
        var services = app.Factory.Services;
        return new JixiaoDbContext(services.GetRequiredService<DatabaseSettings>().Options(),
            new SystemAuditContext(AuditActor.System, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<Core.Security.KeyRing>()));
    }

    private static async Task<string> GetTextAsync(TestApp app, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await app.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        return text;
    }

    private static async Task<JsonArray> OpenItemsAsync(TestApp app, string set)
    {
        var body = JsonNode.Parse(await GetTextAsync(app, $"/public/api/v1/{set}"))!.AsObject();
        return body["items"]!.AsArray();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OpenData_EmitsExactlyTheDocumentedFields_JsonAndCsv(DbProvider provider)
    {
        var app = fixture.For(provider);
        foreach (var (set, allowed) in AllowedFields)
        {
            var body = JsonNode.Parse(await GetTextAsync(app, $"/public/api/v1/{set}"))!.AsObject();
            Assert.Equal(PageFields, body.Select(p => p.Key).ToArray());
            var items = body["items"]!.AsArray();
            if (set != "rectifications") Assert.NotEmpty(items);
            foreach (var item in items)
            {
                Assert.Equal(allowed, item!.AsObject().Select(p => p.Key).ToArray());
                if (set == "goals")
                    foreach (var indicator in item["indicators"]!.AsArray())
                        Assert.Equal(IndicatorFields, indicator!.AsObject().Select(p => p.Key).ToArray());
            }

            using var csv = await app.Client.GetAsync($"/public/api/v1/{set}?format=csv");
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            var bytes = await csv.Content.ReadAsByteArrayAsync();
            Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
            var header = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n")[0];
            Assert.Equal(string.Join(',', allowed), header);
        }
        // The fields page documents every field the open data emits.
        var fields = await GetTextAsync(app, "/public/fields");
        foreach (var name in AllowedFields.Values.SelectMany(f => f).Concat(IndicatorFields).Distinct())
            Assert.Contains(name, fields);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PortalAndOpenData_NeverShowTheUnpublishedItemOrInternalValues(DbProvider provider)
    {
        var app = fixture.For(provider);
        await using var db = Read(app);
        var unpublished = await db.DisclosureItems.AsNoTracking().SingleAsync(i => i.UnpublishReason == DemoDisclosure.UnpublishReason);
        Assert.Equal(DisclosureState.Unpublished, unpublished.State);
        var published = await db.DisclosureItems.AsNoTracking().Where(i => i.State == DisclosureState.Published).ToListAsync();
        Assert.NotEmpty(published);
        Assert.Contains(published, i => i.Kind == DisclosureKind.Goal);
        Assert.Contains(published, i => i.Kind == DisclosureKind.EvaluationResult);

        var secrets = new List<string> { DemoDisclosure.UnpublishReason };
        secrets.AddRange(await db.Experts.AsNoTracking().Select(e => e.Name).ToListAsync());
        secrets.AddRange(await db.Users.AsNoTracking().Select(u => u.DisplayName).ToListAsync());
        secrets.AddRange(await db.Projects.AsNoTracking().Select(p => p.ResponsiblePersonName).ToListAsync());
        foreach (var k in await db.KeyEvaluations.AsNoTracking().ToListAsync())
            secrets.AddRange(new[] { k.Conclusions, k.Problems, k.Suggestions }.Where(t => t is { Length: > 0 }).Select(t => t![..Math.Min(12, t!.Length)]));
        secrets.AddRange((await db.ReEvaluationItems.AsNoTracking().Where(i => i.Comment != null).Select(i => i.Comment!).ToListAsync())
            .Select(t => t[..Math.Min(12, t.Length)]));
        secrets = secrets.Where(s => s.Length >= 2).Distinct().ToList();
        Assert.Contains("孙明", secrets);
        Assert.Contains("王建国", secrets);
        var unpublishedTitle = unpublished.Title;
        Assert.DoesNotContain(published, p => p.Title == unpublishedTitle);

        var bodies = new Dictionary<string, string>
        {
            ["/public"] = await GetTextAsync(app, "/public"),
            ["/public/fields"] = await GetTextAsync(app, "/public/fields"),
        };
        var pages = (int)Math.Ceiling(published.Count / 20.0);
        for (var p = 1; p <= pages; p++) bodies[$"/public/items?p={p}"] = await GetTextAsync(app, $"/public/items?p={p}");
        foreach (var i in published) bodies[$"/public/items/{i.Id}"] = await GetTextAsync(app, $"/public/items/{i.Id}");
        foreach (var set in AllowedFields.Keys)
        {
            bodies[$"/public/api/v1/{set}"] = await GetTextAsync(app, $"/public/api/v1/{set}");
            bodies[$"/public/api/v1/{set}?format=csv"] = await GetTextAsync(app, $"/public/api/v1/{set}?format=csv");
        }
        foreach (var (path, body) in bodies)
        {
            foreach (var s in secrets) Assert.False(body.Contains(s, StringComparison.Ordinal), $"{path} shows the internal value “{s}”");
            Assert.DoesNotContain(unpublishedTitle, body);
            Assert.DoesNotContain($"/public/items/{unpublished.Id}\"", body);
            // No staff navigation leaks into the portal.
            Assert.DoesNotContain("main-nav", body);
        }
        await GetTextAsync(app, $"/public/items/{unpublished.Id}", HttpStatusCode.NotFound);
        Assert.DoesNotContain(await OpenItemsAsync(app, "goals"), i => (long)i!["id"]! == unpublished.Id);
        // Every published item is on the portal.
        Assert.Equal(published.Select(i => i.Id).Order(), (await OpenItemsAsync(app, "goals")).Concat(await OpenItemsAsync(app, "evaluation-results"))
            .Concat(await OpenItemsAsync(app, "rectifications")).Select(i => (long)i!["id"]!).Order());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unpublish_TakesEffectAtOnce_AndIsRecorded_Republish_BringsItBack(DbProvider provider)
    {
        var app = fixture.For(provider);
        var candidates = (await app.GetJsonAsync("perf", "/api/v1/disclosure/candidates?year=2026&kind=goal"))["items"]!.AsArray();
        var candidate = candidates.First(c => c!["itemId"] is null)!;
        using (var published = await app.SendAsync("perf", HttpMethod.Post, "/api/v1/disclosure/publish",
            new { year = 2026, items = new[] { new { sourceType = (string)candidate["sourceType"]!, sourceId = (long)candidate["sourceId"]! } } }))
        {
            var item = (await published.AssertOkJsonAsync())["items"]![0]!;
            var id = (long)item["id"]!;
            Assert.Contains(await OpenItemsAsync(app, "goals"), i => (long)i!["id"]! == id);
            var page = await GetTextAsync(app, $"/public/items/{id}");
            Assert.Contains((string)candidate["title"]!, page);

            using (var noReason = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/disclosure/{id}/unpublish", new { version = (int)item["version"]! }))
                Http.AssertChinese((string?)(await noReason.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
            Assert.Contains(await OpenItemsAsync(app, "goals"), i => (long)i!["id"]! == id);

            using var unpublished = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/disclosure/{id}/unpublish",
                new { version = (int)item["version"]!, reason = "数据核对中" });
            var after = await unpublished.AssertOkJsonAsync();
            Assert.Equal("Unpublished", (string)after["state"]!);
            Assert.Equal("数据核对中", (string)after["unpublishReason"]!);
            Assert.Equal("王建国", (string)after["unpublishedBy"]!);
            await GetTextAsync(app, $"/public/items/{id}", HttpStatusCode.NotFound);
            Assert.DoesNotContain(await OpenItemsAsync(app, "goals"), i => (long)i!["id"]! == id);
            Assert.DoesNotContain((string)candidate["title"]!, await GetTextAsync(app, "/public/items?kind=goal"));

            await using (var db = Read(app))
                Assert.True(await db.WorkflowSteps.AnyAsync(s => s.SubjectType == DisclosureService.SubjectType && s.SubjectId == id.ToString()
                    && s.Action == "Unpublish" && s.Comment == "数据核对中"));

            using var republished = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/disclosure/{id}/republish", new { version = (int)after["version"]! });
            Assert.Equal("Published", (string)(await republished.AssertOkJsonAsync())["state"]!);
            Assert.Contains(await OpenItemsAsync(app, "goals"), i => (long)i!["id"]! == id);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task StaffApi_KeepsToTheCallersRegion(DbProvider provider)
    {
        var app = fixture.For(provider);
        var cityItem = (await app.GetJsonAsync("perf", "/api/v1/disclosure?state=Published"))["items"]![0]!;
        var id = (long)cityItem["id"]!;
        // 潞州区's performance section: another region → 404, and the city's items are not in its list.
        using (var other = await app.GetAsync("county", $"/api/v1/disclosure/{id}"))
            await other.AssertProblemAsync(HttpStatusCode.NotFound);
        using (var other = await app.SendAsync("county", HttpMethod.Post, $"/api/v1/disclosure/{id}/unpublish", new { version = (int)cityItem["version"]!, reason = "越权" }))
            await other.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (int)(await app.GetJsonAsync("county", "/api/v1/disclosure"))["total"]!);
        // A unit cannot publish; nobody without a token reaches the staff API.
        using (var unit = await app.SendAsync("unit", HttpMethod.Post, "/api/v1/disclosure/publish",
            new { year = 2026, items = new[] { new { sourceType = "PerformanceGoal", sourceId = 1L } } }))
            Http.AssertChinese((string?)(await unit.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
        using (var anonymous = await app.Client.GetAsync("/api/v1/disclosure"))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        // A source of another region cannot be published by the city.
        using (var county = await app.SendAsync("perf", HttpMethod.Post, "/api/v1/disclosure/publish",
            new { year = 2026, items = new[] { new { sourceType = "PerformanceGoal", sourceId = 999_999L } } }))
            await county.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    // The OpenAPI documents come from the endpoint metadata, not the database: one provider is enough.
    [Fact]
    public async Task OpenApi_PublicDocumentHasTheOpenDataOnly()
    {
        var app = fixture.For(DbProvider.Sqlite);
        var doc = JsonNode.Parse(await GetTextAsync(app, "/openapi/public.json"))!;
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(["/public/api/v1/goals", "/public/api/v1/evaluation-results", "/public/api/v1/rectifications", "/public/api/v1/departments"], paths);
        Assert.Contains("开放数据", (string)doc["info"]!["title"]!);
        var v1Doc = JsonNode.Parse(await GetTextAsync(app, "/openapi/v1.json"))!;
        Assert.Equal("Jixiao 预算绩效管理信息系统 API", (string)v1Doc["info"]!["title"]!);
        var v1 = v1Doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/disclosure/{id}/unpublish", v1);
        Assert.DoesNotContain(v1, p => p.StartsWith("/public", StringComparison.Ordinal));
        Assert.Contains("/public", await GetTextAsync(app, "/Account/Login"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OpenData_OverTheLimit_Is429WithAChineseMessage(DbProvider provider)
    {
        var app = fixture.For(provider);
        await using var limited = app.Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Jixiao:OpenData:PermitLimit", "2");
            b.UseSetting("Jixiao:OpenData:WindowSeconds", "3600");
        });
        using var client = limited.CreateClient();
        for (var i = 0; i < 2; i++)
            using (var ok = await client.GetAsync("/public/api/v1/departments"))
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var refused = await client.GetAsync("/public/api/v1/departments?format=csv");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Http.AssertChinese((string?)problem["detail"]);
        Assert.Equal("3600", refused.Headers.RetryAfter?.ToString());
        // The portal's pages are not rate-limited.
        using var page = await client.GetAsync("/public");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task StaffPages_ListCandidatesPublishUnpublishAndExport(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var browser = new BrowserSession(app.Factory);
        using (var login = await browser.LogInAsync("perf")) Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        using (var nav = await browser.GetAsync("/"))
            Assert.Contains("信息公开", await BrowserSession.TextOf(nav));
        var candidates = await browser.TokenFromAsync("/Disclosure/Candidates?year=2026&kind=goal");
        var html = await (await browser.GetAsync("/Disclosure/Candidates?year=2026&kind=goal")).Content.ReadAsStringAsync();
        var key = System.Text.RegularExpressions.Regex.Match(html, "name=\"keys\" value=\"(PerformanceGoal:\\d+)\"").Groups[1].Value;
        Assert.NotEmpty(key);
        var sourceId = long.Parse(key.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        using (var posted = await browser.PostFormAsync("/Disclosure/Candidates?handler=Publish&year=2026&kind=goal",
            [new("year", "2026"), new("keys", key), new("__RequestVerificationToken", candidates)]))
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        DisclosureItem item;
        await using (var db = Read(app))
            item = await db.DisclosureItems.AsNoTracking().SingleAsync(i => i.SourceType == "PerformanceGoal" && i.SourceId == sourceId);
        Assert.Equal(DisclosureState.Published, item.State);
        Assert.Equal("王建国", item.PublishedBy);
        await GetTextAsync(app, $"/public/items/{item.Id}");

        var token = await browser.TokenFromAsync("/Disclosure/Index?year=2026");
        using (var missing = await browser.PostFormAsync("/Disclosure/Index?handler=Unpublish&year=2026",
            [new("id", item.Id.ToString()), new("version", item.Version.ToString()), new("__RequestVerificationToken", token)]))
        {
            Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
            Assert.Contains("原因", await BrowserSession.TextOf(missing));
        }
        using (var unpublished = await browser.PostFormAsync("/Disclosure/Index?handler=Unpublish&year=2026",
            [new("id", item.Id.ToString()), new("version", item.Version.ToString()), new("reason", "页面撤回测试"), new("__RequestVerificationToken", token)]))
            Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        await GetTextAsync(app, $"/public/items/{item.Id}", HttpStatusCode.NotFound);
        var list = await BrowserSession.TextOf(await browser.GetAsync("/Disclosure/Index?year=2026&state=Unpublished"));
        Assert.Contains("页面撤回测试", list);

        using var export = await browser.GetAsync("/Disclosure/Index?year=2026&handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);

        // Put it back so the class's other tests see the demo's set plus published items only.
        await using (var db = Read(app))
            item = await db.DisclosureItems.AsNoTracking().SingleAsync(i => i.Id == item.Id);
        token = await browser.TokenFromAsync("/Disclosure/Index?year=2026");
        using (var republished = await browser.PostFormAsync("/Disclosure/Index?handler=Republish&year=2026",
            [new("id", item.Id.ToString()), new("version", item.Version.ToString()), new("__RequestVerificationToken", token)]))
            Assert.Equal(HttpStatusCode.Redirect, republished.StatusCode);
        await GetTextAsync(app, $"/public/items/{item.Id}");
    }
}
