using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests.Evaluations;

/// <summary>
/// Key evaluations (重点评价) over the API as the people who act, on both providers: the demo evaluation with three experts and the mean of
/// their scores, expert isolation before closing, 代录, scope (other regions, departments, units and experts get 404), the framework's
/// weight rules, the agency checks, and the report (.docx with a native chart, valid Open XML).
/// </summary>
public sealed class KeyEvaluationApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string DemoCompleted = "学生营养改善计划重点绩效评价";
    private const string DemoScoring = "长治市民政局部门整体支出重点绩效评价";
    private const string DemoPolicy = "农机购置与应用补贴政策重点绩效评价";

    private static async Task<JsonNode> ByTitleAsync(TestApp app, string user, string title)
    {
        var page = await app.GetJsonAsync(user, $"/api/v1/evaluations/key?q={Uri.EscapeDataString(title)}&pageSize=100");
        var id = (long)page["items"]!.AsArray().First(a => (string)a!["title"]! == title)!["id"]!;
        return await app.GetJsonAsync(user, $"/api/v1/evaluations/key/{id}");
    }

    private static async Task<long> ProjectIdAsync(TestApp app, string name)
    {
        var projects = await app.GetJsonAsync("perf", $"/api/v1/projects?q={Uri.EscapeDataString(name)}");
        return (long)projects["items"]!.AsArray().First(p => (string)p!["name"]! == name)!["id"]!;
    }

    /// <summary>perf creates a key evaluation of one project and draws experts of a field.</summary>
    private static async Task<JsonNode> CreateAndDrawAsync(TestApp app, string project, string field, int count)
    {
        var created = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/key",
            new { subjectKind = "Projects", projectIds = new[] { await ProjectIdAsync(app, project) } })).AssertOkJsonAsync(HttpStatusCode.Created);
        var id = (long)created["id"]!;
        return await (await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/evaluations/key/{id}/assign",
            new { version = (int)created["version"]!, method = "Experts", expertCount = count, expertField = field })).AssertOkJsonAsync();
    }

    private static object Sheet(JsonNode evaluation, Func<int, decimal, decimal> points, long? scorerId = null, int? version = null) => new
    {
        scores = evaluation["indicators"]!.AsArray().Select((i, k) => new
        {
            indicatorId = (long)i!["id"]!,
            points = points(k, (decimal)i["weight"]!),
            comment = "依据评分标准逐项核查。",
        }).ToArray(),
        opinion = "总体较好。",
        scorerId,
        version,
    };

    /// <summary>
    /// The demo's policy evaluation: engaged to 山西正信会计师事务所, scored by its staff member (demo account "agency") on the agency's own
    /// sheet, completed with the agency's single sheet as the score, and the agency rated; the agency sees it, its sheet and the report.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Demo_PolicyCompletedByTheAgency_ScoreIsTheAgencySheet(DbProvider provider)
    {
        var app = fixture.For(provider);
        var e = await ByTitleAsync(app, "perf", DemoPolicy);
        Assert.Equal("Policy", (string)e["subjectKind"]!);
        Assert.Equal("Completed", (string)e["state"]!);
        Assert.Equal("Agency", (string)e["method"]!);
        Assert.Equal("山西正信会计师事务所有限公司", (string)e["agencyName"]!);
        Assert.Equal("长治市农业农村局", (string)e["departmentName"]!);
        Assert.Equal("农机购置与应用补贴政策", (string)e["subjects"]!.AsArray().Single()!["name"]!);
        var scorer = e["scorers"]!.AsArray().Single()!;
        Assert.Equal("第三方机构", (string)scorer["label"]!);
        Assert.StartsWith("周丽", (string)scorer["submittedByName"]!);
        var indicators = e["indicators"]!.AsArray();
        Assert.Equal(20, indicators.Count);
        var sum = 0m;
        foreach (var i in indicators)
        {
            var points = (decimal)scorer["scores"]!.AsArray().Single(x => (long)x!["indicatorId"]! == (long)i!["id"]!)!["points"]!;
            Assert.Equal(points, (decimal)i!["score"]!);
            Assert.Contains("÷ 1 =", (string)i["explanation"]!);
            sum += points;
        }
        Assert.Equal(Math.Round(sum, 2, MidpointRounding.AwayFromZero), (decimal)e["totalScore"]!);
        Assert.Equal(88m, (decimal)e["rating"]!["score"]!);
        Assert.False((bool)e["canRate"]!);

        // The agency's own account sees its engagement, its sheet and the report; the experts do not.
        var mine = await app.GetJsonAsync("agency", $"/api/v1/evaluations/key/{(long)e["id"]!}");
        Assert.True((bool)mine["scorers"]![0]!["isMine"]!);
        using (var report = await app.GetAsync("agency", $"/api/v1/evaluations/key/{(long)e["id"]!}/report.docx"))
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        using (var expert = await app.GetAsync("expert2", $"/api/v1/evaluations/key/{(long)e["id"]!}"))
            Assert.Equal(HttpStatusCode.NotFound, expert.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Demo_CompletedByThreeExperts_ScoreIsTheMeanPerIndicator(DbProvider provider)
    {
        var app = fixture.For(provider);
        var e = await ByTitleAsync(app, "perf", DemoCompleted);
        Assert.Equal("Completed", (string)e["state"]!);
        var scorers = e["scorers"]!.AsArray();
        Assert.Equal(3, scorers.Count);
        Assert.Contains(scorers, s => (string?)s!["name"] == "周敏" && (bool)s["hasAccount"]!);
        Assert.Equal(2, scorers.Count(s => ((string)s!["submittedByName"]!).Contains("代录", StringComparison.Ordinal)));
        Assert.Equal(1, (int)e["draw"]!["excluded"]!); // 马文涛 declared a tie to the education bureau
        var total = 0m;
        foreach (var i in e["indicators"]!.AsArray())
        {
            var id = (long)i!["id"]!;
            var points = scorers.Select(s => (decimal)s!["scores"]!.AsArray().Single(x => (long)x!["indicatorId"]! == id)!["points"]!).ToList();
            var mean = points.Sum() / 3;
            Assert.Equal(Math.Round(mean, 10), Math.Round((decimal)i["score"]!, 10));
            Assert.Equal($"({string.Join(" + ", points.Select(p => p.ToString("0.####", CultureInfo.InvariantCulture)))}) ÷ 3 = {Math.Round(mean, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture)}",
                (string)i["explanation"]!);
            total += mean;
        }
        Assert.Equal(Math.Round(total, 2, MidpointRounding.AwayFromZero), (decimal)e["totalScore"]!);
        Assert.Equal("good", (string)e["grade"]!);
        Assert.NotNull(e["ruleSet"]);
        Assert.Equal(["Assign", "CloseScoring", "Complete"], e["history"]!.AsArray().Select(h => (string)h!["action"]!));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Experts_SeeOnlyTheirOwnSheetUntilClosed_AndTheMeanOfThreeAfterwards(DbProvider provider)
    {
        var app = fixture.For(provider);
        // "管理" for a school project: 周敏 (expert2), 侯建军, 牛志刚 — 马文涛 is tied to the education bureau.
        var e = await CreateAndDrawAsync(app, "教学设备购置", "管理", 3);
        var id = (long)e["id"]!;
        var scorers = e["scorers"]!.AsArray();
        Assert.Equal(3, scorers.Count);
        var paper = scorers.Where(s => !(bool)s!["hasAccount"]!).Select(s => (long)s!["id"]!).ToList();
        Assert.Equal(2, paper.Count);

        // The organiser enters the two paper sheets (8/10 and 9/10 of each weight); expert2 may not enter another's sheet.
        (await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/evaluations/key/{id}/my-sheet", Sheet(e, (_, w) => w * 0.8m, paper[0]))).EnsureSuccessStatusCode();
        (await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/evaluations/key/{id}/my-sheet", Sheet(e, (_, w) => w * 0.9m, paper[1]))).EnsureSuccessStatusCode();
        var perfTodos = (await app.GetJsonAsync("perf", "/api/v1/todos"))["items"]!.AsArray().Select(t => (string)t!["title"]!).ToList();
        Assert.DoesNotContain($"代录未开通账号专家的纸质评分表：{(string)e["title"]!}", perfTodos);
        Assert.Contains($"重点评价专家评分：{(string)e["title"]!}", (await app.GetJsonAsync("expert2", "/api/v1/todos"))["items"]!.AsArray().Select(t => (string)t!["title"]!));
        using (var notHers = await app.SendAsync("expert2", HttpMethod.Put, $"/api/v1/evaluations/key/{id}/my-sheet", Sheet(e, (_, w) => w, paper[0])))
            Http.AssertChinese((string?)(await notHers.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);

        // Before closing: expert2 sees the evaluation and her own empty sheet, not the others' points, comments or names; 孙明 sees nothing.
        var seen = await app.GetJsonAsync("expert2", $"/api/v1/evaluations/key/{id}");
        foreach (var s in seen["scorers"]!.AsArray().Where(s => !(bool)s!["isMine"]!))
        {
            Assert.True((bool)s!["submitted"]!);
            Assert.Null(s["scores"]);
            Assert.Null(s["opinion"]);
            Assert.Null(s["name"]);
        }
        Assert.All(seen["indicators"]!.AsArray(), i => Assert.Null(i!["score"]));
        Assert.Null(seen["totalScore"]);
        using (var notAssigned = await app.GetAsync("expert", $"/api/v1/evaluations/key/{id}"))
            Assert.Equal(HttpStatusCode.NotFound, notAssigned.StatusCode);
        using (var notHis = await app.SendAsync("expert", HttpMethod.Put, $"/api/v1/evaluations/key/{id}/my-sheet", Sheet(e, (_, w) => w)))
            Assert.Equal(HttpStatusCode.NotFound, notHis.StatusCode);
        Assert.DoesNotContain((await app.GetJsonAsync("expert", "/api/v1/evaluations/key"))["items"]!.AsArray(), x => (long)x!["id"]! == id);
        var byPerf = await app.GetJsonAsync("perf", $"/api/v1/evaluations/key/{id}");
        Assert.All(byPerf["scorers"]!.AsArray(), s => Assert.Null(s!["scores"]));

        // Closing early is refused; a comment is required; out-of-range points are refused.
        using (var early = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/evaluations/key/{id}/close", new { version = (int)byPerf["version"]! }))
            Assert.Contains("未提交评分", (string)(await early.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        var noComment = new { scores = e["indicators"]!.AsArray().Select(i => new { indicatorId = (long)i!["id"]!, points = 1m, comment = "" }).ToArray() };
        using (var refused = await app.SendAsync("expert2", HttpMethod.Put, $"/api/v1/evaluations/key/{id}/my-sheet", noComment))
            Assert.Contains("评分说明", (string)(await refused.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        using (var tooMuch = await app.SendAsync("expert2", HttpMethod.Put, $"/api/v1/evaluations/key/{id}/my-sheet", Sheet(e, (_, w) => w + 1)))
            Assert.Contains("的得分应在0到", (string)(await tooMuch.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);

        // expert2 scores the full weight on the first indicator and 7/10 elsewhere.
        (await app.SendAsync("expert2", HttpMethod.Put, $"/api/v1/evaluations/key/{id}/my-sheet", Sheet(e, (k, w) => k == 0 ? w : w * 0.7m))).EnsureSuccessStatusCode();
        byPerf = await app.GetJsonAsync("perf", $"/api/v1/evaluations/key/{id}");
        var closed = await (await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/evaluations/key/{id}/close", new { version = (int)byPerf["version"]! })).AssertOkJsonAsync();
        Assert.Equal("Closed", (string)closed["state"]!);
        var first = closed["indicators"]![0]!;
        var w0 = (decimal)first["weight"]!;
        Assert.Equal(w0 * (0.8m + 0.9m + 1m) / 3, (decimal)first["score"]!);
        // Everything else: (0.8 + 0.9 + 0.7) ÷ 3 = 0.8 of the weight → total = 80 + 0.1 × first weight ÷ 3 × … computed exactly:
        var expected = closed["indicators"]!.AsArray().Select((i, k) => (decimal)i!["weight"]! * (k == 0 ? 2.7m : 2.4m) / 3).Sum();
        Assert.Equal(Math.Round(expected, 2, MidpointRounding.AwayFromZero), (decimal)closed["totalScore"]!);
        Assert.Equal("good", (string)closed["grade"]!);

        // After closing every sheet is open to the expert too.
        var after = await app.GetJsonAsync("expert2", $"/api/v1/evaluations/key/{id}");
        Assert.All(after["scorers"]!.AsArray(), s => Assert.NotNull(s!["scores"]));
        using (var late = await app.SendAsync("expert2", HttpMethod.Put, $"/api/v1/evaluations/key/{id}/my-sheet", Sheet(e, (_, w) => w)))
            await late.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Scope_OtherRegionsDepartmentsUnitsAndExperts_Get404(DbProvider provider)
    {
        var app = fixture.For(provider);
        var completed = (long)(await ByTitleAsync(app, "perf", DemoCompleted))["id"]!;
        var scoring = (long)(await ByTitleAsync(app, "perf", DemoScoring))["id"]!;

        // The education bureau sees its completed evaluation, not the civil-affairs one; the auditor sees both.
        Assert.Equal("Completed", (string)(await app.GetJsonAsync("dept", $"/api/v1/evaluations/key/{completed}"))["state"]!);
        await app.GetJsonAsync("auditor", $"/api/v1/evaluations/key/{scoring}");
        var deptList = (await app.GetJsonAsync("dept", "/api/v1/evaluations/key"))["items"]!.AsArray();
        Assert.All(deptList, x => Assert.Equal("Completed", (string)x!["state"]!));
        foreach (var (user, id) in new[] { ("county", completed), ("county", scoring), ("dept", scoring), ("unit", completed), ("unit2", completed),
                     ("expert", completed), ("expert", scoring), ("agency", completed), ("budget", scoring) })
        {
            using var response = await app.GetAsync(user, $"/api/v1/evaluations/key/{id}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{user} → {id}: {(int)response.StatusCode}");
        }
        using (var report = await app.GetAsync("county", $"/api/v1/evaluations/key/{completed}/report.docx"))
            Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);

        // expert2 reaches the civil-affairs evaluation she is drawn for (her sheet still to do: a to-do), but not the other scorer's sheet.
        var mine = await app.GetJsonAsync("expert2", $"/api/v1/evaluations/key/{scoring}");
        Assert.True((bool)mine["canScore"]!);
        Assert.Null(mine["scorers"]!.AsArray().Single(s => !(bool)s!["isMine"]!)!["scores"]);
        var todos = (await app.GetJsonAsync("expert2", "/api/v1/todos"))["items"]!.AsArray().Select(t => (string)t!["title"]!).ToList();
        Assert.Contains($"重点评价专家评分：{DemoScoring}", todos);

        // Only the performance section creates; a department may not.
        using var byDept = await app.SendAsync("dept", HttpMethod.Post, "/api/v1/evaluations/key", new { subjectKind = "DepartmentOverall", departmentId = 1 });
        await byDept.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Framework_WeightsEditable_OutputPlusBenefitBelow60Refused(DbProvider provider)
    {
        var app = fixture.For(provider);
        var created = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/key",
            new { subjectKind = "Projects", projectIds = new[] { await ProjectIdAsync(app, "危桥改造") } })).AssertOkJsonAsync(HttpStatusCode.Created);
        var id = (long)created["id"]!;
        var rows = created["indicators"]!.AsArray();
        Assert.Equal(20, rows.Count);
        Assert.Equal(100m, rows.Sum(r => (decimal)r!["weight"]!));
        Assert.Equal(60m, (decimal)created["outputPlusBenefitMinimum"]!);

        object Framework(Dictionary<string, decimal> changes, int? version = null) => new
        {
            version = version ?? (int)created["version"]!,
            indicators = rows.Select(r => new
            {
                level1 = (string)r!["level1"]!,
                level2 = (string)r["level2"]!,
                name = (string)r["name"]!,
                weight = changes.GetValueOrDefault((string)r["name"]!, (decimal)r["weight"]!),
                standard = (string?)r["standard"],
            }).ToArray(),
        };

        // 10 more points for 立项依据充分性, 5 fewer each for 实际完成率 and 社会效益: output + benefit 50.
        using (var refused = await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/evaluations/key/{id}/framework",
                   Framework(new() { ["立项依据充分性"] = 13m, ["实际完成率"] = 5m, ["社会效益"] = 3m })))
            Assert.Contains("产出和效益指标权重合计应不低于60，现为50", (string)(await refused.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        using (var notHundred = await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/evaluations/key/{id}/framework", Framework(new() { ["社会效益"] = 13m })))
            Assert.Contains("各指标权重合计应为100，现为105", (string)(await notHundred.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        var unchanged = await app.GetJsonAsync("perf", $"/api/v1/evaluations/key/{id}");
        Assert.Equal((int)created["version"]!, (int)unchanged["version"]!);
        Assert.Equal(10m, (decimal)unchanged["indicators"]!.AsArray().Single(i => (string)i!["name"]! == "实际完成率")!["weight"]!);

        // A valid edit: 2 points from 预算执行率 to 实际完成率.
        var saved = await (await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/evaluations/key/{id}/framework",
            Framework(new() { ["预算执行率"] = 3m, ["实际完成率"] = 12m }))).AssertOkJsonAsync();
        Assert.Equal(12m, (decimal)saved["indicators"]!.AsArray().Single(i => (string)i!["name"]! == "实际完成率")!["weight"]!);
        Assert.Empty(saved["frameworkProblems"]!.AsArray());

        // Experts cannot touch the framework; once experts are drawn it is fixed.
        using (var byExpert = await app.SendAsync("expert", HttpMethod.Put, $"/api/v1/evaluations/key/{id}/framework", Framework([], (int)saved["version"]!)))
            Assert.Equal(HttpStatusCode.NotFound, byExpert.StatusCode);
        var drawn = await (await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/evaluations/key/{id}/assign",
            new { version = (int)saved["version"]!, method = "Experts", expertCount = 2, expertField = "卫生管理" })).AssertOkJsonAsync();
        using (var fixedNow = await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/evaluations/key/{id}/framework", Framework([], (int)drawn["version"]!)))
            Assert.Contains("指标体系不能再修改", (string)(await fixedNow.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        Assert.True((await app.GetJsonAsync("perf", $"/api/v1/evaluations/key/{id}/draw-check"))["reproduced"]!.GetValue<bool>());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Agency_BlacklistedOrTied_Refused(DbProvider provider)
    {
        var app = fixture.For(provider);
        var agencies = (await app.GetJsonAsync("perf", "/api/v1/agencies?pageSize=100"))["items"]!.AsArray();
        long Agency(string name) => (long)agencies.First(a => (string)a!["name"]! == name)!["id"]!;
        // 危桥改造 is the transport bureau's: 正信 declared a tie to it; 鼎诚 is blacklisted; 恒信 may be engaged.
        var created = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/key",
            new { subjectKind = "Projects", projectIds = new[] { await ProjectIdAsync(app, "农村公路养护") } })).AssertOkJsonAsync(HttpStatusCode.Created);
        var id = (long)created["id"]!;
        var version = (int)created["version"]!;
        using (var black = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/evaluations/key/{id}/assign", new { version, method = "Agency", agencyId = Agency("山西鼎诚项目管理咨询有限公司") }))
            Assert.Contains("黑名单", (string)(await black.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        using (var tied = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/evaluations/key/{id}/assign", new { version, method = "Agency", agencyId = Agency("山西正信会计师事务所有限公司") }))
            Assert.Contains("关联关系", (string)(await tied.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        Assert.Equal("Draft", (string)(await app.GetJsonAsync("perf", $"/api/v1/evaluations/key/{id}"))["state"]!);
        var engaged = await (await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/evaluations/key/{id}/assign",
            new { version, method = "Agency", agencyId = Agency("山西恒信绩效评价咨询有限公司") })).AssertOkJsonAsync();
        Assert.Equal("Scoring", (string)engaged["state"]!);
        Assert.Equal("山西恒信绩效评价咨询有限公司", (string)engaged["agencyName"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Report_FollowsTheOutline_WithAScoreSheetAndANativeChart_AndIsValidOpenXml(DbProvider provider)
    {
        var app = fixture.For(provider);
        var e = await ByTitleAsync(app, "perf", DemoCompleted);
        using var response = await app.GetAsync("perf", $"/api/v1/evaluations/key/{(long)e["id"]!}/report.docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        using var doc = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var errors = new OpenXmlValidator().Validate(doc).Select(x => $"{x.Part?.Uri} {x.Path?.XPath}: {x.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
        foreach (var heading in new[] { "一、基本情况", "二、评价工作开展情况", "三、综合评价情况及结论", "四、指标分析", "五、主要经验做法、存在问题及原因", "六、有关建议", "七、其他需要说明的问题" })
            Assert.Contains(heading, text, StringComparison.Ordinal);
        Assert.Contains("评分表", text, StringComparison.Ordinal);
        Assert.Contains($"{(decimal)e["totalScore"]!:0.00}", text, StringComparison.Ordinal);
        Assert.Contains("（一）决策指标分析", text, StringComparison.Ordinal);
        Assert.Contains("专家1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("周敏", text, StringComparison.Ordinal);
        var chart = Assert.Single(doc.MainDocumentPart.ChartParts);
        Assert.Contains("得分", chart.ChartSpace!.InnerText, StringComparison.Ordinal);

        var scoring = await ByTitleAsync(app, "perf", DemoScoring);
        using var notYet = await app.GetAsync("perf", $"/api/v1/evaluations/key/{(long)scoring["id"]!}/report.docx");
        await notYet.AssertProblemAsync(HttpStatusCode.BadRequest);
        // The evaluated department may download the completed report.
        using var byDept = await app.GetAsync("dept", $"/api/v1/evaluations/key/{(long)e["id"]!}/report.docx");
        Assert.Equal(HttpStatusCode.OK, byDept.StatusCode);
    }
}
