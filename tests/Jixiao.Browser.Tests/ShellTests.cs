using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.Browser.Tests;

/// <summary>The shell as a person uses it: the login page, each role's navigation, the year switcher, logout.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ShellTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Root_Anonymous_ShowsChineseLoginPage()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");

        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("#login-form label[for='UserName']")).ToHaveTextAsync("用户名");
        await Expect(page.Locator("#login-form label[for='Password']")).ToHaveTextAsync("密码");
        await Expect(page.Locator("#login-submit")).ToHaveTextAsync("登录");
        await Expect(page).ToHaveTitleAsync(new Regex("^登录"));
        await Expect(page.Locator("#main-nav")).ToHaveCountAsync(0);
        await Expect(page.Locator("#login-form [role='alert']")).ToBeHiddenAsync();
        await browser.ScreenshotAsync(page, "login");
    }

    [SkippableFact]
    public async Task Login_WrongPassword_ShowsErrorAndStaysOnLoginPage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");

        await BrowserFixture.SubmitLoginAsync(page, "budget", "Wrong@2026!");

        await Expect(page.Locator("#login-form [role='alert']")).ToContainTextAsync("用户名或密码错误");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
        await Expect(page.Locator("#main-nav")).ToHaveCountAsync(0);
        await Expect(page.Locator("#login-form input[name='Password']")).ToHaveValueAsync("");
        await browser.ScreenshotAsync(page, "login-wrong-password");
    }

    [SkippableFact]
    public async Task Login_PerformanceSection_SeesBusinessNavigationRegionAndYear()
    {
        var page = await browser.LoginAsAsync("perf");

        await Expect(page.Locator("h1")).ToContainTextAsync("工作台");
        var nav = await BrowserFixture.NavigationAsync(page);
        Assert.Equal(["工作台", "我的待办", "项目与目标", "事前绩效评估", "支付明细", "导入支付明细", "监控轮次", "预警", "监控看板", "绩效自评", "重点评价", "评价结果", "反馈与整改", "信息公开", "预算挂钩", "人大报告", "财政运行评价", "指标库", "专家库", "第三方机构库", "规则设置", "组织机构"], nav);
        Assert.DoesNotContain("用户账号", nav);
        Assert.DoesNotContain("安全策略", nav);
        Assert.DoesNotContain("审计日志", nav);
        await Expect(page.Locator("#current-region")).ToContainTextAsync("长治市");
        await Expect(page.Locator("#year-select")).ToBeVisibleAsync();
        await Expect(page.Locator("#current-user")).ToContainTextAsync("王建国");
        await Expect(page.Locator("#current-user")).ToContainTextAsync("绩效管理科");
        await Expect(page.Locator("#logout")).ToHaveTextAsync("退出");
        await browser.ScreenshotAsync(page, "perf-workbench");
    }

    [SkippableFact]
    public async Task YearSwitcher_OtherYear_WorkbenchHeadingShowsIt()
    {
        var page = await browser.LoginAsAsync("perf");
        await page.GotoAsync("/");
        var select = page.Locator("#year-select");
        var current = await select.InputValueAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync($"{current} 年度");
        var other = (await select.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)")).First(v => v != current);

        // Choosing a year submits the switcher by itself (site.js); no button is pressed.
        await select.SelectOptionAsync(other);

        await Expect(page.Locator("h1")).ToContainTextAsync($"{other} 年度");
        await Expect(page.Locator("#year-select")).ToHaveValueAsync(other);
        await page.ReloadAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync($"{other} 年度");
        await browser.ScreenshotAsync(page, "perf-year-switched");
    }

    [SkippableFact]
    public async Task Login_BudgetUnit_SeesWorkbenchButNoAdminPages()
    {
        var page = await browser.LoginAsAsync("unit");

        await Expect(page.Locator("h1")).ToContainTextAsync("工作台");
        var nav = await BrowserFixture.NavigationAsync(page);
        Assert.Contains("工作台", nav);
        Assert.Contains("我的待办", nav);
        Assert.DoesNotContain("用户账号", nav);
        Assert.DoesNotContain("安全策略", nav);
        Assert.DoesNotContain("审计日志", nav);
        await Expect(page.Locator("#current-user")).ToContainTextAsync("刘芳");
        await Expect(page.Locator("#current-user")).ToContainTextAsync("预算单位");
        await browser.ScreenshotAsync(page, "unit-workbench");
    }

    [SkippableFact]
    public async Task Login_SystemAdmin_SeesOrganizationsAndUsersButNoBusinessArea()
    {
        var page = await browser.LoginAsAsync("sysadmin");

        // 三员分立: the system administrator lands on the organisations, with no work area and no year switcher.
        await Expect(page).ToHaveURLAsync(new Regex("/Organizations", RegexOptions.IgnoreCase));
        var nav = await BrowserFixture.NavigationAsync(page);
        Assert.Contains("组织机构", nav);
        Assert.Contains("用户账号", nav);
        Assert.DoesNotContain("工作台", nav);
        Assert.DoesNotContain("我的待办", nav);
        Assert.DoesNotContain("规则设置", nav);
        Assert.DoesNotContain("审计日志", nav);
        await Expect(page.Locator("#year-select")).ToHaveCountAsync(0);
        await Expect(page.Locator("#current-user")).ToContainTextAsync("系统管理员");
        await browser.ScreenshotAsync(page, "sysadmin-home");
    }

    [SkippableFact]
    public async Task Logout_ReturnsToLoginAndEndsTheSession()
    {
        var page = await browser.LoginAsAsync("unit");
        await Expect(page.Locator("#main-nav")).ToBeVisibleAsync();

        await page.Locator("#logout").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
        await Expect(page.Locator("#login-submit")).ToBeVisibleAsync();
        await Expect(page.Locator("#main-nav")).ToHaveCountAsync(0);
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
        await Expect(page.Locator("#main-nav")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(page, "after-logout");
    }
}
