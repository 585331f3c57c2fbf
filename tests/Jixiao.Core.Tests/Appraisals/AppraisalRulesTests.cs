using Jixiao.Core.Appraisals;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.Appraisals;

/// <summary>The default score sheets of RULES §8 and rule sets stored before the sub-items existed.</summary>
public sealed class AppraisalRulesTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Defaults_SubItemsAddUpAndMapTheMeasures(bool county)
    {
        var sheet = new RuleSetContent().Appraisal.SheetFor(county);

        Assert.Equal(100m, sheet.Sum(i => i.Points));
        Assert.All(sheet, i => Assert.Equal(i.Points, i.SubItems.Sum(s => s.Points)));
        var measured = sheet.SelectMany(i => i.SubItems.Where(s => s.Measure is not null).Select(s => (i.Code, s.Measure))).ToList();
        Assert.Equal(
            [("GoalManagement", MeasureCodes.GoalsOnTime), ("GoalManagement", MeasureCodes.GoalsReturned), ("Monitoring", MeasureCodes.MonitoringCoverage),
             ("Monitoring", MeasureCodes.MonitoringOnTime), ("Evaluation", MeasureCodes.SelfEvaluationCoverage), ("Evaluation", MeasureCodes.SelfEvaluationOnTime),
             ("Evaluation", MeasureCodes.ReEvaluationDifferences), ("ResultApplication", MeasureCodes.RectificationOnTime),
             ("ResultApplication", MeasureCodes.PublishedShare)],
            measured);
    }

    [Fact]
    public void Defaults_CountySheetAddsGuidance()
    {
        var a = new RuleSetContent().Appraisal;
        Assert.Contains(a.CountyItems[0].SubItems, s => s.Name == "对下指导");
        Assert.DoesNotContain(a.Items[0].SubItems, s => s.Name == "对下指导");
    }

    [Fact]
    public void FromJson_StoredBeforeSubItems_LoadsWithDefaults()
    {
        // A version stored before the sub-items: items only, and no county sheet; one item's points edited.
        const string json = """
            {"appraisal":{"items":[{"code":"Foundation","name":"基础工作管理","points":15},{"code":"GoalManagement","name":"绩效目标管理","points":15},
            {"code":"Monitoring","name":"绩效跟踪监控","points":15},{"code":"Evaluation","name":"绩效评价实施","points":20},
            {"code":"ResultApplication","name":"评价结果应用","points":20},{"code":"Innovation","name":"绩效管理创新","points":5},
            {"code":"Supervision","name":"监督发现问题","points":10,"isDeduction":true}],"deductionPerFinding":2}}
            """;

        var c = RuleSetContent.FromJson(json);

        Assert.Empty(RuleSetValidator.Validate(c));
        var items = c.Appraisal.Items;
        // Changed points: the whole item becomes one reviewer-scored sub-item.
        Assert.Equal([("Foundation", 15m)], items[0].SubItems.Select(s => (s.Code, s.Points)));
        Assert.Equal([("GoalManagement", 15m)], items[1].SubItems.Select(s => (s.Code, s.Points)));
        // Unchanged points: the default sub-items with their measures.
        Assert.Equal([MeasureCodes.MonitoringCoverage, MeasureCodes.MonitoringOnTime], items[2].SubItems.Select(s => s.Measure));
        Assert.Equal(100m, c.Appraisal.CountyItems.Sum(i => i.Points));
    }

    [Fact]
    public void ToJson_RoundTrip_KeepsSubItems()
    {
        var c = new RuleSetContent();
        c.Appraisal.Items[5].SubItems[0].Standard = "新标准";

        var back = RuleSetContent.FromJson(c.ToJson());

        Assert.Equal("新标准", back.Appraisal.Items[5].SubItems[0].Standard);
        Assert.Equal(MeasureCodes.GoalsOnTime, back.Appraisal.Items[1].SubItems[0].Measure);
    }
}
