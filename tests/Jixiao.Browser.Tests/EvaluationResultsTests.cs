using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.Browser.Tests;

/// <summary>The performance section opens 评价结果: ECharts draws the grade distribution per department from the page's JSON handler.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EvaluationResultsTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task EvaluationResults_RendersTheGradeChart()
    {
        var page = await browser.LoginAsAsync("perf");
        await page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "评价结果" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("评价结果");
        await Expect(page.Locator("#chart-grades canvas")).ToHaveCountAsync(1);
        await Expect(page.Locator("#chart-grades")).ToHaveAttributeAsync("data-rendered", "true");
        await Expect(page.Locator("#evaluation-filter")).ToBeVisibleAsync();
        await Expect(page.Locator("#evaluation-export")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("handler=Export"));
        await page.WaitForTimeoutAsync(500); // let the chart's entry animation finish for the screenshot
        await browser.ScreenshotAsync(page, "evaluation-results-perf");
    }
}
