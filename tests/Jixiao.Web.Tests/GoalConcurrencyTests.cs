using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests;

/// <summary>
/// Two signed-in sessions editing the same goal (issue 9, item 3): one save wins, the other gets the Chinese conflict
/// message — on the page with what it typed still in the form, in the API as 409 — and nothing is lost or merged: the
/// winner's values are stored whole, none of the loser's, and the loser can reload and save. Each test declares a
/// project of its own, so the tests do not share a goal.
/// </summary>
public sealed class GoalConcurrencyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Owner = "unit";

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TwoPageSessions_SaveTheSameGoal_SecondGetsTheConflictWithItsInputKept_ThenReloadsAndSaves(DbProvider provider)
    {
        var app = fixture.For(provider);
        var id = await NewDraftAsync(app, "并发编辑页面项目");
        var page = $"/Goals/Edit?projectId={id}";

        using var first = new BrowserSession(app.Factory);
        using var second = new BrowserSession(app.Factory);
        await first.LogInAsync(Owner);
        await second.LogInAsync(Owner);
        Assert.NotEqual(first.AuthCookie?.Value, second.AuthCookie?.Value);

        // Both open the form of the same version.
        var firstHtml = await first.TextOfPageAsync(page);
        var secondHtml = await second.TextOfPageAsync(page);
        var opened = await GoalAsync(app, id);
        var version = (int)opened["version"]!;
        Assert.Equal(version, FormVersion(firstHtml));
        Assert.Equal(version, FormVersion(secondHtml));

        using (var saved = await first.PostFormAsync($"{page}&handler=Save",
            Form(opened, BrowserSession.AntiforgeryToken(firstHtml), version, "甲的年度目标", quantity: 12m)))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using (var refused = await second.PostFormAsync($"{page}&handler=Save",
            Form(opened, BrowserSession.AntiforgeryToken(secondHtml), version, "乙的年度目标", quantity: 99m)))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var text = await BrowserSession.TextOf(refused);
            Assert.Contains("已被他人修改", text);
            Assert.Contains("乙的年度目标", text); // what the loser typed is still in the form
        }

        var stored = await GoalAsync(app, id);
        Assert.Equal(version + 1, (int)stored["version"]!);
        Assert.Equal("甲的年度目标", (string?)stored["annualGoal"]);
        Assert.Equal(12m, Quantity(stored));

        // The loser reloads (the winner's values now in the form) and saves its own change on top.
        secondHtml = await second.TextOfPageAsync(page);
        Assert.Equal(version + 1, FormVersion(secondHtml));
        Assert.Contains("甲的年度目标", secondHtml);
        using (var saved = await second.PostFormAsync($"{page}&handler=Save",
            Form(stored, BrowserSession.AntiforgeryToken(secondHtml), version + 1, "乙的年度目标", quantity: 12m)))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        stored = await GoalAsync(app, id);
        Assert.Equal(version + 2, (int)stored["version"]!);
        Assert.Equal("乙的年度目标", (string?)stored["annualGoal"]);
        Assert.Equal(12m, Quantity(stored));

        await AssertAuditIntactAsync(app);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TwoApiSessions_SaveTheSameGoal_SecondIs409_NothingMerged_ThenReloadsAndSaves(DbProvider provider)
    {
        var app = fixture.For(provider);
        var id = await NewDraftAsync(app, "并发编辑接口项目");
        var a = app.NewTokenAsync(Owner);
        var b = app.NewTokenAsync(Owner);
        Assert.NotEqual(await a, await b);

        var opened = await GoalAsync(app, id);
        var version = (int)opened["version"]!;
        // A changes the annual goal only; B changes an indicator's target only. A stale B must not be merged into A's save.
        using (var won = await app.SendWithTokenAsync(a, HttpMethod.Put, $"/api/v1/projects/{id}/goal", Body(opened, version, "甲改了年度目标", Quantity(opened))))
            Assert.Equal(version + 1, (int)(await won.AssertOkJsonAsync())["current"]!["version"]!);
        using (var lost = await app.SendWithTokenAsync(b, HttpMethod.Put, $"/api/v1/projects/{id}/goal", Body(opened, version, (string?)opened["annualGoal"], 77m)))
        {
            var problem = await lost.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("已被他人修改", (string?)problem["detail"]);
        }
        var stored = await GoalAsync(app, id);
        Assert.Equal(version + 1, (int)stored["version"]!);
        Assert.Equal("甲改了年度目标", (string?)stored["annualGoal"]);
        Assert.Equal(Quantity(opened), Quantity(stored));
        Assert.Equal(opened["indicators"]!.AsArray().Count, stored["indicators"]!.AsArray().Count);

        using (var retried = await app.SendWithTokenAsync(b, HttpMethod.Put, $"/api/v1/projects/{id}/goal", Body(stored, version + 1, (string?)stored["annualGoal"], 77m)))
            await retried.AssertOkJsonAsync();
        stored = await GoalAsync(app, id);
        Assert.Equal("甲改了年度目标", (string?)stored["annualGoal"]);
        Assert.Equal(77m, Quantity(stored));
        await AssertAuditIntactAsync(app);
    }

    /// <summary>The two saves really at the same time, several rounds: always exactly one 200 and one 409, and the stored goal is the winner's.</summary>
    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TwoApiSessions_SaveAtTheSameMoment_ExactlyOneWins(DbProvider provider)
    {
        var app = fixture.For(provider);
        var id = await NewDraftAsync(app, "并发同时保存项目");
        var a = app.NewTokenAsync(Owner);
        var b = app.NewTokenAsync(Owner);
        for (var round = 0; round < 5; round++)
        {
            var opened = await GoalAsync(app, id);
            var version = (int)opened["version"]!;
            var texts = new[] { $"甲第{round}轮", $"乙第{round}轮" };
            var responses = await Task.WhenAll(
                app.SendWithTokenAsync(a, HttpMethod.Put, $"/api/v1/projects/{id}/goal", Body(opened, version, texts[0], 100m + round)),
                app.SendWithTokenAsync(b, HttpMethod.Put, $"/api/v1/projects/{id}/goal", Body(opened, version, texts[1], 200m + round)));
            var statuses = responses.Select(r => r.StatusCode).ToArray();
            foreach (var r in responses) r.Dispose();
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Conflict));
            var winner = Array.IndexOf(statuses, HttpStatusCode.OK);
            var stored = await GoalAsync(app, id);
            Assert.Equal(version + 1, (int)stored["version"]!);
            Assert.Equal(texts[winner], (string?)stored["annualGoal"]);
            Assert.Equal((winner == 0 ? 100m : 200m) + round, Quantity(stored)); // the winner's values whole, not a mix
        }
        await AssertAuditIntactAsync(app);
    }

    // ---------------------------------------------------------------- helpers

    private static async Task<long> NewDraftAsync(TestApp app, string name)
    {
        var created = await (await app.SendAsync(Owner, HttpMethod.Post, "/api/v1/projects", Samples.Project(name))).AssertOkJsonAsync(HttpStatusCode.Created);
        var id = (long)created["id"]!;
        var indicators = Samples.Indicators();
        using var saved = await app.SendAsync(Owner, HttpMethod.Put, $"/api/v1/projects/{id}/goal",
            new JsonObject { ["annualGoal"] = "初稿", ["indicators"] = indicators });
        await saved.AssertOkJsonAsync();
        return id;
    }

    private static async Task<JsonNode> GoalAsync(TestApp app, long id) => (await app.GetJsonAsync(Owner, $"/api/v1/projects/{id}/goal"))["current"]!;

    private static decimal Quantity(JsonNode goal) =>
        (decimal)goal["indicators"]!.AsArray().Single(i => (string?)i!["name"] == "完成数量")!["targetValue"]!;

    /// <summary>The goal as read, with the annual goal and the 完成数量 target replaced, as the body of PUT …/goal.</summary>
    private static JsonObject Body(JsonNode goal, int version, string? annual, decimal quantity)
    {
        var indicators = goal["indicators"]!.DeepClone().AsArray();
        foreach (var i in indicators)
            if ((string?)i!["name"] == "完成数量") i["targetValue"] = quantity;
        return new JsonObject
        {
            ["version"] = version,
            ["mediumTermGoal"] = goal["mediumTermGoal"]?.DeepClone(),
            ["annualGoal"] = annual,
            ["indicators"] = indicators,
        };
    }

    private static int FormVersion(string html)
    {
        var m = System.Text.RegularExpressions.Regex.Match(html, "id=\"goal-form\"[^>]*>[\\s\\S]*?name=\"Version\" value=\"(\\d+)\"");
        Assert.True(m.Success, "no goal form with a version");
        return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The goal form's fields as the page names them (the same as GoalPagesTests posts).</summary>
    private static List<KeyValuePair<string, string>> Form(JsonNode goal, string token, int version, string annual, decimal quantity)
    {
        var f = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token),
            new("Version", version.ToString(CultureInfo.InvariantCulture)),
            new("MediumTermGoal", (string?)goal["mediumTermGoal"] ?? ""),
            new("AnnualGoal", annual),
        };
        var i = 0;
        foreach (var x in goal["indicators"]!.AsArray())
        {
            void Add(string name, JsonNode? value) => f.Add(new($"Indicators[{i}].{name}", value?.ToString() ?? ""));
            Add("Level1", x!["level1"]);
            Add("Level2", x["level2"]);
            Add("Name", x["name"]);
            Add("Comparison", x["comparison"]);
            Add("TargetValue", (string?)x["name"] == "完成数量" ? JsonValue.Create(quantity) : x["targetValue"]);
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

    private static async Task AssertAuditIntactAsync(TestApp app)
    {
        using var verify = await app.SendAsync("auditadmin", HttpMethod.Post, "/api/v1/audit/verify");
        var result = await verify.AssertOkJsonAsync();
        Assert.True((bool)result["intact"]!, result.ToJsonString());
    }
}
