using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jixiao.Browser.Tests;

/// <summary>
/// Issue #7 "done means": one new project walked through its whole year by the people who do it, each clicking in their own
/// browser: the unit registers it and declares the goal, the department and the budget section review and approve, the
/// performance section publishes it, imports the year's payments (a generated CSV uploaded on the page) and issues a
/// monitoring round that the unit reports and the department passes; the self-evaluation task is issued, the unit scores the
/// 自评表 and the department passes it; the performance section runs a key evaluation in which the expert scores on line (a
/// second expert's paper sheet is entered for him) and completes it with its conclusions; it drafts the feedback letter, the department
/// states its views, the letter is sent; the department rectifies and reports, the performance section accepts; the goal and results are
/// published and an anonymous visitor finds the project with its grade on /public.
/// The year is two years ago, which no demo data and no other browser test uses, so the round, the self-evaluation task
/// and the key evaluation cover this project alone and nothing the other tests look at changes.
/// A full-page screenshot of every step goes to TestResults/screenshots/whole-year/NN-step.png.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WholeYearTests(BrowserFixture browser)
{
    private const string ProjectName = "校园智慧安防系统升级改造";
    private const string UnitCode = "101001"; // 长治市第一中学校 (DemoData: department 101, first unit)
    private const decimal BudgetWan = 100m;

    private static readonly int Year = DateTime.UtcNow.AddHours(8).Year - 2;
    private static readonly string YearText = Year.ToString(CultureInfo.InvariantCulture);

    private int _step;

    /// <summary>The goal's indicators as the unit types them: level 1, level 2, name, target, unit, weight (output 50, benefit 30, satisfaction 10).</summary>
    private static readonly (string Level1, string Level2, string Name, string Target, string Unit, string Weight)[] Indicators =
    [
        ("Output", "Quantity", "新建安防监控点位数量", "120", "个", "30"),
        ("Output", "Quality", "设备验收合格率", "100", "%", "20"),
        ("Benefit", "Social", "校园安全事件同比下降比例", "30", "%", "30"),
        ("Satisfaction", "ServiceRecipient", "师生及家长满意度", "90", "%", "10"),
    ];

    private readonly List<(string User, IPage Page)> _pages = [];

    [SkippableFact]
    public async Task OneProject_ThroughTheWholeYear_ByThePeopleWhoDoIt()
    {
        browser.RequireBrowser();
        // This run's steps only: no screenshot of an earlier run's later steps stays beside them.
        if (Directory.Exists(StepDirectory))
            foreach (var old in Directory.EnumerateFiles(StepDirectory)) File.Delete(old);
        Directory.CreateDirectory(StepDirectory);
        try
        {
            await WalkAsync();
        }
        catch
        {
            // What each person's browser showed when the walk stopped, for the CI artefacts.
            foreach (var (user, page) in _pages)
            {
                try
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(StepDirectory, $"failed-{user}.png"), FullPage = true });
                }
                catch (PlaywrightException)
                {
                }
            }
            await File.WriteAllTextAsync(Path.Combine(StepDirectory, "failed-app.log"), browser.Server.Log);
            throw;
        }
    }

    private string StepDirectory => Path.Combine(browser.ScreenshotDirectory, "whole-year");

    private async Task WalkAsync()
    {
        var code = "WY" + YearText + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        // 1. The unit registers the project for the year.
        var unit = await LoginForYearAsync("unit");
        await Nav(unit, "项目与目标");
        await unit.Locator("#project-create").ClickAsync();
        await unit.Locator("#Input_Code").FillAsync(code);
        await unit.Locator("#Input_Name").FillAsync(ProjectName);
        await unit.Locator("#Input_ResponsiblePersonName").FillAsync("刘芳");
        await unit.Locator("#Input_ResponsiblePersonPhone").FillAsync("0355-2021234");
        await unit.Locator("#Input_CurrentYearAppropriationWan").FillAsync(BudgetWan.ToString(CultureInfo.InvariantCulture));
        await unit.Locator("#Input_Description").FillAsync("对校园出入口、教学楼、宿舍楼安防监控系统进行升级改造，新建监控点位并接入公安视频平台。");
        await Step(unit, "project-registered-by-unit");
        await unit.Locator("#project-submit").ClickAsync();
        await Expect(unit.Locator("#project-summary")).ToContainTextAsync(ProjectName);
        await Expect(unit.Locator("#goal-state")).ToHaveAttributeAsync("data-state", "None");

        // 2. The unit declares the goal: the annual goal and four indicators, saves the draft, submits.
        await unit.Locator("#AnnualGoal").FillAsync("年内新建安防监控点位120个，设备验收全部合格，校园安全事件同比下降30%以上，师生及家长满意度达到90%以上。");
        await unit.Locator("#MediumTermGoal").FillAsync("建成覆盖全校的智慧安防体系，校园安全事件持续下降。");
        var rows = unit.Locator("#indicator-table tbody tr.indicator-row");
        for (var i = 0; i < Indicators.Length; i++)
        {
            if (await rows.CountAsync() <= i) await unit.Locator("#indicator-add").ClickAsync();
            await Expect(rows).ToHaveCountAsync(Math.Max(i + 1, await rows.CountAsync()));
            var (level1, level2, name, target, measure, weight) = Indicators[i];
            var row = rows.Nth(i);
            await row.Locator("[data-field='Level1']").SelectOptionAsync(level1);
            await row.Locator("[data-field='Level2']").SelectOptionAsync(level2);
            await row.Locator("[data-field='Name']").FillAsync(name);
            await row.Locator("[data-field='Comparison']").SelectOptionAsync("AtLeast");
            await row.Locator("[data-field='TargetValue']").FillAsync(target);
            await row.Locator("[data-field='Unit']").FillAsync(measure);
            await row.Locator("[data-field='Weight']").FillAsync(weight);
            await row.Locator("[data-field='ScoringStandard']").FillAsync("达到目标值得满分，未达到按完成比例计分。");
        }
        while (await rows.CountAsync() > Indicators.Length) await rows.Last.Locator("[data-remove-row]").ClickAsync();
        await Expect(unit.Locator("#weight-total")).ToHaveTextAsync("90");
        await unit.Locator("#goal-save").ClickAsync();
        await Expect(unit.Locator("#goal-state")).ToHaveAttributeAsync("data-state", "Draft");
        await Expect(unit.Locator("#findings-list .finding-error")).ToHaveCountAsync(0);
        await unit.Locator("#goal-act-submit").ClickAsync();
        await Expect(unit.Locator("#goal-state")).ToHaveTextAsync("待部门审核");
        await Step(unit, "goal-declared-by-unit");
        var goalUrl = unit.Url;

        // 3. The department reviews with its 四性 scores and passes; the budget section passes and approves (批复).
        var dept = await LoginForYearAsync("dept");
        await OpenProjectAsync(dept);
        await dept.Locator("#Completeness").FillAsync("24");
        await dept.Locator("#Relevance").FillAsync("24");
        await dept.Locator("#Appropriateness").FillAsync("23");
        await dept.Locator("#Feasibility").FillAsync("23");
        await Expect(dept.Locator("#score-total")).ToHaveTextAsync(new Regex("94"));
        await dept.Locator("#goal-act-pass").ClickAsync();
        await Expect(dept.Locator("#goal-state")).ToHaveTextAsync("待财政审核");
        await Step(dept, "goal-passed-by-department");

        var budget = await LoginForYearAsync("budget");
        await OpenProjectAsync(budget);
        await budget.Locator("#action-reason").FillAsync("目标与预算匹配，同意。");
        await budget.Locator("#goal-act-pass").ClickAsync();
        await Expect(budget.Locator("#goal-state")).ToHaveTextAsync("待批复");
        await budget.Locator("#goal-act-approve").ClickAsync();
        await Expect(budget.Locator("#goal-state")).ToHaveTextAsync("已批复");
        await Step(budget, "goal-approved-by-budget-section");

        // 4. The performance section publishes the goal.
        var perf = await LoginForYearAsync("perf");
        await OpenProjectAsync(perf);
        await perf.Locator("#goal-act-publish").ClickAsync();
        await Expect(perf.Locator("#goal-state")).ToHaveTextAsync("已公开");
        await Step(perf, "goal-published-by-performance-section");

        // 5. The year's payments: a treasury export of 24 payments (960,000 yuan, 96 % of the budget) uploaded on 导入支付明细.
        var csv = new StringBuilder("支付凭证号,实际支付日期,项目代码,单位代码,实际支付金额,用途\n");
        for (var i = 0; i < 24; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{code}P{i + 1:00},{Year}-{i / 2 + 1:00}-{(i % 2 == 0 ? 10 : 25)},{code},{UnitCode},\"40,000.00\",安防设备采购及安装\n");
        await Nav(perf, "导入支付明细");
        await perf.Locator("#Upload").SetInputFilesAsync(new FilePayload
        {
            Name = $"{Year}年支付明细.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv.ToString()),
        });
        await perf.Locator("#payment-import-submit").ClickAsync();
        await perf.WaitForURLAsync(url => url.Contains("job=", StringComparison.Ordinal));
        var job = perf.Locator("#payment-import-job");
        await Expect(job).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 60_000 });
        await Expect(job).ToContainTextAsync("24");
        await Step(perf, "payments-imported");
        await job.GetByRole(AriaRole.Link, new() { Name = "查看本批支付明细" }).ClickAsync();
        await Expect(perf.Locator("#payment-sum")).ToContainTextAsync("960,000");

        // 6. Monitoring: the performance section issues the round (data to the end of July); the unit reports, the department passes.
        await Nav(perf, "监控轮次");
        var roundTitle = $"{Year}年1-7月校园安防项目绩效运行监控";
        await perf.Locator("#Month").SelectOptionAsync("7");
        await perf.Locator("#DueDate").FillAsync($"{Year}-08-15");
        await perf.Locator("#Title").FillAsync(roundTitle);
        await perf.Locator("#round-issue").ClickAsync();
        await Expect(perf.Locator("#round-table")).ToContainTextAsync(roundTitle);
        await Step(perf, "monitoring-round-issued");

        await Nav(unit, "我的待办");
        await unit.GetByRole(AriaRole.Link, new() { Name = $"填报绩效运行监控：{roundTitle}" }).ClickAsync();
        await unit.Locator("#reports-table a.report-link", new() { HasText = ProjectName }).ClickAsync();
        await Expect(unit.Locator("#report-indicators")).ToBeVisibleAsync();
        for (var i = 0; i < Indicators.Length; i++)
        {
            var row = unit.Locator("#report-indicators tbody tr").Nth(i);
            var target = Indicators[i].Target;
            await row.Locator("input[name$='.ToDate']").FillAsync(target);
            await row.Locator("input[name$='.ExpectedFullYear']").FillAsync(target);
        }
        await unit.Locator("#Explanation").FillAsync("截至7月底，监控点位已全部完成安装调试，资金按合同进度支付。");
        await unit.Locator("#report-save").ClickAsync();
        await Expect(unit.Locator("#report-errors")).ToBeHiddenAsync();
        await unit.Locator("#report-submit").ClickAsync();
        await Expect(unit.Locator("#report-state")).ToHaveAttributeAsync("data-state", "Submitted");
        await Step(unit, "monitoring-reported-by-unit");
        var reportUrl = unit.Url;

        await dept.GotoAsync(reportUrl);
        await dept.Locator("#report-act-pass").ClickAsync();
        await Expect(dept.Locator("#report-state")).ToHaveAttributeAsync("data-state", "DepartmentReviewed");
        await Step(dept, "monitoring-passed-by-department");

        // 7. Self-evaluation: the performance section issues the task; the unit types the actual values and submits; the department passes.
        await Nav(perf, "绩效自评");
        var taskTitle = $"{Year}年度校园安防项目绩效自评";
        if (await perf.Locator("#self-issue[open]").CountAsync() == 0) await perf.Locator("#self-issue summary").ClickAsync();
        await perf.Locator("#Title").FillAsync(taskTitle);
        await perf.Locator("#Deadline").FillAsync($"{Year + 1}-03-31");
        await perf.Locator("#self-issue-submit").ClickAsync();
        await Expect(perf.Locator("#self-task-table")).ToContainTextAsync(taskTitle);
        await Step(perf, "self-evaluation-task-issued");

        await Nav(unit, "我的待办");
        await unit.GetByRole(AriaRole.Link, new() { Name = $"填报绩效自评：{taskTitle}" }).ClickAsync();
        await unit.Locator("#self-table a.self-link", new() { HasText = ProjectName }).ClickAsync();
        await Expect(unit.Locator("#self-state")).ToHaveTextAsync("待填报");
        var selfRows = unit.Locator("#self-indicator-table tr.self-row");
        await Expect(selfRows).ToHaveCountAsync(Indicators.Length);
        for (var i = 0; i < Indicators.Length; i++)
        {
            // Every target reached, the benefit one exceeded.
            var actual = i == 2 ? "35" : Indicators[i].Target;
            await selfRows.Nth(i).Locator(".row-actual").FillAsync(actual);
            await Expect(selfRows.Nth(i).Locator(".row-points")).ToHaveTextAsync(new Regex("^" + Regex.Escape(Indicators[i].Weight) + "(\\.0+)?$"));
        }
        await unit.Locator("#self-save").ClickAsync();
        await Expect(unit.Locator("#flash")).ToContainTextAsync("已保存");
        await unit.Locator("#self-submit").ClickAsync();
        await Expect(unit.Locator("#self-state")).ToHaveTextAsync("已提交");
        var selfGrade = (await unit.Locator("#self-grade").InnerTextAsync()).Trim();
        await Step(unit, "self-evaluation-submitted-by-unit");
        var selfUrl = unit.Url;

        await dept.GotoAsync(selfUrl);
        await dept.Locator("#act-pass").ClickAsync();
        await Expect(dept.Locator("#self-state")).ToHaveTextAsync("部门已审核");
        await Expect(dept.Locator("#self-grade")).ToHaveTextAsync(selfGrade);
        await Step(dept, "self-evaluation-passed-by-department");

        // 8. Key evaluation: the performance section evaluates the project; two 农业经济 experts are drawn (孙明 has an account).
        await Nav(perf, "重点评价");
        await perf.Locator("#key-create").ClickAsync();
        await Expect(perf.Locator("#year")).ToHaveValueAsync(YearText);
        await perf.Locator("#kind-Projects").CheckAsync();
        await perf.Locator("#project-ids option", new() { HasText = ProjectName }).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await perf.Locator("#project-ids").SelectOptionAsync(new SelectOptionValue { Label = await ProjectOptionLabelAsync(perf) });
        var keyTitle = $"{Year}年度{ProjectName}重点绩效评价";
        await perf.Locator("#Title").FillAsync(keyTitle);
        await perf.Locator("#key-create-submit").ClickAsync();
        await Expect(perf.Locator("#key-state")).ToHaveAttributeAsync("data-state", "Draft");
        await Expect(perf.Locator("#framework-total")).ToHaveTextAsync("100");
        await perf.Locator("#method-Experts").CheckAsync();
        await perf.Locator("#expert-count").FillAsync("2");
        await perf.Locator("#expert-field").FillAsync("农业经济");
        await perf.Locator("#assign-submit").ClickAsync();
        await Expect(perf.Locator("#key-state")).ToHaveAttributeAsync("data-state", "Scoring");
        await Expect(perf.Locator("#scorer-table tbody tr")).ToHaveCountAsync(2);
        await Expect(perf.Locator("#scorer-table")).ToContainTextAsync("孙明");
        await Step(perf, "key-evaluation-experts-drawn");
        var keyUrl = perf.Url;

        var expert = await LoginForYearAsync("expert");
        await Nav(expert, "我的待办");
        await expert.GetByRole(AriaRole.Link, new() { Name = $"重点评价专家评分：{keyTitle}" }).ClickAsync();
        await expert.Locator("#my-sheet-link").ClickAsync();
        await FillSheetAsync(expert, 0.9m, "孙明");
        await Expect(expert.Locator("#scorer-table tr:has(.badge)")).ToContainTextAsync("已提交");
        await Step(expert, "key-evaluation-scored-by-expert");

        // The other expert's paper sheet, entered by the performance section (代录); then scoring closes and the evaluation completes.
        await perf.GotoAsync(keyUrl);
        await perf.Locator("#scorer-table a.proxy-link").First.ClickAsync();
        await FillSheetAsync(perf, 0.86m, null);
        await perf.Locator("#close-submit").ClickAsync();
        await Expect(perf.Locator("#key-state")).ToHaveAttributeAsync("data-state", "Closed");
        await perf.Locator("#Conclusions").FillAsync("项目按计划完成建设任务，安防监控覆盖全校，资金使用规范，总体效果良好。");
        await perf.Locator("#Experience").FillAsync("建设与使用同步规划，接入公安视频平台实现联动。");
        await perf.Locator("#Problems").FillAsync("部分点位验收资料归档不及时；运维经费未纳入年度预算。");
        await perf.Locator("#Suggestions").FillAsync("完善验收归档制度，将运维经费纳入下年度预算。");
        await perf.Locator("#conclusions-complete").ClickAsync();
        await Expect(perf.Locator("#key-state")).ToHaveAttributeAsync("data-state", "Completed");
        var keyGrade = (await perf.Locator("#key-grade").InnerTextAsync()).Split('·').Last().Trim();
        Assert.Matches("^(优|良|中|差)$", keyGrade);
        await Step(perf, "key-evaluation-completed");

        // 11. Feedback letter: the performance section drafts it from the key evaluation and asks the department for its views
        // (听取意见); the department states them; the letter is sent with its number and its .docx.
        await perf.Locator("#draft-letter").ClickAsync();
        await Expect(perf.Locator("#letter-state")).ToHaveTextAsync("草稿");
        await Expect(perf.Locator("#Problems")).ToHaveValueAsync(new Regex("验收资料归档不及时"));
        await Expect(perf.Locator("#Grade option:checked")).ToHaveTextAsync(new Regex(keyGrade));
        await perf.Locator("#letter-request-views").ClickAsync();
        await Expect(perf.Locator("#letter-state")).ToHaveTextAsync("征求意见中");
        await Step(perf, "feedback-letter-drafted");
        var letterUrl = perf.Url;

        await dept.GotoAsync(letterUrl);
        await dept.Locator("#Views").FillAsync("对评价结论无异议；运维经费问题将在下年度预算中统筹解决。");
        await dept.Locator("#letter-views-submit").ClickAsync();
        await Expect(dept.Locator("#letter-views")).ToContainTextAsync("对评价结论无异议");
        await Step(dept, "feedback-letter-views-of-department");

        await perf.ReloadAsync();
        await perf.Locator("#letter-send").ClickAsync();
        await Expect(perf.Locator("#letter-state")).ToHaveTextAsync("已印发");
        await Expect(perf.Locator("#letter-number")).ToHaveTextAsync(new Regex(@"^长财绩函〔\d{4}〕\d+号$")); // numbered in the year it is sent
        var download = await perf.RunAndWaitForDownloadAsync(() => perf.Locator("#letter-docx").ClickAsync());
        var docx = await download.PathAsync();
        Assert.Equal("PK", Encoding.ASCII.GetString(File.ReadAllBytes(docx), 0, 2)); // a zip package: the stored Word document
        await Step(perf, "feedback-letter-sent");

        // 12. Rectification: the department records its measures per problem, reports, and the performance section accepts.
        await dept.GotoAsync(letterUrl);
        await dept.Locator("#to-rectification").ClickAsync();
        await Expect(dept.Locator("#rect-state")).ToHaveTextAsync("整改中");
        var items = dept.Locator("#rect-items tbody tr");
        var itemCount = await items.CountAsync();
        Assert.True(itemCount > 0, "the rectification has no items");
        for (var i = 0; i < itemCount; i++)
        {
            var item = dept.Locator("#rect-items tbody tr").Nth(i);
            await item.Locator("textarea[name='Measures']").FillAsync($"已落实整改措施（第{i + 1}项）：制定制度并完成整改，相关材料已归档。");
            await item.Locator("select[name='ItemState']").SelectOptionAsync("Done");
            await item.Locator(".item-save").ClickAsync();
            await Expect(dept.Locator("#rect-items tbody tr").Nth(i)).ToContainTextAsync("已整改");
        }
        await dept.Locator("#Report").FillAsync("按照反馈函要求，已完善验收归档制度，运维经费已列入下年度部门预算。");
        await dept.Locator("#rect-report-save").ClickAsync();
        await dept.Locator("#rect-submit").ClickAsync();
        await Expect(dept.Locator("#rect-state")).ToHaveTextAsync("已报送");
        await Step(dept, "rectification-reported-by-department");
        var rectificationUrl = dept.Url;

        await perf.GotoAsync(rectificationUrl);
        await perf.Locator("#rect-accept").ClickAsync();
        await Expect(perf.Locator("#rect-state")).ToHaveTextAsync("已验收");
        await Step(perf, "rectification-accepted");

        // 13. Disclosure: the performance section publishes the project's goal, its evaluation results and (when offered) its rectification.
        await Nav(perf, "信息公开");
        await perf.Locator("#disclosure-candidates").ClickAsync();
        var candidates = perf.Locator("#candidate-table tbody tr", new() { HasText = ProjectName });
        // At least the goal, the self-evaluation result and the key evaluation result.
        await Expect(candidates.Nth(2)).ToBeVisibleAsync();
        var candidateCount = await candidates.CountAsync();
        for (var i = 0; i < candidateCount; i++) await candidates.Nth(i).Locator("input[name='keys']").CheckAsync();
        await perf.Locator("#publish-submit").ClickAsync();
        await Expect(perf.Locator("#candidate-table tbody tr", new() { HasText = ProjectName }).Locator("input[name='keys']")).ToHaveCountAsync(0);
        await Step(perf, "published-by-performance-section");

        // 14. Anyone, without signing in: the public portal finds the project by year, grade and name, with its grade.
        var visitor = await browser.NewPageAsync();
        _pages.Add(("visitor", visitor));
        await visitor.GotoAsync("/Account/Login");
        await visitor.Locator("#public-portal-link").ClickAsync();
        await visitor.Locator("#public-search #year").SelectOptionAsync(YearText);
        await visitor.Locator("#public-search #grade").SelectOptionAsync(keyGrade);
        await visitor.Locator("#public-search #q").FillAsync(ProjectName);
        await visitor.Locator("#public-search-submit").ClickAsync();
        var found = visitor.Locator("#public-table tbody tr", new() { HasText = "重点评价" });
        await Expect(found).ToHaveCountAsync(1);
        await Expect(found).ToContainTextAsync(ProjectName);
        await Expect(found).ToContainTextAsync(keyGrade);
        await Expect(visitor.Locator("#main-nav")).ToHaveCountAsync(0);
        await found.Locator("a").ClickAsync();
        await Expect(visitor.Locator("#public-grade")).ToContainTextAsync(keyGrade);
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync("孙明"); // the experts are not published
        await Step(visitor, "public-portal-shows-the-grade");
    }

    /// <summary>Each indicator's points as <paramref name="share"/> of its weight, with a comment, and submits the sheet.</summary>
    private static async Task FillSheetAsync(IPage page, decimal share, string? scorer)
    {
        var rows = page.Locator("#sheet-table tbody tr:has([data-sheet-points])");
        var n = await rows.CountAsync();
        Assert.True(n > 0, "the score sheet has no indicator rows");
        for (var i = 0; i < n; i++)
        {
            var points = rows.Nth(i).Locator("[data-sheet-points]");
            var max = decimal.Parse(await points.GetAttributeAsync("max") ?? "0", CultureInfo.InvariantCulture);
            await points.FillAsync(Math.Round(max * share, 2).ToString(CultureInfo.InvariantCulture));
            await rows.Nth(i).Locator("textarea").FillAsync("按评价标准核查佐证材料后评分。");
        }
        if (scorer is not null) await page.Locator("#Opinion").FillAsync($"{scorer}：项目实施规范，效益明显。");
        await page.Locator("#sheet-submit").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Evaluations/KeyDetails", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<string> ProjectOptionLabelAsync(IPage page) =>
        (await page.Locator("#project-ids option", new() { HasText = ProjectName }).InnerTextAsync()).Trim();

    /// <summary>Signs in as a demo account in its own browser and switches to the year of the walk.</summary>
    private async Task<IPage> LoginForYearAsync(string user)
    {
        var page = await browser.LoginAsAsync(user);
        _pages.Add((user, page));
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.Locator("#year-select").SelectOptionAsync(YearText);
        await Expect(page.Locator("#year-select")).ToHaveValueAsync(YearText);
        return page;
    }

    private static async Task Nav(IPage page, string entry) =>
        await page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = entry }).ClickAsync();

    /// <summary>The project's goal page, found in 项目与目标 by its name.</summary>
    private static async Task OpenProjectAsync(IPage page)
    {
        await Nav(page, "项目与目标");
        await page.GetByRole(AriaRole.Link, new() { Name = ProjectName, Exact = true }).ClickAsync();
        await Expect(page.Locator("#project-summary")).ToContainTextAsync(ProjectName);
    }

    /// <summary>A full-page screenshot as TestResults/screenshots/whole-year/NN-<paramref name="name"/>.png.</summary>
    private async Task Step(IPage page, string name)
    {
        _step++;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(StepDirectory, $"{_step:00}-{name}.png"), FullPage = true });
    }
}
