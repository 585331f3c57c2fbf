using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.Browser.Tests;

/// <summary>
/// The performance section opens the demo's completed key evaluation (ECharts draws the score chart), and the framework editor of a
/// department's whole spending: live weight total and dimension count, a row added.
/// </summary>
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

        // A new draft of a department's whole spending: the six-dimension framework; lowering a weight turns the total red, moving
        // both 可持续发展能力 rows to another dimension turns the dimension count red; a row added on the server comes back editable.
        await page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "重点评价" }).ClickAsync();
        await page.Locator("#key-create").ClickAsync();
        await page.Locator("#kind-DepartmentOverall").CheckAsync();
        await page.Locator("#department-id").SelectOptionAsync(new SelectOptionValue { Label = "长治市交通运输局" });
        await page.Locator("#key-create-submit").ClickAsync();
        await Expect(page.Locator("#key-state")).ToHaveAttributeAsync("data-state", "Draft");
        await Expect(page.Locator("#framework-total")).ToHaveTextAsync("100");
        await Expect(page.Locator("#framework-dimensions")).ToHaveTextAsync("6");
        await page.GetByLabel("重点工作任务完成率 权重").FillAsync("5");
        await Expect(page.Locator("#framework-total")).ToHaveTextAsync("90");
        await Expect(page.Locator("#framework-total")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("text-danger"));
        await page.GetByLabel("第12行一级指标").SelectOptionAsync("SocialEffect");
        await Expect(page.Locator("#framework-dimensions")).ToHaveTextAsync("6");
        await page.GetByLabel("第13行一级指标").SelectOptionAsync("SocialEffect");
        await Expect(page.Locator("#framework-dimensions")).ToHaveTextAsync("5");
        await Expect(page.Locator("#framework-dimensions")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("text-danger"));
        await page.Locator("#framework-add").ClickAsync();
        await Expect(page.Locator("#framework-table tr[data-framework-row]")).ToHaveCountAsync(16);
        await Expect(page.Locator("#framework-edit-problems")).ToBeVisibleAsync();
        await Expect(page.Locator(".framework-problem", new() { HasText = "缺少：可持续发展能力" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#framework-total")).ToHaveTextAsync("90");
        await browser.ScreenshotAsync(page, "key-evaluation-framework");
    }
}
