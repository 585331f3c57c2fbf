using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests.Evaluations;

/// <summary>
/// Issue 6: a self-evaluation task for all projects with approved goals, or a filter — departments, key monitoring (重点监控, as the warning
/// board flags it at the rule set's month), project codes; a project is in at most one task per year: a later task skips (and counts)
/// those already covered, a task with nothing left is refused in Chinese, an unknown department is 404.
/// </summary>
public sealed class SelfEvaluationTaskFilterTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Year = 2026;

    private static Task<HttpResponseMessage> IssueAsync(TestApp app, object body) => app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/self-tasks", body);

    private static async Task<List<JsonNode>> FormsAsync(TestApp app, long taskId) =>
        (await app.GetJsonAsync("perf", $"/api/v1/evaluations/self?year={Year}&taskId={taskId}"))["items"]!.AsArray().Select(x => x!).ToList();

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task IssueTask_Filters_SkipsCovered_RefusesWhenNothingLeft(DbProvider provider)
    {
        var app = fixture.For(provider);
        var warnings = (await app.GetJsonAsync("perf", $"/api/v1/monitoring/warnings?year={Year}&month=8&pageSize=1000"))["items"]!.AsArray().Select(x => x!).ToList();
        var keyCodes = warnings.Where(w => (bool)w["isKeyMonitoring"]!).Select(w => (string)w["projectCode"]!).ToHashSet();
        var educationId = (long)warnings.First(w => (string)w["departmentName"]! == "长治市教育局")["departmentId"]!;
        var approved = (await app.GetJsonAsync("perf", $"/api/v1/projects?year={Year}&goalState=Approved&pageSize=1000"))["items"]!.AsArray()
            .Select(x => x!).Where(p => (long)p["unitId"]! != (long)p["departmentId"]!).ToList();

        // Key monitoring only: every form is of a project the warning board flags at the end of August (the rule set's month).
        var keyForms = new List<JsonNode>();
        using (var keyTask = await IssueAsync(app, new { title = "重点监控项目自评", deadline = "2027-03-31", keyMonitoringOnly = true }))
        {
            if (keyCodes.Count == 0 || !approved.Any(p => keyCodes.Contains((string)p["code"]!)))
            {
                Assert.Contains("没有符合条件的项目", (string)(await keyTask.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
            }
            else
            {
                var task = await keyTask.AssertOkJsonAsync(HttpStatusCode.Created);
                Assert.True((bool)task["keyMonitoringOnly"]!);
                Assert.Equal("仅重点监控项目", (string)task["filterText"]!);
                keyForms = await FormsAsync(app, (long)task["id"]!);
                Assert.NotEmpty(keyForms);
                Assert.All(keyForms, f => Assert.Contains((string)f["projectCode"]!, keyCodes));
                Assert.All(approved.Where(p => keyCodes.Contains((string)p["code"]!)), p => Assert.Contains(keyForms, f => (string)f["projectCode"]! == (string)p["code"]!));
                Assert.Equal(keyForms.Count, (int)task["evaluations"]!);
            }
        }

        // One department: only its projects (and its whole spending, when its goal is approved); the key-monitoring ones already covered are skipped and counted.
        var dept = await (await IssueAsync(app, new { title = "教育局项目自评", deadline = "2027-03-31", departmentIds = new[] { educationId } }))
            .AssertOkJsonAsync(HttpStatusCode.Created);
        Assert.Equal("部门：长治市教育局", (string)dept["filterText"]!);
        Assert.Equal([educationId], dept["departmentIds"]!.AsArray().Select(x => (long)x!));
        var deptForms = await FormsAsync(app, (long)dept["id"]!);
        Assert.NotEmpty(deptForms);
        Assert.All(deptForms, f => Assert.Equal(educationId, (long)f["departmentId"]!));
        var educationKey = keyForms.Count(f => (long)f["departmentId"]! == educationId);
        Assert.Equal(educationKey, (int)dept["skippedProjects"]!);

        // Project codes, through the page: a covered one is skipped, the other gets the only form.
        var covered = (string)deptForms[0]["projectCode"]!;
        var other = (string)approved.First(p => (long)p["departmentId"]! != educationId && !keyCodes.Contains((string)p["code"]!))["code"]!;
        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        var list = await BrowserSession.TextOf(await perf.GetAsync($"/Evaluations/Self?year={Year}"));
        Assert.Contains("id=\"IssueDepartmentIds\"", list);
        Assert.Contains($"<option value=\"{educationId}\">长治市教育局</option>", list);
        using (var issued = await perf.PostFormAsync($"/Evaluations/Self?handler=Issue&year={Year}", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(list),
            ["Title"] = "指定项目自评",
            ["Deadline"] = "2027-03-31",
            ["IssueProjectCodes"] = $"{covered}\n{other}",
        }))
            Assert.True(issued.StatusCode == HttpStatusCode.Redirect, $"issue: {(int)issued.StatusCode} {await BrowserSession.TextOf(issued)}");
        var byCode = (await app.GetJsonAsync("perf", $"/api/v1/evaluations/self-tasks?year={Year}")).AsArray().First(t => (string)t!["title"]! == "指定项目自评")!;
        Assert.Equal([other], (await FormsAsync(app, (long)byCode["id"]!)).Select(f => (string)f["projectCode"]!));
        Assert.Equal(1, (int)byCode["skippedProjects"]!);
        Assert.Equal($"项目代码：{covered}、{other}", (string)byCode["filterText"]!);
        var page = await BrowserSession.TextOf(await perf.GetAsync($"/Evaluations/Self?year={Year}"));
        Assert.Contains("部门：长治市教育局", page);
        Assert.Contains("已跳过 1 个已在其他任务中的项目", page);

        // Nothing left, an unknown code, a department of no region of the caller: refused, nothing issued.
        var before = (await app.GetJsonAsync("perf", $"/api/v1/evaluations/self-tasks?year={Year}")).AsArray().Count;
        using (var again = await IssueAsync(app, new { title = "再次下达", deadline = "2027-03-31", departmentIds = new[] { educationId } }))
            Assert.Contains($"符合条件的{deptForms.Count + educationKey}个项目已经下达过本年度的自评任务",
                (string)(await again.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        using (var unknown = await IssueAsync(app, new { title = "未知项目", deadline = "2027-03-31", projectCodes = new[] { "NO-SUCH-CODE" } }))
            Assert.Contains("项目代码“NO-SUCH-CODE”不是本区划本年度目标已批复的单位项目或部门整体支出",
                (string)(await unknown.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        using (var missing = await IssueAsync(app, new { title = "未知部门", deadline = "2027-03-31", departmentIds = new[] { 987654321L } }))
            await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, (await app.GetJsonAsync("perf", $"/api/v1/evaluations/self-tasks?year={Year}")).AsArray().Count);
    }
}
