using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests;

/// <summary>
/// 等保 三员分立 over the API: the system administrator keeps organisations and accounts, the security
/// administrator roles and the policy, the audit administrator the audit log; none does another's job,
/// none reaches business data, and no business role reaches an admin endpoint.
/// </summary>
public sealed class AdminSeparationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public enum Op
    {
        CreateOrganization,
        UpdateOrganization,
        ListUsers,
        CreateUser,
        UpdateUser,
        SetRoles,
        Unlock,
        GetPolicy,
        SetPolicy,
        AuditRecords,
        AuditVerify,
        Todos,
        GetRuleSet,
        SaveRuleSet,
    }

    private static readonly Op[] AdminOps =
        [Op.CreateOrganization, Op.UpdateOrganization, Op.ListUsers, Op.CreateUser, Op.UpdateUser, Op.SetRoles, Op.Unlock, Op.GetPolicy, Op.SetPolicy, Op.AuditRecords, Op.AuditVerify];

    /// <summary>What each admin may do (and the success status); everything else is 403.</summary>
    private static readonly Dictionary<string, Dictionary<Op, HttpStatusCode>> Allowed = new()
    {
        ["sysadmin"] = new()
        {
            [Op.CreateOrganization] = HttpStatusCode.Created,
            [Op.UpdateOrganization] = HttpStatusCode.OK,
            [Op.ListUsers] = HttpStatusCode.OK,
            [Op.CreateUser] = HttpStatusCode.Created,
            [Op.UpdateUser] = HttpStatusCode.OK,
        },
        ["secadmin"] = new()
        {
            [Op.ListUsers] = HttpStatusCode.OK,
            [Op.SetRoles] = HttpStatusCode.OK,
            [Op.Unlock] = HttpStatusCode.NoContent,
            [Op.GetPolicy] = HttpStatusCode.OK,
            [Op.SetPolicy] = HttpStatusCode.OK,
        },
        ["auditadmin"] = new()
        {
            [Op.AuditRecords] = HttpStatusCode.OK,
            [Op.AuditVerify] = HttpStatusCode.OK,
        },
    };

    private static readonly string[] BusinessUsers = ["perf", "budget", "dept", "unit", "unit2", "county", "expert", "agency", "auditor"];

    public static TheoryData<DbProvider, string, Op, HttpStatusCode> Table()
    {
        var data = new TheoryData<DbProvider, string, Op, HttpStatusCode>();
        foreach (var p in new[] { DbProvider.Sqlite, DbProvider.Postgres })
        {
            foreach (var (admin, allowed) in Allowed)
                foreach (var op in Enum.GetValues<Op>())
                    data.Add(p, admin, op, allowed.GetValueOrDefault(op, HttpStatusCode.Forbidden));
            foreach (var user in BusinessUsers)
                foreach (var op in AdminOps)
                    data.Add(p, user, op, HttpStatusCode.Forbidden);
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Table))]
    public async Task AdminEndpoint_EachRole_AllowedOrForbidden(DbProvider provider, string user, Op op, HttpStatusCode expected)
    {
        var app = fixture.For(provider);
        var (method, path, body) = await RequestFor(app, op);
        using var response = await app.SendAsync(user, method, path, body);
        if (expected == HttpStatusCode.Forbidden)
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
            Http.AssertChinese((string?)problem["detail"]);
        }
        else
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{user} {method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        }
    }

    /// <summary>A valid request for the operation (ids and versions read by the admin who owns the data).</summary>
    private static async Task<(HttpMethod Method, string Path, object? Body)> RequestFor(TestApp app, Op op)
    {
        switch (op)
        {
            case Op.CreateOrganization:
                {
                    var ids = await app.OrganizationIdsAsync();
                    var education = await app.GetJsonAsync("sysadmin", $"/api/v1/organizations/{ids["长治市教育局"]}");
                    var code = $"101{Random.Shared.Next(100, 999)}";
                    return (HttpMethod.Post, "/api/v1/organizations",
                        new { regionId = (long)education["regionId"]!, parentId = ids["长治市教育局"], kind = "BudgetUnit", code, name = $"长治市第{code}学校" });
                }
            case Op.UpdateOrganization:
                {
                    var ids = await app.OrganizationIdsAsync();
                    var org = await app.GetJsonAsync("sysadmin", $"/api/v1/organizations/{ids["长治市殡仪馆"]}");
                    return (HttpMethod.Put, $"/api/v1/organizations/{(long)org["id"]!}",
                        new { version = (int)org["version"]!, code = (string)org["code"]!, name = (string)org["name"]!, isActive = true });
                }
            case Op.ListUsers:
                return (HttpMethod.Get, "/api/v1/users", null);
            case Op.CreateUser:
                {
                    var ids = await app.OrganizationIdsAsync();
                    return (HttpMethod.Post, "/api/v1/users", new
                    {
                        userName = $"teacher{Random.Shared.Next(1000, 9999)}",
                        displayName = "新教师",
                        organizationId = ids["长治市第二中学校"],
                        phone = "13900000000",
                        password = "Teach@2026!",
                    });
                }
            case Op.UpdateUser:
                {
                    var u = await UserAsync(app, "unit2");
                    return (HttpMethod.Put, $"/api/v1/users/{(long)u["id"]!}", new
                    {
                        version = (int)u["version"]!,
                        displayName = (string)u["displayName"]!,
                        organizationId = (long)u["organizationId"]!,
                        phone = "13903552201",
                        isActive = true,
                    });
                }
            case Op.SetRoles:
                {
                    var u = await UserAsync(app, "unit2");
                    return (HttpMethod.Put, $"/api/v1/users/{(long)u["id"]!}/roles", new { version = (int)u["version"]!, roles = new[] { "BudgetUnit" } });
                }
            case Op.Unlock:
                {
                    var u = await UserAsync(app, "unit2");
                    return (HttpMethod.Post, $"/api/v1/users/{(long)u["id"]!}/unlock", null);
                }
            case Op.GetPolicy:
                return (HttpMethod.Get, "/api/v1/security-policy", null);
            case Op.SetPolicy:
                {
                    var p = await app.GetJsonAsync("secadmin", "/api/v1/security-policy");
                    return (HttpMethod.Put, "/api/v1/security-policy", p);
                }
            case Op.AuditRecords:
                return (HttpMethod.Get, "/api/v1/audit/records", null);
            case Op.AuditVerify:
                return (HttpMethod.Post, "/api/v1/audit/verify", null);
            case Op.Todos:
                return (HttpMethod.Get, "/api/v1/todos", null);
            case Op.GetRuleSet:
                return (HttpMethod.Get, "/api/v1/rule-sets/current", null);
            case Op.SaveRuleSet:
                {
                    var current = await app.GetJsonAsync("perf", "/api/v1/rule-sets/current");
                    return (HttpMethod.Put, "/api/v1/rule-sets/current", new { baseVersionNo = (int)current["versionNo"]!, content = current["content"], comment = "x" });
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(op));
        }
    }

    private static async Task<JsonNode> UserAsync(TestApp app, string userName)
    {
        var page = await app.GetJsonAsync("sysadmin", $"/api/v1/users?q={userName}");
        return page["items"]!.AsArray().Single(u => (string?)u!["userName"] == userName)!;
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SetRoles_AdminRole_Is400(DbProvider provider)
    {
        var app = fixture.For(provider);
        var u = await UserAsync(app, "unit");
        foreach (var roles in new[] { new[] { "SystemAdmin" }, ["AuditAdmin"], ["BudgetUnit", "SecurityAdmin"] })
        {
            using var response = await app.SendAsync("secadmin", HttpMethod.Put, $"/api/v1/users/{(long)u["id"]!}/roles",
                new { version = (int)u["version"]!, roles });
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
            Http.AssertChinese((string?)problem["detail"]);
        }
        var after = await UserAsync(app, "unit");
        Assert.Equal(["BudgetUnit"], after["roles"]!.AsArray().Select(r => (string)r!));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SetRoles_OwnAccount_Is400(DbProvider provider)
    {
        var app = fixture.For(provider);
        var me = await app.GetJsonAsync("secadmin", "/api/v1/me");
        using var response = await app.SendAsync("secadmin", HttpMethod.Put, $"/api/v1/users/{(long)me["id"]!}/roles",
            new { version = 0, roles = new[] { "PerformanceSection" } });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Http.AssertChinese((string?)problem["detail"]);
        Assert.Contains("自己", (string?)problem["detail"]);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SetRoles_RoleFittingTheOrganisation_IsGranted(DbProvider provider)
    {
        var app = fixture.For(provider);
        var ids = await app.OrganizationIdsAsync();
        using (var created = await app.SendAsync("sysadmin", HttpMethod.Post, "/api/v1/users", new
        {
            userName = "newdept",
            displayName = "新部门用户",
            organizationId = ids["长治市民政局"],
            phone = (string?)null,
            password = "Dept@2026!x",
        }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var u = await UserAsync(app, "newdept");
        Assert.Empty(u["roles"]!.AsArray());

        // A role that does not fit a department is refused with the reason.
        using (var wrong = await app.SendAsync("secadmin", HttpMethod.Put, $"/api/v1/users/{(long)u["id"]!}/roles",
            new { version = (int)u["version"]!, roles = new[] { "BudgetUnit" } }))
            Http.AssertChinese((string?)(await wrong.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);

        using var ok = await app.SendAsync("secadmin", HttpMethod.Put, $"/api/v1/users/{(long)u["id"]!}/roles",
            new { version = (int)u["version"]!, roles = new[] { "Department" } });
        var body = await ok.AssertOkJsonAsync();
        Assert.Equal(["Department"], body["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Equal((int)u["version"]! + 1, (int)body["version"]!);

        using var meResponse = await app.SendWithTokenAsync(app.NewTokenAsync("newdept", "Dept@2026!x"), HttpMethod.Get, "/api/v1/me");
        var me = await meResponse.AssertOkJsonAsync();
        Assert.Equal(["Department"], me["roles"]!.AsArray().Select(r => (string)r!));
    }
}
