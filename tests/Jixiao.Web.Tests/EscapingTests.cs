using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Jixiao.Core.Common;
using Jixiao.Core.Imports;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests;

/// <summary>
/// Text with HTML, script and spreadsheet formulas (issue 9, item 2): organisations renamed to such text are shown escaped in
/// the raw HTML of the list and detail pages, and every .xlsx and .csv export — found from the page models' export handlers
/// and the endpoints that produce a spreadsheet — writes no cell that starts like a formula (= + - @, tab, CR): the one rule
/// of <see cref="FormulaText"/>.
/// </summary>
public sealed class EscapingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Script = "=HYPERLINK(\"http://x.test\",\"<script>alert(1)</script>\")";
    private const string Img = "\"><img src=x onerror=alert(1)>";

    /// <summary>Organisation → the hostile name it is given (a unit, a department, another unit, an agency).</summary>
    private static readonly (string Name, string NewName)[] Renames =
    [
        ("长治市第一中学校", Script),
        ("长治市人民医院", Img + "医院"),
        ("长治市教育局", "+1 教育局"),
        ("长治市卫生健康委员会", "-1 卫健委"),
        ("山西正信会计师事务所有限公司", "@SUM(1+1) 事务所"),
    ];

    /// <summary>
    /// Every export: its address, who downloads it, and whether it shows the organisations' names (so the hostile text must
    /// appear in it, defused). A page export is the page's <c>?handler=Export</c>; the open-data CSV shows frozen snapshots.
    /// </summary>
    private static readonly (string Key, string User, string Url, bool ShowsNames)[] Exports =
    [
        ("page Jixiao.Web.Features.Projects.IndexModel", "perf", "/Projects?handler=Export", true),
        ("page Jixiao.Web.Features.Organizations.IndexModel", "sysadmin", "/Organizations?handler=Export", true),
        ("page Jixiao.Web.Features.Monitoring.PaymentsModel", "perf", "/Monitoring/Payments?handler=Export", false),
        ("page Jixiao.Web.Features.Monitoring.WarningsModel", "perf", "/Monitoring/Warnings?handler=Export", false),
        ("page Jixiao.Web.Features.Monitoring.ReportsModel", "perf", "/Monitoring/Reports?handler=Export&roundId={round}", false),
        ("page Jixiao.Web.Features.Monitoring.ReportModel", "perf", "/Monitoring/Report?handler=Export&id={report}", false),
        ("page Jixiao.Web.Features.Evaluations.SelfModel", "perf", "/Evaluations/Self?handler=Export", false),
        ("page Jixiao.Web.Features.Evaluations.IndexModel", "perf", "/Evaluations?handler=Export", false),
        ("page Jixiao.Web.Features.Evaluations.KeyModel", "perf", "/Evaluations/Key?handler=Export", false),
        ("page Jixiao.Web.Features.ResultApplication.LettersModel", "perf", "/Results/Letters?handler=Export", false),
        ("page Jixiao.Web.Features.ResultApplication.RectificationsModel", "perf", "/Results/Rectifications?handler=Export", false),
        ("page Jixiao.Web.Features.PriorAssessments.IndexModel", "perf", "/PriorAssessments?handler=Export", false),
        ("page Jixiao.Web.Features.ThirdParties.ExpertsModel", "perf", "/ThirdParties/Experts?handler=Export", false),
        ("page Jixiao.Web.Features.ThirdParties.AgenciesModel", "perf", "/ThirdParties/Agencies?handler=Export", false),
        ("page Jixiao.Web.Features.Disclosure.IndexModel", "perf", "/Disclosure?handler=Export", false),
        ("page Jixiao.Web.Features.BudgetLinkage.IndexModel", "budget", "/BudgetLinkage?handler=Export", false),
        ("page Jixiao.Web.Features.Audit.IndexModel", "auditadmin", "/Audit?handler=Export", false),
        ("GET /api/v1/projects/{id:long}/goal/export", "unit", "/api/v1/projects/{project}/goal/export", false),
        ("GET /api/v1/projects/goals/export", "unit", "/api/v1/projects/goals/export", false),
        ("GET /public/api/v1/goals", "anonymous", "/public/api/v1/goals?format=csv", false),
        ("GET /public/api/v1/evaluation-results", "anonymous", "/public/api/v1/evaluation-results?format=csv", false),
        ("GET /public/api/v1/rectifications", "anonymous", "/public/api/v1/rectifications?format=csv", false),
        ("GET /public/api/v1/departments", "anonymous", "/public/api/v1/departments?format=csv", false),
        ("GET /api/v1/fiscal-evaluations/{id:long}/export", "perf", "/api/v1/fiscal-evaluations/{fiscal}/export", false),
        ("GET /api/v1/fiscal-evaluations/{id:long}/template", "perf", "/api/v1/fiscal-evaluations/{fiscal}/template", false),
        ("page Jixiao.Web.Features.FiscalEvaluations.DetailsModel", "perf", "/FiscalEvaluations/Details?id={fiscal}&handler=Export", false),
        ("page Jixiao.Web.Features.Filings.IndexModel", "perf", "/Filings?handler=Export", false),
        ("page Jixiao.Web.Features.Appraisals.RoundModel", "perf", "/Appraisals/Round?id={appraisal}&handler=Export", false),
        ("GET /api/v1/appraisals/{id:long}/ranking.xlsx", "perf", "/api/v1/appraisals/{appraisal}/ranking.xlsx", false),
    ];

    /// <summary>Pages that list or show the renamed organisations, and the name each must show.</summary>
    private static readonly (string User, string Url)[] Pages =
    [
        ("sysadmin", "/Organizations"),
        ("sysadmin", "/Organizations/Edit?id={unitOrg}"),
        ("perf", "/Projects"),
        ("perf", "/Monitoring/Payments"),
        ("perf", "/Evaluations/Self"),
        ("perf", "/PriorAssessments"),
        ("perf", "/ThirdParties/Agencies"),
    ];

    [Fact]
    public void EveryExport_IsInTheTable()
    {
        var app = fixture.For(DbProvider.Sqlite);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var page in typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract))
        {
            if (page.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.Name is "OnGetExport" or "OnGetExportAsync"))
                found.Add($"page {page.FullName}");
        }
        // Endpoints that answer with a spreadsheet say so in their OpenAPI metadata (Produces … text/csv), or end in /export, .xlsx or .csv.
        foreach (var endpoint in app.Factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var types = endpoint.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>().SelectMany(p => p.ContentTypes);
            var raw = endpoint.RoutePattern.RawText ?? "";
            if (types.Any(t => t.Contains("csv", StringComparison.Ordinal) || t.Contains("spreadsheetml", StringComparison.Ordinal)) || raw.EndsWith("/export", StringComparison.Ordinal)
                || raw.EndsWith(".xlsx", StringComparison.Ordinal) || raw.EndsWith(".csv", StringComparison.Ordinal))
                found.Add($"GET {raw}");
        }
        var missing = found.Where(f => Exports.All(e => e.Key != f)).ToList();
        Assert.True(missing.Count == 0, "exports missing from the escaping table: " + string.Join(", ", missing));
        var stale = Exports.Where(e => !found.Contains(e.Key)).Select(e => e.Key).ToList();
        Assert.True(stale.Count == 0, "escaping table names exports that do not exist: " + string.Join(", ", stale));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task HostileText_IsEscapedOnPages_AndDefusedInEveryExport(DbProvider provider)
    {
        var app = fixture.For(provider);
        var ids = await RenameAsync(app);
        var sessions = new Dictionary<string, BrowserSession>();
        try
        {
            async Task<BrowserSession> As(string user)
            {
                if (sessions.TryGetValue(user, out var s)) return s;
                s = new BrowserSession(app.Factory);
                if (user != "anonymous") Assert.Equal(HttpStatusCode.Redirect, (await s.LogInAsync(user)).StatusCode);
                return sessions[user] = s;
            }

            foreach (var (user, template) in Pages)
            {
                var url = Fill(template, ids);
                using var response = await (await As(user)).GetAsync(url);
                var raw = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} as {user}: {(int)response.StatusCode}");
                Assert.DoesNotContain("<script>alert(1)", raw, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("<img src=x", raw, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("onerror=alert(1)>", raw, StringComparison.OrdinalIgnoreCase);
                var text = WebUtility.HtmlDecode(raw);
                Assert.True(Renames.Any(r => text.Contains(r.NewName, StringComparison.Ordinal)), $"{url} shows none of the hostile names, so it proves nothing");
            }

            var shown = 0;
            foreach (var (key, user, template, showsNames) in Exports)
            {
                var url = Fill(template, ids);
                HttpResponseMessage response;
                if (key.StartsWith("GET /api/", StringComparison.Ordinal)) response = await app.GetAsync(user, url);
                else response = await (await As(user)).GetAsync(url);
                using (response)
                {
                    var bytes = await response.Content.ReadAsByteArrayAsync();
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} as {user}: {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(300, bytes.Length)))}");
                    var cells = await CellsAsync(bytes, response.Content.Headers.ContentType?.MediaType);
                    // A number (a negative amount) is a numeric cell, not text a spreadsheet would evaluate.
                    var formulas = cells.Where(c => FormulaText.LooksLikeFormula(c) && !decimal.TryParse(c, System.Globalization.NumberStyles.Number,
                        System.Globalization.CultureInfo.InvariantCulture, out _)).ToList();
                    Assert.True(formulas.Count == 0, $"{key}: cells that start like a formula: {string.Join(" | ", formulas.Take(5))}");
                    var defused = Renames.Any(r => cells.Any(c => c.Contains("'" + r.NewName, StringComparison.Ordinal)));
                    if (showsNames) Assert.True(defused, $"{key}: the hostile names are not in the export, so it proves nothing");
                    if (defused) shown++;
                }
            }
            Assert.True(shown >= 3, $"only {shown} exports showed a hostile name");
        }
        finally
        {
            foreach (var s in sessions.Values) s.Dispose();
        }
    }

    private static string Fill(string template, IReadOnlyDictionary<string, long> ids)
    {
        foreach (var (k, v) in ids) template = template.Replace("{" + k + "}", v.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return template;
    }

    /// <summary>Renames the organisations (once per app) and finds the ids the addresses need.</summary>
    private static async Task<Dictionary<string, long>> RenameAsync(TestApp app)
    {
        var orgs = (await app.GetJsonAsync("sysadmin", "/api/v1/organizations?pageSize=1000"))["items"]!.AsArray().Select(o => o!).ToList();
        foreach (var (name, newName) in Renames)
        {
            var org = orgs.FirstOrDefault(o => (string)o["name"]! == name);
            if (org is null) continue; // renamed already by the other provider's run of this app
            using var r = await app.SendAsync("sysadmin", HttpMethod.Put, $"/api/v1/organizations/{(long)org["id"]!}",
                new { version = (int)org["version"]!, code = (string)org["code"]!, name = newName, isActive = true });
            await r.AssertOkJsonAsync();
        }
        orgs = (await app.GetJsonAsync("sysadmin", "/api/v1/organizations?pageSize=1000"))["items"]!.AsArray().Select(o => o!).ToList();
        var ids = new Dictionary<string, long> { ["unitOrg"] = (long)orgs.Single(o => (string)o["name"]! == Script)["id"]! };
        var rounds = await app.GetJsonAsync("perf", "/api/v1/monitoring/rounds");
        var round = (rounds is JsonArray a ? a : rounds["items"]!.AsArray()).First()!;
        ids["round"] = (long)round["id"]!;
        var reports = await app.GetJsonAsync("perf", $"/api/v1/monitoring/rounds/{ids["round"]}/reports");
        ids["report"] = (long)(reports is JsonArray ra ? ra : reports["items"]!.AsArray()).First()!["id"]!;
        ids["fiscal"] = (long)(await app.GetJsonAsync("perf", "/api/v1/fiscal-evaluations?pageSize=100"))["items"]!.AsArray().First()!["id"]!;
        ids["appraisal"] = (long)(await app.GetJsonAsync("perf", "/api/v1/appraisals?pageSize=100"))["items"]!.AsArray().First()!["id"]!;
        ids["project"] = (long)(await app.GetJsonAsync("unit", "/api/v1/projects?pageSize=100"))["items"]!.AsArray().First(p => p!["goalState"] is not null)!["id"]!;
        return ids;
    }

    /// <summary>Every text cell of an .xlsx (all sheets' first sheet via the importer's reader) or every field of a CSV.</summary>
    private static async Task<List<string>> CellsAsync(byte[] bytes, string? mediaType)
    {
        if (XlsxTable.HasZipSignature(bytes))
            return XlsxTable.Read(new MemoryStream(bytes)).SelectMany(r => r.Cells).Select(c => c.Text).ToList();
        Assert.Equal("text/csv", mediaType);
        var cells = new List<string>();
        await foreach (var row in CsvTable.ReadAsync(new MemoryStream(bytes))) cells.AddRange(row);
        return cells;
    }
}
