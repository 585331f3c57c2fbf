using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jixiao.Web.Tests.Infrastructure;
using MiniExcelLibs;

namespace Jixiao.Web.Tests.Monitoring;

/// <summary>
/// The monitoring pages as people use them, without JavaScript: the dashboard's figures are the warnings list's, the list's
/// export has its rows, a unit sees only its projects and fills and submits its 监控表, a return needs a reason, and the
/// demo's suspended project shows 暂缓拨款.
/// </summary>
public sealed partial class MonitoringPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static int Number(string html, string id)
    {
        var m = Regex.Match(html, $"id=\"{id}\">([0-9]+)<");
        Assert.True(m.Success, $"no #{id} in the page");
        return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static int Data(string html, string name)
    {
        var m = Regex.Match(html, $"id=\"dashboard-totals\"[^>]*data-{name}=\"([0-9]+)\"");
        Assert.True(m.Success, $"no data-{name} on the dashboard totals");
        return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Dashboard_ShowsTheFiguresOfTheWarningsList(DbProvider provider)
    {
        var app = fixture.For(provider);
        foreach (var user in new[] { "perf", "dept", "unit" })
        {
            using var s = new BrowserSession(app.Factory);
            (await s.LogInAsync(user)).Dispose();
            foreach (var month in new[] { 7, 11 })
            {
                var list = await s.TextOfPageAsync($"/Monitoring/Warnings?year=2026&month={month}");
                var dash = await s.TextOfPageAsync($"/Monitoring/Dashboard?year=2026&month={month}");
                Assert.Equal(Number(list, "warning-total"), Data(dash, "total"));
                foreach (var c in new[] { "red", "yellow", "blue", "green" })
                    Assert.Equal(Number(list, $"count-{c}"), Data(dash, c));
                Assert.True(Number(list, "warning-total") > 0, $"{user} sees no project");

                var data = JsonNode.Parse(await s.Client.GetStringAsync($"/Monitoring/Dashboard?handler=Data&year=2026&month={month}"))!;
                Assert.Equal(Number(list, "warning-total"), (int)data["total"]!["projects"]!);
                Assert.Equal(Number(list, "count-red"), data["groups"]!.AsArray().Sum(g => (int)g!["red"]!));
                Assert.Equal(month, data["curve"]!.AsArray().Count);
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task WarningsExport_HasExactlyTheListedRows(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var s = new BrowserSession(app.Factory);
        (await s.LogInAsync("perf")).Dispose();
        foreach (var filter in new[] { "year=2026&month=7", "year=2026&month=7&color=red", "year=2026&month=11&keyOnly=true" })
        {
            var html = await s.TextOfPageAsync($"/Monitoring/Warnings?{filter}");
            var listed = ListedCodes().Matches(html).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(Number(html, "warning-total"), listed.Count); // fewer than one page in the demo
            using var export = await s.GetAsync($"/Monitoring/Warnings?{filter}&handler=Export");
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            var rows = MiniExcel.Query(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(listed, rows.Select(r => r["项目代码"]?.ToString() ?? "").ToList());
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unit_SeesOnlyItsProjects_FillsAndSubmitsItsReport_ReturnNeedsAReason(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var unit = new BrowserSession(app.Factory);
        (await unit.LogInAsync("unit")).Dispose();
        var warnings = await unit.TextOfPageAsync("/Monitoring/Warnings?year=2026&month=7");
        Assert.DoesNotContain("长治市人民医院", warnings);
        Assert.DoesNotContain("长治市第二中学校", warnings);
        Assert.Contains("长治市第一中学校", warnings);

        var rounds = await unit.TextOfPageAsync("/Monitoring/Rounds");
        Assert.DoesNotContain("id=\"round-form\"", rounds);
        var roundId = RoundLink().Match(rounds).Groups[1].Value;
        var reports = await unit.TextOfPageAsync($"/Monitoring/Reports?roundId={roundId}");
        Assert.DoesNotContain("长治市人民医院", reports);
        var reportId = ReportLink().Match(reports).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(reportId), "the unit has no report in the demo round");
        var page = $"/Monitoring/Report?id={reportId}";
        using (var summary = await unit.GetAsync($"/Monitoring/Reports?roundId={roundId}&handler=Export"))
        {
            Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
            var rows = MiniExcel.Query(new MemoryStream(await summary.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal("合计", rows[^1]["部门"]?.ToString());
            Assert.Equal(ReportLink().Matches(reports).Select(m => m.Groups[1].Value).Distinct().Count(), Convert.ToInt32(rows[^1]["项目数"], CultureInfo.InvariantCulture));
        }
        using (var table = await unit.GetAsync($"/Monitoring/Report?id={reportId}&handler=Export"))
        {
            Assert.Equal(HttpStatusCode.OK, table.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", table.Content.Headers.ContentType?.MediaType);
            var cells = MiniExcel.Query(new MemoryStream(await table.Content.ReadAsByteArrayAsync())).Cast<IDictionary<string, object?>>()
                .SelectMany(r => r.Values).Select(v => v?.ToString()).ToList();
            Assert.Contains("项目支出绩效运行监控表", cells);
            Assert.Contains("偏差原因分析", cells);
        }
        var html = await unit.TextOfPageAsync(page);
        Assert.Contains("id=\"report-save\"", html);

        // Every indicator on or ahead of plan: no deviation reason is needed.
        var report = await app.GetJsonAsync("unit", $"/api/v1/monitoring/reports/{reportId}");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", BrowserSession.AntiforgeryToken(html)),
            new("Version", VersionField().Match(html).Groups[1].Value),
            new("Explanation", "项目按计划推进。"),
        };
        var n = 0;
        foreach (var i in report["indicators"]!.AsArray())
        {
            fields.Add(new($"Indicators[{n}].Id", ((long)i!["id"]!).ToString(CultureInfo.InvariantCulture)));
            switch ((string)i["comparison"]!)
            {
                case "Qualitative":
                    fields.Add(new($"Indicators[{n}].Band", "Achieved"));
                    break;
                case "AtMost":
                    fields.Add(new($"Indicators[{n}].ToDate", "0"));
                    break;
                default:
                    fields.Add(new($"Indicators[{n}].ToDate", ((decimal?)i["target"] ?? 0m).ToString(CultureInfo.InvariantCulture)));
                    fields.Add(new($"Indicators[{n}].ExpectedFullYear", ((decimal?)i["target"] ?? 0m).ToString(CultureInfo.InvariantCulture)));
                    break;
            }
            n++;
        }
        using (var submitted = await unit.PostFormAsync($"{page}&handler=Submit", fields))
            Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, $"submit: {(int)submitted.StatusCode} {await BrowserSession.TextOf(submitted)}");
        html = await unit.TextOfPageAsync(page);
        Assert.Contains("data-state=\"Submitted\"", html);
        Assert.DoesNotContain("id=\"report-save\"", html);

        using var dept = new BrowserSession(app.Factory);
        (await dept.LogInAsync("dept")).Dispose();
        html = await dept.TextOfPageAsync(page);
        var version = ReviewVersion().Match(html).Groups[1].Value;
        using (var refused = await dept.PostFormAsync($"{page}&handler=Act", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(html),
            ["Version"] = version,
            ["act"] = "Return",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var text = await BrowserSession.TextOf(refused);
            Assert.Contains("必须填写理由", text);
            Assert.Contains("data-state=\"Submitted\"", text);
        }
        using (var returned = await dept.PostFormAsync($"{page}&handler=Act", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(html),
            ["Version"] = version,
            ["act"] = "Return",
            ["Reason"] = "完成值缺少佐证材料，请补充。",
        }))
            Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        html = await unit.TextOfPageAsync(page);
        Assert.Contains("完成值缺少佐证材料，请补充。", html);
        Assert.Contains("id=\"report-returned-reason\"", html);

        using var other = new BrowserSession(app.Factory);
        (await other.LogInAsync("unit2")).Dispose();
        using var hidden = await other.GetAsync(page);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task DemoRound_HasReportsInSeveralStates_AndThePerformanceSectionCanIssueRounds(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var perf = new BrowserSession(app.Factory);
        (await perf.LogInAsync("perf")).Dispose();
        var rounds = await perf.TextOfPageAsync("/Monitoring/Rounds");
        Assert.Contains("id=\"round-form\"", rounds);
        Assert.Contains("2026年1-7月项目支出绩效运行监控", rounds);
        var reports = await perf.TextOfPageAsync($"/Monitoring/Reports?roundId={RoundLink().Match(rounds).Groups[1].Value}");
        foreach (var state in new[] { "Draft", "Submitted", "DepartmentReviewed", "FinanceReviewed", "Returned" })
            Assert.Contains($"data-state=\"{state}\"", reports);

        // Issuing the same month again while the round is open is refused with the reason, on the page.
        using var again = await perf.PostFormAsync("/Monitoring/Rounds?handler=Issue", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(rounds),
            ["Month"] = "7",
            ["DueDate"] = "2026-08-15",
            ["Title"] = "重复轮次",
            ["Coverage"] = "All",
        });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("已经下达且尚未结束", await BrowserSession.TextOf(again));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SuspendedProject_ShowsOnTheWarningsList_AndItsFundingPage(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var perf = new BrowserSession(app.Factory);
        (await perf.LogInAsync("perf")).Dispose();
        var html = await perf.TextOfPageAsync("/Monitoring/Warnings?year=2026&month=11&funding=Suspended");
        Assert.Equal(1, Number(html, "warning-total"));
        Assert.Contains("funding-badge\">暂缓拨款", html);
        Assert.Contains("异常支付", html);
        var projectId = Regex.Match(html, "<tr data-id=\"(\\d+)\"").Groups[1].Value;
        Assert.Contains("funding-badge\">暂缓拨款", await perf.TextOfPageAsync("/Monitoring/Warnings?year=2026&month=11"));

        var page = $"/Monitoring/Funding?projectId={projectId}";
        html = await perf.TextOfPageAsync(page);
        Assert.Contains("data-state=\"Suspended\"", html);
        Assert.Contains("<option value=\"Release\"", html);
        Assert.DoesNotContain("<option value=\"Suspend\"", html);
        using (var refused = await perf.PostFormAsync(page, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(html),
            ["Kind"] = "Release",
            ["EffectiveFrom"] = "2026-11-28",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("理由", await BrowserSession.TextOf(refused));
        }
        using (var released = await perf.PostFormAsync(page, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(html),
            ["Kind"] = "Release",
            ["EffectiveFrom"] = "2026-11-28",
            ["Reason"] = "单位已提交整改计划。",
        }))
            Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        html = await perf.TextOfPageAsync(page);
        Assert.Contains("data-state=\"Normal\"", html);
        Assert.Contains("单位已提交整改计划。", html);
    }

    [GeneratedRegex("<tr data-id=\"\\d+\" data-color=\"\\w+\">\\s*<td><code>([^<]+)</code>")]
    private static partial Regex ListedCodes();

    [GeneratedRegex("Reports\\?roundId=(\\d+)")]
    private static partial Regex RoundLink();

    [GeneratedRegex("Report\\?id=(\\d+)")]
    private static partial Regex ReportLink();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\" id=\"report-version\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("id=\"report-review-form\"[^>]*>[\\s\\S]*?name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex ReviewVersion();
}
