using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests.Evaluations;

/// <summary>
/// Self-evaluation through the pages, without JavaScript except for the live-score handler the form's script posts to: the demo's last-year
/// forms in every grade and state, the list's filters and export; a current-year form filled by the unit (the live score of a known input,
/// save, a stale save refused, submission refused without explanations), returned by the department only with a reason, hidden from
/// another unit; the task ended by the performance section.
/// </summary>
public sealed partial class SelfEvaluationPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Project = "学校校舍维修改造";

    private static async Task<string> PageAsync(BrowserSession s, string path)
    {
        using var response = await s.GetAsync(path);
        var html = await BrowserSession.TextOf(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {html[..Math.Min(html.Length, 500)]}");
        return html;
    }

    private static int VersionOf(string html) => int.Parse(VersionInput().Match(html).Groups[1].Value, CultureInfo.InvariantCulture);

    private static string S(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Demo_LastYear_HasSelfEvaluationsInAllFourGradesAndEveryState_ListFiltersAndExports(DbProvider provider)
    {
        var app = fixture.For(provider);
        var lastYear = JixiaoFactory.Start.Year - 1;
        var rows = (await app.GetJsonAsync("perf", $"/api/v1/evaluations/self?year={lastYear}"))["items"]!.AsArray();
        var done = rows.Where(r => (string)r!["state"]! is "Submitted" or "DepartmentReviewed").ToList();
        Assert.True(done.Count >= 5, $"only {done.Count} submitted last-year self-evaluations");
        Assert.Equal(["excellent", "fair", "good", "poor"], done.Select(r => (string)r!["grade"]!).Distinct().Order().ToList());
        Assert.All(done, r => Assert.NotNull((decimal?)r!["total"]));
        Assert.Equal(["DepartmentReviewed", "Draft", "Returned", "Submitted"], rows.Select(r => (string)r!["state"]!).Distinct().Order().ToList());
        // The demo accounts' units each have forms; the unit's draft is its own.
        Assert.Contains(rows, r => (string)r!["unitName"]! == "长治市第一中学校" && (string)r["state"]! == "Draft");
        Assert.Contains(rows, r => (string)r!["unitName"]! == "长治市人民医院" && (string)r["state"]! == "Returned");
        var returned = rows.First(r => (string)r!["state"]! == "Returned")!;
        Assert.Contains("请", (string)(await app.GetJsonAsync("unit2", $"/api/v1/evaluations/self/{(long)returned["id"]!}"))["returnReason"]!);

        // The to-do's link names the task only; the list is of the task's year although unit2 works in this year.
        using (var unit2 = new BrowserSession(app.Factory))
        {
            await unit2.LogInAsync("unit2");
            var taskList = await PageAsync(unit2, $"/Evaluations/Self?taskId={(long)returned["taskId"]!}");
            Assert.Contains($"/Evaluations/SelfEvaluation?id={(long)returned["id"]!}", taskList);
            Assert.Contains("自评表已被主管部门退回", await PageAsync(unit2, $"/Evaluations/SelfEvaluation?id={(long)returned["id"]!}"));
        }

        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        var html = await PageAsync(perf, $"/Evaluations/Self?year={lastYear}");
        Assert.Contains($"{lastYear}年度项目支出绩效自评", html);
        Assert.Contains("id=\"self-table\"", html);
        var poor = await PageAsync(perf, $"/Evaluations/Self?year={lastYear}&grade=Poor");
        Assert.Contains("data-grade=\"Poor\"", poor);
        Assert.DoesNotContain("data-grade=\"Excellent\"", poor);
        using (var export = await perf.GetAsync($"/Evaluations/Self?year={lastYear}&state=DepartmentReviewed&handler=Export"))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
            var bytes = await export.Content.ReadAsByteArrayAsync();
            Assert.Equal((byte)'P', bytes[0]);
            Assert.Equal((byte)'K', bytes[1]);
        }

        // A passed form is read-only, with its fixed score, rule-set version and history.
        var passed = rows.First(r => (string)r!["state"]! == "DepartmentReviewed")!;
        var form = await PageAsync(perf, $"/Evaluations/SelfEvaluation?id={(long)passed["id"]!}");
        Assert.DoesNotContain("id=\"self-save\"", form);
        Assert.Contains("按提交时规则第", form);
        Assert.Contains(((decimal)passed["total"]!).ToString("0.00", CultureInfo.InvariantCulture), form);
        Assert.Contains("id=\"history-table\"", form);
        using (var download = await perf.GetAsync($"/Evaluations/SelfEvaluation?id={(long)passed["id"]!}&handler=Download"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType?.MediaType);
            Assert.Contains("项目支出绩效自评表", download.Content.Headers.ContentDisposition?.FileNameStar);
            using var book = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await download.Content.ReadAsByteArrayAsync()), false);
            var strings = book.WorkbookPart!.SharedStringTablePart?.SharedStringTable.InnerText ?? string.Join("", book.WorkbookPart.WorksheetParts.Select(w => w.Worksheet.InnerText));
            Assert.Contains("偏差原因分析及改进措施", strings);
            Assert.Contains((string)passed["projectName"]!, strings);
            Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(book).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        }

        // 部门整体自评: 长治市教育局's own form, submitted by the department, passed by the performance section, grouped by dimension.
        var wide = rows.Single(r => (string)r!["unitName"]! == "长治市教育局")!;
        Assert.Equal("DepartmentReviewed", (string)wide["state"]!);
        Assert.Equal((long)wide["unitId"]!, (long)wide["departmentId"]!);
        using var dept = new BrowserSession(app.Factory);
        await dept.LogInAsync("dept");
        var wideForm = await PageAsync(dept, $"/Evaluations/SelfEvaluation?id={(long)wide["id"]!}");
        Assert.Contains("部门整体支出绩效自评表", wideForm);
        Assert.Contains("财政已审核", wideForm);
        foreach (var dimension in new[] { "运行成本", "管理效率", "履职效能", "社会效应", "可持续发展能力", "服务对象满意度" })
            Assert.Contains($"<td class=\"self-dimension\">{dimension}</td>", wideForm);
        using (var wideBook = await dept.GetAsync($"/Evaluations/SelfEvaluation?id={(long)wide["id"]!}&handler=Download"))
        {
            Assert.Equal(HttpStatusCode.OK, wideBook.StatusCode);
            Assert.Contains("部门整体支出绩效自评表", wideBook.Content.Headers.ContentDisposition?.FileNameStar);
        }
        var history = (await app.GetJsonAsync("perf", $"/api/v1/evaluations/self/{(long)wide["id"]!}"))["history"]!.AsArray();
        Assert.Equal([("Submit", "Department"), ("Pass", "PerformanceSection")], history.Select(h => ((string)h!["action"]!, (string)h["role"]!)).ToList());
        using (var otherDept = await app.GetAsync("unit", $"/api/v1/evaluations/self/{(long)wide["id"]!}"))
            Assert.Equal(HttpStatusCode.NotFound, otherDept.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Form_LiveScoreSaveStaleSubmitReturn_ThroughThePages(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        var list = await PageAsync(perf, "/Evaluations/Self");
        Assert.Contains("id=\"self-issue-form\"", list);
        using (var issued = await perf.PostFormAsync("/Evaluations/Self?handler=Issue", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(list),
            ["Title"] = "本年度项目支出绩效自评（页面测试）",
            ["Deadline"] = $"{JixiaoFactory.Start.Year + 1}-03-31",
        }))
            Assert.True(issued.StatusCode == HttpStatusCode.Redirect, $"issue: {(int)issued.StatusCode} {await BrowserSession.TextOf(issued)}");

        var id = (long)(await app.GetJsonAsync("unit", "/api/v1/evaluations/self"))["items"]!.AsArray().First(r => (string)r!["projectName"]! == Project)!["id"]!;
        var api = await app.GetJsonAsync("unit", $"/api/v1/evaluations/self/{id}");
        var indicators = api["indicators"]!.AsArray();
        var path = $"/Evaluations/SelfEvaluation?id={id}";

        using var unit = new BrowserSession(app.Factory);
        await unit.LogInAsync("unit");
        Assert.Contains(path, await PageAsync(unit, "/Evaluations/Self"));
        var html = await PageAsync(unit, path);
        Assert.Contains("id=\"self-form\"", html);
        Assert.Contains("data-editable=\"true\"", html);
        var version = VersionOf(html);

        // Every target met except the first (≥ 12000 平方米, weight 20), reached half-way.
        Dictionary<string, string> Fields(string page, int v, bool explain)
        {
            var f = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(page),
                ["Version"] = v.ToString(CultureInfo.InvariantCulture),
                ["ActualOutcome"] = "校舍维修改造完成一半，其余工程顺延至下年度。",
            };
            for (var n = 0; n < indicators.Count; n++)
            {
                var i = indicators[n]!;
                var target = (decimal)i["target"]!;
                f[$"Rows[{n}].Id"] = ((long)i["id"]!).ToString(CultureInfo.InvariantCulture);
                f[$"Rows[{n}].Actual"] = S(n == 0 ? target / 2m : target);
                if (n == 0 && explain)
                {
                    f[$"Rows[{n}].DeviationReason"] = "部分工程因招标延期未能开工。";
                    f[$"Rows[{n}].Measures"] = "已完成招标，下年度一季度开工。";
                }
            }
            return f;
        }

        // The live score of what is typed: the first row 20 × 6000 ÷ 12000 = 10, nothing saved.
        JsonNode live;
        using (var scored = await unit.PostFormAsync($"{path}&handler=Score", Fields(html, version, explain: false)))
        {
            Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
            live = JsonNode.Parse(await scored.Content.ReadAsStringAsync())!;
        }
        Assert.Null((string?)live["error"]);
        var first = live["indicators"]![0]!;
        Assert.Equal("10", (string)first["points"]!);
        Assert.Contains("20 × 6000 ÷ 12000 = 10", (string)first["explanation"]!);
        Assert.True((bool)first["needsExplanation"]!);
        Assert.True((bool)live["complete"]!);
        var executionPoints = (decimal)(await app.GetJsonAsync("unit", $"/api/v1/evaluations/self/{id}"))["executionPoints"]!;
        var expected = Math.Round(executionPoints + 80m, 2, MidpointRounding.AwayFromZero);
        Assert.Equal(expected.ToString("0.00", CultureInfo.InvariantCulture), (string)live["total"]!);
        Assert.Null((decimal?)(await app.GetJsonAsync("unit", $"/api/v1/evaluations/self/{id}"))["indicators"]![0]!["actual"]);

        // Save; the stored form scores the same.
        using (var saved = await unit.PostFormAsync($"{path}&handler=Save", Fields(html, version, explain: false)))
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"save: {(int)saved.StatusCode} {await BrowserSession.TextOf(saved)}");
        var stored = await app.GetJsonAsync("unit", $"/api/v1/evaluations/self/{id}");
        Assert.Equal(6000m, (decimal)stored["indicators"]![0]!["actual"]!);
        Assert.Equal(expected, (decimal)stored["total"]!);

        // A save based on the old version is refused and says so.
        using (var stale = await unit.PostFormAsync($"{path}&handler=Save", Fields(html, version, explain: false)))
        {
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            Assert.Contains("已被他人修改", await BrowserSession.TextOf(stale));
        }

        // Submitting without the reason of the unmet indicator is refused and names it.
        html = await PageAsync(unit, path);
        using (var refused = await unit.PostFormAsync($"{path}&handler=Submit", Fields(html, VersionOf(html), explain: false)))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var text = await BrowserSession.TextOf(refused);
            Assert.Contains("未达成目标，请填写偏差原因分析及改进措施", text);
        }
        html = await PageAsync(unit, path);
        using (var submitted = await unit.PostFormAsync($"{path}&handler=Submit", Fields(html, VersionOf(html), explain: true)))
            Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, $"submit: {(int)submitted.StatusCode} {await BrowserSession.TextOf(submitted)}");
        html = await PageAsync(unit, path);
        Assert.Contains("data-state=\"Submitted\"", html);
        Assert.Contains("data-editable=\"false\"", html);
        Assert.DoesNotContain("id=\"act-return\"", html);

        // The department returns it only with a reason.
        using var dept = new BrowserSession(app.Factory);
        await dept.LogInAsync("dept");
        var review = await PageAsync(dept, path);
        Assert.Contains("id=\"act-return\"", review);
        Assert.Contains("id=\"act-pass\"", review);
        var act = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(review),
            ["Version"] = VersionOf(review).ToString(CultureInfo.InvariantCulture),
            ["act"] = "Return",
            ["Reason"] = " ",
        };
        using (var noReason = await dept.PostFormAsync($"{path}&handler=Act", act))
        {
            Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
            Assert.Contains("理由", await BrowserSession.TextOf(noReason));
        }
        act["Reason"] = "未完成工程的后续安排不具体，请补充开工时间。";
        using (var returned = await dept.PostFormAsync($"{path}&handler=Act", act))
            Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Contains("data-state=\"Returned\"", await PageAsync(dept, path));
        html = await PageAsync(unit, path);
        Assert.Contains("data-state=\"Returned\"", html);
        Assert.Contains("未完成工程的后续安排不具体", html);
        Assert.Contains("data-editable=\"true\"", html);

        // Only the unit scores its form as it types: the department is told so.
        using (var notMine = await dept.PostFormAsync($"{path}&handler=Score", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(review),
            [$"Rows[0].Id"] = ((long)indicators[0]!["id"]!).ToString(CultureInfo.InvariantCulture),
            [$"Rows[0].Actual"] = "1",
        }))
            Assert.Contains("由项目单位填报", (string)JsonNode.Parse(await notMine.Content.ReadAsStringAsync())!["error"]!);

        // Another unit's form does not exist for unit2.
        using var other = new BrowserSession(app.Factory);
        await other.LogInAsync("unit2");
        using (var hidden = await other.GetAsync(path))
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        // The performance section ends the task: the returned form cannot be filled in any more.
        list = await PageAsync(perf, "/Evaluations/Self");
        var taskId = (long)(await app.GetJsonAsync("perf", "/api/v1/evaluations/self-tasks")).AsArray().First(t => (string)t!["state"]! == "Open")!["id"]!;
        var taskVersion = (int)(await app.GetJsonAsync("perf", "/api/v1/evaluations/self-tasks")).AsArray().First(t => (long)t!["id"]! == taskId)!["version"]!;
        using (var closed = await perf.PostFormAsync($"/Evaluations/Self?handler=Close&closeId={taskId}", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(list),
            ["Version"] = taskVersion.ToString(CultureInfo.InvariantCulture),
        }))
            Assert.True(closed.StatusCode == HttpStatusCode.Redirect, $"close: {(int)closed.StatusCode} {await BrowserSession.TextOf(closed)}");
        html = await PageAsync(unit, path);
        Assert.Contains("data-editable=\"false\"", html);
        Assert.Contains("id=\"self-task-closed\"", html);
        using (var twice = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/evaluations/self-tasks/{taskId}/close", new { version = taskVersion + 1 }))
            Assert.Contains("已经结束", (string)(await twice.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
    }

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionInput();
}
