using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests.Monitoring;

/// <summary>
/// POST /api/v1/monitoring/warning-preview: the example of issue 5, the rule set of the region and year (a county's own
/// thresholds change the answer), Chinese 400s for bad input, 404 for a region outside the caller's scope, 401 without a
/// token and 403 for the admin roles.
/// </summary>
public sealed class WarningPreviewTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Path = "/api/v1/monitoring/warning-preview";

    /// <summary>The request of issue 5, without region and year (the caller's own).</summary>
    private const string IssueExample =
        """{"month":7,"budget":1000000,"executed":350000,"indicators":[{"comparison":">=","target":100,"toDate":40},{"comparison":"qualitative","band":"partial"}]}""";

    private static Task<HttpResponseMessage> PreviewAsync(TestApp app, string? user, object body) => app.SendAsync(user, HttpMethod.Post, Path, body);

    private static async Task<JsonNode> PreviewOkAsync(TestApp app, string user, object body)
    {
        using var response = await PreviewAsync(app, user, body);
        return await response.AssertOkJsonAsync();
    }

    private static List<string> Colors(JsonNode body) => body["indicatorColors"]!.AsArray().Select(c => (string)c!).ToList();

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_IssueExample_CallersRegionAndYear(DbProvider provider)
    {
        var app = fixture.For(provider);
        var me = await app.GetJsonAsync("unit", "/api/v1/me");
        var rules = await app.GetJsonAsync("unit", "/api/v1/rule-sets/current");

        var body = await PreviewOkAsync(app, "unit", JsonNode.Parse(IssueExample)!);
        Assert.Equal(0.5833m, (decimal)body["timeProgress"]!);
        Assert.Equal(0.35m, (decimal)body["executionRate"]!);
        // 0.35 ÷ 7/12 = 0.60 exactly, the lower edge of yellow; 40 ÷ (100 × 7/12) = 0.69; partial is yellow.
        Assert.Equal("yellow", (string?)body["budgetColor"]);
        Assert.Equal(["yellow", "yellow"], Colors(body));
        Assert.Equal("yellow", (string?)body["projectColor"]);
        Assert.Equal((long)me["regionId"]!, (long)body["regionId"]!);
        Assert.Equal((int)rules["fiscalYear"]!, (int)body["year"]!);
        Http.AssertChinese((string?)body["ruleSet"]);

        // The same with region and year given explicitly.
        var explicitBody = JsonNode.Parse(IssueExample)!;
        explicitBody["region"] = (long)me["regionId"]!;
        explicitBody["year"] = (int)rules["fiscalYear"]!;
        var same = await PreviewOkAsync(app, "perf", explicitBody);
        Assert.Equal(body.ToJsonString(), same.ToJsonString());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_ColoursAtTheEdges(DbProvider provider)
    {
        var app = fixture.For(provider);
        var body = await PreviewOkAsync(app, "dept", new
        {
            month = 12,
            budget = 1000m,
            executed = 599.99m,
            indicators = new object[]
            {
                new { comparison = ">=", target = 100m, toDate = 120m },
                new { comparison = "≥", target = 100m, toDate = 80m },
                new { comparison = "<=", target = 5m, toDate = 5.01m },
                new { comparison = "=", target = 0m, toDate = 0m },
                new { comparison = "qualitative", band = "notAchieved" },
                new { comparison = "Qualitative", band = "achieved" },
            },
        });
        Assert.Equal(0.6m, (decimal)body["executionRate"]!); // 0.59999 rounded to 4 decimals; the colour uses the exact rate
        Assert.Equal(1m, (decimal)body["timeProgress"]!);
        Assert.Equal("red", (string?)body["budgetColor"]);
        Assert.Equal(["blue", "green", "red", "green", "red", "green"], Colors(body));
        Assert.Equal("red", (string?)body["projectColor"]);

        var blue = await PreviewOkAsync(app, "dept", new { month = 6, budget = 0m, executed = 0m, indicators = new[] { new { comparison = ">=", target = 10m, toDate = 6m } } });
        Assert.Equal(0m, (decimal)blue["executionRate"]!);
        Assert.Equal("green", (string?)blue["budgetColor"]); // no budget: nothing to warn about
        Assert.Equal("blue", (string?)blue["projectColor"]);   // blue is worse than green

        var none = await PreviewOkAsync(app, "dept", new { month = 3, budget = 100m, executed = 25m });
        Assert.Empty(Colors(none));
        Assert.Equal("green", (string?)none["projectColor"]);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_CountyOwnThresholds_ChangeTheAnswer(DbProvider provider)
    {
        var app = fixture.For(provider);
        object Request(long? region = null) => new
        {
            month = 7,
            budget = 1_000_000m,
            executed = 350_000m,
            indicators = new[] { new { comparison = ">=", target = 100m, toDate = 40m } },
            region,
        };

        var county = await app.GetJsonAsync("county", "/api/v1/rule-sets/current");
        var countyRegion = (long)county["regionId"]!;
        var before = await PreviewOkAsync(app, "county", Request());
        Assert.Equal("yellow", (string?)before["budgetColor"]);
        Assert.Equal("yellow", (string?)before["projectColor"]);

        var content = county["content"]!.DeepClone();
        content["monitoring"]!["yellowFrom"] = 0.40m;
        content["monitoring"]!["greenFrom"] = 0.55m;
        content["monitoring"]!["blueFrom"] = 1.50m;
        using (var saved = await app.SendAsync("county", HttpMethod.Put, "/api/v1/rule-sets/current",
            new { baseVersionNo = (int)county["versionNo"]!, content, comment = "放宽预警阈值" }))
            await saved.AssertOkJsonAsync();

        var after = await PreviewOkAsync(app, "county", Request());
        Assert.Equal("green", (string?)after["budgetColor"]);
        Assert.Equal(["green"], Colors(after));
        Assert.Equal("green", (string?)after["projectColor"]);
        Assert.Equal(countyRegion, (long)after["regionId"]!);
        Assert.NotEqual((string?)before["ruleSet"], (string?)after["ruleSet"]);

        // The city's performance section sees the county's answer when it names the county, and its own otherwise.
        var cityOnCounty = await PreviewOkAsync(app, "perf", Request(countyRegion));
        Assert.Equal("green", (string?)cityOnCounty["projectColor"]);
        var city = await PreviewOkAsync(app, "perf", Request());
        Assert.Equal("yellow", (string?)city["projectColor"]);
        Assert.NotEqual(countyRegion, (long)city["regionId"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_BadInput_Is400InChinese(DbProvider provider)
    {
        var app = fixture.For(provider);
        var cases = new (object Body, string Field, string Fragment)[]
        {
            (new { month = 13, budget = 100m, executed = 1m }, "month", "月份"),
            (new { month = 0, budget = 100m, executed = 1m }, "month", "月份"),
            (new { budget = 100m, executed = 1m }, "month", "月份"),
            (new { month = 7, executed = 1m }, "budget", "预算"),
            (new { month = 7, budget = -1m, executed = 1m }, "budget", "负数"),
            (new { month = 7, budget = 100m }, "executed", "支出"),
            (new { month = 7, budget = 100m, executed = 1m, indicators = new[] { new { comparison = "~" } } }, "indicators[0].comparison", "第1个指标"),
            (new { month = 7, budget = 100m, executed = 1m, indicators = new[] { new { comparison = "qualitative", band = "half" } } }, "indicators[0].band", "band"),
            (new { month = 7, budget = 100m, executed = 1m, indicators = new object[] { new { comparison = ">=", target = 1m, toDate = 1m }, new { comparison = "qualitative" } } }, "indicators[1]", "第2个指标"),
            (new { month = 7, budget = 100m, executed = 1m, indicators = new[] { new { comparison = ">=", target = 10m } } }, "indicators[0]", "完成值"),
            (new { month = 7, budget = 100m, executed = 1m, year = 1900 }, "year", "年度"),
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

        // Not JSON at all: the API's own Chinese 400 as well.
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent("{\"month\":", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", await app.TokenAsync("unit"));
        using var broken = await app.Client.SendAsync(request);
        Http.AssertChinese((string?)(await broken.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
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
