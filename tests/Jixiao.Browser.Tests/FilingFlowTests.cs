using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.Browser.Tests;

/// <summary>
/// 规则备案 (Art. 38) as people click it: 潞州区's performance section reports its rules with a document; the city's
/// performance section opens it from its list, tries to return it without comments (refused, nothing changes), returns it
/// with comments; the county sees the comments and resubmits a revised document; the city files it and the 备案号 is shown
/// to both, with the side-by-side difference from the city's rules.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FilingFlowTests(BrowserFixture browser)
{
    private static FilePayload Pdf(string name, string text) => new()
    {
        Name = name,
        MimeType = "application/pdf",
        Buffer = Encoding.UTF8.GetBytes($"%PDF-1.7\n% {text}\n%%EOF\n"),
    };

    [SkippableFact]
    public async Task County_Submits_City_ReturnsWithComments_County_Resubmits_City_Files()
    {
        var county = await browser.LoginAsAsync("county");

        await county.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "规则备案" }).ClickAsync();
        await county.Locator("#filing-submit-link").ClickAsync();
        await county.Locator("#Document").SetInputFilesAsync(Pdf("潞州区实施细则（修订）.pdf", "first"));
        await county.Locator("#Note").FillAsync("浏览器测试：修订后的实施细则");
        await county.Locator("#filing-submit").ClickAsync();
        await county.WaitForURLAsync(DetailUrl());
        var detailPath = new Uri(county.Url).PathAndQuery;
        await Expect(county.Locator("#filing-state")).ToHaveTextAsync("已报送");
        await Expect(county.Locator("#filing-note")).ToContainTextAsync("浏览器测试");
        await Expect(county.Locator("#filing-diff-table")).ToBeVisibleAsync();

        // The city returns it: without comments the page refuses and nothing changes.
        var city = await browser.LoginAsAsync("perf");
        await city.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "规则备案" }).ClickAsync();
        await city.GotoAsync(detailPath);
        await Expect(city.Locator("#filing-state")).ToHaveTextAsync("已报送");
        await city.Locator("#filing-return").ClickAsync();
        await Expect(city.Locator("#filing-errors")).ToContainTextAsync("必须填写理由");
        await Expect(city.Locator("#filing-state")).ToHaveTextAsync("已报送");
        await city.Locator("#Comments").FillAsync("请说明整改期限缩短的依据。");
        await city.Locator("#filing-return").ClickAsync();
        await Expect(city.Locator("#filing-state")).ToHaveTextAsync("已退回");

        // The county sees the comments and resubmits a revised document.
        await county.ReloadAsync();
        await Expect(county.Locator("#filing-return-comments")).ToContainTextAsync("请说明整改期限缩短的依据");
        await county.Locator("#resubmit-form #Document").SetInputFilesAsync(Pdf("潞州区实施细则（修订二）.pdf", "second"));
        await county.Locator("#filing-resubmit").ClickAsync();
        await Expect(county.Locator("#filing-state")).ToHaveTextAsync("已报送");
        await Expect(county.Locator("#filing-history")).ToContainTextAsync("新文件");

        // The city files it: the number is shown to both.
        await city.ReloadAsync();
        await city.Locator("#filing-file").ClickAsync();
        await Expect(city.Locator("#filing-state")).ToHaveTextAsync("已备案");
        await Expect(city.Locator("#filing-number")).ToHaveTextAsync(Number());
        var number = (await city.Locator("#filing-number").InnerTextAsync()).Trim();
        await browser.ScreenshotAsync(city, "filing-filed");
        await county.ReloadAsync();
        await Expect(county.Locator("#filing-number")).ToHaveTextAsync(number);
        Assert.Empty(browser.ConsoleErrors(county, city));
    }

    [GeneratedRegex(@"/Filings/Detail(/|\?id=)\d+")]
    private static partial Regex DetailUrl();

    [GeneratedRegex(@"^长绩备〔\d{4}〕\d+号$")]
    private static partial Regex Number();
}
