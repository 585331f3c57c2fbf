using System.Globalization;
using Jixiao.Core.Goals;

namespace Jixiao.Core.Evaluations;

/// <summary>What one 自评表 shows (names already in Chinese, amounts in yuan, the rate as a fraction).</summary>
public sealed record SelfEvaluationSheet(string FormName, int FiscalYear, string State, string ProjectCode, string ProjectName, string DepartmentName,
    string UnitName, decimal YearStartBudget, decimal FullYearBudget, decimal Executed, decimal? ExecutionRate, decimal? ExecutionPoints,
    string? ExpectedOutcome, string? ActualOutcome, IReadOnlyList<SelfEvaluationSheetRow> Indicators, decimal Total, string Grade, string RuleSet);

/// <summary>One indicator row of the 自评表; <see cref="Dimension"/> only on a whole-department form.</summary>
public sealed record SelfEvaluationSheetRow(string? Dimension, string Level1Name, string Level2Name, string Name, string Target, string Actual,
    decimal Weight, decimal? Points, string? DeviationReason, string? Measures);

/// <summary>
/// The 项目支出绩效自评表 (财预〔2020〕10号 附件1), or the 部门整体支出绩效自评表 with its dimension column, as .xlsx: the header, the
/// money in 万元 with the execution rate and its points, the overall goal expected and achieved, one row per indicator, the total and grade.
/// </summary>
public static class SelfEvaluationWorkbook
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static byte[] Build(SelfEvaluationSheet d)
    {
        var s = new GoalWorkbook.SheetBuilder();
        var wide = d.Indicators.Any(i => i.Dimension is not null);
        var o = wide ? 1 : 0;
        var last = 8 + o;
        s.Set(1, 0, d.FormName, GoalWorkbook.Title);
        s.Merge(1, 0, 1, last);
        s.Set(2, 0, string.Format(Zh, "（{0}年度）  状态：{1}", d.FiscalYear, d.State), GoalWorkbook.Subtitle);
        s.Merge(2, 0, 2, last);
        s.Height(1, 30);

        void Pair(int row, string label, string value, string label2, string value2)
        {
            s.Set(row, 0, label, GoalWorkbook.Label);
            s.Set(row, 1, value, GoalWorkbook.TextLeft);
            s.Merge(row, 1, row, 4);
            s.Set(row, 5, label2, GoalWorkbook.Label);
            s.Merge(row, 5, row, 6);
            s.Set(row, 7, value2, GoalWorkbook.TextLeft);
            s.Merge(row, 7, row, last);
        }
        Pair(3, "项目名称", d.ProjectName, "项目代码", d.ProjectCode);
        Pair(4, "主管部门", d.DepartmentName, "实施单位", d.UnitName);

        s.Set(5, 0, "项目资金（万元）", GoalWorkbook.Label);
        s.Merge(5, 0, 6, 0);
        (string Heading, object Value)[] money =
        [
            ("年初预算数", Wan(d.YearStartBudget)), ("全年预算数", Wan(d.FullYearBudget)), ("全年执行数", Wan(d.Executed)), ("分值", 10m),
            ("执行率", d.ExecutionRate is { } r ? (r * 100m).ToString("0.##", Zh) + "%" : "—"), ("得分", d.ExecutionPoints is { } ep ? Round(ep) : "—"),
        ];
        for (var i = 0; i < money.Length; i++)
        {
            var col = 1 + i;
            var to = i == money.Length - 1 ? last : col;
            s.Set(5, col, money[i].Heading, GoalWorkbook.Heading);
            s.Set(6, col, money[i].Value, money[i].Value is decimal ? GoalWorkbook.Amount : GoalWorkbook.Centered);
            if (to > col)
            {
                s.Merge(5, col, 5, to);
                s.Merge(6, col, 6, to);
            }
        }

        s.Set(7, 0, "年度总体目标", GoalWorkbook.Label);
        s.Merge(7, 0, 8, 0);
        s.Set(7, 1, "预期目标", GoalWorkbook.Heading);
        s.Merge(7, 1, 7, 4);
        s.Set(7, 5, "实际完成情况", GoalWorkbook.Heading);
        s.Merge(7, 5, 7, last);
        s.Set(8, 1, d.ExpectedOutcome ?? "", GoalWorkbook.TextLeft);
        s.Merge(8, 1, 8, 4);
        s.Set(8, 5, d.ActualOutcome ?? "", GoalWorkbook.TextLeft);
        s.Merge(8, 5, 8, last);
        s.Height(8, GoalWorkbook.TextHeight(d.ExpectedOutcome?.Length > d.ActualOutcome?.Length ? d.ExpectedOutcome : d.ActualOutcome, 40));

        string[] headings = [.. wide ? ["评价维度"] : Array.Empty<string>(), "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"];
        for (var c = 0; c < headings.Length; c++) s.Set(9, c, headings[c], GoalWorkbook.Heading);
        s.Height(9, 24);
        var row = 10;
        foreach (var x in d.Indicators)
        {
            if (wide) s.Set(row, 0, x.Dimension ?? "", GoalWorkbook.Centered);
            s.Set(row, o, x.Level1Name, GoalWorkbook.Centered);
            s.Set(row, o + 1, x.Level2Name, GoalWorkbook.Centered);
            s.Set(row, o + 2, x.Name, GoalWorkbook.TextLeft);
            s.Set(row, o + 3, x.Target, GoalWorkbook.Centered);
            s.Set(row, o + 4, x.Actual, GoalWorkbook.Centered);
            s.Set(row, o + 5, x.Weight, GoalWorkbook.Centered);
            if (x.Points is { } p) s.Set(row, o + 6, Round(p), GoalWorkbook.Centered);
            var explanation = string.Join("\n", new[] { x.DeviationReason is { } dr ? "原因：" + dr : null, x.Measures is { } m ? "措施：" + m : null }.OfType<string>());
            s.Set(row, o + 7, explanation, GoalWorkbook.TextLeft);
            s.Height(row, GoalWorkbook.TextHeight(explanation, 18, 20));
            row++;
        }
        s.Set(row, 0, "总分", GoalWorkbook.Label);
        s.Merge(row, 0, row, o + 5);
        s.Set(row, o + 6, d.Total, GoalWorkbook.Centered);
        s.Set(row, o + 7, string.Format(Zh, "等级：{0}（{1}）", d.Grade, d.RuleSet), GoalWorkbook.TextLeft);
        // Every cell inside a merged range carries the border style, or Excel draws the range without its edges.
        s.FillBlanks(3, row, 0, last, GoalWorkbook.TextLeft);
        double[] widths = [.. wide ? [12d] : Array.Empty<double>(), 11, 11, 22, 13, 13, 7, 9, 30];
        return s.Build("绩效自评表", widths, landscape: true, frozenRows: 0);
    }

    private static decimal Wan(decimal yuan) => Math.Round(yuan / 10_000m, 4, MidpointRounding.AwayFromZero);

    private static decimal Round(decimal v) => Math.Round(v, 4, MidpointRounding.AwayFromZero);
}
