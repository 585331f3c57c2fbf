using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests;

/// <summary>Rule sets over the API: versioning, stale bases, validation, a county's own copy (Art. 38), who may edit.</summary>
public sealed class RuleSetApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<HttpResponseMessage> SaveAsync(TestApp app, string user, int baseVersion, JsonNode content, string query = "") =>
        await app.SendAsync(user, HttpMethod.Put, "/api/v1/rule-sets/current" + query, new { baseVersionNo = baseVersion, content, comment = "测试修改" });

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SaveRuleSet_CurrentOrStaleBase_NextVersionOr409(DbProvider provider)
    {
        var app = fixture.For(provider);
        var current = await app.GetJsonAsync("perf", "/api/v1/rule-sets/current");
        var version = (int)current["versionNo"]!;
        Assert.True((bool)current["isOwn"]!);
        var content = current["content"]!.DeepClone();
        content["grades"]!["fair"] = (decimal)content["grades"]!["fair"]! - 1m;

        using (var saved = await SaveAsync(app, "perf", version, content))
        {
            var body = await saved.AssertOkJsonAsync();
            Assert.Equal(version + 1, (int)body["versionNo"]!);
            Assert.Equal((decimal)content["grades"]!["fair"]!, (decimal)body["content"]!["grades"]!["fair"]!);
            Assert.Equal("perf", (string?)body["createdBy"]);
        }

        using (var stale = await SaveAsync(app, "perf", version, content))
        {
            var problem = await stale.AssertProblemAsync(HttpStatusCode.Conflict);
            Http.AssertChinese((string?)problem["detail"]);
        }

        var after = await app.GetJsonAsync("perf", "/api/v1/rule-sets/current");
        Assert.Equal(version + 1, (int)after["versionNo"]!);
        var versions = await app.GetJsonAsync("perf", "/api/v1/rule-sets/versions");
        Assert.Equal(version + 1, (int)versions["total"]!);

        // The earlier version is kept as it was: what was scored under it does not change.
        var first = versions["items"]!.AsArray().Single(v => (int)v!["versionNo"]! == version)!;
        var old = await app.GetJsonAsync("perf", $"/api/v1/rule-sets/{(long)first["id"]!}");
        Assert.Equal((decimal)current["content"]!["grades"]!["fair"]!, (decimal)old["content"]!["grades"]!["fair"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SaveRuleSet_InconsistentBands_Is400AndNoVersion(DbProvider provider)
    {
        var app = fixture.For(provider);
        var current = await app.GetJsonAsync("perf", "/api/v1/rule-sets/current");
        var version = (int)current["versionNo"]!;
        var content = current["content"]!.DeepClone();
        content["grades"]!["excellent"] = 70m; // below 良 80

        using var response = await SaveAsync(app, "perf", version, content);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Http.AssertChinese((string?)problem["detail"]);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("Grades"), problem.ToJsonString());
        Http.AssertChinese((string?)errors["Grades"]![0]);

        var after = await app.GetJsonAsync("perf", "/api/v1/rule-sets/current");
        Assert.Equal(version, (int)after["versionNo"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GetRuleSet_County_SeesItsOwnCopy(DbProvider provider)
    {
        var app = fixture.For(provider);
        var county = await app.GetJsonAsync("county", "/api/v1/rule-sets/current");
        var countyMe = await app.GetJsonAsync("county", "/api/v1/me");
        Assert.Equal((long)countyMe["regionId"]!, (long)county["regionId"]!);
        Assert.Equal(85m, (decimal)county["content"]!["grades"]!["good"]!);
        Assert.Equal(20, (int)county["content"]!["results"]!["rectificationDeadlineDays"]!);

        var city = await app.GetJsonAsync("perf", "/api/v1/rule-sets/current");
        Assert.Equal(80m, (decimal)city["content"]!["grades"]!["good"]!);
        Assert.NotEqual((long)county["regionId"]!, (long)city["regionId"]!);

        // A unit of the city reads the city's rules.
        var unit = await app.GetJsonAsync("unit", "/api/v1/rule-sets/current");
        Assert.Equal((long)city["regionId"]!, (long)unit["regionId"]!);
        Assert.Equal(80m, (decimal)unit["content"]!["grades"]!["good"]!);

        // The county cannot even look at another county's rules.
        var ids = await app.OrganizationIdsAsync();
        var shangdang = await app.GetJsonAsync("sysadmin", $"/api/v1/organizations/{ids["上党区财政局"]}");
        using var other = await app.GetAsync("county", $"/api/v1/rule-sets/current?region={(long)shangdang["regionId"]!}");
        await other.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SaveRuleSet_County_EditsOnlyItsOwnRegion(DbProvider provider)
    {
        var app = fixture.For(provider);
        var city = await app.GetJsonAsync("perf", "/api/v1/rule-sets/current");
        var cityRegion = (long)city["regionId"]!;
        var county = await app.GetJsonAsync("county", "/api/v1/rule-sets/current");
        var content = county["content"]!.DeepClone();
        content["results"]!["rectificationDeadlineDays"] = 25;

        using (var onCity = await SaveAsync(app, "county", (int)city["versionNo"]!, content, $"?region={cityRegion}"))
            await onCity.AssertProblemAsync(HttpStatusCode.NotFound);

        using (var own = await SaveAsync(app, "county", (int)county["versionNo"]!, content))
        {
            var body = await own.AssertOkJsonAsync();
            Assert.Equal((long)county["regionId"]!, (long)body["regionId"]!);
            Assert.Equal((int)county["versionNo"]! + 1, (int)body["versionNo"]!);
        }

        var cityAfter = await app.GetJsonAsync("perf", "/api/v1/rule-sets/current");
        Assert.Equal((int)city["versionNo"]!, (int)cityAfter["versionNo"]!);
        Assert.NotEqual(25, (int)cityAfter["content"]!["results"]!["rectificationDeadlineDays"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SaveRuleSet_UnitOrBudgetSection_Is403(DbProvider provider)
    {
        var app = fixture.For(provider);
        var current = await app.GetJsonAsync("unit", "/api/v1/rule-sets/current");
        using var response = await SaveAsync(app, "unit", (int)current["versionNo"]!, current["content"]!.DeepClone());
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var budget = await SaveAsync(app, "budget", (int)current["versionNo"]!, current["content"]!.DeepClone());
        await budget.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
