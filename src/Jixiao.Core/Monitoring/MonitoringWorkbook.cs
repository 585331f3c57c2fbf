using System.Globalization;
using Jixiao.Core.Goals;

namespace Jixiao.Core.Monitoring;

/// <summary>What the 项目支出绩效运行监控表 of one project shows (names already in Chinese, amounts in yuan, rates as fractions).</summary>
public sealed record MonitoringSheet(int FiscalYear, int Month, string ProjectCode, string ProjectName, string DepartmentName, string UnitName,
    decimal Budget, decimal Executed, decimal TimeProgress, decimal ExecutionRate, WarningColor BudgetColor, WarningColor ProjectColor,
    FundingState Funding, string State, string? Explanation, IReadOnlyList<MonitoringSheetRow> Indicators);

/// <summary>One indicator row of the 监控表.</summary>
public sealed record MonitoringSheetRow(string Level1Name, string Level2Name, string Name, string Target, string ToDate, decimal? ExpectedFullYear,
    DeviationReason? Reason, Likelihood? Likelihood, string? Explanation, WarningColor Color);

/// <summary>
/// The 项目支出绩效运行监控表 (财预〔2019〕136号 附件) as .xlsx in the layout clerks know: the project header, the money in 万元
/// with time progress and execution rate, then one row per indicator with the deviation reasons and likelihoods ticked (√).
/// </summary>
public static class MonitoringWorkbook
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static byte[] Report(MonitoringSheet d)
    {
        var s = new GoalWorkbook.SheetBuilder();
        const int last = 15; // columns A..P
        s.Set(1, 0, "项目支出绩效运行监控表", GoalWorkbook.Title);
        s.Merge(1, 0, 1, last);
        s.Set(2, 0, string.Format(Zh, "（{0}年1-{1}月）  状态：{2}", d.FiscalYear, d.Month, d.State), GoalWorkbook.Subtitle);
        s.Merge(2, 0, 2, last);
        s.Height(1, 30);

        void Pair(int row, string label, string value, string label2, string value2)
        {
            s.Set(row, 0, label, GoalWorkbook.Label);
            s.Set(row, 1, value, GoalWorkbook.TextLeft);
            s.Merge(row, 1, row, 7);
            s.Set(row, 8, label2, GoalWorkbook.Label);
            s.Merge(row, 8, row, 9);
            s.Set(row, 10, value2, GoalWorkbook.TextLeft);
            s.Merge(row, 10, row, last);
        }
        Pair(3, "项目名称", d.ProjectName, "项目代码", d.ProjectCode);
        Pair(4, "主管部门", d.DepartmentName, "实施单位", d.UnitName);

        s.Set(5, 0, "项目资金", GoalWorkbook.Label);
        s.Merge(5, 0, 6, 0);
        (string Heading, object Value, int From, int To)[] money =
        [
            ("全年预算数（万元）", Wan(d.Budget), 1, 3),
            ($"1-{d.Month}月执行数（万元）", Wan(d.Executed), 4, 6),
            ("时间进度", Percent(d.TimeProgress), 7, 8),
            ("执行率", Percent(d.ExecutionRate), 9, 10),
            ("预算执行预警", d.BudgetColor.ChineseName(), 11, 12),
            ("拨款状态", d.Funding.ChineseName(), 13, last),
        ];
        foreach (var (heading, value, from, to) in money)
        {
            s.Set(5, from, heading, GoalWorkbook.Heading);
            s.Merge(5, from, 5, to);
            s.Set(6, from, value, value is decimal ? GoalWorkbook.Amount : GoalWorkbook.Centered);
            s.Merge(6, from, 6, to);
        }
        s.Set(7, 0, "项目预警", GoalWorkbook.Label);
        s.Set(7, 1, d.ProjectColor.ChineseName(), GoalWorkbook.Centered);
        s.Merge(7, 1, 7, 3);
        s.Set(7, 4, "情况说明", GoalWorkbook.Label);
        s.Merge(7, 4, 7, 5);
        s.Set(7, 6, d.Explanation ?? "", GoalWorkbook.TextLeft);
        s.Merge(7, 6, 7, last);
        s.Height(7, GoalWorkbook.TextHeight(d.Explanation, 70));

        string[] single = ["一级指标", "二级指标", "三级指标", "年度指标值", $"1-{d.Month}月执行情况", "全年预计完成情况"];
        for (var c = 0; c < single.Length; c++)
        {
            s.Set(8, c, single[c], GoalWorkbook.Heading);
            s.Merge(8, c, 9, c);
        }
        s.Set(8, 6, "偏差原因分析", GoalWorkbook.Heading);
        s.Merge(8, 6, 8, 10);
        var reasons = Enum.GetValues<DeviationReason>();
        for (var i = 0; i < reasons.Length; i++) s.Set(9, 6 + i, reasons[i].ChineseName(), GoalWorkbook.Heading);
        s.Set(8, 11, "完成目标可能性", GoalWorkbook.Heading);
        s.Merge(8, 11, 8, 13);
        var likelihoods = Enum.GetValues<Likelihood>();
        for (var i = 0; i < likelihoods.Length; i++) s.Set(9, 11 + i, likelihoods[i].ChineseName(), GoalWorkbook.Heading);
        s.Set(8, 14, "备注（原因说明）", GoalWorkbook.Heading);
        s.Merge(8, 14, 9, 14);
        s.Set(8, 15, "指标预警", GoalWorkbook.Heading);
        s.Merge(8, 15, 9, 15);
        s.Height(8, 22);
        s.Height(9, 28);

        var row = 10;
        foreach (var x in d.Indicators)
        {
            s.Set(row, 0, x.Level1Name, GoalWorkbook.Centered);
            s.Set(row, 1, x.Level2Name, GoalWorkbook.Centered);
            s.Set(row, 2, x.Name, GoalWorkbook.TextLeft);
            s.Set(row, 3, x.Target, GoalWorkbook.Centered);
            s.Set(row, 4, x.ToDate, GoalWorkbook.Centered);
            if (x.ExpectedFullYear is { } e) s.Set(row, 5, e, GoalWorkbook.Centered);
            for (var i = 0; i < reasons.Length; i++) s.Set(row, 6 + i, x.Reason == reasons[i] ? "√" : "", GoalWorkbook.Centered);
            for (var i = 0; i < likelihoods.Length; i++) s.Set(row, 11 + i, x.Likelihood == likelihoods[i] ? "√" : "", GoalWorkbook.Centered);
            s.Set(row, 14, x.Explanation ?? "", GoalWorkbook.TextLeft);
            s.Set(row, 15, x.Color.ChineseName(), GoalWorkbook.Centered);
            s.Height(row, GoalWorkbook.TextHeight(x.Explanation, 14, 20));
            row++;
        }
        // Every cell inside a merged range carries the border style, or Excel draws the range without its edges.
        s.FillBlanks(3, Math.Max(10, row - 1), 0, last, GoalWorkbook.TextLeft);
        return s.Build("绩效运行监控表", [11, 11, 22, 12, 12, 12, 7, 7, 7, 9, 6, 7, 7, 9, 24, 8], landscape: true, frozenRows: 0);
    }

    private static decimal Wan(decimal yuan) => Math.Round(yuan / 10_000m, 4, MidpointRounding.AwayFromZero);

    private static string Percent(decimal fraction) => (fraction * 100m).ToString("0.0", Zh) + "%";
}
