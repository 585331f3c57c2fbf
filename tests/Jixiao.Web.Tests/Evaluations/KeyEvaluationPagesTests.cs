using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests.Evaluations;

/// <summary>
/// A key evaluation through the pages, without JavaScript: the performance section creates one, the framework editor refuses output +
/// benefit below 60 in Chinese and saves a valid edit, the experts are drawn, the organiser enters a paper sheet (代录) and the expert
/// scores on her sheet page; the demo's completed evaluation shows its score sheet, chart and report link; other departments get 404.
/// </summary>
public sealed partial class KeyEvaluationPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<string> PageAsync(BrowserSession s, string path)
    {
        using var response = await s.GetAsync(path);
        var text = await BrowserSession.TextOf(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 500)]}");
        return text;
    }

    private static Dictionary<string, string> Form(string html, params (string Key, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(html) };
        foreach (var (k, v) in fields) form[k] = v;
        return form;
    }

    private static string Version(string html, string formId) =>
        Regex.Match(html, $"id=\"{formId}\"[\\s\\S]*?name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PerformanceSection_CreatesEditsDraws_OrganiserAndExpertScore_ThroughThePages(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");

        var list = await PageAsync(perf, "/Evaluations/Key");
        Assert.Contains("学生营养改善计划重点绩效评价", list);
        Assert.Contains("长治市民政局部门整体支出重点绩效评价", list);

        var create = await PageAsync(perf, "/Evaluations/KeyCreate");
        var projectId = Regex.Match(create, "<option value=\"(\\d+)\"[^>]*>[^<]*课后服务经费").Groups[1].Value;
        Assert.NotEmpty(projectId);
        string details;
        using (var created = await perf.PostFormAsync("/Evaluations/KeyCreate", Form(create, ("SubjectKind", "Projects"), ("ProjectIds", projectId),
                   ("ScoringDeadline", $"{DateTime.UtcNow.Year}-12-20"))))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"create: {(int)created.StatusCode} {await BrowserSession.TextOf(created)}");
            details = created.Headers.Location!.OriginalString;
        }
        Assert.StartsWith("/Evaluations/KeyDetails?id=", details);
        var html = await PageAsync(perf, details);
        Assert.Contains("data-state=\"Draft\"", html);
        Assert.Contains("id=\"framework-form\"", html);
        Assert.Contains("不低于 60", html);

        // The framework rows as posted: 20 rows from the rule set, weight changes by row.
        var rows = Regex.Matches(html, "name=\"Framework\\[(\\d+)\\]\\.Name\" value=\"([^\"]*)\"").Select(m => (Index: m.Groups[1].Value, Name: m.Groups[2].Value)).ToList();
        Assert.Equal(20, rows.Count);
        (string, string)[] Framework(Dictionary<string, string> weights) => rows.SelectMany(r =>
        {
            string Field(string f) => Regex.Match(html, $"name=\"Framework\\[{r.Index}\\]\\.{f}\" value=\"([^\"]*)\"").Groups[1].Value;
            return new[]
            {
                ($"Framework[{r.Index}].Level1", KeyFrameworkEditorTests.Level1Of(html, r.Index)), ($"Framework[{r.Index}].Level2", Field("Level2")),
                ($"Framework[{r.Index}].Name", r.Name),
                ($"Framework[{r.Index}].Weight", weights.GetValueOrDefault(r.Name, Field("Weight"))),
            };
        }).ToArray();
        var version = Version(html, "framework-form");
        using (var refused = await perf.PostFormAsync($"{details}&handler=Framework", Form(html, [("Version", version),
                   .. Framework(new() { ["立项依据充分性"] = "13", ["实际完成率"] = "5", ["社会效益"] = "3" })])))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("产出和效益指标权重合计应不低于60，现为50", await BrowserSession.TextOf(refused));
        }
        using (var saved = await perf.PostFormAsync($"{details}&handler=Framework", Form(html, [("Version", version),
                   .. Framework(new() { ["预算执行率"] = "4", ["实际完成率"] = "11" })])))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        html = await PageAsync(perf, details);
        Assert.Contains("value=\"11\"", html);

        // Draw two "卫生管理" experts: 周敏 (expert2) and 侯建军 (no account: the organiser enters his paper sheet).
        using (var drawn = await perf.PostFormAsync($"{details}&handler=Assign", Form(html, ("Version", Version(html, "assign-form")), ("Method", "Experts"),
                   ("ExpertCount", "2"), ("ExpertField", "卫生管理"))))
            Assert.True(drawn.StatusCode == HttpStatusCode.Redirect, $"assign: {(int)drawn.StatusCode} {await BrowserSession.TextOf(drawn)}");
        html = await PageAsync(perf, details);
        Assert.Contains("data-state=\"Scoring\"", html);
        var proxy = WebUtility.HtmlDecode(Regex.Match(html, "href=\"(/Evaluations/KeySheet\\?[^\"]*scorerId=\\d+)\"").Groups[1].Value);
        Assert.NotEmpty(proxy);

        async Task ScoreAsync(BrowserSession s, string sheetPath, decimal share)
        {
            var sheet = await PageAsync(s, sheetPath);
            var ids = Regex.Matches(sheet, "name=\"Sheet\\[(\\d+)\\]\\.IndicatorId\" value=\"(\\d+)\"").ToList();
            var maxes = Regex.Matches(sheet, "max=\"([\\d.]+)\" step=\"0.01\"").Select(m => decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(20, ids.Count);
            Assert.Equal(20, maxes.Count);
            var fields = new List<(string, string)> { ("ScorerVersion", Regex.Match(sheet, "name=\"ScorerVersion\" value=\"(\\d+)\"").Groups[1].Value) };
            for (var i = 0; i < ids.Count; i++)
            {
                fields.Add(($"Sheet[{i}].IndicatorId", ids[i].Groups[2].Value));
                fields.Add(($"Sheet[{i}].Points", (maxes[i] * share).ToString("0.##", CultureInfo.InvariantCulture)));
                fields.Add(($"Sheet[{i}].Comment", "按评分标准核查。"));
            }
            using var posted = await s.PostFormAsync(sheetPath, Form(sheet, [.. fields]));
            Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"sheet: {(int)posted.StatusCode} {await BrowserSession.TextOf(posted)}");
        }
        await ScoreAsync(perf, proxy, 0.8m);

        using var expert = new BrowserSession(app.Factory);
        await expert.LogInAsync("expert2");
        var id = details.Split('=')[1];
        var seen = await PageAsync(expert, details);
        Assert.Contains("id=\"my-sheet-link\"", seen);
        Assert.DoesNotContain("按评分标准核查。", seen);
        await ScoreAsync(expert, $"/Evaluations/KeySheet?id={id}", 0.9m);

        html = await PageAsync(perf, details);
        using (var closed = await perf.PostFormAsync($"{details}&handler=Close", Form(html, ("Version", Version(html, "close-form")))))
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        html = await PageAsync(perf, details);
        Assert.Contains("data-state=\"Closed\"", html);
        Assert.Contains("id=\"key-chart\"", html);
        Assert.Contains("id=\"conclusions-form\"", html);
        Assert.Contains("÷ 2 =", html);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task DemoCompleted_ShowsScoreSheetChartAndReport_OtherDepartment404(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var dept = new BrowserSession(app.Factory);
        await dept.LogInAsync("dept");
        var list = await PageAsync(dept, "/Evaluations/Key");
        var link = WebUtility.HtmlDecode(Regex.Match(list, "href=\"(/Evaluations/KeyDetails\\?id=\\d+)\"[^>]*>学生营养改善计划重点绩效评价").Groups[1].Value);
        Assert.NotEmpty(link);
        Assert.DoesNotContain("长治市民政局部门整体支出", list);
        var html = await PageAsync(dept, link);
        Assert.Contains("data-state=\"Completed\"", html);
        Assert.Contains("id=\"key-chart\"", html);
        Assert.Contains("id=\"key-report\"", html);
        Assert.Contains("存在问题及原因", html);
        Assert.DoesNotContain("id=\"conclusions-form\"", html);
        using (var report = await dept.GetAsync($"{link}&handler=Report"))
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);

        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        var perfList = await PageAsync(perf, "/Evaluations/Key");
        var other = WebUtility.HtmlDecode(Regex.Match(perfList, "href=\"(/Evaluations/KeyDetails\\?id=\\d+)\"[^>]*>长治市民政局部门整体支出").Groups[1].Value);
        using var notFound = await dept.GetAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }
}
