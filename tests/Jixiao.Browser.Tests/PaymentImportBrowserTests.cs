using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.Browser.Tests;

/// <summary>
/// The performance section uploads a payments file on 导入支付明细: the upload goes through payment-import.js, the import
/// runs in the background and the page follows it with htmx polling until the result, all under the app's CSP.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PaymentImportBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Upload_ShowsProgressThenTheBatch_AndTheListShowsItsPayments()
    {
        var page = await browser.LoginAsAsync("perf");

        await page.GotoAsync("/Projects/Index?q=学校校舍维修改造");
        var code = (await page.Locator("#project-table code").First.InnerTextAsync()).Trim();
        var id = "BR" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var csv = new StringBuilder("支付凭证号,实际支付日期,项目代码,单位代码,实际支付金额,用途\n");
        for (var i = 1; i <= 3000; i++) csv.Append($"{id}{i:00000},{code[6..10]}-03-{1 + i % 28:00},{code},101001,\"1,000.00\",浏览器测试\n");

        await page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "导入支付明细" }).ClickAsync();
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload
        {
            Name = "支付明细.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv.ToString()),
        });
        await page.Locator("#payment-import-submit").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("job=", StringComparison.Ordinal));
        var job = page.Locator("#payment-import-job");
        await Expect(job).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 60_000 });
        await Expect(job).ToContainTextAsync("3,000");
        await browser.ScreenshotAsync(page, "payment-import-done");

        await job.GetByRole(AriaRole.Link, new() { Name = "查看本批支付明细" }).ClickAsync();
        await Expect(page.Locator("#pager-summary")).ToContainTextAsync("3,000");
        await Expect(page.Locator("#payment-sum")).ToContainTextAsync("3,000,000");
        await browser.ScreenshotAsync(page, "payment-list-of-batch");
        Assert.Empty(browser.ConsoleErrors(page));
    }
}
