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

    private TestApp App => fixture.For(DbProvider.Sqlite);

    private JixiaoDbContext Read()
    {
        var services = App.Factory.Services;
        return new JixiaoDbContext(services.GetRequiredService<DatabaseSettings>().Options(),
            new SystemAuditContext(AuditActor.System, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<Core.Security.KeyRing>()));
    }

    private async Task<string> GetTextAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await App.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        return text;
    }

    private async Task<JsonArray> OpenItemsAsync(string set)
    {
        var body = JsonNode.Parse(await GetTextAsync($"/public/api/v1/{set}"))!.AsObject();
        return body["items"]!.AsArray();
    }

    [Fact]
    public async Task OpenData_EmitsExactlyTheDocumentedFields_JsonAndCsv()
    {
        foreach (var (set, allowed) in AllowedFields)
        {
            var body = JsonNode.Parse(await GetTextAsync($"/public/api/v1/{set}"))!.AsObject();
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

            using var csv = await App.Client.GetAsync($"/public/api/v1/{set}?format=csv");
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            var bytes = await csv.Content.ReadAsByteArrayAsync();
            Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
            var header = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n")[0];
            Assert.Equal(string.Join(',', allowed), header);
        }
        // The fields page documents every field the open data emits.
        var fields = await GetTextAsync("/public/fields");
        foreach (var name in AllowedFields.Values.SelectMany(f => f).Concat(IndicatorFields).Distinct())
            Assert.Contains(name, fields);
    }

    [Fact]
    public async Task PortalAndOpenData_NeverShowTheUnpublishedItemOrInternalValues()
    {
        await using var db = Read();
        var unpublished = await db.DisclosureItems.AsNoTracking().SingleAsync(i => i.State == DisclosureState.Unpublished);
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
            ["/public"] = await GetTextAsync("/public"),
            ["/public/fields"] = await GetTextAsync("/public/fields"),
        };
        var pages = (int)Math.Ceiling(published.Count / 20.0);
        for (var p = 1; p <= pages; p++) bodies[$"/public/items?p={p}"] = await GetTextAsync($"/public/items?p={p}");
        foreach (var i in published) bodies[$"/public/items/{i.Id}"] = await GetTextAsync($"/public/items/{i.Id}");
        foreach (var set in AllowedFields.Keys)
        {
            bodies[$"/public/api/v1/{set}"] = await GetTextAsync($"/public/api/v1/{set}");
            bodies[$"/public/api/v1/{set}?format=csv"] = await GetTextAsync($"/public/api/v1/{set}?format=csv");
        }
        foreach (var (path, body) in bodies)
        {
            foreach (var s in secrets) Assert.False(body.Contains(s, StringComparison.Ordinal), $"{path} shows the internal value “{s}”");
            Assert.DoesNotContain(unpublishedTitle, body);
            Assert.DoesNotContain($"/public/items/{unpublished.Id}\"", body);
            // No staff navigation leaks into the portal.
            Assert.DoesNotContain("main-nav", body);
        }
        await GetTextAsync($"/public/items/{unpublished.Id}", HttpStatusCode.NotFound);
        Assert.DoesNotContain(await OpenItemsAsync("goals"), i => (long)i!["id"]! == unpublished.Id);
        // Every published item is on the portal.
        Assert.Equal(published.Select(i => i.Id).Order(), (await OpenItemsAsync("goals")).Concat(await OpenItemsAsync("evaluation-results"))
            .Concat(await OpenItemsAsync("rectifications")).Select(i => (long)i!["id"]!).Order());
    }

    [Fact]
    public async Task Unpublish_TakesEffectAtOnce_AndIsRecorded_Republish_BringsItBack()
    {
        var candidates = (await App.GetJsonAsync("perf", "/api/v1/disclosure/candidates?year=2026&kind=goal"))["items"]!.AsArray();
        var candidate = candidates.First(c => c!["itemId"] is null)!;
        using (var published = await App.SendAsync("perf", HttpMethod.Post, "/api/v1/disclosure/publish",
            new { year = 2026, items = new[] { new { sourceType = (string)candidate["sourceType"]!, sourceId = (long)candidate["sourceId"]! } } }))
        {
            var item = (await published.AssertOkJsonAsync())["items"]![0]!;
            var id = (long)item["id"]!;
            Assert.Contains(await OpenItemsAsync("goals"), i => (long)i!["id"]! == id);
            var page = await GetTextAsync($"/public/items/{id}");
            Assert.Contains((string)candidate["title"]!, page);

            using (var noReason = await App.SendAsync("perf", HttpMethod.Post, $"/api/v1/disclosure/{id}/unpublish", new { version = (int)item["version"]! }))
                Http.AssertChinese((string?)(await noReason.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
            Assert.Contains(await OpenItemsAsync("goals"), i => (long)i!["id"]! == id);

            using var unpublished = await App.SendAsync("perf", HttpMethod.Post, $"/api/v1/disclosure/{id}/unpublish",
                new { version = (int)item["version"]!, reason = "数据核对中" });
            var after = await unpublished.AssertOkJsonAsync();
            Assert.Equal("Unpublished", (string)after["state"]!);
            Assert.Equal("数据核对中", (string)after["unpublishReason"]!);
            Assert.Equal("王建国", (string)after["unpublishedBy"]!);
            await GetTextAsync($"/public/items/{id}", HttpStatusCode.NotFound);
            Assert.DoesNotContain(await OpenItemsAsync("goals"), i => (long)i!["id"]! == id);
            Assert.DoesNotContain((string)candidate["title"]!, await GetTextAsync("/public/items?kind=goal"));

            await using (var db = Read())
                Assert.True(await db.WorkflowSteps.AnyAsync(s => s.SubjectType == DisclosureService.SubjectType && s.SubjectId == id.ToString()
                    && s.Action == "Unpublish" && s.Comment == "数据核对中"));

            using var republished = await App.SendAsync("perf", HttpMethod.Post, $"/api/v1/disclosure/{id}/republish", new { version = (int)after["version"]! });
            Assert.Equal("Published", (string)(await republished.AssertOkJsonAsync())["state"]!);
            Assert.Contains(await OpenItemsAsync("goals"), i => (long)i!["id"]! == id);
        }
    }

    [Fact]
    public async Task StaffApi_KeepsToTheCallersRegion()
    {
        var cityItem = (await App.GetJsonAsync("perf", "/api/v1/disclosure?state=Published"))["items"]![0]!;
        var id = (long)cityItem["id"]!;
        // 潞州区's performance section: another region → 404, and the city's items are not in its list.
        using (var other = await App.GetAsync("county", $"/api/v1/disclosure/{id}"))
            await other.AssertProblemAsync(HttpStatusCode.NotFound);
        using (var other = await App.SendAsync("county", HttpMethod.Post, $"/api/v1/disclosure/{id}/unpublish", new { version = (int)cityItem["version"]!, reason = "越权" }))
            await other.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (int)(await App.GetJsonAsync("county", "/api/v1/disclosure"))["total"]!);
        // A unit cannot publish; nobody without a token reaches the staff API.
        using (var unit = await App.SendAsync("unit", HttpMethod.Post, "/api/v1/disclosure/publish",
            new { year = 2026, items = new[] { new { sourceType = "PerformanceGoal", sourceId = 1L } } }))
            Http.AssertChinese((string?)(await unit.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
        using (var anonymous = await App.Client.GetAsync("/api/v1/disclosure"))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        // A source of another region cannot be published by the city.
        using (var county = await App.SendAsync("perf", HttpMethod.Post, "/api/v1/disclosure/publish",
            new { year = 2026, items = new[] { new { sourceType = "PerformanceGoal", sourceId = 999_999L } } }))
            await county.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OpenApi_PublicDocumentHasTheOpenDataOnly()
    {
        var doc = JsonNode.Parse(await GetTextAsync("/openapi/public.json"))!;
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(["/public/api/v1/goals", "/public/api/v1/evaluation-results", "/public/api/v1/rectifications", "/public/api/v1/departments"], paths);
        var v1 = JsonNode.Parse(await GetTextAsync("/openapi/v1.json"))!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/disclosure/{id}/unpublish", v1);
        Assert.DoesNotContain(v1, p => p.StartsWith("/public", StringComparison.Ordinal));
        Assert.Contains("/public", await GetTextAsync("/Account/Login"));
    }

    [Fact]
    public async Task OpenData_OverTheLimit_Is429WithAChineseMessage()
    {
        await using var limited = App.Factory.WithWebHostBuilder(b =>
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
}
