using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests.Authorization;

/// <summary>
/// 等保 访问控制 of lists: every <c>GET /api/v1</c> list of <see cref="AuthorizationTable"/> (a GET row without an owned id) is read
/// as every demo caller it allows, and every row it returns that names its owner — <c>organizationId</c>, <c>unitId</c> or
/// <c>departmentId</c> (an organisation), <c>regionId</c> (a region) — must be inside the caller's scope as
/// <see cref="OwnershipContext"/> declares it. A list that shows records of other owners by design is declared in
/// <see cref="ByDesign"/> with the reason.
/// </summary>
public sealed class ListScopeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>Lists whose rows may belong to owners outside the caller's scope, and why.</summary>
    private static readonly Dictionary<string, string> ByDesign = new()
    {
        // The expert and agency pools of one's region and the regions above it are shared (RULES §9); OwnershipContext.SeesPool.
        ["GET /api/v1/experts/"] = "the pools of the caller's region and above",
        ["GET /api/v1/agencies/"] = "the pools of the caller's region and above",
        // 三员分立: the audit administrator reads the whole audit log, and nothing else.
        ["GET /api/v1/audit/records"] = "the audit administrator's whole log",
    };

    /// <summary>
    /// Lists where an expert or an agency sees the records it is assigned to, wherever their owner is; the matrix checks each such
    /// record against the assignment (Owns.Assessment, Owns.KeyEvaluation), so here those callers are not checked by owner.
    /// </summary>
    private static readonly HashSet<string> AssignmentLists =
        ["GET /api/v1/assessments/", "GET /api/v1/evaluations/", "GET /api/v1/evaluations/key/"];

    private static readonly Sample AnyRecord = new("-", new Dictionary<string, string>(), _ => true);

    /// <summary>The fields naming a row's organisation, the most specific first.</summary>
    private static readonly string[] OrganizationFields = ["unitId", "organizationId", "departmentId"];

    private static long? Id(JsonObject item, string field) =>
        item[field] is JsonValue v && v.TryGetValue<long>(out var id) ? id : null;

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task EveryList_AsEveryAllowedCaller_ReturnsOnlyRowsInScope(DbProvider provider)
    {
        var app = fixture.For(provider);
        _ = app.Client;
        await using var context = await OwnershipContext.CreateAsync(app.Factory.Services);
        var lists = AuthorizationTable.Rows
            .Where(r => r.Kind == EndpointKind.Api && r.Method == "GET" && r.Owner == Owns.Nothing && !r.Route.Contains('{') && !r.Needs.Anonymous)
            .ToList();
        var problems = new List<string>();
        var checkedRows = new Dictionary<string, int>();
        foreach (var row in lists)
        {
            foreach (var caller in DemoCallers.All.Where(c => !c.IsAnonymous))
            {
                if (AuthorizationMatrixTests.Expect(row, caller, AnyRecord) != Outcome.Allowed) continue;
                using var response = await app.GetAsync(caller.Name, row.Route.TrimEnd('/') + "?pageSize=200");
                if (response.Content.Headers.ContentType?.MediaType?.Contains("json") != true || !response.IsSuccessStatusCode) continue;
                var items = JsonNode.Parse(await response.Content.ReadAsStringAsync()) switch
                {
                    JsonArray a => a,
                    JsonObject o when o["items"] is JsonArray a => a,
                    _ => null,
                };
                if (items is null) continue;
                if (ByDesign.ContainsKey(row.Key) && !row.Key.Contains("/experts") && !row.Key.Contains("/agencies")) continue;
                if (AssignmentLists.Contains(row.Key) && context.IsThirdParty(caller)) continue;
                foreach (var item in items.OfType<JsonObject>())
                {
                    // The owner is the most specific organisation the row names (a unit's record also names its department).
                    var owner = OrganizationFields.Select(f => (Field: f, Id: Id(item, f))).FirstOrDefault(o => o.Id is not null);
                    if (owner.Id is { } org)
                    {
                        checkedRows[row.Key] = checkedRows.GetValueOrDefault(row.Key) + 1;
                        var published = row.Key == "GET /api/v1/disclosure/" && (string?)item["state"] == "Published";
                        if (!ByDesign.ContainsKey(row.Key) && !published && !context.SeesOrg(caller, org))
                            problems.Add($"{row.Key} as {caller}: a row of {owner.Field} {org} ({context.OrgName(org)}) is outside the caller's scope");
                    }
                    if (Id(item, "regionId") is { } region)
                    {
                        checkedRows[row.Key] = checkedRows.GetValueOrDefault(row.Key) + 1;
                        var inScope = ByDesign.ContainsKey(row.Key) ? context.SeesPool(caller, region) : context.SeesRegion(caller, region);
                        if (!inScope) problems.Add($"{row.Key} as {caller}: a row of region {region} ({context.RegionName(region)}) is outside the caller's scope");
                    }
                }
            }
        }
        Assert.True(problems.Count == 0, $"{problems.Count} rows outside scope:\n" + string.Join("\n", problems.Distinct().Take(200)));
        // The check must have had something to check: the lists of the main records name their owner.
        Assert.True(checkedRows.Count >= 10, "only these lists name an owner in their rows: " + string.Join(", ", checkedRows.Keys));
    }
}
