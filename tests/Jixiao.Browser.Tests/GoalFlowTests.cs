using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.Browser.Tests;

/// <summary>
/// A goal through its reviews as the people who do it click it: the unit resubmits a returned goal, the department
/// passes it with its 四性 scores, the budget section first forgets the reason of a return and then gives one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GoalFlowTests(BrowserFixture browser)
{
    private const string Project = "家庭经济困难学生资助";

    private static async Task OpenGoalAsync(IPage page)
    {
        await page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "项目与目标" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = Project, Exact = true }).ClickAsync();
        await Expect(page.Locator("#project-summary")).ToContainTextAsync(Project);
    }

    [SkippableFact]
    public async Task ReturnedGoal_ResubmittedReviewedAndReturnedAgain_EachPersonSeesTheirStep()
    {
        var unit = await browser.LoginAsAsync("unit");
        await OpenGoalAsync(unit);
        await Expect(unit.Locator("#goal-returned-reason")).ToContainTextAsync("成本指标与预算金额不匹配");
        await Expect(unit.Locator("#findings-ok")).ToBeVisibleAsync();
        await unit.Locator("#goal-act-submit").ClickAsync();
        await Expect(unit.Locator("#goal-state")).ToHaveTextAsync("待部门审核");
        await browser.ScreenshotAsync(unit, "goal-submitted-by-unit");

        var dept = await browser.LoginAsAsync("dept");
        await OpenGoalAsync(dept);
        await dept.Locator("#Completeness").FillAsync("24");
        await dept.Locator("#Relevance").FillAsync("23");
        await dept.Locator("#Appropriateness").FillAsync("22");
        await dept.Locator("#Feasibility").FillAsync("23");
        await Expect(dept.Locator("#score-total")).ToHaveTextAsync(new Regex("92"));
        await dept.Locator("#goal-act-pass").ClickAsync();
        await Expect(dept.Locator("#goal-state")).ToHaveTextAsync("待财政审核");

        var budget = await browser.LoginAsAsync("budget");
        await OpenGoalAsync(budget);
        await budget.Locator("#goal-act-return").ClickAsync();
        await Expect(budget.Locator(".alert-danger, .validation-summary-errors").First).ToContainTextAsync("必须填写理由");
        await Expect(budget.Locator("#goal-state")).ToHaveTextAsync("待财政审核");
        await budget.Locator("#action-reason").FillAsync("满意度调查方法未说明，请补充。");
        await budget.Locator("#goal-act-return").ClickAsync();
        await Expect(budget.Locator("#goal-state")).ToHaveTextAsync("已退回");
        await Expect(budget.Locator("#history-table")).ToContainTextAsync("满意度调查方法未说明");
        await browser.ScreenshotAsync(budget, "goal-returned-by-budget-section");

        await unit.ReloadAsync();
        await Expect(unit.Locator("#goal-returned-reason")).ToContainTextAsync("满意度调查方法未说明");
        await browser.ScreenshotAsync(unit, "goal-returned-seen-by-unit");
    }
}
