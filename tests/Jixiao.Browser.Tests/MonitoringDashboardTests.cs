using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.Browser.Tests;

/// <summary>The performance section opens the monitoring dashboard (ECharts draws both charts from the page's JSON handler) and drills down.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MonitoringDashboardTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Dashboard_RendersTheChartsForThePerformanceSection()
    {
        var page = await browser.LoginAsAsync("perf");
        await page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "监控看板" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("绩效运行监控看板");
        await Expect(page.Locator("#chart-colors canvas")).ToHaveCountAsync(1);
        await Expect(page.Locator("#chart-curve canvas")).ToHaveCountAsync(1);
        await Expect(page.Locator("#chart-colors")).ToHaveAttributeAsync("data-rendered", "true");
        await Expect(page.Locator("#worst-table tbody tr").First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500); // let the charts' entry animation finish for the screenshot
        await browser.ScreenshotAsync(page, "monitoring-dashboard-perf");

        // Drill down: the worst project's warnings, then the round's reports and one 监控表.
        await page.Locator("#worst-table a", new() { HasText = "预警明细" }).First.ClickAsync();
        await Expect(page.Locator("#warning-table tbody tr")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync(page, "monitoring-warnings-drilldown");
        await page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "监控轮次" }).ClickAsync();
        await page.Locator("#round-table a.round-link").First.ClickAsync();
        await page.Locator("#reports-table a.report-link").First.ClickAsync();
        await Expect(page.Locator("#report-indicators")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "monitoring-report-perf");
    }
}
