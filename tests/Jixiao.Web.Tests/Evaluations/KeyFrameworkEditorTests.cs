using System.Net;
using System.Text.RegularExpressions;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests.Evaluations;

/// <summary>
/// The framework editor of a draft key evaluation, without JavaScript: rows removed and added (nothing saved until 保存指标体系), the
/// check of the rows being edited shown in Chinese; a department's whole spending starts from the rule set's six-dimension framework
/// and may only be saved with weights summing to 100 and all six dimensions present (RULES §4).
/// </summary>
public sealed partial class KeyFrameworkEditorTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private sealed record Row(string Level1, string Level2, string Name, string Weight);

    /// <summary>The selected level 1 of a row of the editor.</summary>
    public static string Level1Of(string html, string index) =>
        Regex.Match(html, $"name=\"Framework\\[{index}\\]\\.Level1\"[^>]*>[\\s\\S]*?<option value=\"(\\w+)\" selected=\"selected\"").Groups[1].Value;

    private static List<Row> Rows(string html) =>
        RowName().Matches(html).Select(m => m.Groups[1].Value).Select(i => new Row(Level1Of(html, i),
            Regex.Match(html, $"name=\"Framework\\[{i}\\]\\.Level2\" value=\"([^\"]*)\"").Groups[1].Value,
            Regex.Match(html, $"name=\"Framework\\[{i}\\]\\.Name\" value=\"([^\"]*)\"").Groups[1].Value,
            Regex.Match(html, $"name=\"Framework\\[{i}\\]\\.Weight\" value=\"([^\"]*)\"").Groups[1].Value)).ToList();

    private static Dictionary<string, string> Form(string html, IReadOnlyList<Row> rows, params (string Key, string Value)[] fields)
    {
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(html),
            ["Version"] = Regex.Match(html, "id=\"framework-form\"[\\s\\S]*?name=\"Version\" value=\"(\\d+)\"").Groups[1].Value,
        };
        for (var i = 0; i < rows.Count; i++)
        {
            form[$"Framework[{i}].Level1"] = rows[i].Level1;
            form[$"Framework[{i}].Level2"] = rows[i].Level2;
            form[$"Framework[{i}].Name"] = rows[i].Name;
            form[$"Framework[{i}].Weight"] = rows[i].Weight;
        }
        foreach (var (k, v) in fields) form[k] = v;
        return form;
    }

    private static async Task<string> PostAsync(BrowserSession s, string path, Dictionary<string, string> form, HttpStatusCode status)
    {
        using var response = await s.PostFormAsync(path, form);
        var text = await BrowserSession.TextOf(response);
        Assert.True(response.StatusCode == status, $"POST {path}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 800)]}");
        return text;
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task DepartmentOverall_SixDimensions_RowsRemovedAddedAndSaved(DbProvider provider)
    {
        var app = fixture.For(provider);
        var orgs = await app.OrganizationIdsAsync();
        var created = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/key",
            new { subjectKind = "DepartmentOverall", departmentId = orgs["长治市教育局"] })).AssertOkJsonAsync(HttpStatusCode.Created);
        var details = $"/Evaluations/KeyDetails?id={(long)created["id"]!}";
        Assert.Equal(15, created["indicators"]!.AsArray().Count);

        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        using var get = await perf.GetAsync(details);
        var html = await BrowserSession.TextOf(get);
        var rows = Rows(html);
        Assert.Equal(15, rows.Count);
        Assert.Equal(["OperatingCost", "ManagementEfficiency", "DutyPerformance", "SocialEffect", "SustainableCapacity", "ServiceSatisfaction"],
            rows.Select(r => r.Level1).Distinct());
        Assert.Contains("<th>评价维度</th>", html);
        Assert.Contains("id=\"framework-dimensions\" data-required=\"6\">6</strong>/6", html);
        Assert.Contains("<option value=\"SustainableCapacity\">可持续发展能力</option>", html);
        Assert.DoesNotContain("<option value=\"Decision\"", html);
        Assert.DoesNotContain("framework-problem", html);

        // Remove both 可持续发展能力 rows: shown without them, with the check of the rows being edited; nothing saved.
        var first = rows.FindIndex(r => r.Level1 == "SustainableCapacity");
        html = await PostAsync(perf, $"{details}&handler=FrameworkRows", Form(html, rows, ("RowAction", $"remove-{first}")), HttpStatusCode.OK);
        rows = Rows(html);
        Assert.Equal(14, rows.Count);
        Assert.Contains("各指标权重合计应为100，现为95", html);
        Assert.DoesNotContain("缺少", html);
        html = await PostAsync(perf, $"{details}&handler=FrameworkRows", Form(html, rows, ("RowAction", $"remove-{first}")), HttpStatusCode.OK);
        rows = Rows(html);
        Assert.Equal(13, rows.Count);
        Assert.DoesNotContain(rows, r => r.Level1 == "SustainableCapacity");
        Assert.Contains("修改后的指标体系（尚未保存）", html);
        Assert.Contains("部门整体支出评价应包含全部六个维度，缺少：可持续发展能力", html);
        Assert.Equal(15, (await app.GetJsonAsync("perf", $"/api/v1/evaluations/key/{(long)created["id"]!}"))["indicators"]!.AsArray().Count);

        // Saving without the dimension is refused in Chinese, the rows as posted stay on the page.
        var withoutWeights = rows.Select((r, i) => i == 0 ? r with { Weight = "15" } : r).ToList();
        html = await PostAsync(perf, $"{details}&handler=Framework", Form(html, withoutWeights), HttpStatusCode.OK);
        Assert.Contains("部门整体支出评价应包含全部六个维度，缺少：可持续发展能力", html);
        Assert.Equal(13, Rows(html).Count);

        // Add a row (it starts under the last row's dimension), make it 可持续发展能力, save.
        html = await PostAsync(perf, $"{details}&handler=FrameworkRows", Form(html, rows, ("RowAction", "add")), HttpStatusCode.OK);
        rows = Rows(html);
        Assert.Equal(14, rows.Count);
        Assert.Equal("ServiceSatisfaction", rows[^1].Level1);
        Assert.Equal("", rows[^1].Name);
        rows[^1] = new Row("SustainableCapacity", "人员队伍", "干部队伍稳定性", "10");
        await PostAsync(perf, $"{details}&handler=Framework", Form(html, rows), HttpStatusCode.Redirect);
        var saved = await app.GetJsonAsync("perf", $"/api/v1/evaluations/key/{(long)created["id"]!}");
        Assert.Equal(14, saved["indicators"]!.AsArray().Count);
        Assert.Contains(saved["indicators"]!.AsArray(), i => (string)i!["name"]! == "干部队伍稳定性" && (string)i["level1"]! == "SustainableCapacity"
            && (string)i["level1Name"]! == "可持续发展能力" && (decimal)i["weight"]! == 10m);
        Assert.Empty(saved["frameworkProblems"]!.AsArray());

        // The project framework's output + benefit rule does not apply: the API takes the dimensions with no 产出/效益 at all.
        using (var projectRows = await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/evaluations/key/{(long)created["id"]!}/framework",
                   new { version = (int)saved["version"]!, indicators = new[] { new { level1 = "Output", level2 = "产出数量", name = "实际完成率", weight = 100m } } }))
            Assert.Contains("一级指标（评价维度）应为运行成本、管理效率、履职效能、社会效应、可持续发展能力、服务对象满意度之一",
                (string)(await projectRows.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
    }

    [GeneratedRegex("name=\"Framework\\[(\\d+)\\]\\.Name\"")]
    private static partial Regex RowName();
}
