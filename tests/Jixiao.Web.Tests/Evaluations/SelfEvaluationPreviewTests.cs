using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests.Evaluations;

/// <summary>
/// POST /api/v1/scoring/self-evaluation-preview: the example of issue 6, the rule set of the region and year (a county's own
/// grade bands change the grade), the needsExplanation flags and weight warnings, Chinese 400s naming the field (an entered
/// qualitative score outside its band names the allowed range), 404 for a region outside the caller's scope, 401 without a
/// token and 403 for the admin roles.
/// </summary>
public sealed class SelfEvaluationPreviewTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Path = "/api/v1/scoring/self-evaluation-preview";

    /// <summary>The request of issue 6, without region and year (the caller's own).</summary>
    private const string IssueExample =
        """{"budget":{"fullYear":1000000,"executed":950000},"indicators":[{"level1":"output","comparison":">=","target":100,"actual":80,"weight":30},{"level1":"output","comparison":">=","target":50,"actual":60,"weight":20},{"level1":"benefit","comparison":"<=","target":10,"actual":12,"weight":30},{"level1":"satisfaction","comparison":"qualitative","band":"achieved","points":9,"weight":10}]}""";

    private static Task<HttpResponseMessage> PreviewAsync(TestApp app, string? user, object body) => app.SendAsync(user, HttpMethod.Post, Path, body);

    private static async Task<JsonNode> PreviewOkAsync(TestApp app, string user, object body)
    {
        using var response = await PreviewAsync(app, user, body);
        return await response.AssertOkJsonAsync();
    }

    private static List<T> Each<T>(JsonNode body, string field) => body["indicators"]!.AsArray().Select(i => i![field]!.GetValue<T>()).ToList();

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_IssueExample_86Point5Good_CallersRegionAndYear(DbProvider provider)
    {
        var app = fixture.For(provider);
        var me = await app.GetJsonAsync("unit", "/api/v1/me");
        var rules = await app.GetJsonAsync("unit", "/api/v1/rule-sets/current");

        var body = await PreviewOkAsync(app, "unit", JsonNode.Parse(IssueExample)!);
        Assert.Equal(9.5m, (decimal)body["executionPoints"]!);
        Assert.Equal(0.95m, (decimal)body["executionRate"]!);
        Assert.Contains("10 × 950000 ÷ 1000000 = 9.5", (string?)body["executionExplanation"]);
        Assert.Equal([24m, 20m, 24m, 9m], Each<decimal>(body, "points"));
        Assert.Equal([true, false, true, false], Each<bool>(body, "needsExplanation"));
        Assert.Equal([false, true, false, true], Each<bool>(body, "met"));
        Assert.Equal([false, false, false, false], Each<bool>(body, "overAchieved"));
        Assert.Equal(["output", "output", "benefit", "satisfaction"], Each<string>(body, "level1"));
        Assert.Equal([">=", ">=", "<=", "qualitative"], Each<string>(body, "comparison"));
        var explanations = Each<string>(body, "explanation");
        Assert.Equal("实际值80 ≥ 目标值100? 否：30 × 80 ÷ 100 = 24", explanations[0]);
        Assert.Equal("实际值12 ≤ 目标值10? 否：30 × (1 − (12 − 10) ÷ 10) = 24", explanations[2]);
        Assert.All(explanations, Http.AssertChinese);
        Assert.Equal(86.5m, (decimal)body["total"]!);
        Assert.Equal("good", (string?)body["grade"]);
        Assert.Equal("良", (string?)body["gradeName"]);
        Assert.True((bool)body["needsExplanation"]!);
        Assert.Empty(body["warnings"]!.AsArray());
        Assert.Equal((long)me["regionId"]!, (long)body["regionId"]!);
        Assert.Equal((int)rules["fiscalYear"]!, (int)body["year"]!);
        Http.AssertChinese((string?)body["ruleSet"]);
        Assert.True(body.AsObject().ContainsKey("ruleSetVersion"));

        // The same with region and year given explicitly, and with the signs ≥ ≤.
        var explicitBody = JsonNode.Parse(IssueExample.Replace("\">=\"", "\"≥\"").Replace("\"<=\"", "\"≤\""))!;
        explicitBody["region"] = (long)me["regionId"]!;
        explicitBody["year"] = (int)rules["fiscalYear"]!;
        var same = await PreviewOkAsync(app, "perf", explicitBody);
        Assert.Equal(body.ToJsonString(), same.ToJsonString());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_CountyOwnGradeBands_ChangeTheGrade(DbProvider provider)
    {
        var app = fixture.For(provider);
        var county = await app.GetJsonAsync("county", "/api/v1/rule-sets/current");
        var countyRegion = (long)county["regionId"]!;
        var before = await PreviewOkAsync(app, "county", JsonNode.Parse(IssueExample)!);
        Assert.Equal("good", (string?)before["grade"]);

        var content = county["content"]!.DeepClone();
        content["grades"]!["excellent"] = 80m;
        content["grades"]!["good"] = 70m;
        content["grades"]!["fair"] = 60m;
        content["selfEvaluation"]!["overAchievementThreshold"] = 1.2m;
        var baseVersion = (int)county["versionNo"]!;
        using (var saved = await app.SendAsync("county", HttpMethod.Put, "/api/v1/rule-sets/current",
            new { baseVersionNo = baseVersion, content, comment = "本县评价等级 80/70/60" }))
            await saved.AssertOkJsonAsync();

        var after = await PreviewOkAsync(app, "county", JsonNode.Parse(IssueExample)!);
        Assert.Equal(86.5m, (decimal)after["total"]!);
        Assert.Equal("excellent", (string?)after["grade"]);
        Assert.Equal("优", (string?)after["gradeName"]);
        Assert.Equal([true, true, true, false], Each<bool>(after, "needsExplanation")); // 120 % reaches the county's 120 %
        Assert.True(Each<bool>(after, "overAchieved")[1]);
        Assert.Equal(baseVersion + 1, (int)after["ruleSetVersion"]!);
        Assert.Equal(countyRegion, (long)after["regionId"]!);
        Assert.NotEqual((string?)before["ruleSet"], (string?)after["ruleSet"]);

        // The city's performance section gets the county's answer when it names the county, and its own otherwise.
        var cityOnCounty = JsonNode.Parse(IssueExample)!;
        cityOnCounty["region"] = countyRegion;
        Assert.Equal("excellent", (string?)(await PreviewOkAsync(app, "perf", cityOnCounty))["grade"]);
        var city = await PreviewOkAsync(app, "perf", JsonNode.Parse(IssueExample)!);
        Assert.Equal("good", (string?)city["grade"]);
        Assert.NotEqual(countyRegion, (long)city["regionId"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_FlagsAndWeightWarnings(DbProvider provider)
    {
        var app = fixture.For(provider);
        // No satisfaction indicator, benefit declared at 30 instead of 40; output over-achieved (130 %) and a = 0 indicator missed.
        var body = await PreviewOkAsync(app, "dept", new
        {
            budget = new { fullYear = 40m, executed = 35m },
            indicators = new object[]
            {
                new { level1 = "output", comparison = ">=", target = 100m, actual = 130m, weight = 40m },
                new { level1 = "cost", comparison = "<=", target = 100m, actual = 100m, weight = 20m },
                new { level1 = "benefit", comparison = "=", target = 0m, actual = 0.01m, weight = 20m },
                new { level1 = "benefit", comparison = "qualitative", band = "partial", points = 6m, weight = 10m },
            },
        });
        Assert.Equal(8.75m, (decimal)body["executionPoints"]!);
        Assert.Equal([40m, 20m, 0m, 6m], Each<decimal>(body, "points"));
        Assert.Equal([true, false, false, false], Each<bool>(body, "overAchieved"));
        Assert.Equal([true, false, true, true], Each<bool>(body, "needsExplanation"));
        Assert.Equal(74.75m, (decimal)body["total"]!);
        Assert.Equal("fair", (string?)body["grade"]);
        var warnings = body["warnings"]!.AsArray().Select(w => (string)w!).ToList();
        Assert.Contains(warnings, w => w.Contains("产出指标（含成本指标）分值合计应为 50，现为 60"));
        Assert.Contains(warnings, w => w.Contains("效益指标分值合计应为 40，现为 30"));
        Assert.All(warnings, Http.AssertChinese);

        var allMet = await PreviewOkAsync(app, "dept", new
        {
            budget = new { fullYear = 100m, executed = 100m },
            indicators = new[] { new { level1 = "output", comparison = ">=", target = 1m, actual = 1m, weight = 90m } },
        });
        Assert.False((bool)allMet["needsExplanation"]!);
        Assert.Equal(100m, (decimal)allMet["total"]!);
        Assert.Equal("excellent", (string?)allMet["grade"]);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_BadInput_Is400InChinese(DbProvider provider)
    {
        var app = fixture.For(provider);
        var budget = new { fullYear = 100m, executed = 90m };
        object One(object indicator) => new { budget, indicators = new[] { indicator } };
        var cases = new (object Body, string Field, string Fragment)[]
        {
            (One(new { level1 = "satisfaction", comparison = "qualitative", band = "achieved", points = 10.01m, weight = 10m }), "indicators[0].points", "[8, 10]"),
            (One(new { level1 = "satisfaction", comparison = "qualitative", band = "achieved", points = 7.99m, weight = 10m }), "indicators[0].points", "[8, 10]"),
            (One(new { level1 = "satisfaction", comparison = "qualitative", band = "partial", points = 8m, weight = 10m }), "indicators[0].points", "[6, 8)"),
            (One(new { level1 = "satisfaction", comparison = "qualitative", band = "notAchieved", points = -1m, weight = 10m }), "indicators[0].points", "[0, 6)"),
            (One(new { level1 = "satisfaction", comparison = "qualitative", band = "partial", weight = 10m }), "indicators[0].points", "[6, 8)"),
            (One(new { level1 = "satisfaction", comparison = "qualitative", band = "half", points = 5m, weight = 10m }), "indicators[0].band", "band"),
            (One(new { level1 = "output", comparison = ">=", target = 100m, actual = -1m, weight = 30m }), "indicators[0].actual", "负数"),
            (One(new { level1 = "output", comparison = "<=", target = -5m, actual = 1m, weight = 30m }), "indicators[0].target", "负数"),
            (One(new { level1 = "output", comparison = ">=", actual = 1m, weight = 30m }), "indicators[0].target", "目标值"),
            (One(new { level1 = "output", comparison = ">=", target = 1m, actual = 1m, weight = -3m }), "indicators[0].weight", "分值"),
            (One(new { level1 = "output", comparison = ">=", target = 1m, actual = 1m }), "indicators[0].weight", "分值"),
            (One(new { level1 = "other", comparison = ">=", target = 1m, actual = 1m, weight = 30m }), "indicators[0].level1", "level1"),
            (One(new { level1 = "output", comparison = "~", target = 1m, actual = 1m, weight = 30m }), "indicators[0].comparison", "第1个指标"),
            (new { budget = new { fullYear = 100m, executed = -1m }, indicators = new[] { new { level1 = "output", comparison = ">=", target = 1m, actual = 1m, weight = 90m } } }, "budget.executed", "负数"),
            (new { budget = new { fullYear = 0m, executed = 0m }, indicators = new[] { new { level1 = "output", comparison = ">=", target = 1m, actual = 1m, weight = 90m } } }, "budget.fullYear", "全年预算数"),
            (new { budget = new { executed = 1m }, indicators = Array.Empty<object>() }, "budget.fullYear", "全年预算数"),
            (new { indicators = Array.Empty<object>() }, "budget.fullYear", "全年预算数"),
            (new { budget }, "indicators", "指标"),
            (new { budget, indicators = new[] { new { level1 = "output", comparison = ">=", target = 1m, actual = 1m, weight = 90m } }, year = 1900 }, "year", "年度"),
        };
        foreach (var (body, field, fragment) in cases)
        {
            using var response = await PreviewAsync(app, "unit", body);
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
            var detail = (string?)problem["detail"];
            Http.AssertChinese(detail);
            Assert.Contains(fragment, detail);
            Assert.True(problem["errors"]?.AsObject().ContainsKey(field) == true, $"{field}: {problem.ToJsonString()}");
        }

        // Not JSON at all, or a number no decimal holds (NaN, 1e400): the API's own Chinese 400 as well.
        var token = await app.TokenAsync("unit");
        foreach (var raw in new[]
        {
            "{\"budget\":",
            IssueExample.Replace("\"actual\":80", "\"actual\":\"NaN\""),
            IssueExample.Replace("\"actual\":80", "\"actual\":1e400"),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new("Bearer", token);
            using var broken = await app.Client.SendAsync(request);
            Http.AssertChinese((string?)(await broken.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_RegionOutsideScope_Is404(DbProvider provider)
    {
        var app = fixture.For(provider);
        var city = (long)(await app.GetJsonAsync("perf", "/api/v1/me"))["regionId"]!;
        var body = JsonNode.Parse(IssueExample)!;
        body["region"] = city;
        using (var county = await PreviewAsync(app, "county", body))
            Http.AssertChinese((string?)(await county.AssertProblemAsync(HttpStatusCode.NotFound))["detail"]);
        body["region"] = 999_999_999L;
        using (var unknown = await PreviewAsync(app, "unit", body))
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_NoToken_Is401_AdminRole_Is403(DbProvider provider)
    {
        var app = fixture.For(provider);
        using (var anonymous = await PreviewAsync(app, null, JsonNode.Parse(IssueExample)!))
            await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);
        foreach (var admin in new[] { "sysadmin", "secadmin", "auditadmin" })
        {
            using var forbidden = await PreviewAsync(app, admin, JsonNode.Parse(IssueExample)!);
            await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }
}
