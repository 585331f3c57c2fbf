using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests.Goals;

/// <summary>
/// Performance goals over the API as the people who act: the whole review path, returns with reasons, stale
/// versions, the quality check and the ex-ante gate, adjustments, and scope (another unit's project is 404).
/// Each test works on its own demo project (DemoGoals), so the tests of one app do not disturb each other.
/// </summary>
public sealed class GoalApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<long> ProjectIdAsync(TestApp app, string user, string name)
    {
        var page = await app.GetJsonAsync(user, $"/api/v1/projects?q={Uri.EscapeDataString(name)}");
        return (long)page["items"]!.AsArray().Single(p => (string)p!["name"]! == name)!["id"]!;
    }

    private static Task<JsonNode> GoalAsync(TestApp app, string user, long id) => app.GetJsonAsync(user, $"/api/v1/projects/{id}/goal");

    private static async Task<HttpResponseMessage> ActAsync(TestApp app, string user, long id, string action, object? extra = null)
    {
        var goal = await GoalAsync(app, user, id);
        var version = (int)goal["current"]!["version"]!;
        var body = new JsonObject { ["version"] = version };
        if (extra is not null)
            foreach (var (k, v) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra))!.AsObject()) body[k] = v?.DeepClone();
        return await app.SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/goal/{action}", body);
    }

    private static async Task<string> StateAsync(TestApp app, string user, long id) => (string)(await GoalAsync(app, user, id))["current"]!["state"]!;

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Workflow_ReturnedGoalResubmitted_PassesEveryReviewToPublication(DbProvider provider)
    {
        var app = fixture.For(provider);
        var id = await ProjectIdAsync(app, "unit", "家庭经济困难学生资助");
        Assert.Equal("Returned", await StateAsync(app, "unit", id));
        Assert.False(string.IsNullOrEmpty((string?)(await GoalAsync(app, "unit", id))["current"]!["returnReason"]));

        (await ActAsync(app, "unit", id, "submit")).EnsureSuccessStatusCode();
        Assert.Equal("Submitted", await StateAsync(app, "unit", id));
        var deptTodos = await app.GetJsonAsync("dept", "/api/v1/todos");
        Assert.Contains(deptTodos["items"]!.AsArray(), t => ((string)t!["title"]!).Contains("家庭经济困难学生资助"));

        (await ActAsync(app, "dept", id, "review", new { pass = true, score = new { completeness = 24, relevance = 23, appropriateness = 22, feasibility = 23 } })).EnsureSuccessStatusCode();
        (await ActAsync(app, "budget", id, "review", new { pass = true })).EnsureSuccessStatusCode();
        (await ActAsync(app, "budget", id, "approve")).EnsureSuccessStatusCode();
        (await ActAsync(app, "perf", id, "publish")).EnsureSuccessStatusCode();

        var goal = await GoalAsync(app, "unit", id);
        Assert.Equal("Published", (string)goal["current"]!["state"]!);
        Assert.Equal(92m, (decimal)goal["current"]!["reviewScore"]!);
        var steps = goal["history"]!.AsArray().Select(s => $"{s!["action"]}:{s["role"]}").ToList();
        Assert.Equal(["Submit:BudgetUnit", "Pass:Department", "Return:BudgetSection", "Submit:BudgetUnit", "Pass:Department", "Pass:BudgetSection", "Approve:BudgetSection", "Publish:PerformanceSection"], steps);
        var deptTodosAfter = await app.GetJsonAsync("dept", "/api/v1/todos");
        Assert.DoesNotContain(deptTodosAfter["items"]!.AsArray(), t => ((string)t!["title"]!).Contains("家庭经济困难学生资助"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Review_ReturnWithoutReason_400ThenWithReasonTheUnitSeesIt(DbProvider provider)
    {
        var app = fixture.For(provider);
        var id = await ProjectIdAsync(app, "unit", "教学设备购置");
        Assert.Equal("Submitted", await StateAsync(app, "dept", id));

        using (var refused = await ActAsync(app, "dept", id, "review", new { pass = false, reason = "  " }))
        {
            var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("理由", (string)problem["detail"]!);
        }
        Assert.Equal("Submitted", await StateAsync(app, "dept", id));

        (await ActAsync(app, "dept", id, "review", new { pass = false, reason = "设备数量与预算测算不符，请补充测算依据。" })).EnsureSuccessStatusCode();
        var goal = await GoalAsync(app, "unit", id);
        Assert.Equal("Returned", (string)goal["current"]!["state"]!);
        Assert.Equal("设备数量与预算测算不符，请补充测算依据。", (string)goal["current"]!["returnReason"]!);
        Assert.Contains("Submit", goal["availableActions"]!.AsArray().Select(a => (string)a!));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Review_LowFourCriteriaScore_CannotPass(DbProvider provider)
    {
        var app = fixture.For(provider);
        var id = await ProjectIdAsync(app, "dept", "课后服务经费");
        Assert.Equal("DepartmentReviewed", await StateAsync(app, "budget", id));

        using var refused = await ActAsync(app, "budget", id, "review", new { pass = true, score = new { completeness = 15, relevance = 15, appropriateness = 15, feasibility = 15 } });

        var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("不能审核通过", (string)problem["detail"]!);
        Assert.Equal("DepartmentReviewed", await StateAsync(app, "budget", id));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Act_WrongRole_RefusedNamingWhoMay(DbProvider provider)
    {
        var app = fixture.For(provider);
        var id = await ProjectIdAsync(app, "dept", "教师能力提升培训");
        Assert.Equal("FinanceReviewed", await StateAsync(app, "dept", id));

        using var refused = await ActAsync(app, "dept", id, "approve");

        var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("部门预算管理科", (string)problem["detail"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SaveDraft_StaleVersion_409AndNothingChanged(DbProvider provider)
    {
        var app = fixture.For(provider);
        var id = await ProjectIdAsync(app, "dept", "学生食堂改造");
        var goal = await GoalAsync(app, "dept", id);
        var current = goal["current"]!;
        var body = new JsonObject
        {
            ["version"] = (int)current["version"]! - 1,
            ["mediumTermGoal"] = current["mediumTermGoal"]!.DeepClone(),
            ["annualGoal"] = "被覆盖的年度目标",
            ["indicators"] = current["indicators"]!.DeepClone(),
        };
        // The draft belongs to 长治市实验小学, which has no demo account: the department cannot edit it at all.
        using (var notOwner = await app.SendAsync("dept", HttpMethod.Put, $"/api/v1/projects/{id}/goal", body))
            await notOwner.AssertProblemAsync(HttpStatusCode.BadRequest);

        var ownId = await CreateProjectAsync(app, "unit", "校园网络升级", 800_000m);
        var saved = await (await app.SendAsync("unit", HttpMethod.Put, $"/api/v1/projects/{ownId}/goal", GoodGoal(null, 80m))).AssertOkJsonAsync();
        var version = (int)saved["current"]!["version"]!;
        (await app.SendAsync("unit", HttpMethod.Put, $"/api/v1/projects/{ownId}/goal", GoodGoal(version, 80m))).EnsureSuccessStatusCode();

        using var stale = await app.SendAsync("unit", HttpMethod.Put, $"/api/v1/projects/{ownId}/goal", GoodGoal(version, 80m, "被覆盖"));
        await stale.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.NotEqual("被覆盖", (string?)(await GoalAsync(app, "unit", ownId))["current"]!["annualGoal"]);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Submit_QualityCheckErrors_RefusedWithTheFindings(DbProvider provider)
    {
        var app = fixture.For(provider);
        var id = await CreateProjectAsync(app, "unit", "图书馆图书购置", 300_000m);
        var goal = new JsonObject
        {
            ["annualGoal"] = "进一步丰富馆藏。",
            ["indicators"] = new JsonArray(new JsonObject
            {
                ["level1"] = "Output",
                ["level2"] = "Quantity",
                ["name"] = "购置图书册数",
                ["comparison"] = "AtLeast",
                ["targetValue"] = 5000,
                ["unit"] = "册",
                ["weight"] = 90,
                ["basis"] = "Plan",
            }),
        };
        (await app.SendAsync("unit", HttpMethod.Put, $"/api/v1/projects/{id}/goal", goal)).EnsureSuccessStatusCode();

        var findings = (await app.GetJsonAsync("unit", $"/api/v1/projects/{id}/goal/findings")).AsArray().Select(f => (string)f!["code"]!).ToList();
        Assert.Contains("NoBenefitIndicator", findings);
        Assert.Contains("CategoryWeightOff", findings);

        using var refused = await ActAsync(app, "unit", id, "submit");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("效益指标", (string)problem["detail"]!);
        Assert.Equal("Draft", await StateAsync(app, "unit", id));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Submit_NewMajorProjectWithoutPriorAssessment_Refused(DbProvider provider)
    {
        var app = fixture.For(provider);
        var id = await ProjectIdAsync(app, "unit2", "公立医院医疗设备购置");

        using var refused = await ActAsync(app, "unit2", id, "submit");

        var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("事前绩效评估", (string)problem["detail"]!);
        Assert.Equal("Draft", await StateAsync(app, "unit2", id));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Adjust_PublishedGoal_NewVersionWhileTheOldStaysInForceUntilApproved(DbProvider provider)
    {
        var app = fixture.For(provider);
        var id = await ProjectIdAsync(app, "unit", "学校校舍维修改造");
        using (var noReason = await ActAsync(app, "unit", id, "adjust"))
            await noReason.AssertProblemAsync(HttpStatusCode.BadRequest);

        (await ActAsync(app, "unit", id, "adjust", new { reason = "追加预算50万元，增加维修面积。" })).EnsureSuccessStatusCode();
        var adjusting = await GoalAsync(app, "unit", id);
        Assert.Equal("Adjusting", (string)adjusting["current"]!["state"]!);
        Assert.Equal(2, (int)adjusting["current"]!["versionNo"]!);
        Assert.Equal(1, (int)adjusting["inForce"]!["versionNo"]!);
        Assert.Equal("Published", (string)adjusting["inForce"]!["state"]!);

        // A supplementary budget (追加) changes the funding together with the adjusted goal.
        var project = await app.GetJsonAsync("unit", $"/api/v1/projects/{id}");
        var update = project.DeepClone().AsObject();
        update["otherFunding"] = 500_000m;
        using (var funded = await app.SendAsync("unit", HttpMethod.Put, $"/api/v1/projects/{id}", update))
            Assert.Equal((decimal)project["totalBudget"]! + 500_000m, (decimal)(await funded.AssertOkJsonAsync())["totalBudget"]!);
        var cost = (await GoalAsync(app, "unit", id))["current"]!.DeepClone().AsObject();
        foreach (var i in cost["indicators"]!.AsArray().Where(i => (string)i!["level2"]! == "Cost")) i!["targetValue"] = ((decimal)project["totalBudget"]! + 500_000m) / 10_000m;
        (await app.SendAsync("unit", HttpMethod.Put, $"/api/v1/projects/{id}/goal", new JsonObject
        {
            ["version"] = cost["version"]!.DeepClone(),
            ["annualGoal"] = cost["annualGoal"]!.DeepClone(),
            ["indicators"] = cost["indicators"]!.DeepClone(),
            ["adjustmentReason"] = "追加预算50万元，增加维修面积。",
        })).EnsureSuccessStatusCode();

        (await ActAsync(app, "unit", id, "submit")).EnsureSuccessStatusCode();
        using (var locked = await app.SendAsync("unit", HttpMethod.Put, $"/api/v1/projects/{id}", update))
            await locked.AssertProblemAsync(HttpStatusCode.BadRequest);
        (await ActAsync(app, "dept", id, "review", new { pass = true })).EnsureSuccessStatusCode();
        (await ActAsync(app, "budget", id, "review", new { pass = true })).EnsureSuccessStatusCode();
        Assert.Equal(1, (int)(await GoalAsync(app, "unit", id))["inForce"]!["versionNo"]!);
        (await ActAsync(app, "budget", id, "approve")).EnsureSuccessStatusCode();

        var approved = await GoalAsync(app, "unit", id);
        Assert.Equal(2, (int)approved["current"]!["versionNo"]!);
        Assert.Equal(2, (int)approved["inForce"]!["versionNo"]!);
        Assert.Equal("Approved", (string)approved["inForce"]!["state"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Scope_AnotherUnitsProject_404ForReadAndAct(DbProvider provider)
    {
        var app = fixture.For(provider);
        var hospital = await ProjectIdAsync(app, "unit2", "重点专科建设");

        foreach (var path in new[] { $"/api/v1/projects/{hospital}", $"/api/v1/projects/{hospital}/goal", $"/api/v1/projects/{hospital}/goal/findings" })
        {
            using var read = await app.GetAsync("unit", path);
            await read.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        using (var act = await app.SendAsync("unit", HttpMethod.Post, $"/api/v1/projects/{hospital}/goal/submit", new { version = 0 }))
            await act.AssertProblemAsync(HttpStatusCode.NotFound);
        using (var review = await app.SendAsync("dept", HttpMethod.Post, $"/api/v1/projects/{hospital}/goal/review", new { version = 0, pass = true }))
            await review.AssertProblemAsync(HttpStatusCode.NotFound);
        using (var county = await app.GetAsync("county", $"/api/v1/projects/{hospital}"))
            await county.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ApproveDepartment_WithTheBudget_ApprovesEveryGoalWaitingForIt(DbProvider provider)
    {
        var app = fixture.For(provider);
        var health = (await app.OrganizationIdsAsync())["长治市卫生健康委员会"];
        var waiting = (await app.GetJsonAsync("budget", $"/api/v1/projects?pageSize=1000&departmentId={health}&goalState=FinanceReviewed"))["items"]!.AsArray()
            .Select(p => (long)p!["id"]!).ToList();
        Assert.NotEmpty(waiting);

        using (var dept = await app.SendAsync("dept", HttpMethod.Post, $"/api/v1/projects/approve-department?departmentId={health}", null))
            await dept.AssertProblemAsync(HttpStatusCode.Forbidden);
        var result = await (await app.SendAsync("budget", HttpMethod.Post, $"/api/v1/projects/approve-department?departmentId={health}", null)).AssertOkJsonAsync();

        Assert.Equal(waiting.Count, (int)result["approved"]!);
        foreach (var id in waiting) Assert.Equal("Approved", await StateAsync(app, "budget", id));
        var perfTodos = await app.GetJsonAsync("perf", "/api/v1/todos?pageSize=1000");
        Assert.True(perfTodos["items"]!.AsArray().Count(t => ((string)t!["title"]!).StartsWith("公开绩效目标", StringComparison.Ordinal)) >= waiting.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task DepartmentWideGoal_DepartmentSubmits_GoesStraightToTheBudgetSection(DbProvider provider)
    {
        var app = fixture.For(provider);
        var education = (await app.OrganizationIdsAsync())["长治市教育局"];
        var body = new
        {
            code = "D" + Guid.NewGuid().ToString("N")[..12],
            name = "长治市教育局部门整体支出",
            kind = "OverallSpending",
            organizationId = education,
            budgetKind = "General",
            category = "Ordinary",
            startYear = 2026,
            endYear = 2026,
            responsiblePersonName = "张伟",
            currentYearAppropriation = 50_000_000m,
            fiscalYear = 2026,
        };
        using (var unitTries = await app.SendAsync("unit", HttpMethod.Post, "/api/v1/projects", body))
            await unitTries.AssertProblemAsync(HttpStatusCode.NotFound);
        var id = (long)(await (await app.SendAsync("dept", HttpMethod.Post, "/api/v1/projects", body)).AssertOkJsonAsync(HttpStatusCode.Created))["id"]!;
        (await app.SendAsync("dept", HttpMethod.Put, $"/api/v1/projects/{id}/goal", GoodGoal(null, 5000m))).EnsureSuccessStatusCode();

        (await ActAsync(app, "dept", id, "submit")).EnsureSuccessStatusCode();

        Assert.Equal("DepartmentReviewed", await StateAsync(app, "budget", id));
        (await ActAsync(app, "budget", id, "review", new { pass = true })).EnsureSuccessStatusCode();
        Assert.Equal("FinanceReviewed", await StateAsync(app, "dept", id));
    }

    public static TheoryData<DbProvider, string, string[]> ListRows()
    {
        var data = new TheoryData<DbProvider, string, string[]>();
        foreach (var p in new[] { DbProvider.Sqlite, DbProvider.Postgres })
        {
            data.Add(p, "unit", ["长治市第一中学校"]);
            data.Add(p, "unit2", ["长治市人民医院"]);
            data.Add(p, "dept", ["长治市第一中学校", "长治市第二中学校", "长治市实验小学"]);
            data.Add(p, "budget", ["长治市第一中学校", "长治市第二中学校", "长治市实验小学", "长治市人民医院", "长治市疾病预防控制中心", "长治市妇幼保健院", "长治市社会福利院", "长治市救助管理站", "长治市殡仪馆"]);
            data.Add(p, "expert", []);
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(ListRows))]
    public async Task ListProjects_EachUser_OnlyTheirScope(DbProvider provider, string user, string[] units)
    {
        var app = fixture.For(provider);
        var page = await app.GetJsonAsync(user, "/api/v1/projects?pageSize=1000&kind=Project");
        var seen = page["items"]!.AsArray().Select(p => (string)p!["unitName"]!).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(units.Order(StringComparer.Ordinal), seen);
        Assert.Equal(page["items"]!.AsArray().Count, (int)page["total"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ListProjects_FiltersAndPaging(DbProvider provider)
    {
        var app = fixture.For(provider);
        var all = await app.GetJsonAsync("perf", "/api/v1/projects?pageSize=5000");
        Assert.True((int)all["total"]! >= 30);
        Assert.True(all["items"]!.AsArray().Count <= 1000);

        var big = await app.GetJsonAsync("perf", "/api/v1/projects?pageSize=1000&minBudget=5000000");
        Assert.All(big["items"]!.AsArray(), p => Assert.True((decimal)p!["totalBudget"]! >= 5_000_000m));
        Assert.Equal(all["items"]!.AsArray().Count(p => (decimal)p!["totalBudget"]! >= 5_000_000m), (int)big["total"]!);

        var drafts = await app.GetJsonAsync("perf", "/api/v1/projects?pageSize=1000&goalState=Draft");
        Assert.All(drafts["items"]!.AsArray(), p => Assert.Equal("Draft", (string)p!["goalState"]!));

        var page2 = await app.GetJsonAsync("perf", "/api/v1/projects?page=2&pageSize=10");
        Assert.Equal(10, page2["items"]!.AsArray().Count);
        Assert.Equal((int)all["total"]!, (int)page2["total"]!);
    }

    private static async Task<long> CreateProjectAsync(TestApp app, string user, string name, decimal budget)
    {
        var body = Samples.Project(name, budget);
        var created = await (await app.SendAsync(user, HttpMethod.Post, "/api/v1/projects", body)).AssertOkJsonAsync(HttpStatusCode.Created);
        Assert.Equal("138****0000", (string?)created["responsiblePersonPhone"]);
        return (long)created["id"]!;
    }

    private static JsonObject GoodGoal(int? version, decimal budgetWan, string annual = "完成年度建设任务。") => new()
    {
        ["version"] = version,
        ["annualGoal"] = annual,
        ["indicators"] = Samples.Indicators(budgetWan),
    };
}
