using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests;

/// <summary>The audit log through the API: sign-ins, data changes and rule-set versions are recorded with who did them.</summary>
public sealed class AuditApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<List<JsonNode>> RecordsAsync(TestApp app, string query)
    {
        var page = await app.GetJsonAsync("auditadmin", $"/api/v1/audit/records?pageSize=1000&{query}");
        return page["items"]!.AsArray().Select(r => r!).ToList();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AuditRecords_AfterSignInsAndChanges_NameWhoAndChainHolds(DbProvider provider)
    {
        var app = fixture.For(provider);
        using (var wrong = await app.RequestTokenAsync("perf", "Wrong@2026!")) Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using (var unknown = await app.RequestTokenAsync("ghost", "Wrong@2026!")) Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var current = await app.GetJsonAsync("perf", "/api/v1/rule-sets/current");
        var content = current["content"]!.DeepClone();
        content["results"]!["rectificationDeadlineDays"] = 45;
        using (var saved = await app.SendAsync("perf", HttpMethod.Put, "/api/v1/rule-sets/current",
            new { baseVersionNo = (int)current["versionNo"]!, content, comment = "整改期限调整" }))
            await saved.AssertOkJsonAsync();
        var ids = await app.OrganizationIdsAsync();
        var civil = await app.GetJsonAsync("sysadmin", $"/api/v1/organizations/{ids["长治市民政局"]}");
        using (var created = await app.SendAsync("sysadmin", HttpMethod.Post, "/api/v1/organizations",
            new { regionId = (long)civil["regionId"]!, parentId = ids["长治市民政局"], kind = "BudgetUnit", code = "106009", name = "长治市老年公寓" }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var failures = await RecordsAsync(app, "action=signin.failure");
        Assert.Contains(failures, r => (string?)r["userName"] == "perf" && (long?)r["userId"] is not null);
        Assert.Contains(failures, r => (string?)r["userName"] == "ghost" && (long?)r["userId"] is null);

        var successes = await RecordsAsync(app, "action=signin.success");
        Assert.Contains(successes, r => (string?)r["userName"] == "perf" && (string?)r["role"] == "PerformanceSection");
        Assert.Contains(successes, r => (string?)r["userName"] == "sysadmin");

        var versions = await RecordsAsync(app, "action=ruleset.version&user=perf");
        var version = Assert.Single(versions);
        Assert.Contains("rectificationDeadlineDays", (string?)version["summary"], StringComparison.OrdinalIgnoreCase);

        var creates = await RecordsAsync(app, "action=create&targetType=Organization&user=sysadmin");
        Assert.Contains(creates, r => ((string?)r["summary"])?.Contains("长治市老年公寓") == true);

        using var verify = await app.SendAsync("auditadmin", HttpMethod.Post, "/api/v1/audit/verify");
        var result = await verify.AssertOkJsonAsync();
        Assert.True((bool)result["intact"]!, result.ToJsonString());
        var all = await app.GetJsonAsync("auditadmin", "/api/v1/audit/records?pageSize=1");
        Assert.Equal((long)all["total"]!, (long)result["count"]!);
    }
}
