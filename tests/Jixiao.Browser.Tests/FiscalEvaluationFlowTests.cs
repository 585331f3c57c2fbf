using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.Browser.Tests;

/// <summary>
/// 财政运行综合绩效评价 as the performance section clicks it: it opens a year's evaluation, imports every county's values
/// from a CSV built from the page's own indicator table (one county at the floor of every indicator, the others at full
/// marks), scores, sees the ranking, and finalises; the county's sheet then shows its values read-only.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FiscalEvaluationFlowTests(BrowserFixture browser)
{
    private const string Year = "2030"; // no demo evaluation of this year

    [SkippableFact]
    public async Task Open_ImportAllCounties_Score_Rank_Finalise()
    {
        var page = await browser.LoginAsAsync("perf");
        await page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "财政运行评价" }).ClickAsync();
        await page.Locator("#NewYear").FillAsync(Year);
        await page.Locator("#fiscal-create button[type=submit]").ClickAsync();
        await Expect(page.Locator("#fiscal-state")).ToHaveTextAsync("草稿");

        // The indicators (code, full-marks value, zero value) and the counties, as the page shows them.
        var indicators = new List<(string Code, string Target, string Floor)>();
        var rows = page.Locator("#fiscal-indicators tbody tr");
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var cells = rows.Nth(i).Locator("td");
            indicators.Add(((await cells.Nth(1).Locator("span.text-muted").InnerTextAsync()).Trim(),
                Number(await cells.Nth(4).InnerTextAsync()), Number(await cells.Nth(5).InnerTextAsync())));
        }
        Assert.True(indicators.Count >= 10, $"only {indicators.Count} indicators on the page");
        var counties = new List<(string Code, string Name)>();
        var ranking = page.Locator("#fiscal-ranking tbody tr");
        for (var i = 0; i < await ranking.CountAsync(); i++)
            counties.Add((await ranking.Nth(i).GetAttributeAsync("data-county") ?? "", (await ranking.Nth(i).Locator("td").Nth(1).InnerTextAsync()).Trim()));
        Assert.True(counties.Count >= 2, "fewer than two counties to rank");
        var weakest = counties[^1];

        var csv = new StringBuilder("区划代码,区划名称," + string.Join(',', indicators.Select(x => x.Code)) + "\n");
        foreach (var (code, name) in counties)
            csv.Append($"{code},{name},{string.Join(',', indicators.Select(x => code == weakest.Code ? x.Floor : x.Target))}\n");
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload
        {
            Name = "县区财政运行数据.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv.ToString()),
        });
        await page.Locator("#fiscal-import button[type=submit]").ClickAsync();
        await Expect(page.Locator("#fiscal-import-errors")).ToHaveCountAsync(0);
        foreach (var (code, _) in counties)
            await Expect(page.Locator($"#fiscal-ranking tr[data-county='{code}']")).ToContainTextAsync("齐全");

        await page.Locator("#fiscal-actions button", new() { HasText = "计算得分" }).ClickAsync();
        await Expect(page.Locator("#fiscal-state")).ToHaveTextAsync("已评分");
        var first = page.Locator("#fiscal-ranking tbody tr").First;
        await Expect(first.Locator("td").Nth(0)).ToHaveTextAsync("1");
        await Expect(first.Locator("td").Nth(2)).ToHaveTextAsync("100");
        await Expect(first.Locator("td").Nth(3)).ToHaveTextAsync("优");
        var last = page.Locator($"#fiscal-ranking tr[data-county='{weakest.Code}']");
        await Expect(last.Locator("td").Nth(0)).ToHaveTextAsync(counties.Count.ToString(CultureInfo.InvariantCulture));
        await Expect(last.Locator("td").Nth(2)).ToHaveTextAsync("0");
        await Expect(last.Locator("td").Nth(3)).ToHaveTextAsync("差");

        await page.Locator("#fiscal-actions button", new() { HasText = "定稿" }).ClickAsync();
        await Expect(page.Locator("#fiscal-state")).ToHaveTextAsync("已定稿");
        await browser.ScreenshotAsync(page, "fiscal-evaluation-finalised");

        // A finalised evaluation's sheets are read-only.
        await last.GetByRole(AriaRole.Link, new() { Name = "查看" }).ClickAsync();
        await Expect(page.Locator("#sheet-form input[type=number]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#sheet-total")).ToContainTextAsync("0");
        Assert.Empty(browser.ConsoleErrors(page));
    }

    /// <summary>The number of a cell such as "95%" or "1,200万元".</summary>
    private static string Number(string cell) => NumberPattern().Match(cell.Replace(",", "", StringComparison.Ordinal)).Value;

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex NumberPattern();
}
