using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests;

/// <summary>
/// The goal pages as people use them, without JavaScript: the unit corrects its returned goal and submits it,
/// the department passes it with the 四性 scores, the budget section cannot return it without a reason,
/// and the unit sees the reason; another unit gets 404 for the page.
/// </summary>
public sealed class GoalPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ReturnedGoal_ThroughThePages_ReachesReviewAndComesBackWithTheReason(DbProvider provider)
    {
        var app = fixture.For(provider);
        var list = await app.GetJsonAsync("unit", "/api/v1/projects?goalState=Returned");
        var id = (long)list["items"]!.AsArray().First()!["id"]!;
        var page = $"/Goals/Edit?projectId={id}";

        using var unit = new BrowserSession(app.Factory);
        await unit.LogInAsync("unit");
        var html = await unit.TextOfPageAsync(page);
        Assert.Contains("id=\"goal-returned\"", html);
        Assert.Contains("id=\"goal-form\"", html);

        // 保存草稿 posts the whole form (the fields as the page names them), then 申报.
        var goal = await app.GetJsonAsync("unit", $"/api/v1/projects/{id}/goal");
        var fields = GoalFormFields(goal["current"]!, BrowserSession.AntiforgeryToken(html));
        using (var saved = await unit.PostFormAsync($"{page}&handler=Save", fields))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        html = await unit.TextOfPageAsync(page);
        Assert.Contains("id=\"findings-ok\"", html);
        await ActAsync(unit, page, html, "Submit");
        Assert.Contains("待部门审核", await unit.TextOfPageAsync(page));

        using var dept = new BrowserSession(app.Factory);
        await dept.LogInAsync("dept");
        html = await dept.TextOfPageAsync(page);
        Assert.Contains("id=\"goal-readonly\"", html);
        Assert.DoesNotContain("id=\"goal-form\"", html);
        await ActAsync(dept, page, html, "Pass", ("Completeness", "23"), ("Relevance", "22"), ("Appropriateness", "22"), ("Feasibility", "23"));
        html = await dept.TextOfPageAsync(page);
        Assert.Contains("待财政审核", html);
        Assert.Contains("四性审核得分 90", html);

        using var budget = new BrowserSession(app.Factory);
        await budget.LogInAsync("budget");
        html = await budget.TextOfPageAsync(page);
        using (var refused = await PostActAsync(budget, page, html, "Return"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var text = await BrowserSession.TextOf(refused);
            Assert.Contains("必须填写理由", text);
            Assert.Contains("待财政审核", text);
        }
        await ActAsync(budget, page, html, "Return", ("Reason", "资助标准测算依据不足。"));

        html = await unit.TextOfPageAsync(page);
        Assert.Contains("资助标准测算依据不足。", html);
        Assert.Contains("id=\"goal-returned-reason\"", html);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GoalPage_OfAnotherUnit_Is404(DbProvider provider)
    {
        var app = fixture.For(provider);
        var id = (long)(await app.GetJsonAsync("unit", "/api/v1/projects"))["items"]!.AsArray().First()!["id"]!;
        using var other = new BrowserSession(app.Factory);
        await other.LogInAsync("unit2");
        using var response = await other.GetAsync($"/Goals/Edit?projectId={id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("不在您的权限范围内", await BrowserSession.TextOf(response));
        using var edit = await other.GetAsync($"/Projects/Edit?id={id}");
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        using var declaration = await other.GetAsync($"/Goals/Edit?projectId={id}&handler=Declaration");
        Assert.Equal(HttpStatusCode.NotFound, declaration.StatusCode);

        using var owner = new BrowserSession(app.Factory);
        await owner.LogInAsync("unit");
        using var own = await owner.GetAsync($"/Goals/Edit?projectId={id}&handler=Declaration");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal((byte)'P', (await own.Content.ReadAsByteArrayAsync())[0]);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ProjectList_ShowsOnlyTheScope_AndExportsXlsx(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var unit = new BrowserSession(app.Factory);
        await unit.LogInAsync("unit");
        var html = await unit.TextOfPageAsync("/Projects/Index");
        Assert.Contains("id=\"project-create\"", html);
        Assert.DoesNotContain("长治市人民医院", html);
        using var export = await unit.GetAsync("/Projects/Index?handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
    }

    private static List<KeyValuePair<string, string>> GoalFormFields(JsonNode goal, string token)
    {
        var f = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token),
            new("Version", ((int)goal["version"]!).ToString(CultureInfo.InvariantCulture)),
            new("MediumTermGoal", (string?)goal["mediumTermGoal"] ?? ""),
            new("AnnualGoal", ((string?)goal["annualGoal"] ?? "") + "（已按退回意见修改）"),
        };
        var i = 0;
        foreach (var x in goal["indicators"]!.AsArray())
        {
            void Add(string name, JsonNode? value) => f.Add(new($"Indicators[{i}].{name}", value?.ToString() ?? ""));
            Add("Level1", x!["level1"]);
            Add("Level2", x["level2"]);
            Add("Name", x["name"]);
            Add("Comparison", x["comparison"]);
            Add("TargetValue", x["targetValue"]);
            Add("TargetText", x["targetText"]);
            Add("Unit", x["unit"]);
            Add("Weight", x["weight"]);
            Add("ScoringStandard", x["scoringStandard"]);
            Add("Basis", x["basis"]);
            Add("Remark", x["remark"]);
            Add("LibraryIndicatorId", x["libraryIndicatorId"]);
            i++;
        }
        return f;
    }

    private static async Task ActAsync(BrowserSession s, string page, string html, string action, params (string Name, string Value)[] extra)
    {
        using var response = await PostActAsync(s, page, html, action, extra);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{action}: {(int)response.StatusCode} {await BrowserSession.TextOf(response)}");
    }

    private static Task<HttpResponseMessage> PostActAsync(BrowserSession s, string page, string html, string action, params (string Name, string Value)[] extra)
    {
        var version = System.Text.RegularExpressions.Regex.Match(html, "id=\"goal-action-form\"[^>]*>\\s*<input type=\"hidden\" name=\"Version\" value=\"(\\d+)\"");
        Assert.True(version.Success, "no action form with a version");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", BrowserSession.AntiforgeryToken(html)),
            new("Version", version.Groups[1].Value),
            new("act", action),
        };
        fields.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)));
        return s.PostFormAsync($"{page}&handler=Act", fields);
    }
}

internal static class BrowserSessionPages
{
    /// <summary>GETs a page that must be 200 and returns its decoded text.</summary>
    public static async Task<string> TextOfPageAsync(this BrowserSession s, string path)
    {
        using var response = await s.GetAsync(path);
        var text = await BrowserSession.TextOf(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        return text;
    }
}
