using System.Net;
using System.Text.RegularExpressions;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests.Appraisals;

/// <summary>
/// The demo's finished appraisal of last year through the pages and the API: both rounds published with a ranking that has a tie, a
/// commendation and a talk with its deadline; a department self-scores this sheet page's form, the review page refuses an adjustment
/// without a reason in Chinese.
/// </summary>
public sealed partial class AppraisalPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<string> PageAsync(BrowserSession s, string path)
    {
        using var response = await s.GetAsync(path);
        var text = await BrowserSession.TextOf(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 500)]}");
        return text;
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Demo_LastYear_PublishedWithTieCommendationAndTalk(DbProvider provider)
    {
        var app = fixture.For(provider);
        var year = JixiaoFactory.Start.Year - 1;
        var list = await app.GetJsonAsync("perf", $"/api/v1/appraisals?year={year}");
        Assert.Equal(2, (int)list["total"]!);
        Assert.All(list["items"]!.AsArray(), r => Assert.Equal("Published", (string)r!["state"]!));

        var departments = list["items"]!.AsArray().Single(r => (string)r!["kind"]! == "department")!;
        var round = await app.GetJsonAsync("perf", $"/api/v1/appraisals/{(long)departments["id"]!}");
        var sheets = round["sheets"]!.AsArray();
        Assert.Equal(6, sheets.Count);
        var ranks = sheets.Select(s => (int)s!["rank"]!).ToList();
        Assert.True(ranks.Count != ranks.Distinct().Count(), $"a tie in the demo ranking: {string.Join(",", ranks)}");
        Assert.Equal(1, (int)sheets[0]!["commendations"]!);
        Assert.Equal(1, (int)sheets[^1]!["talks"]!);
        var worst = await app.GetJsonAsync("perf", $"/api/v1/appraisals/sheets/{(long)sheets[^1]!["sheetId"]!}");
        var talk = worst["followUps"]!.AsArray().Single(f => (string)f!["kind"]! == "talk")!;
        Assert.NotNull(talk["improvementDeadline"]);
        var found = new List<int>();
        foreach (var s in sheets) found.AddRange((await app.GetJsonAsync("perf", $"/api/v1/appraisals/sheets/{(long)s!["sheetId"]!}"))["lines"]!.AsArray()
            .Where(l => (bool)l!["isDeduction"]! && l["reviewReason"] is not null).Select(l => (int)l!["reviewFindings"]!));
        Assert.Equal([3], found);
        var measured = worst["lines"]!.AsArray().Where(l => l!["measure"] is not null).ToList();
        Assert.Equal(9, measured.Count);

        // Published: the department sees the whole result list, but only its own sheet.
        var deptRound = await app.GetJsonAsync("dept", $"/api/v1/appraisals/{(long)departments["id"]!}");
        Assert.Equal(6, deptRound["sheets"]!.AsArray().Count);
        var other = sheets.First(s => (string)s!["subjectName"]! != "长治市教育局")!;
        using (var r = await app.GetAsync("dept", $"/api/v1/appraisals/sheets/{(long)other["sheetId"]!}"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);

        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        var index = await PageAsync(perf, "/Appraisals/Index");
        Assert.Contains($"长治市{year}年度市直部门预算绩效管理工作考核", index);
        var roundPage = await PageAsync(perf, $"/Appraisals/Round?id={(long)departments["id"]!}");
        Assert.Contains("考核结果排名", roundPage);
        Assert.Contains("约谈", roundPage);
        var sheetPage = await PageAsync(perf, $"/Appraisals/Sheet?id={(long)sheets[^1]!["sheetId"]!}");
        Assert.Contains("整改提升期限", sheetPage);
        Assert.Contains("依据记录", sheetPage);
        using var export = await perf.GetAsync($"/Appraisals/Round?id={(long)departments["id"]!}&handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pages_SelfScoreSubmitAndReviewWithoutReason(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        var index = await PageAsync(perf, "/Appraisals/Index");
        string roundPath;
        using (var created = await perf.PostFormAsync("/Appraisals/Index", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(index),
            ["NewYear"] = $"{JixiaoFactory.Start.Year - 3}",
            ["NewKind"] = "Department",
            ["Deadline"] = $"{JixiaoFactory.Start.Year}-12-31",
        }))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"create: {(int)created.StatusCode} {await BrowserSession.TextOf(created)}");
            roundPath = created.Headers.Location!.OriginalString;
        }
        var round = await PageAsync(perf, roundPath);
        var sheetId = SheetLink(round, "长治市教育局");

        using var dept = new BrowserSession(app.Factory);
        await dept.LogInAsync("dept");
        var sheet = await PageAsync(dept, $"/Appraisals/Sheet?id={sheetId}");
        Assert.Contains("保存并提交", sheet);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(sheet),
            ["Version"] = FormVersion(sheet),
        };
        var rows = Regex.Matches(sheet, "name=\"Rows\\[(\\d+)\\]\\.LineId\" value=\"(\\d+)\"");
        foreach (Match m in rows)
        {
            form[$"Rows[{m.Groups[1].Value}].LineId"] = m.Groups[2].Value;
            if (sheet.Contains($"name=\"Rows[{m.Groups[1].Value}].Score\"", StringComparison.Ordinal)) form[$"Rows[{m.Groups[1].Value}].Score"] = "1";
        }
        using (var submitted = await dept.PostFormAsync($"/Appraisals/Sheet?id={sheetId}&handler=Submit", form))
            Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, $"submit: {(int)submitted.StatusCode} {await BrowserSession.TextOf(submitted)}");

        var review = await PageAsync(perf, $"/Appraisals/Sheet?id={sheetId}");
        Assert.Contains("完成复核", review);
        var first = rows[0];
        using var refused = await perf.PostFormAsync($"/Appraisals/Sheet?id={sheetId}&handler=Review", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(review),
            ["Version"] = FormVersion(review),
            ["Rows[0].LineId"] = first.Groups[2].Value,
            ["Rows[0].Score"] = "0",
        });
        var text = await BrowserSession.TextOf(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.True(text.Contains("必须填写调整理由", StringComparison.Ordinal), Regex.Match(text, "sheet-errors[\\s\\S]{0,600}").Value);
        Assert.Contains("已提交", text);
    }

    private static string FormVersion(string html) =>
        Regex.Match(html, "id=\"sheet-form\"[\\s\\S]*?value=\"(\\d+)\"[^>]*name=\"Version\"").Groups[1].Value;

    private static long SheetLink(string html, string subject) =>
        long.Parse(Regex.Match(html, $"/Appraisals/Sheet\\?id=(\\d+)\"[^>]*>{subject}<").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The rule-set edit form carries the appraisal sub-items and the county sheet through a save.</summary>
public sealed partial class AppraisalRuleSetEditTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task EditForm_PostedBackUnchanged_KeepsSubItems(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        using var page = await perf.GetAsync("/RuleSets/Edit");
        var html = await page.Content.ReadAsStringAsync();
        var form = new Dictionary<string, string>();
        foreach (Match m in InputTag().Matches(html))
        {
            var name = NameAttr().Match(m.Value);
            if (!name.Success || m.Value.Contains("type=\"checkbox\"", StringComparison.Ordinal) && !m.Value.Contains("checked", StringComparison.Ordinal)) continue;
            var value = ValueAttr().Match(m.Value);
            form.TryAdd(System.Net.WebUtility.HtmlDecode(name.Groups[1].Value), value.Success ? System.Net.WebUtility.HtmlDecode(value.Groups[1].Value) : "");
        }
        form["Rules.Evaluation.ExpertAggregation"] = "Mean";
        form["Rules.Appraisal.Items[0].SubItems[0].Points"] = "6";
        form["Rules.Appraisal.Items[0].SubItems[1].Points"] = "4";
        using var saved = await perf.PostFormAsync("/RuleSets/Edit", form);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"save: {(int)saved.StatusCode} {Regex.Match(await BrowserSession.TextOf(saved), "alert-danger[\\s\\S]{0,800}").Value}");

        var current = await app.GetJsonAsync("perf", "/api/v1/rule-sets/current");
        var appraisal = current["content"]!["appraisal"]!;
        Assert.Equal(6m, (decimal)appraisal["items"]![0]!["subItems"]![0]!["points"]!);
        Assert.Equal("GoalsOnTime", (string)appraisal["items"]![1]!["subItems"]![0]!["measure"]!);
        Assert.Contains(appraisal["countyItems"]![0]!["subItems"]!.AsArray(), s => (string)s!["name"]! == "对下指导");
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("name=\"([^\"]*)\"")]
    private static partial Regex NameAttr();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttr();
}
