using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;
using MiniExcelLibs;

namespace Jixiao.Web.Tests.Filings;

/// <summary>
/// 规则备案 (Art. 38) over HTTP on the demo data (潞州区 filed, 上党区 returned): the side-by-side difference with its count; a county
/// submits its own rules (a rule set of another region refused), the city returns it (comments required: nothing changes without them),
/// the county resubmits a new document, the city files it with the next gapless 备案号; a stale version is a 409; a county never sees another
/// county's filing (404), the audit office reads, other roles have no access; the pages render the table and export .xlsx.
/// </summary>
public sealed class FilingApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly int Year = JixiaoFactory.Start.Year; // the demo files this year's rules

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% 实施细则 test\n");

    private static async Task<JsonNode> PostOk(TestApp app, string user, string path, object body)
    {
        using var r = await app.SendAsync(user, HttpMethod.Post, path, body);
        return await r.AssertOkJsonAsync();
    }

    private static async Task<JsonNode> ByRegionAsync(TestApp app, string user, string regionName) =>
        (await app.GetJsonAsync(user, $"/api/v1/filings?year={Year}&pageSize=100"))["items"]!.AsArray()
            .Where(i => (string)i!["regionName"]! == regionName).MinBy(i => (long)i!["id"]!)!; // the demo's (the first) filing

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Demo_FiledAndReturned_DiffAndScope(DbProvider provider)
    {
        var app = fixture.For(provider);

        // The city's performance section and the audit office see both counties' filings; a county only its own.
        var perfList = await app.GetJsonAsync("perf", $"/api/v1/filings?year={Year}");
        Assert.True((int)perfList["total"]! >= 2);
        var auditor = await app.GetJsonAsync("auditor", $"/api/v1/filings?year={Year}");
        Assert.Equal((int)perfList["total"]!, (int)auditor["total"]!);
        var countyList = await app.GetJsonAsync("county", $"/api/v1/filings?year={Year}&pageSize=100");
        Assert.All(countyList["items"]!.AsArray(), i => Assert.Equal("潞州区", (string)i!["regionName"]!));

        var luzhou = await ByRegionAsync(app, "perf", "潞州区");
        var shangdang = await ByRegionAsync(app, "perf", "上党区");
        var returned = await app.GetJsonAsync("perf", $"/api/v1/filings?year={Year}&state=Returned&regionId={(long)shangdang["regionId"]!}");
        Assert.Equal(1, (int)returned["total"]!);

        // 潞州区's stricter rules, filed: 良 from 85 (city 80) and rectification in 20 days (city 30), and nothing else.
        var filed = await app.GetJsonAsync("county", $"/api/v1/filings/{(long)luzhou["id"]!}");
        Assert.Equal("Filed", (string)filed["state"]!);
        Assert.Matches($@"^长绩备〔{Year}〕\d+号$", (string)filed["number"]!);
        Assert.Equal(2, (int)filed["changedCount"]!);
        var changed = filed["differences"]!.AsArray().Where(d => (bool)d!["changed"]!).ToList();
        Assert.Equal(["grades.good", "results.rectificationDeadlineDays"], changed.Select(d => (string)d!["path"]!).ToArray());
        Assert.Equal("等级分数线 · 良（不低于）", (string)changed[0]!["label"]!);
        Assert.Equal(("80", "85"), ((string)changed[0]!["city"]!, (string)changed[0]!["county"]!));
        Assert.True(filed["differences"]!.AsArray().Count > 40);
        // Every rule item has its Chinese name (RuleSetLabels), not the JSON path.
        Assert.Empty(filed["differences"]!.AsArray().SelectMany(d => System.Text.RegularExpressions.Regex.Matches(((string)d!["label"]!).Replace("PEFA PI-8", ""), "[A-Za-z]{3,}"))
            .Select(m => m.Value).Distinct().Order());
        Assert.Equal(["Submit", "File"], filed["history"]!.AsArray().Select(h => (string)h!["action"]!).ToArray());
        Assert.Empty(filed["actions"]!.AsArray());

        // 上党区's returned filing: with its comments; its diff shows its looser rules.
        var sd = await app.GetJsonAsync("perf", $"/api/v1/filings/{(long)shangdang["id"]!}");
        Assert.Equal("Returned", (string)sd["state"]!);
        Http.AssertChinese((string?)sd["returnComments"]);
        Assert.Equal(2, (int)sd["changedCount"]!);

        // Scope: another county's filing and its document are 404 for 潞州区; roles without the permission are refused.
        using (var r = await app.SendAsync("county", HttpMethod.Get, $"/api/v1/filings/{(long)shangdang["id"]!}")) await r.AssertProblemAsync(HttpStatusCode.NotFound);
        using (var r = await app.SendAsync("county", HttpMethod.Get, $"/api/v1/filings/{(long)shangdang["id"]!}/document"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await app.SendAsync("county", HttpMethod.Post, $"/api/v1/filings/{(long)shangdang["id"]!}/file", new { version = (int)sd["version"]! }))
            await r.AssertProblemAsync(HttpStatusCode.NotFound);
        foreach (var user in new[] { "dept", "unit", "budget" })
        {
            using var r = await app.SendAsync(user, HttpMethod.Get, "/api/v1/filings");
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        }
        // The auditor reads but does not act.
        using (var r = await app.SendAsync("auditor", HttpMethod.Post, $"/api/v1/filings/{(long)shangdang["id"]!}/return", new { version = (int)sd["version"]!, comments = "x" }))
            Http.AssertChinese((string?)(await r.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);

        // The document as the demo uploaded it: a .docx.
        using (var doc = await app.SendAsync("perf", HttpMethod.Get, $"/api/v1/filings/{(long)luzhou["id"]!}/document"))
        {
            Assert.Equal(HttpStatusCode.OK, doc.StatusCode);
            var bytes = await doc.Content.ReadAsByteArrayAsync();
            Assert.Equal((string)filed["document"]!["sha256"]!, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SubmitReturnResubmitFile_WithGaplessNumber_CommentsRequired_StaleVersionConflict(DbProvider provider)
    {
        var app = fixture.For(provider);

        // 潞州区 has no rules of its own for next year yet: nothing to file.
        using (var none = await app.PostMultipartAsync("county", "/api/v1/filings", new() { ["year"] = $"{Year + 1}" }, (Pdf, "细则.pdf")))
            Assert.Contains("尚未制定", (string?)(await none.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);

        // A rule set of another region (上党区's, seen by the city) cannot be filed by 潞州区.
        var shangdang = await app.GetJsonAsync("perf", $"/api/v1/filings/{(long)(await ByRegionAsync(app, "perf", "上党区"))["id"]!}");
        using (var foreign = await app.PostMultipartAsync("county", "/api/v1/filings",
            new() { ["year"] = $"{Year}", ["ruleSetId"] = $"{(long)shangdang["ruleSetId"]!}" }, (Pdf, "细则.pdf")))
            Assert.Contains("本区划", (string?)(await foreign.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);

        // Only a document type: an .xlsx is refused.
        using (var xlsx = await app.PostMultipartAsync("county", "/api/v1/filings", new() { ["year"] = $"{Year}" }, ([0x50, 0x4B, 0x03, 0x04, 0], "细则.xlsx")))
            Http.AssertChinese((string?)(await xlsx.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);

        // 潞州区 revises its rules (a new version: 整改期限 25 days) and files them again.
        var current = await app.GetJsonAsync("county", $"/api/v1/rule-sets/current?year={Year}");
        var content = current["content"]!.DeepClone();
        content["results"]!["rectificationDeadlineDays"] = 25;
        using (var save = await app.SendAsync("county", HttpMethod.Put, $"/api/v1/rule-sets/current?year={Year}",
            new { baseVersionNo = (int)current["versionNo"]!, content, comment = "整改期限调整为25天" })) await save.AssertOkJsonAsync();

        JsonNode f;
        using (var submit = await app.PostMultipartAsync("county", "/api/v1/filings",
            new() { ["year"] = $"{Year}", ["note"] = "整改期限调整为25天" }, (Pdf, "C:\\细则\\潞州区实施细则（修订）.pdf")))
            f = await submit.AssertOkJsonAsync(HttpStatusCode.Created);
        var id = (long)f["id"]!;
        Assert.Equal("Submitted", (string)f["state"]!);
        Assert.Equal("潞州区实施细则（修订）.pdf", (string)f["document"]!["name"]!);
        Assert.Equal((int)current["versionNo"]! + 1, (int)f["ruleSetVersionNo"]!);
        Assert.Contains(f["differences"]!.AsArray(), d => (string)d!["path"]! == "results.rectificationDeadlineDays" && (string)d["county"]! == "25" && (bool)d["changed"]!);
        Assert.Empty(f["actions"]!.AsArray()); // the county waits

        // A second open filing for the same year is refused.
        using (var twice = await app.PostMultipartAsync("county", "/api/v1/filings", new() { ["year"] = $"{Year}" }, (Pdf, "细则.pdf")))
            Http.AssertChinese((string?)(await twice.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);

        // The city has a to-do; the county cannot file its own rules.
        var cityTodos = await app.GetJsonAsync("perf", "/api/v1/todos?pageSize=1000");
        Assert.Contains($"\"/Filings/Detail/{id}\"", cityTodos.ToJsonString());
        using (var self = await app.SendAsync("county", HttpMethod.Post, $"/api/v1/filings/{id}/file", new { version = (int)f["version"]! }))
            Http.AssertChinese((string?)(await self.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);

        var perfView = await app.GetJsonAsync("perf", $"/api/v1/filings/{id}");
        Assert.Equal(["File", "Return"], perfView["actions"]!.AsArray().Select(a => (string)a!).Order().ToArray());

        // Return without comments: refused in Chinese, nothing changed (state, version, history).
        foreach (var comments in new string?[] { null, "   " })
        {
            using var r = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/filings/{id}/return", new { version = (int)perfView["version"]!, comments });
            Http.AssertChinese((string?)(await r.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
        }
        var unchanged = await app.GetJsonAsync("perf", $"/api/v1/filings/{id}");
        Assert.Equal("Submitted", (string)unchanged["state"]!);
        Assert.Equal((int)perfView["version"]!, (int)unchanged["version"]!);
        Assert.Single(unchanged["history"]!.AsArray());

        var returned = await PostOk(app, "perf", $"/api/v1/filings/{id}/return", new { version = (int)perfView["version"]!, comments = "请补充整改期限缩短的依据。" });
        Assert.Equal("Returned", (string)returned["state"]!);
        Assert.Equal("请补充整改期限缩短的依据。", (string)returned["returnComments"]!);

        // A stale version: the form the city opened before the return.
        using (var stale = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/filings/{id}/file", new { version = (int)perfView["version"]! }))
            await stale.AssertProblemAsync(HttpStatusCode.Conflict);

        // The county has a to-do; resubmitting unchanged is refused; with a new document it goes back to the city.
        Assert.Contains($"\"/Filings/Detail/{id}\"", (await app.GetJsonAsync("county", "/api/v1/todos?pageSize=1000")).ToJsonString());
        using (var same = await app.PostMultipartAsync("county", $"/api/v1/filings/{id}/resubmit", new() { ["version"] = $"{(int)returned["version"]!}" }, null))
            Http.AssertChinese((string?)(await same.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
        var revised = Encoding.ASCII.GetBytes("%PDF-1.7\n% revised with the reasons\n");
        JsonNode again;
        using (var re = await app.PostMultipartAsync("county", $"/api/v1/filings/{id}/resubmit",
            new() { ["version"] = $"{(int)returned["version"]!}", ["note"] = "已补充依据" }, (revised, "潞州区实施细则（修订二）.pdf")))
            again = await re.AssertOkJsonAsync();
        Assert.Equal("Submitted", (string)again["state"]!);
        Assert.Equal(2, (int)again["submissions"]!);
        Assert.Equal("已补充依据", (string)again["note"]!);
        using (var doc = await app.SendAsync("perf", HttpMethod.Get, $"/api/v1/filings/{id}/document"))
            Assert.Equal(revised, await doc.Content.ReadAsByteArrayAsync());

        // Filed with the next number of the city and year: one more than the highest so far.
        var before = (await app.GetJsonAsync("perf", $"/api/v1/filings?year={Year}&state=Filed&pageSize=100"))["items"]!.AsArray()
            .Select(i => (string)i!["number"]!).ToList();
        var filed = await PostOk(app, "perf", $"/api/v1/filings/{id}/file", new { version = (int)again["version"]!, comment = "同意备案" });
        Assert.Equal("Filed", (string)filed["state"]!);
        Assert.Equal($"长绩备〔{Year}〕{before.Count + 1}号", (string)filed["number"]!);
        Assert.Equal(["Submit", "Return", "Resubmit", "File"], filed["history"]!.AsArray().Select(h => (string)h!["action"]!).ToArray());
        Assert.DoesNotContain($"\"/Filings/Detail/{id}\"", (await app.GetJsonAsync("perf", "/api/v1/todos?pageSize=1000")).ToJsonString());

        // Filing twice is refused.
        using (var twiceFiled = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/filings/{id}/file", new { version = (int)filed["version"]! }))
            Http.AssertChinese((string?)(await twiceFiled.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
    }

    [Fact]
    public async Task Pages_ListDetailWithHighlightedRows_Export()
    {
        var app = fixture.For(DbProvider.Sqlite);
        var luzhou = await ByRegionAsync(app, "perf", "潞州区");

        using var county = new BrowserSession(app.Factory);
        await county.LogInAsync("county");
        using (var nav = await county.GetAsync("/"))
            Assert.Contains("规则备案", await BrowserSession.TextOf(nav));
        using (var list = await county.GetAsync($"/Filings/Index?year={Year}"))
        {
            var html = await BrowserSession.TextOf(list);
            Assert.Contains("filings-table", html);
            Assert.Contains("filing-submit-link", html);
            Assert.DoesNotContain("上党区", html);
        }
        using (var detail = await county.GetAsync($"/Filings/Detail/{(long)luzhou["id"]!}"))
        {
            var html = await BrowserSession.TextOf(detail);
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(html, "table-warning diff-changed").Count);
            Assert.Contains("等级分数线 · 良（不低于）", html);
            Assert.Contains("其中 <strong>2</strong> 项与市级规则不同", html);
        }
        var shangdang = await ByRegionAsync(app, "perf", "上党区");
        using (var other = await county.GetAsync($"/Filings/Detail/{(long)shangdang["id"]!}"))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        using var export = await perf.GetAsync($"/Filings/Index?handler=Export&year={Year}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = (await MiniExcel.QueryAsync(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), useHeaderRow: true)).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(rows, r => (string?)r["县区"] == "上党区" && (string?)r["状态"] == "已退回");
        Assert.Contains(rows, r => (string?)r["县区"] == "潞州区" && (string?)r["状态"] == "已备案");
    }
}
