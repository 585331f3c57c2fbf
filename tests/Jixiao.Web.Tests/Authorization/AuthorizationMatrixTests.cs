using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Jixiao.Core.Identity;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests.Authorization;

/// <summary>The outcome class a call must end in.</summary>
public enum Outcome
{
    /// <summary>Past every gate: 2xx, or 400/409/415/422 for the deliberately invalid bodies. Never 401/403/404/5xx.</summary>
    Allowed,
    /// <summary>Not signed in: 401 (API), a redirect to the login page (pages).</summary>
    Unauthenticated,
    /// <summary>Signed in without the permission: 403 (API), a redirect to the denied page (pages).</summary>
    Forbidden,
    /// <summary>An id outside the caller's scope: 404, exactly like an id that does not exist.</summary>
    NotFound,
    /// <summary>The permission but not a role that acts here: refused by the service (400/403/404/409), never a success.</summary>
    Refused,
}

/// <summary>
/// 等保 访问控制 over the whole app: every endpoint and page of the app (read from its own endpoint metadata) is declared in
/// <see cref="AuthorizationTable"/>, and is called as every demo caller with ids inside and outside the caller's scope; the
/// outcome class must be the one derived from the row, the caller's roles and who may see the id. One fresh app per provider.
/// </summary>
public sealed class AuthorizationMatrixTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Parallelism = 8;

    [Fact]
    public void Table_HasOneRowPerEndpoint()
    {
        var keys = AuthorizationTable.Rows.GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(keys.Count == 0, "rows declared twice: " + string.Join(", ", keys));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task EveryEndpointAndPage_IsDeclaredInTheTable(DbProvider provider)
    {
        var app = fixture.For(provider);
        _ = app.Client;
        var discovered = EndpointCatalog.Discover(app.Factory.Services);
        var declared = AuthorizationTable.Rows.ToDictionary(r => r.Key);
        var problems = new List<string>();
        foreach (var e in discovered.Where(e => !declared.ContainsKey(e.Key)))
            problems.Add($"not declared: {e.Key} — add to AuthorizationTable.Rows: {Suggest(e)}");
        var found = discovered.Select(e => e.Key).ToHashSet();
        foreach (var r in AuthorizationTable.Rows.Where(r => !found.Contains(r.Key)))
            problems.Add($"declared but not mapped by the app (remove or fix the row): {r.Key}");
        // The declared permission of an API row is the policy the app puts on it (pages carry theirs on the page model).
        foreach (var e in discovered.Where(e => e.Kind == EndpointKind.Api && declared.ContainsKey(e.Key)))
        {
            var needs = declared[e.Key].Needs;
            var policy = needs.Anonymous ? null : needs.Required?.ToString();
            if (e.AllowsAnonymous != needs.Anonymous || (!needs.Anonymous && policy != e.Policy))
                problems.Add($"{e.Key}: the table says {needs}, the app says {(e.AllowsAnonymous ? "anonymous" : e.Policy ?? "signed in")}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string Suggest(DiscoveredEndpoint e)
    {
        var needs = e.AllowsAnonymous ? "Needs.Anyone" : e.Policy is null ? "Needs.SignedIn" : $"Needs.Permission(P.{e.Policy})";
        var owner = e.Route.Contains('{') ? "Owns.<kind of the id>" : "Owns.Nothing";
        return e.Kind == EndpointKind.Page
            ? $"Page(\"{e.Route}\", {needs}{(owner == "Owns.Nothing" ? "" : $", {owner}, \"{e.Route}?id={{id}}\"")}),"
            : $"{Pascal(e.Method)}(\"{e.Route}\", {needs}{(owner == "Owns.Nothing" ? "" : $", {owner}")}),";
    }

    private static string Pascal(string method) => method.Length < 2 ? method : method[..1] + method[1..].ToLowerInvariant();

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task EveryRow_AsEveryCaller_InsideAndOutsideScope_HasTheDeclaredOutcome(DbProvider provider)
    {
        var app = fixture.For(provider);
        var calls = await PlanAsync(app);
        var sessions = await SessionsAsync(app);
        var failures = new ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(Parallelism);

        async Task Run(PlannedCall c, bool afterSuccess = false)
        {
            await gate.WaitAsync();
            try
            {
                var (status, location, body) = await SendAsync(app, sessions, c);
                if (!Matches(c.Row.Kind, c.Expected, status, location) && !(afterSuccess && status == 404))
                    failures.Add($"{c.Row.Key} as {c.Caller} with {c.Sample.Label}: expected {c.Expected}, got {status}{(location is null ? "" : " → " + location)}  [{c.Url}] {body}");
            }
            finally
            {
                gate.Release();
            }
        }

        // Reads first, then the mutations (they may create records, never change who sees the samples), deletes last.
        await Task.WhenAll(calls.Where(c => c.Row.Call == Call.Read).Select(c => Run(c)));
        await Task.WhenAll(calls.Where(c => c.Row.Call is not (Call.Read or Call.Delete)).Select(c => Run(c)));
        foreach (var group in calls.Where(c => c.Row.Call == Call.Delete).GroupBy(c => (c.Row, c.Sample)))
        {
            await Task.WhenAll(group.Where(c => c.Expected != Outcome.Allowed).Select(c => Run(c)));
            var first = true;
            foreach (var c in group.Where(c => c.Expected == Outcome.Allowed))
            {
                await Run(c, afterSuccess: !first);
                first = false;
            }
        }

        var list = failures.Order(StringComparer.Ordinal).ToList();
        Assert.True(list.Count == 0, $"{list.Count} of {calls.Count} calls had another outcome than declared:\n" + string.Join("\n", list.Take(300)));
    }

    /// <summary>One call: a row, a caller and a sample id, with the outcome the table implies.</summary>
    private sealed record PlannedCall(Row Row, DemoCaller Caller, Sample Sample, string Url, Outcome Expected, Type? BodyType, string? Body = null);

    /// <summary>The outcome a row implies for a caller and a sample: derived, never listed.</summary>
    public static Outcome Expect(Row row, DemoCaller caller, Sample sample)
    {
        if (row.Needs.Anonymous) return sample.VisibleTo(caller) ? Outcome.Allowed : Outcome.NotFound;
        if (caller.IsAnonymous) return Outcome.Unauthenticated;
        if (row.Needs.Required is { } p && !caller.Can(p)) return Outcome.Forbidden;
        if (row.Needs.Roles is { } roles && !caller.Roles.Any(roles.Contains)) return Outcome.Refused;
        return sample.VisibleTo(caller) ? Outcome.Allowed : Outcome.NotFound;
    }

    private static bool Matches(EndpointKind kind, Outcome expected, int status, string? location)
    {
        var toLogin = status == 302 && location?.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) == true;
        var toDenied = status == 302 && location?.Contains("/Account/Denied", StringComparison.OrdinalIgnoreCase) == true;
        if (status >= 500) return false;
        return expected switch
        {
            Outcome.Unauthenticated => kind == EndpointKind.Page ? toLogin : status == 401,
            Outcome.Forbidden => kind == EndpointKind.Page ? toDenied : status == 403,
            Outcome.NotFound => status == 404,
            Outcome.Refused => status is 400 or 403 or 404 or 409 || toDenied,
            Outcome.Allowed => status is not (401 or 403 or 404) && !toLogin && !toDenied,
            _ => false,
        };
    }

    private static readonly Regex Placeholder = new(@"\{(?<name>[A-Za-z]+)(:[a-z]+)?\}", RegexOptions.Compiled);

    private async Task<List<PlannedCall>> PlanAsync(TestApp app)
    {
        _ = app.Client;
        var bodies = EndpointCatalog.Discover(app.Factory.Services).ToDictionary(e => e.Key, e => e.BodyType);
        await PrepareAsync(app, Jixiao.Core.Common.ChinaTime.Now(app.Factory.Clock).Year.ToString());
        await using var context = await OwnershipContext.CreateAsync(app.Factory.Services);
        var samples = new Dictionary<Owner, IReadOnlyList<Sample>>();
        var calls = new List<PlannedCall>();
        var year = Jixiao.Core.Common.ChinaTime.Now(app.Factory.Clock).Year.ToString();
        var missing = new List<string>();
        foreach (var row in AuthorizationTable.Rows)
        {
            if (!samples.TryGetValue(row.Owner, out var list)) samples[row.Owner] = list = await row.Owner.Load(context);
            if (list.Count == 0) missing.Add($"{row.Key}: the demo data has no {row.Owner}");
            foreach (var sample in list)
            {
                var url = Placeholder.Replace(row.Url ?? row.Route, m => m.Groups["name"].Value switch
                {
                    var n when sample.Values.TryGetValue(n, out var v) => v,
                    "year" => year,
                    "action" => "submit",
                    "documentName" => "v1",
                    var n => throw new InvalidOperationException($"{row.Key}: no value for {{{n}}} in {sample.Label}"),
                });
                var type = bodies.GetValueOrDefault(row.Key);
                var body = row.Body is null || type is null ? null : Merge(JsonSample.For(type)!.AsObject(), row.Body, context);
                foreach (var caller in DemoCallers.All) calls.Add(new(row, caller, sample, url, Expect(row, caller, sample), type, body));
            }
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
        return calls;
    }

    private static readonly Regex OrgToken = new("\"\\{org:(?<name>[^}]+)\\}\"", RegexOptions.Compiled);

    private static string Merge(System.Text.Json.Nodes.JsonObject generated, string patch, OwnershipContext context)
    {
        var resolved = OrgToken.Replace(patch, m => context.OrgId(m.Groups["name"].Value).ToString());
        foreach (var (key, value) in System.Text.Json.Nodes.JsonNode.Parse(resolved)!.AsObject()) generated[key] = value?.DeepClone();
        return generated.ToJsonString();
    }

    /// <summary>
    /// What the demo data lacks for the matrix, made through the API as the owners would: the congress reports of the city
    /// and a county, and a piece of rectification evidence.
    /// </summary>
    private static async Task PrepareAsync(TestApp app, string year)
    {
        foreach (var user in new[] { "perf", "county" })
        {
            using var generated = await app.SendAsync(user, HttpMethod.Post, $"/api/v1/congress-reports/{year}");
            Assert.True(generated.IsSuccessStatusCode, $"congress report as {user}: {(int)generated.StatusCode} {await generated.Content.ReadAsStringAsync()}");
        }
        await using var context = await OwnershipContext.CreateAsync(app.Factory.Services);
        await PrepareAppraisalsAsync(app, context);
        var failures = new List<string>();
        var items = await (from i in context.Db.RectificationItems
                           join r in context.Db.Rectifications on i.RectificationId equals r.Id
                           select new { r.Id, ItemId = i.Id, r.OrganizationId, r.Version }).ToListAsync();
        // The demo's rectifications are of units without a demo account: an account for the first one's organisation, made as
        // the system and security administrators would, uploads the evidence.
        foreach (var x in items)
        {
            var kind = await context.Db.Organizations.Where(o => o.Id == x.OrganizationId).Select(o => o.Kind).SingleAsync();
            var role = kind == Jixiao.Core.Organizations.OrganizationKind.Department ? "Department" : "BudgetUnit";
            using (var created = await app.SendAsync("sysadmin", HttpMethod.Post, "/api/v1/users", new
            {
                userName = "matrixowner",
                displayName = "矩阵测试整改人",
                organizationId = x.OrganizationId,
                password = "Matrix@2026!x",
            }))
                Assert.True(created.StatusCode == HttpStatusCode.Created, $"create the evidence owner: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
            var owner = (await app.GetJsonAsync("sysadmin", "/api/v1/users?q=matrixowner"))["items"]!.AsArray().Single()!;
            using (var granted = await app.SendAsync("secadmin", HttpMethod.Put, $"/api/v1/users/{(long)owner["id"]!}/roles", new { version = (int)owner["version"]!, roles = new[] { role } }))
                Assert.True(granted.IsSuccessStatusCode, $"grant {role}: {(int)granted.StatusCode}");
            var token = app.NewTokenAsync("matrixowner", "Matrix@2026!x");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/rectifications/{x.Id}/items/{x.ItemId}/evidence?version={x.Version}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token);
            var content = new MultipartFormDataContent();
            var part = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(part, "file", "整改佐证.pdf");
            request.Content = content;
            using var upload = await app.Client.SendAsync(request);
            if (upload.IsSuccessStatusCode) return;
            failures.Add($"rectification {x.Id}: {(int)upload.StatusCode} {await upload.Content.ReadAsStringAsync()}");
            break;
        }
        Assert.Fail("could not upload a piece of rectification evidence as any demo unit or department: " + string.Join("; ", failures));
    }

    private const int OpenAppraisalYear = 2026;

    /// <summary>
    /// Open appraisal rounds of the city (departments, counties) and of 潞州区 (its departments), made by their performance sections,
    /// and one evidence file on 长治市教育局's open sheet uploaded by the department.
    /// </summary>
    private static async Task PrepareAppraisalsAsync(TestApp app, OwnershipContext context)
    {
        foreach (var (user, kind) in new[] { ("perf", "department"), ("perf", "county"), ("county", "department") })
        {
            // The demo's rounds appraise last year and are published; these are open rounds of the current year.
            using var created = await app.SendAsync(user, HttpMethod.Post, "/api/v1/appraisals", new { kind, selfScoreDeadline = "2026-12-31", year = OpenAppraisalYear });
            Assert.True(created.IsSuccessStatusCode, $"appraisal round {kind} as {user}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }
        var education = context.OrgId("长治市教育局");
        var sheet = await context.Db.AppraisalSheets.Where(s => s.SubjectId == education && s.SubjectKind == Jixiao.Core.Appraisals.AppraisalSubjectKind.Department
                && context.Db.AppraisalRounds.Any(r => r.Id == s.RoundId && r.FiscalYear == OpenAppraisalYear))
            .Select(s => new { s.Id, s.Version, Line = context.Db.AppraisalLines.Where(l => l.SheetId == s.Id).Min(l => l.Id) }).FirstAsync();
        using var upload = await app.PostFileAsync("dept", $"/api/v1/appraisals/sheets/{sheet.Id}/lines/{sheet.Line}/attachments?version={sheet.Version}",
            Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), "考核佐证.pdf", "application/pdf");
        Assert.True(upload.IsSuccessStatusCode, $"appraisal evidence as dept: {(int)upload.StatusCode} {await upload.Content.ReadAsStringAsync()}");
    }

    /// <summary>A bearer token and a signed-in cookie session per demo caller.</summary>
    private sealed record Sessions(Dictionary<string, string> Tokens, Dictionary<string, BrowserSession> Browsers);

    private static async Task<Sessions> SessionsAsync(TestApp app)
    {
        var tokens = new Dictionary<string, string>();
        var browsers = new Dictionary<string, BrowserSession>();
        foreach (var c in DemoCallers.All)
        {
            var browser = new BrowserSession(app.Factory);
            browsers[c.Name] = browser;
            if (c.IsAnonymous) continue;
            tokens[c.Name] = await app.TokenAsync(c.Name);
            using var login = await browser.LogInAsync(c.Name);
            Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"page sign-in of {c.Name}: {(int)login.StatusCode}");
        }
        return new(tokens, browsers);
    }

    private static async Task<(int Status, string? Location, string Body)> SendAsync(TestApp app, Sessions sessions, PlannedCall c)
    {
        if (c.Row.Kind == EndpointKind.Page)
        {
            var browser = sessions.Browsers[c.Caller.Name];
            using var page = await browser.Client.GetAsync(c.Url);
            return ((int)page.StatusCode, page.Headers.Location?.ToString(), "");
        }
        using var request = new HttpRequestMessage(new HttpMethod(c.Row.Method == "*" ? "GET" : c.Row.Method), c.Url);
        if (!c.Caller.IsAnonymous)
        {
            var token = c.Row.FreshSession ? await app.NewTokenAsync(c.Caller.Name) : sessions.Tokens[c.Caller.Name];
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        request.Content = c.Row.Call switch
        {
            // An owned id: a body that binds, so the handler runs and checks scope; no owned id: one that does not bind (400, gate passed).
            Call.StaleJson when c.Row.Owner != Owns.Nothing && c.BodyType is { } t => new StringContent(c.Body ?? JsonSample.For(t)!.ToJsonString(), Encoding.UTF8, "application/json"),
            Call.StaleJson => new StringContent("{\"version\":-1}", Encoding.UTF8, "application/json"),
            Call.Credentials => new StringContent($"{{\"username\":\"perf\",\"password\":\"{DemoUsers.Password}\"}}", Encoding.UTF8, "application/json"),
            Call.EmptyArray => new StringContent("[{}]", Encoding.UTF8, "application/json"),
            Call.BadFile => BadFile(),
            _ => null,
        };
        using var response = await app.Client.SendAsync(request);
        var text = response.Content.Headers.ContentType?.MediaType?.Contains("json") == true ? await response.Content.ReadAsStringAsync() : "";
        return ((int)response.StatusCode, response.Headers.Location?.ToString(), text.Length > 160 ? text[..160] : text);
    }

    /// <summary>
    /// A ".xlsx" that is not one: any upload check past the gate refuses it. A stale form version goes with it, so an endpoint that
    /// binds one (a resubmission) gets past binding to its scope check.
    /// </summary>
    private static MultipartFormDataContent BadFile()
    {
        var content = new MultipartFormDataContent { { new StringContent("-1"), "version" } };
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes("not a workbook"));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(part, "file", "矩阵.xlsx");
        return content;
    }
}
