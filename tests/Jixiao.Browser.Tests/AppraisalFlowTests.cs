using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.Browser.Tests;

/// <summary>
/// The yearly appraisal (考核) as people click it: the city's performance section issues the county sheets of a year; 潞州区
/// self-scores the sub-items the system cannot measure and submits; the city reviews, and lowering a score without a reason is
/// refused with the sheet unchanged, with a reason it is stored and the sheet is reviewed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AppraisalFlowTests(BrowserFixture browser)
{
    private const string Year = "2023"; // the demo appraises last year; this year is free for the test

    [SkippableFact]
    public async Task City_Issues_County_SelfScoresAndSubmits_City_ReviewsWithAReasonForTheChange()
    {
        var city = await browser.LoginAsAsync("perf");
        await city.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "年度考核" }).ClickAsync();
        await city.Locator("#NewYear").SelectOptionAsync(Year);
        await city.Locator("#NewKind").SelectOptionAsync("County");
        await city.Locator("#Deadline").FillAsync("2024-03-31");
        await city.Locator("#appraisal-submit").ClickAsync();
        await city.WaitForURLAsync(RoundUrl());
        var sheetLink = city.Locator("a.sheet-link", new() { HasText = "潞州区" });
        var sheetPath = await sheetLink.GetAttributeAsync("href") ?? throw new InvalidOperationException("no sheet link of 潞州区");

        // 潞州区 self-scores every sub-item it scores itself, with an explanation, and submits.
        var county = await browser.LoginAsAsync("county");
        await county.GotoAsync(sheetPath);
        await Expect(county.Locator("#sheet-state")).ToHaveTextAsync("已下发");
        var scores = county.Locator("input[aria-label$='自评得分']");
        var count = await scores.CountAsync();
        Assert.True(count > 0, "the county has no sub-item to self-score");
        for (var i = 0; i < count; i++)
        {
            var input = scores.Nth(i);
            await input.FillAsync(await input.GetAttributeAsync("max") ?? "0");
        }
        var findings = county.Locator("input[aria-label$='问题个数']");
        for (var i = 0; i < await findings.CountAsync(); i++) await findings.Nth(i).FillAsync("0");
        var firstRow = county.Locator("#sheet-lines tr", new() { Has = county.Locator("input[aria-label$='自评得分']") }).First;
        var lineId = await firstRow.GetAttributeAsync("data-line");
        var points = await firstRow.Locator("input[aria-label$='自评得分']").GetAttributeAsync("max");
        await firstRow.Locator("textarea").FillAsync("已按要求建立制度并报送材料。");
        await county.Locator("#sheet-submit").ClickAsync();
        await Expect(county.Locator("#sheet-state")).ToHaveTextAsync("已提交");
        await Expect(county.Locator($"#sheet-lines tr[data-line='{lineId}'] .self-score")).ToHaveTextAsync(
            decimal.Parse(points!, CultureInfo.InvariantCulture).ToString("0.####", CultureInfo.InvariantCulture));

        // The city lowers that sub-item: refused without a reason, the sheet stays submitted.
        await city.GotoAsync(sheetPath);
        await Expect(city.Locator("#sheet-state")).ToHaveTextAsync("已提交");
        var review = city.Locator($"#sheet-lines tr[data-line='{lineId}']");
        await review.Locator("input[aria-label$='复核得分']").FillAsync("0");
        await review.Locator("textarea").FillAsync("");
        await city.Locator("#sheet-review").ClickAsync();
        await Expect(city.Locator("#sheet-errors")).ToContainTextAsync("理由");
        await Expect(city.Locator("#sheet-state")).ToHaveTextAsync("已提交");

        await review.Locator("input[aria-label$='复核得分']").FillAsync("0");
        await review.Locator("textarea").FillAsync("报送材料不全，未见制度文件。");
        await city.Locator("#sheet-review").ClickAsync();
        await Expect(city.Locator("#sheet-state")).ToHaveTextAsync("已复核");
        await Expect(city.Locator($"#sheet-lines tr[data-line='{lineId}']")).ToContainTextAsync("调整理由：报送材料不全");
        await browser.ScreenshotAsync(city, "appraisal-sheet-reviewed");
        Assert.Empty(browser.ConsoleErrors(city, county));
    }

    [GeneratedRegex(@"/Appraisals/Round(/|\?id=)\d+")]
    private static partial Regex RoundUrl();
}
