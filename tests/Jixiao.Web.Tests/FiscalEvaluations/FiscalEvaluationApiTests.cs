using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Jixiao.Core.BudgetLinkage;
using Jixiao.Core.FiscalEvaluations;
using Jixiao.Web.Infrastructure;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Jixiao.Web.Tests.FiscalEvaluations;

/// <summary>
/// 财政运行综合绩效评价 over HTTP on both providers: the demo's finalised evaluation reaches the budget linkage list (the real
/// IFiscalOperationResults wins over the fallback); the import is all-or-nothing (a bad row → a Chinese error per row, nothing changed) and
/// idempotent, in CSV and .xlsx; scoring needs complete sheets; a stale version is a 409; a county sees only its own sheet, others 404.
/// </summary>
public sealed class FiscalEvaluationApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly int Evaluated = JixiaoFactory.Start.Year - 1; // the demo's last year on the test clock

    private static readonly string[] Counties = ["140403000", "140404000", "140423000"];

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Demo_FinalisedEvaluation_IsShownBesideTheTransferPayments(DbProvider provider)
    {
        var app = fixture.For(provider);
        using (var scope = app.Factory.Services.CreateScope())
            Assert.IsType<FiscalOperationResults>(scope.ServiceProvider.GetRequiredService<IFiscalOperationResults>());

        var list = await app.GetJsonAsync("perf", $"/api/v1/fiscal-evaluations?year={Evaluated}");
        Assert.Equal(1, (int)list["total"]!);
        var id = (long)list["items"]![0]!["id"]!;
        var detail = await app.GetJsonAsync("budget", $"/api/v1/fiscal-evaluations/{id}");
        Assert.Equal("Finalised", (string)detail["state"]!);
        var sheets = detail["sheets"]!.AsArray();
        Assert.Equal(Counties, sheets.Select(s => (string)s!["countyCode"]!).ToArray());
        Assert.Equal(16, detail["framework"]!.AsArray().Count);
        Assert.Equal(100m, detail["framework"]!.AsArray().Sum(i => (decimal)i!["weight"]!));
        // the stored totals are the sum of the unrounded points, rounded once; ranks follow the totals
        foreach (var s in sheets)
        {
            var lines = s!["lines"]!.AsArray();
            Assert.Equal(Math.Round(lines.Sum(l => (decimal)l!["points"]!), 2, MidpointRounding.AwayFromZero), (decimal)s["score"]!);
            Assert.Equal((decimal)s["computedTotal"]!, (decimal)s["score"]!);
        }
        var ranked = sheets.OrderBy(s => (int)s!["rank"]!).Select(s => (decimal)s!["score"]!).ToList();
        Assert.Equal(ranked.OrderByDescending(x => x), ranked);
        Assert.Equal(["excellent", "good", "fair"], sheets.Select(s => (string)s!["grade"]!).ToArray());

        // the budget linkage list of that year shows each county's score and grade beside its transfer payments
        var linkage = await app.GetJsonAsync("budget", $"/api/v1/budget-linkage?year={Evaluated}");
        foreach (var c in linkage["counties"]!.AsArray())
        {
            var sheet = sheets.Single(s => (string)s!["countyCode"]! == (string)c!["code"]!)!;
            Assert.Equal((decimal)sheet["score"]!, (decimal)c!["fiscalOperation"]!["score"]!);
            Assert.Equal((string)sheet["grade"]!, (string)c["fiscalOperation"]!["grade"]!);
            Assert.NotEmpty(c["transferPayments"]!.AsArray());
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_AllOrNothing_Idempotent_ThenScoredFinalisedAndLinked(DbProvider provider)
    {
        var app = fixture.For(provider);
        const int year = 2031; // a year nobody else touches
        var created = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/fiscal-evaluations", new { fiscalYear = year })).AssertOkJsonAsync(HttpStatusCode.Created);
        var id = (long)created["id"]!;
        Assert.Equal(3, created["sheets"]!.AsArray().Count);
        using (var again = await app.SendAsync("perf", HttpMethod.Post, "/api/v1/fiscal-evaluations", new { fiscalYear = year }))
            Http.AssertChinese((string?)(await again.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);

        // codes and names as headers, a percent sign and a thousands separator accepted; 140404000 leaves B2 blank
        var csv = Encoding.UTF8.GetBytes("mof_div_code,mof_div_name,R1,一般公共预算支出执行率,债务率,B2\n"
            + "140403000,潞州区,80.5,96%,90,0.9\n140404000,上党区,70,\"1,00\",105,\n140423000,襄垣县,60,85,118,0.4\n");
        var first = await (await app.PostFileAsync("perf", $"/api/v1/fiscal-evaluations/{id}/import", csv, "f.csv", "text/csv")).AssertOkJsonAsync();
        Assert.Equal((3, 0), ((int)first["updated"]!, (int)first["unchanged"]!));
        var second = await (await app.PostFileAsync("perf", $"/api/v1/fiscal-evaluations/{id}/import", csv, "f.csv", "text/csv")).AssertOkJsonAsync();
        Assert.Equal((0, 3), ((int)second["updated"]!, (int)second["unchanged"]!));
        var before = await app.GetJsonAsync("perf", $"/api/v1/fiscal-evaluations/{id}");
        var luzhou = Sheet(before, "140403000");
        Assert.Equal(96m, (decimal)luzhou["values"]!["E1"]!);
        Assert.Equal(100m, (decimal)Sheet(before, "140404000")["values"]!["E1"]!);
        Assert.Null(Sheet(before, "140404000")["values"]!["B2"]);

        // bad rows: a value that is not a number, a county outside the city, a name that does not match; the good first row is not saved either
        var bad = Encoding.UTF8.GetBytes("区划代码,区划名称,税收收入占一般公共预算收入比重,债务率\n140403000,潞州区,99,80\n140404000,上党区,七十,100\n"
            + "140100000,太原市,1,1\n140423000,上党区,1,1\n");
        var problem = await (await app.PostFileAsync("perf", $"/api/v1/fiscal-evaluations/{id}/import", bad, "bad.csv", "text/csv"))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsArray();
        Assert.Equal([3, 4, 5], errors.Select(e => (int)e!["row"]!).ToArray());
        Assert.All(errors, e => Http.AssertChinese((string?)e!["message"]));
        var after = await app.GetJsonAsync("perf", $"/api/v1/fiscal-evaluations/{id}");
        Assert.Equal(before["sheets"]!.ToJsonString(), after["sheets"]!.ToJsonString());

        // scoring refuses incomplete sheets, in Chinese, and changes nothing
        var version = (int)after["version"]!;
        using (var r = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/fiscal-evaluations/{id}/score", new { version }))
            Assert.Contains("尚未填写完整", (string?)(await r.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);

        // .xlsx with every indicator by name completes the sheets (the export's extra columns would be ignored the same way)
        var framework = after["framework"]!.AsArray();
        using var ms = new MemoryStream();
        ms.SaveAs(Counties.Select((code, n) =>
        {
            var row = new Dictionary<string, object> { ["区划代码"] = code };
            foreach (var i in framework) row[(string)i!["name"]!] = n == 0 ? (decimal)i["target"]! : n == 1 ? ((decimal)i["target"]! + (decimal)i["floor"]!) / 2m : (decimal)i["floor"]!;
            row["总分"] = "忽略";
            return row;
        }).ToList());
        var x = await (await app.PostFileAsync("perf", $"/api/v1/fiscal-evaluations/{id}/import", ms.ToArray(), "f.xlsx", XlsxExport.ContentType)).AssertOkJsonAsync();
        Assert.Equal(3, (int)x["updated"]!);

        var scored = await (await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/fiscal-evaluations/{id}/score", new { version })).AssertOkJsonAsync();
        Assert.Equal("Scored", (string)scored["state"]!);
        Assert.Equal([100m, 50m, 0m], Counties.Select(c => (decimal)Sheet(scored, c)["score"]!).ToArray());
        Assert.Equal([1, 2, 3], Counties.Select(c => (int)Sheet(scored, c)["rank"]!).ToArray());
        Assert.Equal(["excellent", "poor", "poor"], Counties.Select(c => (string)Sheet(scored, c)["grade"]!).ToArray());

        // values are frozen once scored; not linked until finalised
        using (var r = await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/fiscal-evaluations/{id}/sheets/140403000",
                   new { version = (int)Sheet(scored, "140403000")["version"]!, values = new Dictionary<string, decimal?> { ["R1"] = 1m } }))
            await r.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.All((await app.GetJsonAsync("budget", $"/api/v1/budget-linkage?year={year}"))["counties"]!.AsArray(), c => Assert.Null(c!["fiscalOperation"]));
        var final = await (await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/fiscal-evaluations/{id}/finalise", new { version = (int)scored["version"]! }))
            .AssertOkJsonAsync();
        Assert.Equal("Finalised", (string)final["state"]!);
        var linked = (await app.GetJsonAsync("budget", $"/api/v1/budget-linkage?year={year}"))["counties"]!.AsArray();
        Assert.Equal("100分（优）", (string)linked.Single(c => (string)c!["code"]! == "140403000")!["fiscalOperationName"]!);

        // reopening needs a reason, clears the result and unlinks it
        using (var r = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/fiscal-evaluations/{id}/reopen", new { version = (int)final["version"]! }))
            Http.AssertChinese((string?)(await r.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
        var reopened = await (await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/fiscal-evaluations/{id}/reopen",
            new { version = (int)final["version"]!, reason = "襄垣县债务数据更正" })).AssertOkJsonAsync();
        Assert.Equal("Draft", (string)reopened["state"]!);
        Assert.Null(Sheet(reopened, "140403000")["score"]);
        Assert.Equal("尚未评价", (string)(await app.GetJsonAsync("budget", $"/api/v1/budget-linkage?year={year}"))["counties"]!.AsArray()[0]!["fiscalOperationName"]!);
        Assert.Contains(reopened["history"]!.AsArray(), h => (string?)h!["comment"] == "襄垣县债务数据更正");

        // the export reads back as an import and changes nothing
        using var export = await app.GetAsync("perf", $"/api/v1/fiscal-evaluations/{id}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(3, rows.Count);
        var back = await (await app.PostFileAsync("perf", $"/api/v1/fiscal-evaluations/{id}/import", bytes, "export.xlsx", XlsxExport.ContentType)).AssertOkJsonAsync();
        Assert.Equal((0, 3), ((int)back["updated"]!, (int)back["unchanged"]!));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task StaleVersion_IsAConflict_AndNothingChanges(DbProvider provider)
    {
        var app = fixture.For(provider);
        const int year = 2032;
        var created = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/fiscal-evaluations", new { fiscalYear = year })).AssertOkJsonAsync(HttpStatusCode.Created);
        var id = (long)created["id"]!;
        var v0 = (int)Sheet(created, "140404000")["version"]!;
        var saved = await (await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/fiscal-evaluations/{id}/sheets/140404000",
            new { version = v0, values = new Dictionary<string, decimal?> { ["R1"] = 70m, ["D1"] = 110m } })).AssertOkJsonAsync();
        Assert.Equal(70m, (decimal)Sheet(saved, "140404000")["values"]!["R1"]!);
        Assert.NotEqual(v0, (int)Sheet(saved, "140404000")["version"]!);

        // a second edit from the same (now stale) form
        using (var r = await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/fiscal-evaluations/{id}/sheets/140404000",
                   new { version = v0, values = new Dictionary<string, decimal?> { ["R1"] = 1m } }))
            await r.AssertProblemAsync(HttpStatusCode.Conflict);
        using (var r = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/fiscal-evaluations/{id}/score", new { version = (int)created["version"]! + 5 }))
            await r.AssertProblemAsync(HttpStatusCode.Conflict);
        var now = await app.GetJsonAsync("perf", $"/api/v1/fiscal-evaluations/{id}");
        Assert.Equal(70m, (decimal)Sheet(now, "140404000")["values"]!["R1"]!);
        Assert.Equal("Draft", (string)now["state"]!);

        // an unknown indicator code is refused in Chinese
        using (var r = await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/fiscal-evaluations/{id}/sheets/140404000",
                   new { version = (int)Sheet(now, "140404000")["version"]!, values = new Dictionary<string, decimal?> { ["ZZ"] = 1m } }))
            Http.AssertChinese((string?)(await r.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task County_SeesOnlyItsOwnSheet_OthersAreNotFound(DbProvider provider)
    {
        var app = fixture.For(provider);
        var id = (long)(await app.GetJsonAsync("perf", $"/api/v1/fiscal-evaluations?year={Evaluated}"))["items"]![0]!["id"]!;

        // 潞州区's performance section: the evaluation with its own sheet only (and its rank among all)
        var list = await app.GetJsonAsync("county", $"/api/v1/fiscal-evaluations?year={Evaluated}");
        Assert.Equal(1, (int)list["total"]!);
        var mine = await app.GetJsonAsync("county", $"/api/v1/fiscal-evaluations/{id}");
        Assert.Equal(["140403000"], mine["sheets"]!.AsArray().Select(s => (string)s!["countyCode"]!).ToArray());
        Assert.False((bool)mine["seesAllCounties"]!);
        Assert.False((bool)mine["canManage"]!);
        Assert.Equal(1, (int)mine["sheets"]![0]!["rank"]!);
        // another county's sheet is not found; its own is read-only
        using (var r = await app.SendAsync("county", HttpMethod.Put, $"/api/v1/fiscal-evaluations/{id}/sheets/140404000",
                   new { version = 1, values = new Dictionary<string, decimal?>() }))
            await r.AssertProblemAsync(HttpStatusCode.NotFound);
        using (var r = await app.SendAsync("county", HttpMethod.Post, $"/api/v1/fiscal-evaluations/{id}/reopen", new { version = 1, reason = "试图退回" }))
            Http.AssertChinese((string?)(await r.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
        using (var x = await app.GetAsync("county", $"/api/v1/fiscal-evaluations/{id}/export"))
        {
            Assert.Equal(HttpStatusCode.OK, x.StatusCode);
            var rows = MiniExcel.Query(new MemoryStream(await x.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(["140403000"], rows.Select(r => r["区划代码"]?.ToString() ?? "").ToArray());
        }
        // a county may not start one
        using (var r = await app.SendAsync("county", HttpMethod.Post, "/api/v1/fiscal-evaluations", new { fiscalYear = 2033 }))
            await r.AssertProblemAsync(HttpStatusCode.BadRequest);

        // the auditor and the budget section read everything; a department and a unit see nothing
        Assert.Equal(3, (await app.GetJsonAsync("auditor", $"/api/v1/fiscal-evaluations/{id}"))["sheets"]!.AsArray().Count);
        Assert.False((bool)(await app.GetJsonAsync("budget", $"/api/v1/fiscal-evaluations/{id}"))["canManage"]!);
        foreach (var user in new[] { "dept", "unit", "expert" })
        {
            using (var r = await app.GetAsync(user, $"/api/v1/fiscal-evaluations/{id}")) await r.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(0, (int)(await app.GetJsonAsync(user, "/api/v1/fiscal-evaluations"))["total"]!);
        }
        using (var r = await app.GetAsync("perf", "/api/v1/fiscal-evaluations/987654321")) await r.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pages_ListDetailsSheetAndChart(DbProvider provider)
    {
        var app = fixture.For(provider);
        var id = (long)(await app.GetJsonAsync("perf", $"/api/v1/fiscal-evaluations?year={Evaluated}"))["items"]![0]!["id"]!;
        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        using (var r = await perf.GetAsync("/FiscalEvaluations/Index"))
        {
            var html = await BrowserSession.TextOf(r);
            Assert.True(r.StatusCode == HttpStatusCode.OK, html[..Math.Min(500, html.Length)]);
            Assert.Contains("fiscal-create", html);
            Assert.Contains($"/FiscalEvaluations/Details?id={id}", html);
        }
        using (var r = await perf.GetAsync($"/FiscalEvaluations/Details?id={id}"))
        {
            var html = await BrowserSession.TextOf(r);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains("fiscal-evaluation.js", html);
            Assert.Contains("上党区", html);
            Assert.Contains("债务率", html);
            Assert.Contains("退回修改", html);
        }
        using (var r = await perf.GetAsync($"/FiscalEvaluations/Details?id={id}&handler=Chart"))
        {
            var chart = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
            Assert.Equal(["潞州区", "上党区", "襄垣县"], chart["counties"]!.AsArray().Select(c => (string)c!).ToArray());
        }
        using (var r = await perf.GetAsync($"/FiscalEvaluations/Sheet?id={id}&county=140423000"))
            Assert.Contains("襄垣县", await BrowserSession.TextOf(r));

        using var county = new BrowserSession(app.Factory);
        await county.LogInAsync("county");
        using (var r = await county.GetAsync($"/FiscalEvaluations/Details?id={id}"))
        {
            var html = await BrowserSession.TextOf(r);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains("潞州区", html);
            Assert.DoesNotContain("襄垣县", html);
        }
        using (var r = await county.GetAsync($"/FiscalEvaluations/Sheet?id={id}&county=140423000"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);

        using var unit = new BrowserSession(app.Factory);
        await unit.LogInAsync("unit");
        using (var r = await unit.GetAsync("/FiscalEvaluations/Index"))
            Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);
    }

    private static JsonNode Sheet(JsonNode detail, string countyCode) =>
        detail["sheets"]!.AsArray().Single(s => (string)s!["countyCode"]! == countyCode)!;
}
