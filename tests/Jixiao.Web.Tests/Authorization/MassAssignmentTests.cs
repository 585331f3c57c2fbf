using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Jixiao.Core.Data;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Tests.Authorization;

/// <summary>
/// 等保 访问控制 against mass assignment, over every <c>/api/v1</c> endpoint the app maps (<see cref="EndpointCatalog"/>):
/// no request body binds an entity the database stores, and a body field that names what only the workflow or the
/// caller's scope may set — a state, a score, an owner, a rule set, a number — is declared in <see cref="Accepted"/> with the
/// reason the service may take it. A field the request types do not declare is dropped by the serializer, so posting it
/// changes nothing; <see cref="MassAssignmentBehaviourTests"/> shows that on real writes.
/// </summary>
public sealed class MassAssignmentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>JSON names that only the workflow, the scoring rules or the caller's scope may set.</summary>
    public static readonly string[] Protected =
    [
        "id", "state", "status", "score", "totalScore", "finalScore", "reviewScore", "systemScore", "grade", "rank",
        "organizationId", "unitId", "departmentId", "regionId", "ruleSetId", "ruleSetVersion", "versionNo",
        "createdAt", "createdBy", "createdById", "approvedAt", "submittedAt", "publishedAt", "hash", "sequence",
        "number", "documentNo", "filingNo", "userId", "roles", "role", "fiscalYear", "year",
    ];

    /// <summary>
    /// The protected names some request types do take, per endpoint, with why that is no mass assignment. Key:
    /// "METHOD route field" (a nested field as "outer.inner").
    /// </summary>
    public static readonly Dictionary<string, string> Accepted = new()
    {
        // Owners chosen by the caller, each checked against the caller's scope (404 outside it) and fixed once stored.
        ["POST /api/v1/projects/ organizationId"] = "the unit a department registers a project for: inside the caller's scope (404 otherwise), and only the declarer's own unit for a unit",
        ["PUT /api/v1/projects/{id:long} organizationId"] = "must equal the stored unit: a different one is refused (项目的所属单位和类型登记后不能修改)",
        ["POST /api/v1/users/ organizationId"] = "the account's organisation, chosen by the system administrator inside his scope",
        ["PUT /api/v1/users/{id:long} organizationId"] = "the account's organisation, chosen by the system administrator inside his scope",
        ["POST /api/v1/organizations/ regionId"] = "the region of a new organisation, inside the system administrator's scope",
        ["POST /api/v1/agencies/ organizationId"] = "the agency's own organisation, checked to exist; fixed afterwards",
        ["PUT /api/v1/agencies/{id:long} organizationId"] = "must equal the stored one: a different one is refused",
        ["POST /api/v1/agencies/ conflicts.organizationId"] = "organisations the agency declares a conflict of interest with (回避), checked to exist",
        ["PUT /api/v1/agencies/{id:long} conflicts.organizationId"] = "organisations the agency declares a conflict of interest with (回避), checked to exist",
        ["POST /api/v1/experts/ conflicts.organizationId"] = "organisations the expert declares a conflict of interest with (回避), checked to exist",
        ["PUT /api/v1/experts/{id:long} conflicts.organizationId"] = "organisations the expert declares a conflict of interest with (回避), checked to exist",
        ["POST /api/v1/evaluations/key/ departmentId"] = "the department whose whole spending the finance bureau evaluates: a department of the caller's region (404 otherwise)",
        ["POST /api/v1/evaluations/re departmentId"] = "a filter of the sample (one department of the caller's region), not an owner",
        // The year a new record is for: validated (the project's own years 2000–2100, the rounds' and tasks' range checks).
        ["POST /api/v1/projects/ fiscalYear"] = "the budget year declared for; it must lie within the project's start and end years (2000–2100)",
        ["PUT /api/v1/projects/{id:long} fiscalYear"] = "ignored on update: the year is fixed at registration (ProjectRequest.ToInput has no year)",
        ["POST /api/v1/transfer-payments/ fiscalYear"] = "the year of a transfer payment the finance bureau registers",
        ["POST /api/v1/fiscal-evaluations/ fiscalYear"] = "the year of the county fiscal operation evaluation the performance section opens",
        ["POST /api/v1/appraisals/ year"] = "the year of the appraisal round the performance section opens",
        ["POST /api/v1/disclosure/publish year"] = "the year whose items the section publishes",
        ["POST /api/v1/evaluations/key/ year"] = "the year of a department's key evaluation (projects carry their own)",
        ["POST /api/v1/evaluations/re year"] = "the year whose self-evaluations are sampled",
        ["POST /api/v1/evaluations/self-tasks year"] = "the year whose projects the self-evaluation task covers",
        ["POST /api/v1/monitoring/rounds year"] = "the year of the monitoring round",
        ["POST /api/v1/monitoring/warning-preview year"] = "a calculator: nothing is stored",
        ["POST /api/v1/scoring/self-evaluation-preview year"] = "a calculator: nothing is stored",
        // Scores people give: the very input of the step, by the role that gives it, within [0, maximum] checked by the service.
        ["POST /api/v1/projects/{id:long}/goal/{action} score"] = "the finance bureau's 四性 review score of a goal, given with the review action only",
        ["POST /api/v1/assessments/{id:long}/rating score"] = "the finance bureau's rating of an expert's work (0–100)",
        ["POST /api/v1/evaluations/key/{id:long}/rating score"] = "the finance bureau's rating of an expert's or agency's work (0–100)",
        ["PUT /api/v1/appraisals/sheets/{sheetId:long}/self-score lines.score"] = "the subject's self-score of a line it scores itself, capped at the line's points; computed lines are refused",
        ["POST /api/v1/appraisals/sheets/{sheetId:long}/review lines.score"] = "the performance section's review score, an adjustment needs a reason",
        ["PUT /api/v1/feedback-letters/{id:long} score"] = "the text of a draft letter (prefilled from the evaluation); the evaluation's own score is not touched",
        ["PUT /api/v1/feedback-letters/{id:long} grade"] = "the text of a draft letter (prefilled from the evaluation); the evaluation's own grade is not touched",
        // Lines of the record in the route: the services refuse an id that is not one of its lines (…不属于本…表).
        ["PUT /api/v1/evaluations/self/{id:long} indicators.id"] = "an indicator line of this self-evaluation; others refused (指标不属于本自评表)",
        ["PUT /api/v1/monitoring/reports/{id:long} indicators.id"] = "an indicator line of this report; others refused (指标不属于本监控表)",
        ["PUT /api/v1/evaluations/re/items/{itemId:long} indicators.id"] = "an indicator line of the re-evaluated self-evaluation; others refused",
        // States that are the action itself, set by the role that owns it.
        ["PUT /api/v1/rectifications/{id:long}/items/{itemId:long} state"] = "the unit's own statement of one problem's progress (未整改/部分整改/已整改); the rectification's state moves only by its workflow",
        ["POST /api/v1/agencies/{id:long}/credit status"] = "the credit record the performance section keeps of an agency: the endpoint's purpose",
        ["PUT /api/v1/users/{id:long}/roles roles"] = "the security administrator's assignment of roles (三员分立: the system administrator cannot)",
    };

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void NoRequestBody_BindsAnEntity_OrAnUndeclaredProtectedField(DbProvider provider)
    {
        var app = fixture.For(provider);
        _ = app.Client;
        var services = app.Factory.Services;
        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        using var scope = services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>().Model;
        var problems = new List<string>();
        var seen = new HashSet<string>();
        foreach (var e in EndpointCatalog.Discover(services).Where(e => e.Kind == EndpointKind.Api && e.BodyType is not null))
        {
            foreach (var (path, type) in Fields(json, e.BodyType!, ""))
            {
                if (model.FindEntityType(type) is not null)
                    problems.Add($"{e.Key}: {(path == "" ? "the body" : path)} is the stored entity {type.Name}; bind a request record instead");
                var name = path.Split('.')[^1];
                if (!Protected.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
                var key = $"{e.Key} {path}";
                seen.Add(key);
                if (!Accepted.ContainsKey(key)) problems.Add($"{key}: a protected field in the request; declare in Accepted why the service may take it");
            }
        }
        foreach (var key in Accepted.Keys.Where(k => !seen.Contains(k)))
            problems.Add($"{key}: declared in Accepted but no request takes it (remove the line)");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    /// <summary>Every JSON member of a request type, recursively through nested objects and collections, as "a.b" paths.</summary>
    private static IEnumerable<(string Path, Type Type)> Fields(JsonSerializerOptions options, Type type, string prefix, int depth = 0)
    {
        yield return (prefix, type);
        if (depth > 6) yield break;
        var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                // Only what a request can set: a property with a setter or bound through the constructor (a computed
                // getter such as GoalReviewScore.Total is written in answers, never read from a request).
                foreach (var p in info.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null))
                    foreach (var f in Fields(options, p.PropertyType, prefix == "" ? p.Name : $"{prefix}.{p.Name}", depth + 1))
                        yield return f;
                break;
            case JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary when info.ElementType is { } element:
                foreach (var f in Fields(options, element, prefix, depth + 1))
                    yield return f;
                break;
        }
    }
}

/// <summary>
/// Mass assignment on real writes (issue 9, item 1): each call is a valid request of its caller with protected fields
/// added — a state, scores, owners, a region, a rule set, ids, versions — and what is stored is exactly what the same
/// request would store without them: the workflow decides the state, the caller's scope the owner, the rules the score.
/// </summary>
public sealed class MassAssignmentBehaviourTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Owner = "unit";

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ProjectAndGoal_ExtraFields_ChangeNothing(DbProvider provider)
    {
        var app = fixture.For(provider);
        var orgs = await app.OrganizationIdsAsync();
        long otherUnit = orgs["长治市人民医院"], otherDepartment = orgs["长治市卫生健康委员会"];
        long countyRegion, ruleSet, otherProject, otherGoal;
        await using (var db = DbSnapshot.OpenContext(app.Factory))
        {
            countyRegion = await db.Regions.Where(r => r.Name == "潞州区").Select(r => r.Id).SingleAsync();
            ruleSet = await db.RuleSets.Where(r => r.RegionId == countyRegion).Select(r => r.Id).FirstAsync();
            var found = await db.PerformanceGoals.Where(g => db.Projects.Any(p => p.Id == g.ProjectId && p.OrganizationId == otherUnit))
                .Select(g => new { g.ProjectId, g.Id }).FirstAsync();
            (otherProject, otherGoal) = (found.ProjectId, found.Id);
        }
        var extras = new JsonObject
        {
            ["id"] = otherProject,
            ["state"] = "Approved",
            ["status"] = "Approved",
            ["unitId"] = otherUnit,
            ["departmentId"] = otherDepartment,
            ["regionId"] = countyRegion,
            ["ruleSetId"] = ruleSet,
            ["ruleSetVersion"] = 99,
            ["totalBudget"] = 1m,
            ["score"] = 100m,
            ["reviewScore"] = 100m,
            ["grade"] = "Excellent",
            ["versionNo"] = 9,
            ["projectId"] = otherProject,
            ["createdAt"] = "2000-01-01T00:00:00Z",
        };

        // Registering a project: the unit, department and region are the caller's; the total is computed.
        var body = Samples.Project("越权字段项目");
        Merge(body, extras);
        var created = await (await app.SendAsync(Owner, HttpMethod.Post, "/api/v1/projects", body)).AssertOkJsonAsync(HttpStatusCode.Created);
        var id = (long)created["id"]!;
        Assert.NotEqual(otherProject, id);
        Assert.Equal(orgs["长治市第一中学校"], (long)created["unitId"]!);
        Assert.Equal(orgs["长治市教育局"], (long)created["departmentId"]!);
        Assert.Equal(600_000m, (decimal)created["totalBudget"]!);
        // Field by field what the same request without the extras stores.
        var plain = await (await app.SendAsync(Owner, HttpMethod.Post, "/api/v1/projects", Samples.Project("越权字段项目"))).AssertOkJsonAsync(HttpStatusCode.Created);
        foreach (var field in new[] { "fiscalYear", "unitId", "departmentId", "totalBudget", "version", "kind", "budgetKind", "category" })
            Assert.Equal(plain[field]!.ToJsonString(), created[field]!.ToJsonString());
        await using (var db = DbSnapshot.OpenContext(app.Factory))
            Assert.Equal(await db.Organizations.Where(o => o.Id == orgs["长治市第一中学校"]).Select(o => o.RegionId).SingleAsync(),
                await db.Projects.Where(p => p.Id == id).Select(p => p.RegionId).SingleAsync());

        // Saving a draft goal with a state, a review score, another goal's id and project: a draft of this project, version 1.
        var goal = new JsonObject { ["annualGoal"] = "越权字段目标", ["indicators"] = Samples.Indicators() };
        Merge(goal, extras);
        goal["id"] = otherGoal;
        foreach (var i in goal["indicators"]!.AsArray()) Merge(i!.AsObject(), new JsonObject { ["id"] = otherGoal, ["score"] = 100m, ["actualValue"] = 1m });
        var saved = (await (await app.SendAsync(Owner, HttpMethod.Put, $"/api/v1/projects/{id}/goal", goal)).AssertOkJsonAsync())["current"]!;
        Assert.Equal(id, (long)saved["projectId"]!);
        Assert.Equal("Draft", (string?)saved["state"]);
        Assert.Null(saved["reviewScore"]);
        Assert.Equal(1, (int)saved["versionNo"]!);
        Assert.NotEqual(otherGoal, (long)saved["id"]!);

        // Submitting with "state": "Approved" and a review score: submitted, unscored — the workflow moves one step.
        // "score" is the review's 四性 score in this request type: a well-formed one, which submit must not take.
        var submit = new JsonObject
        {
            ["version"] = (int)saved["version"]!,
            ["pass"] = true,
            ["score"] = new JsonObject { ["completeness"] = 25m, ["relevance"] = 25m, ["appropriateness"] = 25m, ["feasibility"] = 25m },
        };
        Merge(submit, extras);
        var submitted = (await (await app.SendAsync(Owner, HttpMethod.Post, $"/api/v1/projects/{id}/goal/submit", submit)).AssertOkJsonAsync())["current"]!;
        Assert.Equal("Submitted", (string?)submitted["state"]);
        Assert.Null(submitted["reviewScore"]);

        // The other unit's project and goal are untouched.
        var other = await app.GetJsonAsync("unit2", $"/api/v1/projects/{otherProject}/goal");
        Assert.NotEqual("越权字段目标", (string?)other["current"]?["annualGoal"]);
        await DbSnapshot.AssertAuditChainIntactAsync(app.Factory);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ProjectUpdate_NamingAnotherUnit_IsRefusedInChinese_AndChangesNothing(DbProvider provider)
    {
        var app = fixture.For(provider);
        var orgs = await app.OrganizationIdsAsync();
        var created = await (await app.SendAsync(Owner, HttpMethod.Post, "/api/v1/projects", Samples.Project("改单位项目"))).AssertOkJsonAsync(HttpStatusCode.Created);
        var id = (long)created["id"]!;
        var before = await DbSnapshot.TakeAsync(app.Factory);

        var body = Samples.Project("改单位项目（改名）");
        body["version"] = (int)created["version"]!;
        body["organizationId"] = orgs["长治市人民医院"];
        var problem = await (await app.SendAsync(Owner, HttpMethod.Put, $"/api/v1/projects/{id}", body)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("所属单位", (string?)problem["detail"] ?? (string?)problem["title"]);
        before.AssertSame(await DbSnapshot.TakeAsync(app.Factory), "a refused change of the project's unit");
        var stored = await app.GetJsonAsync(Owner, $"/api/v1/projects/{id}");
        Assert.Equal("改单位项目", (string?)stored["name"]);
        Assert.Equal(orgs["长治市第一中学校"], (long)stored["unitId"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AccountUpdate_WithRoles_ByTheSystemAdministrator_LeavesTheRolesAlone(DbProvider provider)
    {
        // 三员分立: roles are the security administrator's; an account update that names them must not grant them.
        var app = fixture.For(provider);
        var users = await app.GetJsonAsync("sysadmin", "/api/v1/users?q=unit2&pageSize=50");
        var user = users["items"]!.AsArray().Single(u => (string?)u!["userName"] == "unit2")!;
        var id = (long)user["id"]!;
        var body = new JsonObject
        {
            ["version"] = (int)user["version"]!,
            ["displayName"] = (string?)user["displayName"],
            ["organizationId"] = (long)user["organizationId"]!,
            ["isActive"] = true,
            ["roles"] = new JsonArray("SystemAdmin", "SecurityAdmin", "PerformanceSection"),
            ["isLockedOut"] = false,
            ["passwordHash"] = "x",
            ["failedSignIns"] = 0,
            ["userName"] = "unit2-renamed",
        };
        var updated = await (await app.SendAsync("sysadmin", HttpMethod.Put, $"/api/v1/users/{id}", body)).AssertOkJsonAsync();
        Assert.Equal(["BudgetUnit"], updated["roles"]!.AsArray().Select(r => (string)r!).ToArray());
        Assert.Equal("unit2", (string?)updated["userName"]);
        // The password is still the demo one.
        using var token = await app.RequestTokenAsync("unit2", DemoUsers.Password);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    private static void Merge(JsonObject target, JsonObject extras)
    {
        foreach (var (k, v) in extras)
            if (!target.ContainsKey(k)) target[k] = v?.DeepClone();
    }
}
