using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests.Evaluations;

/// <summary>
/// Unit self-evaluation over the API as the people who act: a task issued by the performance section, a form filled with a live score
/// that equals the stateless calculator's, execution from the payments, submission fixing the score with the rule-set version (a later
/// rule change leaves it alone), the department's return with a reason and its pass, and scope.
/// </summary>
public sealed class SelfEvaluationApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static Task<HttpResponseMessage> ActAsync(TestApp app, string user, long id, string action, int version, string? reason = null) =>
        app.SendAsync(user, HttpMethod.Post, $"/api/v1/evaluations/self/{id}/{action}", new { version, reason });

    private static Task<HttpResponseMessage> SaveAsync(TestApp app, long id, int version, object[] indicators, string? actualOutcome = null) =>
        app.SendAsync("unit", HttpMethod.Put, $"/api/v1/evaluations/self/{id}", new { version, indicators, actualOutcome });

    /// <summary>Every target met, except the cost indicator (≤), 1.5 times its target; qualitative ones 达成 with full points.</summary>
    private static object[] Fill(JsonNode form, bool explain, decimal? qualitativePoints = null) =>
        form["indicators"]!.AsArray().Select(i =>
        {
            var id = (long)i!["id"]!;
            var weight = (decimal)i["weight"]!;
            string? reason = explain ? "原材料价格上涨，成本超出计划。" : null;
            string? measures = explain ? "下年度加强成本测算和采购管理。" : null;
            return (string)i["comparison"]! switch
            {
                "qualitative" => (object)new { id, band = "Achieved", points = qualitativePoints ?? weight },
                "<=" => new { id, actual = (decimal)i["target"]! * 1.5m, deviationReason = reason, measures },
                _ => new { id, actual = (decimal?)i["target"] ?? 0m },
            };
        }).ToArray();

    /// <summary>
    /// Approves the goal of the unit's returned demo project 家庭经济困难学生资助 with its satisfaction indicator made qualitative, so
    /// that the form has a qualitative row.
    /// </summary>
    private static async Task<string> ApproveWithQualitativeAsync(TestApp app)
    {
        const string name = "家庭经济困难学生资助";
        var projectId = (long)(await app.GetJsonAsync("unit", $"/api/v1/projects?q={Uri.EscapeDataString(name)}"))["items"]!.AsArray()
            .Single(p => (string)p!["name"]! == name)!["id"]!;
        var current = (await app.GetJsonAsync("unit", $"/api/v1/projects/{projectId}/goal"))["current"]!;
        var indicators = current["indicators"]!.DeepClone().AsArray();
        var satisfaction = indicators.First(i => (string)i!["level1"]! == "Satisfaction")!;
        satisfaction["comparison"] = "Qualitative";
        satisfaction["targetValue"] = null;
        satisfaction["targetText"] = "受助学生及家长总体满意";
        var saved = await (await app.SendAsync("unit", HttpMethod.Put, $"/api/v1/projects/{projectId}/goal", new JsonObject
        {
            ["version"] = (int)current["version"]!,
            ["mediumTermGoal"] = current["mediumTermGoal"]?.DeepClone(),
            ["annualGoal"] = current["annualGoal"]?.DeepClone(),
            ["indicators"] = indicators,
        })).AssertOkJsonAsync();
        async Task Act(string user, string action, object body) =>
            (await app.SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{projectId}/goal/{action}", body)).EnsureSuccessStatusCode();
        async Task<int> Version() => (int)(await app.GetJsonAsync("unit", $"/api/v1/projects/{projectId}/goal"))["current"]!["version"]!;
        await Act("unit", "submit", new { version = (int)saved["current"]!["version"]! });
        await Act("dept", "review", new { version = await Version(), pass = true, score = new { completeness = 24, relevance = 23, appropriateness = 22, feasibility = 23 } });
        await Act("budget", "review", new { version = await Version(), pass = true });
        await Act("budget", "approve", new { version = await Version() });
        return name;
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SelfEvaluation_FilledLive_SubmittedWithPinnedRules_ReviewedByTheDepartment(DbProvider provider)
    {
        var app = fixture.For(provider);
        var projectName = await ApproveWithQualitativeAsync(app);
        using (var byUnit = await app.SendAsync("unit", HttpMethod.Post, "/api/v1/evaluations/self-tasks", new { title = "x", deadline = "2027-03-31" }))
            await byUnit.AssertProblemAsync(HttpStatusCode.BadRequest);
        var task = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/self-tasks",
            new { title = "2026年度项目支出绩效自评", deadline = "2027-03-31" })).AssertOkJsonAsync(HttpStatusCode.Created);
        Assert.True((int)task["evaluations"]! > 0);
        using (var twice = await app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/self-tasks", new { title = "再次下达", deadline = "2027-03-31" }))
            Assert.Contains("已经下达", (string)(await twice.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        Assert.Contains((await app.GetJsonAsync("unit", "/api/v1/evaluations/self-tasks")).AsArray(), t => (long)t!["id"]! == (long)task["id"]!);
        Assert.Contains((await app.GetJsonAsync("unit", "/api/v1/todos"))["items"]!.AsArray(), t => ((string)t!["title"]!).Contains("填报绩效自评"));

        var list = (await app.GetJsonAsync("unit", $"/api/v1/evaluations/self?taskId={(long)task["id"]!}"))["items"]!.AsArray();
        Assert.NotEmpty(list);
        Assert.All(list, r => Assert.Equal("长治市第一中学校", (string)r!["unitName"]!));
        var id = (long)list.Single(r => (string)r!["projectName"]! == projectName)!["id"]!;
        var form = await app.GetJsonAsync("unit", $"/api/v1/evaluations/self/{id}");
        Assert.True((bool)form["canEdit"]!);
        Assert.False((bool)form["fixed"]!);
        Assert.NotEmpty(form["indicators"]!.AsArray());
        Assert.True((decimal)form["yearStartBudget"]! > 0m);

        // 全年执行数 is the sum of the project's payments of the year, 全年预算数 the warning board's budget at the end of December.
        var code = (string)form["projectCode"]!;
        var payments = (await app.GetJsonAsync("unit", $"/api/v1/payments?year=2026&projectCode={code}&pageSize=1000"))["items"]!.AsArray();
        Assert.Equal(payments.Sum(p => (decimal)p!["amount"]!), (decimal)form["executed"]!);
        var warning = (await app.GetJsonAsync("unit", $"/api/v1/monitoring/warnings?year=2026&month=12&q={code}"))["items"]![0]!;
        Assert.Equal((decimal)warning["budget"]!, (decimal)form["fullYearBudget"]!);

        // The live score as the unit types: complete, and the same as the stateless calculator's for the same figures.
        var saved = await (await SaveAsync(app, id, (int)form["version"]!, Fill(form, explain: false), "项目按计划实施，成本略有超支。")).AssertOkJsonAsync();
        Assert.True((bool)saved["complete"]!);
        var cost = saved["indicators"]!.AsArray().First(i => (string)i!["comparison"]! == "<=")!;
        Assert.True((bool)cost["needsExplanation"]!);
        Assert.Equal((decimal)cost["weight"]! / 2m, (decimal)cost["points"]!);
        Assert.Contains("×", (string)cost["explanation"]!);
        var preview = await (await app.SendAsync("unit", HttpMethod.Post, "/api/v1/scoring/self-evaluation-preview", new
        {
            budget = new { fullYear = (decimal)saved["fullYearBudget"]!, executed = Math.Max(0m, (decimal)saved["executed"]!) },
            indicators = saved["indicators"]!.AsArray().Select(i => new
            {
                level1 = (string)i!["level1"]!,
                comparison = (string)i["comparison"]!,
                target = (decimal?)i["target"],
                actual = (decimal?)i["actual"],
                weight = (decimal)i["weight"]!,
                band = (string?)i["band"] is { } b ? "achieved" : null,
                points = (decimal?)i["enteredPoints"],
            }).ToArray(),
        })).AssertOkJsonAsync();
        var liveTotal = (decimal)saved["total"]!;
        Assert.Equal((decimal)preview["total"]!, liveTotal);
        Assert.Equal((string)preview["grade"]!, (string)saved["grade"]!);

        // An out-of-band qualitative score is shown as the row's error while editing and refused at submission with the engine's message.
        Assert.Contains(saved["indicators"]!.AsArray(), i => (string)i!["comparison"]! == "qualitative");
        {
            var outOfBand = await (await SaveAsync(app, id, (int)saved["version"]!, Fill(saved, explain: true, qualitativePoints: 0m))).AssertOkJsonAsync();
            Assert.NotNull((string?)outOfBand["indicators"]!.AsArray().First(i => (string)i!["comparison"]! == "qualitative")!["error"]);
            using (var refused = await ActAsync(app, "unit", id, "submit", (int)outOfBand["version"]!))
                Assert.Contains("档的得分应在", (string)(await refused.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
            saved = await (await SaveAsync(app, id, (int)outOfBand["version"]!, Fill(outOfBand, explain: false))).AssertOkJsonAsync();
        }

        using (var unexplained = await ActAsync(app, "unit", id, "submit", (int)saved["version"]!))
            Assert.Contains("偏差原因", (string)(await unexplained.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        saved = await (await SaveAsync(app, id, (int)saved["version"]!, Fill(saved, explain: true))).AssertOkJsonAsync();
        var submitted = await (await ActAsync(app, "unit", id, "submit", (int)saved["version"]!)).AssertOkJsonAsync();
        Assert.Equal("Submitted", (string)submitted["state"]!);
        Assert.True((bool)submitted["fixed"]!);
        Assert.False((bool)submitted["canEdit"]!);
        Assert.Equal(liveTotal, (decimal)submitted["total"]!);
        var rules = await app.GetJsonAsync("perf", "/api/v1/rule-sets/current");
        Assert.Equal((int)rules["versionNo"]!, (int)submitted["ruleSetVersion"]!);
        Assert.Contains(submitted["history"]!.AsArray(), s => ((string?)s!["comment"] ?? "").Contains("总分"));
        // The unit's to-do for the task stays while it has other forms to submit.
        Assert.Equal(list.Count > 1, (await app.GetJsonAsync("unit", "/api/v1/todos"))["items"]!.AsArray().Any(t => ((string)t!["title"]!).Contains("填报绩效自评")));
        Assert.Contains((await app.GetJsonAsync("dept", "/api/v1/todos"))["items"]!.AsArray(), t => ((string)t!["title"]!).Contains("审核绩效自评"));

        // A later rule change (grade bands, the ≤ zero factor) applies to what is scored after it, not to the stored score.
        var content = rules["content"]!.DeepClone();
        content["grades"]!["excellent"] = 99m;
        content["grades"]!["good"] = 98m;
        content["grades"]!["fair"] = 97m;
        content["selfEvaluation"]!["lessIsBetterZeroFactor"] = 3m;
        await (await app.SendAsync("perf", HttpMethod.Put, "/api/v1/rule-sets/current",
            new { baseVersionNo = (int)rules["versionNo"]!, content, comment = "提高等级分数线" })).AssertOkJsonAsync();
        var after = await app.GetJsonAsync("dept", $"/api/v1/evaluations/self/{id}");
        Assert.Equal((decimal)submitted["total"]!, (decimal)after["total"]!);
        Assert.Equal((string)submitted["grade"]!, (string)after["grade"]!);
        Assert.Equal((int)submitted["ruleSetVersion"]!, (int)after["ruleSetVersion"]!);
        Assert.Equal((decimal)cost["weight"]! / 2m, (decimal)after["indicators"]!.AsArray().First(i => (string)i!["comparison"]! == "<=")!["points"]!);
        Assert.Equal(["Pass", "Return"], after["actions"]!.AsArray().Select(a => (string)a!).Order().ToList());

        using (var unitCannot = await ActAsync(app, "unit", id, "pass", (int)after["version"]!))
            await unitCannot.AssertProblemAsync(HttpStatusCode.BadRequest);
        using (var noReason = await ActAsync(app, "dept", id, "return", (int)after["version"]!, " "))
            Assert.Contains("理由", (string)(await noReason.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        var returned = await (await ActAsync(app, "dept", id, "return", (int)after["version"]!, "成本超支原因分析不充分，请补充。")).AssertOkJsonAsync();
        Assert.Equal("Returned", (string)returned["state"]!);
        var back = await app.GetJsonAsync("unit", $"/api/v1/evaluations/self/{id}");
        Assert.Equal("成本超支原因分析不充分，请补充。", (string)back["returnReason"]!);
        Assert.True((bool)back["canEdit"]!);

        var again = await (await ActAsync(app, "unit", id, "submit", (int)back["version"]!)).AssertOkJsonAsync();
        Assert.Equal((int)rules["versionNo"]! + 1, (int)again["ruleSetVersion"]!);
        var passed = await (await ActAsync(app, "dept", id, "pass", (int)again["version"]!)).AssertOkJsonAsync();
        Assert.Equal("DepartmentReviewed", (string)passed["state"]!);
        Assert.Equal(["Submit", "Return", "Submit", "Pass"], passed["history"]!.AsArray().Select(s => (string)s!["action"]!).ToList());
        var reviewed = (await app.GetJsonAsync("perf", $"/api/v1/evaluations/self?state=DepartmentReviewed&grade={(string)passed["grade"]!}"))["items"]!.AsArray();
        Assert.Contains(reviewed, r => (long)r!["id"]! == id);

        using (var otherUnit = await app.GetAsync("unit2", $"/api/v1/evaluations/self/{id}"))
            Assert.Equal(HttpStatusCode.NotFound, otherUnit.StatusCode);
        using (var otherSave = await app.SendAsync("unit2", HttpMethod.Put, $"/api/v1/evaluations/self/{id}", new { version = 1, indicators = Array.Empty<object>() }))
            Assert.Equal(HttpStatusCode.NotFound, otherSave.StatusCode);
        Assert.DoesNotContain((await app.GetJsonAsync("unit2", "/api/v1/evaluations/self"))["items"]!.AsArray(), r => (long)r!["id"]! == id);
    }
}
