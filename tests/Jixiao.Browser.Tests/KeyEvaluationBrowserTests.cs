using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.Browser.Tests;

/// <summary>The performance section opens the demo's completed key evaluation (ECharts draws the score chart) and the framework editor's live weight totals.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyEvaluationBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task CompletedEvaluation_RendersTheChart_AndTheEditorTotalsFollowTheWeights()
    {
        var page = await browser.LoginAsAsync("perf");
        await page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "重点评价" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("重点评价");
        await page.Locator("#key-table a.key-link", new() { HasText = "学生营养改善计划" }).ClickAsync();
        await Expect(page.Locator("#key-state")).ToHaveAttributeAsync("data-state", "Completed");
        await Expect(page.Locator("#key-chart canvas")).ToHaveCountAsync(1);
        await Expect(page.Locator("#key-chart")).ToHaveAttributeAsync("data-rendered", "true");
        await page.WaitForTimeoutAsync(500);
        await browser.ScreenshotAsync(page, "key-evaluation-completed");

        // A new draft: lowering an output weight turns both totals red.
        await page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "重点评价" }).ClickAsync();
        await page.Locator("#key-create").ClickAsync();
        await page.Locator("#kind-DepartmentOverall").CheckAsync();
        await page.Locator("#department-id").SelectOptionAsync(new SelectOptionValue { Label = "长治市交通运输局" });
        await page.Locator("#key-create-submit").ClickAsync();
        await Expect(page.Locator("#key-state")).ToHaveAttributeAsync("data-state", "Draft");
        await Expect(page.Locator("#framework-total")).ToHaveTextAsync("100");
        await page.GetByLabel("实际完成率 权重").FillAsync("5");
        await Expect(page.Locator("#framework-total")).ToHaveTextAsync("95");
        await Expect(page.Locator("#framework-output-benefit")).ToHaveTextAsync("55");
        await Expect(page.Locator("#framework-output-benefit")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("text-danger"));
        await browser.ScreenshotAsync(page, "key-evaluation-framework");
    }
}
