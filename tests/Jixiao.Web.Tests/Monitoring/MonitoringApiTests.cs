using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests.Monitoring;

/// <summary>
/// Dual monitoring over the API as the people who act: a round issued and reported through its workflow with execution from
/// the payments, the warnings and the dashboard from one computation, and finance actions that flag payments.
/// </summary>
public sealed class MonitoringApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<JsonNode> IssueAsync(TestApp app, int month, string coverage = "All")
    {
        var round = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/monitoring/rounds",
            new { month, dueDate = $"2026-{month + 1:00}-15", title = $"2026年1-{month}月绩效运行监控", coverage })).AssertOkJsonAsync(HttpStatusCode.Created);
        Assert.True((int)round["reports"]! > 0);
        return round;
    }

    private static Task<HttpResponseMessage> ActAsync(TestApp app, string user, long id, string action, int version, string? reason = null) =>
        app.SendAsync(user, HttpMethod.Post, $"/api/v1/monitoring/reports/{id}/{action}", new { version, reason });

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Round_UnitReportsWithExecutionFromPayments_ReviewedWithReasonsForReturns(DbProvider provider)
    {
        var app = fixture.For(provider);
        using (var byUnit = await app.SendAsync("unit", HttpMethod.Post, "/api/v1/monitoring/rounds", new { month = 10, dueDate = "2026-11-15", title = "x" }))
            await byUnit.AssertProblemAsync(HttpStatusCode.BadRequest);
        var round = await IssueAsync(app, 10);
        var roundId = (long)round["id"]!;

        var unitReports = (await app.GetJsonAsync("unit", $"/api/v1/monitoring/rounds/{roundId}/reports")).AsArray();
        Assert.NotEmpty(unitReports);
        Assert.All(unitReports, r => Assert.Equal("长治市第一中学校", (string)r!["unitName"]!));
        var todos = await app.GetJsonAsync("unit", "/api/v1/todos");
        Assert.Contains(todos["items"]!.AsArray(), t => ((string)t!["title"]!).Contains("填报绩效运行监控"));

        var id = (long)unitReports[0]!["id"]!;
        var report = await app.GetJsonAsync("unit", $"/api/v1/monitoring/reports/{id}");
        Assert.True((bool)report["canEdit"]!);
        var projectCode = (string)report["projectCode"]!;
        var warnings = await app.GetJsonAsync("unit", $"/api/v1/monitoring/warnings?month=10&q={projectCode}");
        Assert.Equal((decimal)warnings["items"]![0]!["executed"]!, (decimal)report["executed"]!);

        // Everything reported far behind: the indicators turn red and need reasons.
        var behind = report["indicators"]!.AsArray().Select(i => (string)i!["comparison"]! == "Qualitative"
            ? (object)new { id = (long)i["id"]!, band = "NotAchieved" }
            : new { id = (long)i["id"]!, toDate = 0m, expectedFullYear = (decimal?)i["target"] }).ToArray();
        var saved = await (await app.SendAsync("unit", HttpMethod.Put, $"/api/v1/monitoring/reports/{id}",
            new { version = (int)report["version"]!, indicators = behind, explanation = "受疫情和招标延期影响，进度滞后。" })).AssertOkJsonAsync();
        using (var noReasons = await ActAsync(app, "unit", id, "submit", (int)saved["version"]!))
            Assert.Contains("偏差原因", (string)(await noReasons.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);

        var explained = saved["indicators"]!.AsArray().Select(i => (string)i!["comparison"]! == "Qualitative"
            ? (object)new { id = (long)i["id"]!, band = "NotAchieved", deviationReason = "Facilities", likelihood = "Possible", explanation = "设备到货延迟" }
            : new { id = (long)i["id"]!, toDate = 0m, deviationReason = "Funding", likelihood = "Possible", explanation = "资金拨付滞后" }).ToArray();
        saved = await (await app.SendAsync("unit", HttpMethod.Put, $"/api/v1/monitoring/reports/{id}",
            new { version = (int)saved["version"]!, indicators = explained })).AssertOkJsonAsync();
        var submitted = await (await ActAsync(app, "unit", id, "submit", (int)saved["version"]!)).AssertOkJsonAsync();
        Assert.Equal("Submitted", (string)submitted["state"]!);
        Assert.False((bool)submitted["canEdit"]!);
        Assert.Equal("red", (string)submitted["projectColor"]!);

        using (var noReason = await ActAsync(app, "dept", id, "return", (int)submitted["version"]!, " "))
            Assert.Contains("理由", (string)(await noReason.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        var returned = await (await ActAsync(app, "dept", id, "return", (int)submitted["version"]!, "完成值与支付进度不符，请核实。")).AssertOkJsonAsync();
        Assert.Equal("Returned", (string)returned["state"]!);
        Assert.Equal("完成值与支付进度不符，请核实。", (string)(await app.GetJsonAsync("unit", $"/api/v1/monitoring/reports/{id}"))["returnReason"]!);

        var again = await (await ActAsync(app, "unit", id, "submit", (int)returned["version"]!)).AssertOkJsonAsync();
        var passed = await (await ActAsync(app, "dept", id, "pass", (int)again["version"]!)).AssertOkJsonAsync();
        using (var unitCannot = await ActAsync(app, "unit", id, "pass", (int)passed["version"]!))
            await unitCannot.AssertProblemAsync(HttpStatusCode.BadRequest);
        var done = await (await ActAsync(app, "budget", id, "pass", (int)passed["version"]!)).AssertOkJsonAsync();
        Assert.Equal("FinanceReviewed", (string)done["state"]!);
        Assert.Equal(["Submit", "Return", "Submit", "Pass", "Pass"], done["history"]!.AsArray().Select(s => (string)s!["action"]!).ToList());

        // The reported indicator colours now count in the warnings from that month on.
        var after = await app.GetJsonAsync("perf", $"/api/v1/monitoring/warnings?month=10&q={projectCode}");
        Assert.Equal("red", (string)after["items"]![0]!["projectColor"]!);
        Assert.NotEmpty(after["items"]![0]!["indicatorColors"]!.AsArray());

        using (var otherUnit = await app.GetAsync("unit2", $"/api/v1/monitoring/reports/{id}"))
            Assert.Equal(HttpStatusCode.NotFound, otherUnit.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Dashboard_FiguresEqualTheWarningList(DbProvider provider)
    {
        var app = fixture.For(provider);
        foreach (var (user, month) in new[] { ("perf", 7), ("perf", 11), ("dept", 7), ("unit", 9) })
        {
            var list = await app.GetJsonAsync(user, $"/api/v1/monitoring/warnings?year=2026&month={month}&pageSize=1000");
            var dash = await app.GetJsonAsync(user, $"/api/v1/monitoring/dashboard?year=2026&month={month}");
            var items = list["items"]!.AsArray();
            Assert.Equal((int)list["total"]!, (int)dash["total"]!["projects"]!);
            foreach (var color in new[] { "red", "yellow", "blue", "green" })
            {
                Assert.Equal((int)list[color]!, (int)dash["total"]![color]!);
                Assert.Equal(items.Count(i => (string)i!["projectColor"]! == color), (int)list[color]!);
                Assert.Equal((int)list[color]!, dash["groups"]!.AsArray().Sum(g => (int)g![color]!));
            }
            Assert.Equal((decimal)list["budget"]!, (decimal)dash["total"]!["budget"]!);
            Assert.Equal((decimal)list["executed"]!, (decimal)dash["total"]!["executed"]!);
            Assert.Equal(items.Sum(i => (decimal)i!["executed"]!), (decimal)list["executed"]!);
            Assert.Equal(month, dash["curve"]!.AsArray().Count);
            var worst = dash["worst"]!.AsArray().Select(w => (long)w!["projectId"]!).ToList();
            Assert.Equal(items.Take(Math.Min(20, items.Count)).Select(i => (long)i!["projectId"]!).ToList(), worst);
        }
        Assert.Equal("Departments", (string)(await app.GetJsonAsync("perf", "/api/v1/monitoring/dashboard?month=7"))["level"]!);
        Assert.Equal("Units", (string)(await app.GetJsonAsync("dept", "/api/v1/monitoring/dashboard?month=7"))["level"]!);
        Assert.Equal("Projects", (string)(await app.GetJsonAsync("unit", "/api/v1/monitoring/dashboard?month=7"))["level"]!);
        using var badMonth = await app.GetAsync("perf", "/api/v1/monitoring/warnings?month=13");
        await badMonth.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Funding_SuspendedProjectFlagsItsPayments_ReleaseIsRecorded(DbProvider provider)
    {
        var app = fixture.For(provider);
        // A project of the budget section's departments, so that it can release the suspension.
        var warnings = await app.GetJsonAsync("budget", "/api/v1/monitoring/warnings?month=11&pageSize=1000");
        var target = warnings["items"]!.AsArray().First(i => (decimal)i!["executed"]! > 0m && (string)i["funding"]! == "Normal")!;
        var projectId = (long)target["projectId"]!;
        var code = (string)target["projectCode"]!;
        var before = (await app.GetJsonAsync("perf", $"/api/v1/payments?projectCode={code}&pageSize=1000"))["items"]!.AsArray();
        var from = before.Select(p => DateOnly.Parse((string)p!["paymentDate"]!)).Order().Skip(before.Count / 2).First();

        using (var noReason = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/monitoring/projects/{projectId}/funding", new { kind = "Suspend", reason = "" }))
            await noReason.AssertProblemAsync(HttpStatusCode.BadRequest);
        using (var byUnit = await app.SendAsync("unit", HttpMethod.Post, $"/api/v1/monitoring/projects/{projectId}/funding", new { kind = "Suspend", reason = "x" }))
            Assert.True(byUnit.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound);
        using (var releaseFirst = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/monitoring/projects/{projectId}/funding", new { kind = "Release", reason = "x" }))
            await releaseFirst.AssertProblemAsync(HttpStatusCode.BadRequest);

        var suspended = await (await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/monitoring/projects/{projectId}/funding",
            new { kind = "Suspend", reason = "执行率严重滞后且未说明原因，暂缓拨款。", effectiveFrom = from.ToString("yyyy-MM-dd") })).AssertOkJsonAsync();
        Assert.Equal("Suspended", (string)suspended["state"]!);
        var flagged = (await app.GetJsonAsync("perf", $"/api/v1/payments?projectCode={code}&pageSize=1000"))["items"]!.AsArray();
        Assert.All(flagged, p => Assert.Equal(DateOnly.Parse((string)p!["paymentDate"]!) >= from, (bool)p!["isException"]!));
        Assert.Contains("暂缓拨款", (string)flagged.First(p => (bool)p!["isException"]!)!["exceptionReason"]!);
        var listed = await app.GetJsonAsync("perf", $"/api/v1/monitoring/warnings?month=11&q={code}");
        Assert.Equal("Suspended", (string)listed["items"]![0]!["funding"]!);
        Assert.True((int)listed["items"]![0]!["exceptionPayments"]! > 0);

        var released = await (await app.SendAsync("budget", HttpMethod.Post, $"/api/v1/monitoring/projects/{projectId}/funding",
            new { kind = "Release", reason = "单位已说明原因并提交整改计划，恢复拨款。" })).AssertOkJsonAsync();
        Assert.Equal("Normal", (string)released["state"]!);
        Assert.Equal(["Suspend", "Release"], released["actions"]!.AsArray().Select(a => (string)a!["kind"]!).ToList());
        var steps = await app.GetJsonAsync("auditor", $"/api/v1/monitoring/projects/{projectId}/funding");
        Assert.Equal(2, steps["actions"]!.AsArray().Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task KeyMonitoringRound_CoversOnlyLargeSlowProjects(DbProvider provider)
    {
        var app = fixture.For(provider);
        var warnings = (await app.GetJsonAsync("perf", "/api/v1/monitoring/warnings?month=8&keyOnly=true&pageSize=1000"))["items"]!.AsArray();
        Assert.All(warnings, w => Assert.True((decimal)w!["budget"]! >= 2_000_000m && (decimal)w["executionRate"]! < 0.60m));
        using var response = await app.SendAsync("perf", HttpMethod.Post, "/api/v1/monitoring/rounds",
            new { month = 8, dueDate = "2026-09-15", title = "2026年重点监控", coverage = "KeyMonitoring" });
        if (response.StatusCode == HttpStatusCode.Created)
        {
            var round = await response.AssertOkJsonAsync(HttpStatusCode.Created);
            var reports = (await app.GetJsonAsync("perf", $"/api/v1/monitoring/rounds/{(long)round["id"]!}/reports")).AsArray();
            Assert.All(reports, r => Assert.Contains(warnings, w => (long)w!["projectId"]! == (long)r!["projectId"]!));
        }
        else
        {
            Assert.Contains("没有符合条件", (string)(await response.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        }
    }
}
