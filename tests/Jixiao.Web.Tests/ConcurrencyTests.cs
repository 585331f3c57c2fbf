using System.Net;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests;

/// <summary>Optimistic concurrency: an edit based on a stale version is refused with 409 and overwrites nothing.</summary>
public sealed class ConcurrencyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task UpdateOrganization_StaleVersion_Is409(DbProvider provider)
    {
        var app = fixture.For(provider);
        var ids = await app.OrganizationIdsAsync();
        var id = ids["长治市救助管理站"];
        var org = await app.GetJsonAsync("sysadmin", $"/api/v1/organizations/{id}");
        var version = (int)org["version"]!;

        using (var first = await app.SendAsync("sysadmin", HttpMethod.Put, $"/api/v1/organizations/{id}",
            new { version, code = (string)org["code"]!, name = "长治市救助管理站（一）", isActive = true }))
        {
            var body = await first.AssertOkJsonAsync();
            Assert.Equal(version + 1, (int)body["version"]!);
            Assert.Equal("长治市救助管理站（一）", (string?)body["name"]);
        }

        using (var second = await app.SendAsync("sysadmin", HttpMethod.Put, $"/api/v1/organizations/{id}",
            new { version, code = (string)org["code"]!, name = "长治市救助管理站（二）", isActive = true }))
        {
            var problem = await second.AssertProblemAsync(HttpStatusCode.Conflict);
            Http.AssertChinese((string?)problem["detail"]);
        }

        var after = await app.GetJsonAsync("sysadmin", $"/api/v1/organizations/{id}");
        Assert.Equal("长治市救助管理站（一）", (string?)after["name"]);
        Assert.Equal(version + 1, (int)after["version"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task UpdateUserAndPolicy_StaleVersion_Is409(DbProvider provider)
    {
        var app = fixture.For(provider);
        var user = (await app.GetJsonAsync("sysadmin", "/api/v1/users?q=agency"))["items"]!.AsArray().Single(u => (string?)u!["userName"] == "agency")!;
        object Edit(string name) => new
        {
            version = (int)user["version"]!,
            displayName = name,
            organizationId = (long)user["organizationId"]!,
            phone = "13703554101",
            isActive = true,
        };
        using (var first = await app.SendAsync("sysadmin", HttpMethod.Put, $"/api/v1/users/{(long)user["id"]!}", Edit("周丽丽")))
            Assert.Equal((int)user["version"]! + 1, (int)(await first.AssertOkJsonAsync())["version"]!);
        using (var stale = await app.SendAsync("sysadmin", HttpMethod.Put, $"/api/v1/users/{(long)user["id"]!}", Edit("周小丽")))
            await stale.AssertProblemAsync(HttpStatusCode.Conflict);

        var policy = await app.GetJsonAsync("secadmin", "/api/v1/security-policy");
        var edited = policy.DeepClone();
        edited["tokenLifetimeMinutes"] = 90;
        using (var first = await app.SendAsync("secadmin", HttpMethod.Put, "/api/v1/security-policy", edited))
            Assert.Equal(90, (int)(await first.AssertOkJsonAsync())["tokenLifetimeMinutes"]!);
        edited["tokenLifetimeMinutes"] = 120;
        using (var stale = await app.SendAsync("secadmin", HttpMethod.Put, "/api/v1/security-policy", edited))
            await stale.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(90, (int)(await app.GetJsonAsync("secadmin", "/api/v1/security-policy"))["tokenLifetimeMinutes"]!);
    }
}
