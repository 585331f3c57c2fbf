using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.Browser.Tests;

/// <summary>
/// Last year's self-evaluation as people click it: the unit switches to last year, opens its to-do, opens its draft 自评表, types an
/// actual value and sees the row's points and the total change before anything is saved, saves and submits; the department returns it
/// with a reason, the unit submits it again and the department passes it. Screenshots of the form.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SelfEvaluationFlowTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Unit_TypesAndSeesTheScore_SavesSubmits_DepartmentReturnsThenPasses()
    {
        browser.RequireBrowser();
        var lastYear = (DateTime.UtcNow.AddHours(8).Year - 1).ToString(CultureInfo.InvariantCulture);

        var unit = await browser.LoginAsAsync("unit");
        unit.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await unit.Locator("#year-select").SelectOptionAsync(lastYear);
        await Expect(unit.Locator("#year-select")).ToHaveValueAsync(lastYear);
        await unit.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "我的待办" }).ClickAsync();
        await unit.GetByRole(AriaRole.Link, new() { Name = $"填报绩效自评：{lastYear}年度项目支出绩效自评" }).ClickAsync();
        await Expect(unit.Locator("h1")).ToContainTextAsync("绩效自评");
        await unit.Locator("#self-table tr:has(.self-state[data-state='Draft']) .self-link").First.ClickAsync();
        await Expect(unit.Locator("#self-state")).ToHaveTextAsync("待填报");
        var url = unit.Url;

        // The first row's points and the total follow what is typed, before saving.
        var row = unit.Locator("#self-indicator-table tr.self-row").First;
        var total = await unit.Locator("#self-total").InnerTextAsync();
        var points = await row.Locator(".row-points").InnerTextAsync();
        await row.Locator(".row-actual").FillAsync("1");
        await Expect(row.Locator(".row-points")).Not.ToHaveTextAsync(points);
        await Expect(unit.Locator("#self-total")).Not.ToHaveTextAsync(total);
        await Expect(row.Locator(".row-explanation")).ToContainTextAsync("×");
        var typedTotal = await unit.Locator("#self-total").InnerTextAsync();
        await row.Locator(".row-reason").FillAsync("图书采购合同签订较晚，到货量不足。");
        await row.Locator(".row-measures").FillAsync("下年度提前开展采购，按季度跟踪到货。");
        await browser.ScreenshotAsync(unit, "self-evaluation-live-score");

        await unit.Locator("#self-save").ClickAsync();
        await Expect(unit.Locator("#flash")).ToContainTextAsync("已保存");
        await Expect(unit.Locator("#self-total")).ToHaveTextAsync(typedTotal);
        await unit.Locator("#self-submit").ClickAsync();
        await Expect(unit.Locator("#self-state")).ToHaveTextAsync("已提交");
        await Expect(unit.Locator("#self-rules")).ToContainTextAsync("按提交时规则");

        var dept = await browser.LoginAsAsync("dept");
        await dept.GotoAsync(url);
        await Expect(dept.Locator("#act-return")).ToBeVisibleAsync();
        await dept.Locator("#return-reason").FillAsync("到货不足的原因请说明具体合同和供货商情况。");
        await dept.Locator("#act-return").ClickAsync();
        await Expect(dept.Locator("#self-state")).ToHaveTextAsync("已退回");

        await unit.ReloadAsync();
        await Expect(unit.Locator("#self-returned-reason")).ToHaveTextAsync("到货不足的原因请说明具体合同和供货商情况。");
        await unit.Locator("#self-indicator-table tr.self-row").First.Locator(".row-reason").FillAsync("供货商甲延迟交货两个月，合同已按约扣款。");
        await unit.Locator("#self-submit").ClickAsync();
        await Expect(unit.Locator("#self-state")).ToHaveTextAsync("已提交");

        await dept.ReloadAsync();
        await dept.Locator("#act-pass").ClickAsync();
        await Expect(dept.Locator("#self-state")).ToHaveTextAsync("部门已审核");
        await Expect(dept.Locator("#history-table")).ToContainTextAsync("退回");
        await browser.ScreenshotAsync(dept, "self-evaluation-passed");
    }
}
