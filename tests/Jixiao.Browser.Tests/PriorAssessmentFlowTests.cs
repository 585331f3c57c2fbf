using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.Browser.Tests;

/// <summary>
/// The pools and an ex-ante assessment as people click them: the unit starts the assessment of a new major project,
/// uploads its three materials and submits; the performance section opens the expert pool and the assessment, where
/// the organise form offers the rule set's expert count. Screenshots of each page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PriorAssessmentFlowTests(BrowserFixture browser)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [SkippableFact]
    public async Task PerformanceSection_OpensExpertPoolAndASubmittedAssessment()
    {
        browser.RequireBrowser();
        var (projectId, title) = await NewMajorProjectAsync();

        var unit = await browser.LoginAsAsync("unit");
        await unit.GotoAsync($"/Goals/Edit?projectId={projectId}");
        await Expect(unit.Locator("#goal-gate-status")).ToHaveTextAsync("未评估");
        await unit.Locator("#goal-gate-start").ClickAsync();
        await unit.Locator("#Rationale").FillAsync("现有运动场地不能满足教学需要，按省级标准化学校建设要求新建。");
        await unit.Locator("#start-submit").ClickAsync();
        await Expect(unit.Locator("#assessment-state")).ToHaveTextAsync("草稿");
        foreach (var (kind, file) in new[] { ("FeasibilityStudy", "可行性研究报告.pdf"), ("BudgetEstimate", "预算测算依据.pdf"), ("ImplementationPlan", "实施方案.pdf") })
        {
            await unit.Locator("#Kind").SelectOptionAsync(kind);
            await unit.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = file, MimeType = "application/pdf", Buffer = Pdf });
            await unit.Locator("#upload-submit").ClickAsync();
            await Expect(unit.Locator("#attachment-table")).ToContainTextAsync(file);
        }
        await browser.ScreenshotAsync(unit, "prior-assessment-draft-with-materials");
        await unit.Locator("#act-submit").ClickAsync();
        await Expect(unit.Locator("#assessment-state")).ToHaveTextAsync("已提交");

        var perf = await browser.LoginAsAsync("perf");
        await perf.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "专家库" }).ClickAsync();
        await Expect(perf.Locator("h1")).ToContainTextAsync("专家库");
        await browser.ScreenshotAsync(perf, "expert-pool");

        await perf.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "第三方机构库" }).ClickAsync();
        await Expect(perf.Locator("h1")).ToContainTextAsync("第三方机构库");
        await browser.ScreenshotAsync(perf, "agency-pool");
        var agencies = perf.Locator("#agency-table .agency-link");
        if (await agencies.CountAsync() > 0)
        {
            await agencies.First.ClickAsync();
            await Expect(perf.Locator("#agency-credit")).ToBeVisibleAsync();
            await browser.ScreenshotAsync(perf, "agency-page");
        }

        await perf.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "事前绩效评估" }).ClickAsync();
        await perf.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await Expect(perf.Locator("#assessment-state")).ToHaveTextAsync("已提交");
        await Expect(perf.Locator("#attachment-table .attachment-link")).ToHaveCountAsync(3);
        await Expect(perf.Locator("#expert-count")).ToHaveValueAsync("3");
        await Expect(perf.Locator("#act-organise")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(perf, "prior-assessment-submitted-seen-by-perf");

        // The demo's closed assessments, when there are any: the result per dimension and the report link.
        await perf.GotoAsync("/PriorAssessments/Index?state=Closed");
        await browser.ScreenshotAsync(perf, "prior-assessment-list-closed");
        var closed = perf.Locator("#assessment-table .assessment-link");
        if (await closed.CountAsync() > 0)
        {
            await closed.First.ClickAsync();
            await Expect(perf.Locator("#assessment-state")).ToHaveTextAsync("已结束");
            await Expect(perf.Locator("#result-table")).ToBeVisibleAsync();
            await Expect(perf.Locator("#assessment-report")).ToBeVisibleAsync();
            await browser.ScreenshotAsync(perf, "prior-assessment-closed-seen-by-perf");
        }

        // An expert sees the assessment list of their own assignments only, and no pools.
        var expert = await browser.LoginAsAsync("expert");
        var nav = await BrowserFixture.NavigationAsync(expert);
        Assert.Contains("事前绩效评估", nav);
        Assert.DoesNotContain("专家库", nav);
        await expert.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "事前绩效评估" }).ClickAsync();
        await Expect(expert.Locator("h1")).ToContainTextAsync("事前绩效评估");
        await Expect(expert.GetByRole(AriaRole.Link, new() { Name = title, Exact = true })).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(expert, "prior-assessment-list-seen-by-expert");
    }

    /// <summary>The unit registers a new major project through the API.</summary>
    private async Task<(long Id, string Name)> NewMajorProjectAsync()
    {
        using var http = new HttpClient { BaseAddress = browser.BaseAddress };
        using var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "unit", password = BrowserFixture.DemoPassword });
        token.EnsureSuccessStatusCode();
        var access = (string)(await token.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        var name = "标准化运动场新建" + Guid.NewGuid().ToString("N")[..6];
        using var created = await http.PostAsJsonAsync("/api/v1/projects", new
        {
            code = "PB" + Guid.NewGuid().ToString("N")[..12],
            name,
            kind = "Project",
            budgetKind = "General",
            category = "GovernmentInvestment",
            startYear = DateTime.Now.Year,
            endYear = DateTime.Now.Year,
            responsiblePersonName = "刘芳",
            currentYearAppropriation = 6_000_000m,
            isNewMajor = true,
        });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, $"project: {(int)created.StatusCode} {body}");
        return ((long)JsonNode.Parse(body)!["id"]!, name);
    }
}
