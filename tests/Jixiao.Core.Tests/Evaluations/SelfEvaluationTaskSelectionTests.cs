using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;

namespace Jixiao.Core.Tests.Evaluations;

/// <summary>
/// Issue 6: a self-evaluation task covers all projects with approved goals, or a filter (departments, key monitoring, project codes,
/// all together); a project is in at most one task per year — a later task skips those already covered and counts them; nothing left is refused.
/// </summary>
public sealed class SelfEvaluationTaskSelectionTests
{
    // Department 10: P1 (key monitoring), P2; department 20: P3 (key monitoring), P4; department 20's whole spending W20.
    private static readonly IReadOnlyList<SelfEvaluationCandidate> Candidates =
    [
        new(1, "P1", 10, true),
        new(2, "P2", 10, false),
        new(3, "P3", 20, true),
        new(4, "P4", 20, false),
        new(5, "W20", 20, false),
    ];

    private static SelfEvaluationTaskFilter Filter(string departments, bool keyOnly, string codes) =>
        SelfEvaluationTaskSelection.Normalize(departments.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse), keyOnly, [codes]);

    private static HashSet<long> Covered(string ids) => ids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToHashSet();

    [Theory]
    [InlineData("", false, "", "", "1,2,3,4,5", 0)]
    [InlineData("10", false, "", "", "1,2", 0)]
    [InlineData("10,20", false, "", "", "1,2,3,4,5", 0)]
    [InlineData("", true, "", "", "1,3", 0)]
    [InlineData("20", true, "", "", "3", 0)]
    [InlineData("", false, "P2,P4", "", "2,4", 0)]
    [InlineData("", false, "P2 P4\nP2", "", "2,4", 0)]
    [InlineData("10", false, "P2,P4", "", "2", 0)]
    [InlineData("", true, "P1,P2", "", "1", 0)]
    [InlineData("", false, "", "1,3", "2,4,5", 2)]
    [InlineData("20", false, "", "3", "4,5", 1)]
    [InlineData("", true, "", "3", "1", 1)]
    [InlineData("", false, "", "7", "1,2,3,4,5", 0)]
    public void Select_FilterAndAlreadyCovered(string departments, bool keyOnly, string codes, string covered, string selected, int skipped)
    {
        var result = SelfEvaluationTaskSelection.Select(Candidates, Filter(departments, keyOnly, codes), Covered(covered));
        Assert.Equal(Covered(selected).Order(), result.Selected);
        Assert.Equal(skipped, result.Skipped);
    }

    [Theory]
    [InlineData("", false, "", "1,2,3,4,5", "符合条件的5个项目已经下达过本年度的自评任务")]
    [InlineData("10", false, "", "1,2", "符合条件的2个项目已经下达过本年度的自评任务")]
    [InlineData("", true, "", "1,3", "符合条件的2个项目已经下达过本年度的自评任务")]
    [InlineData("10", true, "P2", "", "没有符合条件的项目")]
    [InlineData("30", false, "", "", "没有符合条件的项目")]
    [InlineData("", false, "P9", "", "项目代码“P9”不是本区划本年度目标已批复的单位项目或部门整体支出")]
    [InlineData("", false, "P1,X1,X2", "", "项目代码“X1”、“X2”不是")]
    public void Select_NothingLeft_IsRefusedInChinese(string departments, bool keyOnly, string codes, string covered, string message)
    {
        var ex = Assert.Throws<DomainException>(() => SelfEvaluationTaskSelection.Select(Candidates, Filter(departments, keyOnly, codes), Covered(covered)));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_NoCandidates_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() => SelfEvaluationTaskSelection.Select([], SelfEvaluationTaskFilter.All, new HashSet<long>()));
        Assert.Contains("没有符合条件的项目", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_SplitsTrimsAndDeduplicates()
    {
        var f = SelfEvaluationTaskSelection.Normalize([20, 10, 20], false, [" P1，P2、P3;P1 ", "P4\r\nP5\tP2"]);
        Assert.Equal([10L, 20L], f.DepartmentIds);
        Assert.Equal(["P1", "P2", "P3", "P4", "P5"], f.ProjectCodes);
        Assert.False(f.IsAll);
        Assert.True(SelfEvaluationTaskSelection.Normalize(null, false, null).IsAll);
        Assert.True(SelfEvaluationTaskSelection.Normalize([], false, ["  ", ""]).IsAll);
        Assert.False(SelfEvaluationTaskSelection.Normalize([], true, []).IsAll);
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(501, true)]
    public void Normalize_AtMost500Codes(int count, bool refused)
    {
        var codes = Enumerable.Range(1, count).Select(i => $"C{i}").ToList();
        if (refused) Assert.Contains("最多指定500个项目代码", Assert.Throws<DomainException>(() => SelfEvaluationTaskSelection.Normalize([], false, codes)).Message, StringComparison.Ordinal);
        else Assert.Equal(count, SelfEvaluationTaskSelection.Normalize([], false, codes).ProjectCodes.Count);
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void Normalize_CodesAtMost50Characters(int length, bool refused)
    {
        var code = new string('A', length);
        if (refused) Assert.Throws<DomainException>(() => SelfEvaluationTaskSelection.Normalize([], false, [code]));
        else Assert.Equal([code], SelfEvaluationTaskSelection.Normalize([], false, [code]).ProjectCodes);
    }

    [Fact]
    public void Task_StoresItsFilter()
    {
        var filter = new SelfEvaluationTaskFilter([10, 20], true, ["P1", "P2"]);
        var task = new SelfEvaluationTask(1, 2026, "2026年度自评", new DateOnly(2027, 3, 31), "perf", DateTime.UtcNow, filter);
        Assert.Equal("10,20", task.DepartmentIds);
        Assert.Equal("P1,P2", task.ProjectCodes);
        Assert.True(task.KeyMonitoringOnly);
        Assert.Equal(filter.DepartmentIds, task.Filter.DepartmentIds);
        Assert.Equal(filter.ProjectCodes, task.Filter.ProjectCodes);
        var all = new SelfEvaluationTask(1, 2026, "2026年度自评", new DateOnly(2027, 3, 31), "perf", DateTime.UtcNow);
        Assert.Null(all.DepartmentIds);
        Assert.Null(all.ProjectCodes);
        Assert.True(all.Filter.IsAll);
        Assert.Equal("全部项目", SelfEvaluationService.FilterText(all.Filter, new Dictionary<long, string>()));
        Assert.Equal("部门：教育局、20；仅重点监控项目；项目代码：P1、P2",
            SelfEvaluationService.FilterText(filter, new Dictionary<long, string> { [10] = "教育局" }));
    }
}
