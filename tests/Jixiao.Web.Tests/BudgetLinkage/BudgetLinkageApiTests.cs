using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Jixiao.Core.BudgetLinkage;
using Jixiao.Core.Data;
using Jixiao.Core.Projects;
using Jixiao.Web.Infrastructure;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Jixiao.Web.Tests.BudgetLinkage;

/// <summary>
/// 预算挂钩 and the report to the People's Congress over the API on the demo data (last year's self-, key and re-evaluations): the list's
/// suggestion follows the grade for every project, decisions are recorded (a different decision needs a reason; only the budget section),
/// counties show their transfer payments and their fiscal operation result; the transfer-payment import (CSV and .xlsx) is all-or-nothing and idempotent; the
/// report's coverage is recounted from the database; the .docx opens with its two charts; out of scope → 404.
/// </summary>
public sealed class BudgetLinkageApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly int Evaluated = JixiaoFactory.Start.Year - 1; // the demo's last year on the test clock

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task LinkageList_FollowsTheGrades_AndDecisionsAreRecorded(DbProvider provider)
    {
        var app = fixture.For(provider);
        var list = await app.GetJsonAsync("budget", $"/api/v1/budget-linkage?year={Evaluated}");
        Assert.Equal(Evaluated + 1, (int)list["budgetYear"]!);
        var projects = list["departments"]!.AsArray().SelectMany(d => d!["projects"]!.AsArray()).ToList();
        Assert.NotEmpty(projects);
        var graded = projects.Where(p => p!["grade"] is not null).ToList();
        Assert.NotEmpty(graded);
        foreach (var p in projects)
        {
            var unrectified = (string)p!["rectification"]! is "incomplete" or "not-rectified";
            var expected = (string?)p["grade"] switch
            {
                "poor" => (string)p["suggestion"]! == "cancel" ? "cancel" : "strict",
                _ when unrectified => "strict",
                "excellent" or "good" => "priority",
                _ => "maintain",
            };
            Assert.Equal(expected, (string)p["suggestion"]!);
            var reduction = (decimal)p["suggestedReduction"]!;
            Assert.Equal(expected == "strict" ? Math.Round((decimal)p["budget"]! * 0.20m, 2) : expected == "cancel" ? (decimal)p["budget"]! : 0m, reduction);
        }
        // the demo finalised last year's county fiscal operation evaluation: each county shows its score and grade
        Assert.All(list["counties"]!.AsArray(), c => Assert.Matches(@"^\d+(\.\d+)?分（[优良中差]）$", (string)c!["fiscalOperationName"]!));

        // the budget section's decision; a different decision needs a reason
        var target = graded.First();
        var id = (long)target!["projectId"]!;
        var other = (string)target["suggestion"]! == "maintain" ? "strict" : "maintain";
        var bad = await app.SendAsync("budget", HttpMethod.Post, "/api/v1/budget-linkage/decisions", new { projectId = id, decision = other });
        Http.AssertChinese((string?)(await bad.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
        var ok = await (await app.SendAsync("budget", HttpMethod.Post, "/api/v1/budget-linkage/decisions",
            new { projectId = id, decision = other, amount = 1000m, reason = "结合部门预算统筹安排" })).AssertOkJsonAsync();
        Assert.Equal(other, (string)ok["decision"]!);
        var again = await app.GetJsonAsync("budget", $"/api/v1/budget-linkage?year={Evaluated}");
        var row = again["departments"]!.AsArray().SelectMany(d => d!["projects"]!.AsArray()).Single(p => (long)p!["projectId"]! == id);
        Assert.Equal(other, (string)row!["decision"]!["decision"]!);
        Assert.Equal(other == "maintain" ? 0m : 1000m, (decimal)row["decision"]!["amount"]!);

        // only the budget section decides; a unit does not see the list; another region's project is not found
        using (var r = await app.SendAsync("perf", HttpMethod.Post, "/api/v1/budget-linkage/decisions", new { projectId = id, decision = "priority" }))
            await r.AssertProblemAsync(HttpStatusCode.NotFound);
        using (var r = await app.GetAsync("unit", $"/api/v1/budget-linkage?year={Evaluated}"))
            await r.AssertProblemAsync(HttpStatusCode.NotFound);
        long foreign;
        await using (var db = Db(app))
            foreign = await db.Projects.Where(p => p.RegionId != db.Projects.Where(x => x.Id == id).Select(x => x.RegionId).First()).Select(p => p.Id)
                .FirstOrDefaultAsync();
        if (foreign != 0)
            using (var r = await app.SendAsync("budget", HttpMethod.Post, "/api/v1/budget-linkage/decisions", new { projectId = foreign, decision = "priority" }))
                await r.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task LinkageList_ShowsEachProjectsRectification_FromTheFeedbackLetters(DbProvider provider)
    {
        var app = fixture.For(provider);
        var list = await app.GetJsonAsync("budget", $"/api/v1/budget-linkage?year={Evaluated}");
        var rows = list["departments"]!.AsArray().SelectMany(d => d!["projects"]!.AsArray())
            .ToDictionary(p => (long)p!["projectId"]!, p => (string)p!["rectification"]!);

        await using var db = Db(app);
        var today = DateOnly.FromDateTime(Jixiao.Core.Common.ChinaTime.FromUtc(DateTime.UtcNow));
        var rects = await db.Rectifications.Where(r => r.FiscalYear == Evaluated && r.ProjectId != null).ToListAsync();
        var items = await db.RectificationItems.ToListAsync();
        var expected = rects.Where(r => rows.ContainsKey(r.ProjectId!.Value)).GroupBy(r => r.ProjectId!.Value).ToDictionary(g => g.Key, g => g.Max(r =>
            Jixiao.Core.BudgetLinkage.RectificationLinkageSource.Status(r.State, items.Where(i => i.RectificationId == r.Id).Select(i => i.State).ToList(),
                r.Deadline, today)));
        // the demo sends letters with rectifications, so the list has some to show
        Assert.NotEmpty(expected);
        foreach (var (projectId, status) in rows)
            Assert.Equal(expected.TryGetValue(projectId, out var e) ? e.WireName() : "none", status);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TransferPaymentImport_CsvAndXlsx_AllOrNothing_Idempotent(DbProvider provider)
    {
        var app = fixture.For(provider);
        const int year = 2030; // a year nobody else touches
        var csv = Encoding.UTF8.GetBytes($"mof_div_code,fiscal_year,tp_code,tp_name,amount\n140403000,{year},T01,义务教育均衡发展补助,1200000.00\n"
            + $"140404000,{year},T01,义务教育均衡发展补助,800000\n140423000,{year},T02,基本公共卫生服务补助,\"650,000.50\"\n");
        var first = await (await app.PostFileAsync("budget", "/api/v1/transfer-payments/import", csv, "tp.csv", "text/csv")).AssertOkJsonAsync();
        Assert.Equal(3, (int)first["created"]!);
        var again = await (await app.PostFileAsync("budget", "/api/v1/transfer-payments/import", csv, "tp.csv", "text/csv")).AssertOkJsonAsync();
        Assert.Equal((0, 0, 3), ((int)again["created"]!, (int)again["updated"]!, (int)again["unchanged"]!));

        // a bad row (a county of another city) changes nothing, not even the good row before it
        var bad = Encoding.UTF8.GetBytes($"财政区划代码,年度,项目代码,项目名称,金额\n140403000,{year},T01,义务教育均衡发展补助,9\n140100000,{year},T09,错误,1\n");
        var problem = await (await app.PostFileAsync("budget", "/api/v1/transfer-payments/import", bad, "bad.csv", "text/csv")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(3, (int)problem["errors"]!.AsArray()[0]!["row"]!);
        var rows = await app.GetJsonAsync("budget", $"/api/v1/transfer-payments?year={year}");
        Assert.Equal(3, rows.AsArray().Count);
        Assert.Equal(1_200_000m, (decimal)rows.AsArray().Single(r => (string)r!["countyCode"]! == "140403000")!["amount"]!);

        // .xlsx with Chinese headings: one changed, one new
        using var ms = new MemoryStream();
        ms.SaveAs(new[]
        {
            new Dictionary<string, object> { ["财政区划代码"] = "140403000", ["年度"] = year, ["项目代码"] = "T01", ["项目名称"] = "义务教育均衡发展补助", ["金额"] = 1_300_000m },
            new Dictionary<string, object> { ["财政区划代码"] = "140403000", ["年度"] = year, ["项目代码"] = "T03", ["项目名称"] = "农村公路养护补助", ["金额"] = 200_000m },
        });
        var x = await (await app.PostFileAsync("budget", "/api/v1/transfer-payments/import", ms.ToArray(), "tp.xlsx", XlsxExport.ContentType)).AssertOkJsonAsync();
        Assert.Equal((1, 1, 0), ((int)x["created"]!, (int)x["updated"]!, (int)x["unchanged"]!));
        Assert.Equal(4, (await app.GetJsonAsync("budget", $"/api/v1/transfer-payments?year={year}")).AsArray().Count);

        // the linkage list of the year before shows them beside the county
        var list = await app.GetJsonAsync("budget", $"/api/v1/budget-linkage?year={year - 1}");
        var luzhou = list["counties"]!.AsArray().Single(c => (string)c!["code"]! == "140403000")!;
        Assert.Equal(1_500_000m, (decimal)luzhou["total"]!);

        // a unit may not import
        using (var r = await app.PostFileAsync("unit", "/api/v1/transfer-payments/import", csv, "tp.csv", "text/csv"))
            await r.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CongressReport_FiguresRecounted_DocxOpensWithCharts_Scoped(DbProvider provider)
    {
        var app = fixture.For(provider);
        var f = await app.GetJsonAsync("perf", $"/api/v1/congress-reports/{Evaluated}");
        var coverage = f["coverage"]!.AsArray();
        Assert.Equal(["goals", "monitored", "self-evaluated", "key-evaluated"], coverage.Select(c => (string)c!["code"]!).ToArray());

        // recount the self-evaluated line and the totals from the database
        await using (var db = Db(app))
        {
            var city = await db.Regions.SingleAsync(r => r.Code == "140400000");
            var projects = await db.Projects.Where(p => p.RegionId == city.Id && p.FiscalYear == Evaluated && p.Kind != ProjectKind.OverallSpending)
                .Select(p => new { p.Id, p.TotalBudget }).ToListAsync();
            var ids = projects.Select(p => p.Id).ToList();
            var self = await db.SelfEvaluations.Where(e => ids.Contains(e.ProjectId) && e.Total != null).Select(e => e.ProjectId).Distinct().ToListAsync();
            var line = coverage.Single(c => (string)c!["code"]! == "self-evaluated")!;
            Assert.Equal(projects.Count, (int)line["totalProjects"]!);
            Assert.Equal(self.Count, (int)line["projects"]!);
            Assert.Equal(projects.Where(p => self.Contains(p.Id)).Sum(p => p.TotalBudget), (decimal)line["amount"]!);
            var share = projects.Count == 0 ? 0m : (decimal)self.Count / projects.Count;
            var term = projects.Count == 0 ? "n/a" : share >= 0.75m ? "most" : share > 0.5m ? "majority" : "minority";
            Assert.Equal(term, (string)line["projectTerm"]!);
        }
        Assert.NotEmpty(f["grades"]!.AsArray());
        Assert.NotNull(f["generatedAt"]);                    // the demo generated last year's report
        Assert.True((int)f["linkage"]!["decisions"]! >= 1);  // … after the budget section's decisions

        // not generated yet → 404; the performance section generates; the people's congress and the auditor read; a unit does not
        using (var r = await app.GetAsync("perf", $"/api/v1/congress-reports/{Evaluated - 3}/docx")) await r.AssertProblemAsync(HttpStatusCode.NotFound);
        using (var r = await app.SendAsync("budget", HttpMethod.Post, $"/api/v1/congress-reports/{Evaluated}")) await r.AssertProblemAsync(HttpStatusCode.NotFound);
        await (await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/congress-reports/{Evaluated}")).AssertOkJsonAsync();
        using var docx = await app.GetAsync("auditor", $"/api/v1/congress-reports/{Evaluated}/docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (var doc = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Equal(2, doc.MainDocumentPart!.ChartParts.Count());
            var text = doc.MainDocumentPart.Document.Body!.InnerText;
            Assert.Contains("绩效管理覆盖情况", text);
            Assert.Contains("评价结果分布", text);
        }
        using (var r = await app.GetAsync("unit", $"/api/v1/congress-reports/{Evaluated}")) await r.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pages_ListExportAndReport(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var budget = new BrowserSession(app.Factory);
        await budget.LogInAsync("budget");
        using (var r = await budget.GetAsync($"/BudgetLinkage/Index?year={Evaluated}"))
        {
            var html = await BrowserSession.TextOf(r);
            Assert.True(r.StatusCode == HttpStatusCode.OK, html[..Math.Min(500, html.Length)]);
            Assert.Contains("县区转移支付与财政运行综合绩效", html);
            var counties = html[html.IndexOf("county-table", StringComparison.Ordinal)..];
            Assert.Contains("分（优）", counties);
            Assert.DoesNotContain("尚未评价", counties[..counties.IndexOf("</table>", StringComparison.Ordinal)]);
            Assert.Contains("linkage-decide", html);
        }
        using (var x = await budget.GetAsync($"/BudgetLinkage/Index?handler=Export&year={Evaluated}"))
        {
            Assert.Equal(HttpStatusCode.OK, x.StatusCode);
            var sheet = MiniExcel.Query(new MemoryStream(await x.Content.ReadAsByteArrayAsync()), useHeaderRow: true).ToList();
            Assert.NotEmpty(sheet);
        }
        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        using (var r = await perf.GetAsync($"/BudgetLinkage/Congress?year={Evaluated}"))
        {
            var html = await BrowserSession.TextOf(r);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains("PEFA PI-8", html);
            Assert.Contains("congress-report.js", html);
        }
        using var unit = new BrowserSession(app.Factory);
        await unit.LogInAsync("unit");
        using (var r = await unit.GetAsync($"/BudgetLinkage/Index?year={Evaluated}"))
            Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);
    }

    private static JixiaoDbContext Db(TestApp app) =>
        new(app.Factory.Services.GetRequiredService<DatabaseSettings>().Options());
}
