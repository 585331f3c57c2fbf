using Jixiao.Core.Goals;
using Jixiao.Core.Indicators;

namespace Jixiao.Web.Tests;

/// <summary>指标值 as finance systems print it (DATA-STANDARD "Formats seen in real exports"), parsed for the goal import. Pure: no database.</summary>
public sealed class GoalTargetParsingTests
{
    public static TheoryData<string?, string?, string?, string?, Comparison, string?, string?> Rows() => new()
    {
        // comparison column, kpi_val, unit column, direction column → comparison, value, unit
        { null, "≥95%", null, null, Comparison.AtLeast, "95", "%" },
        { null, "≧95%", null, null, Comparison.AtLeast, "95", "%" },
        { null, ">=95%", null, null, Comparison.AtLeast, "95", "%" },
        { null, "≤500万元", null, null, Comparison.AtMost, "500", "万元" },
        { null, "≦500万元", null, null, Comparison.AtMost, "500", "万元" },
        { null, "=1个", null, null, Comparison.Equal, "1", "个" },
        { null, "═1个", null, null, Comparison.Equal, "1", "个" },
        { null, "﹦1个", null, null, Comparison.Equal, "1", "个" },
        { null, "＝０", null, null, Comparison.Equal, "0", null },
        { null, "１００％", null, null, Comparison.AtLeast, "100", "%" },
        { null, "100%", null, null, Comparison.AtLeast, "100", "%" },
        { null, "1,200 平方米", null, null, Comparison.AtLeast, "1200", "平方米" },
        { null, "0.5", "%", "反向", Comparison.AtMost, "0.5", "%" },
        { null, "30", "天", "小于等于", Comparison.AtMost, "30", "天" },
        { null, "98", "%", "正向", Comparison.AtLeast, "98", "%" },
        { null, "98", "%", "大于等于", Comparison.AtLeast, "98", "%" },
        { "≤", "3", "天", null, Comparison.AtMost, "3", "天" },
        { "≤", "≤3天", null, null, Comparison.AtMost, "3", "天" },
        { "=", "12", "个", null, Comparison.Equal, "12", "个" },
        { "定性", "明显改善", null, null, Comparison.Qualitative, null, null },
        { null, "明显改善", null, null, Comparison.Qualitative, null, null },
        { null, null, "%", null, Comparison.AtLeast, null, "%" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void ParseTarget_ReadsSignValueAndUnit(string? comparison, string? value, string? unit, string? direction, Comparison expected, string? number, string? expectedUnit)
    {
        var t = GoalExcelService.ParseTarget(comparison, value, unit, direction);
        Assert.Null(t.Error);
        Assert.Equal(expected, t.Comparison);
        Assert.Equal(number is null ? null : decimal.Parse(number, System.Globalization.CultureInfo.InvariantCulture), t.Value);
        Assert.Equal(expectedUnit, t.Unit);
        if (expected == Comparison.Qualitative) Assert.Equal(value, t.Text);
    }

    public static TheoryData<string?, string?, string?, string> Refused() => new()
    {
        { "≥", "九十五", null, "Value" },
        { "≥", "≤95", null, "Value" },
        { null, "≥很多", null, "Value" },
        { null, "-5", null, "Value" },
        { "大约", "5", null, "Comparison" },
        { null, "5", "左右", "Direction" },
        { null, "明显改善", "正向", "Value" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void ParseTarget_RefusesWhatItCannotRead_NamingTheColumn(string? comparison, string? value, string? direction, string field)
    {
        var t = GoalExcelService.ParseTarget(comparison, value, null, direction);
        Assert.NotNull(t.Error);
        Assert.Equal(field, t.Error.Field);
        Infrastructure.Http.AssertChinese(t.Error.Message);
    }
}
