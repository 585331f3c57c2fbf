using Jixiao.Core.Goals;
using Jixiao.Core.Indicators;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.Goals;

/// <summary>Builds goals that pass the check, so each test breaks exactly one thing.</summary>
internal sealed class GoalBuilder
{
    private readonly List<IndicatorSpec> _indicators =
    [
        new("Output", "Quantity", "维修改造校舍面积", Comparison.AtLeast, 12000m, "≥12000平方米", "平方米", 20m),
        new("Output", "Quality", "工程验收合格率", Comparison.AtLeast, 100m, "100%", "%", 15m),
        new("Output", "Timeliness", "工程按期完工率", Comparison.AtLeast, 100m, "100%", "%", 10m),
        new("Output", "Cost", "项目总成本", Comparison.AtMost, 500m, "≤500万元", "万元", 5m),
        new("Benefit", "Social", "受益学生人数", Comparison.AtLeast, 3200m, "≥3200人", "人", 30m),
        new("Satisfaction", "ServiceRecipient", "师生满意度", Comparison.AtLeast, 90m, "≥90%", "%", 10m),
    ];

    private string? _annual = "完成3所学校校舍维修改造，消除安全隐患，改善3200名学生学习条件。";
    private decimal _budget = 5_000_000m;

    public GoalBuilder Without(string name)
    {
        _indicators.RemoveAll(i => i.Name == name);
        return this;
    }

    public GoalBuilder With(IndicatorSpec spec)
    {
        _indicators.Add(spec);
        return this;
    }

    public GoalBuilder Replace(string name, Func<IndicatorSpec, IndicatorSpec> change)
    {
        var i = _indicators.FindIndex(x => x.Name == name);
        _indicators[i] = change(_indicators[i]);
        return this;
    }

    public GoalBuilder AnnualGoal(string? text)
    {
        _annual = text;
        return this;
    }

    public GoalBuilder Budget(decimal yuan)
    {
        _budget = yuan;
        return this;
    }

    public GoalDraft Build() => new("三年内完成全市中小学校舍安全改造。", _annual, _indicators.ToList(), _budget);
}

/// <summary>RULES §2 goal quality check: one test per finding, each breaking one thing of a good goal.</summary>
public sealed class GoalQualityCheckTests
{
    private static IReadOnlyList<GoalFinding> Check(GoalBuilder b, RuleSetContent? rules = null) =>
        GoalQualityCheck.Check(b.Build(), rules ?? new RuleSetContent());

    private static IEnumerable<string> Codes(IReadOnlyList<GoalFinding> findings) => findings.Select(f => f.Code);

    [Fact]
    public void Check_GoodGoal_NoFindings()
    {
        Assert.Empty(Check(new GoalBuilder()));
    }

    [Fact]
    public void Check_NoAnnualGoal_MissingAnnualGoal()
    {
        Assert.Contains("MissingAnnualGoal", Codes(Check(new GoalBuilder().AnnualGoal(" "))));
    }

    [Fact]
    public void Check_NoIndicators_NoIndicators()
    {
        var goal = new GoalDraft(null, "年度目标", [], 1m);
        Assert.Equal(["NoIndicators"], Codes(GoalQualityCheck.Check(goal, new RuleSetContent())));
    }

    [Fact]
    public void Check_NoOutputIndicator_NoOutputIndicator()
    {
        var b = new GoalBuilder().Without("维修改造校舍面积").Without("工程验收合格率").Without("工程按期完工率").Without("项目总成本");
        var f = Check(b);
        Assert.Contains("NoOutputIndicator", Codes(f));
        Assert.Contains(f, x => x.Code == "NoOutputIndicator" && x.Message.Contains("产出指标"));
    }

    [Fact]
    public void Check_NoBenefitIndicator_NoBenefitIndicator()
    {
        Assert.Contains("NoBenefitIndicator", Codes(Check(new GoalBuilder().Without("受益学生人数"))));
    }

    [Fact]
    public void Check_RuleSetRequiresSatisfaction_MissingOneIsFound()
    {
        var rules = new RuleSetContent();
        rules.Goals.RequiredLevel1.Add("Satisfaction");
        var b = new GoalBuilder().Without("师生满意度").Replace("受益学生人数", x => x with { Weight = 40m });
        Assert.Equal(["RequiredCategoryMissing"], Codes(Check(b, rules)));
    }

    [Fact]
    public void Check_QuantitativeWithoutNumber_QuantitativeWithoutTarget()
    {
        Assert.Contains("QuantitativeWithoutTarget", Codes(Check(new GoalBuilder().Replace("工程验收合格率", x => x with { Target = null }))));
    }

    [Fact]
    public void Check_QuantitativeWithoutUnit_QuantitativeWithoutUnit()
    {
        Assert.Contains("QuantitativeWithoutUnit", Codes(Check(new GoalBuilder().Replace("工程验收合格率", x => x with { Unit = " " }))));
    }

    [Fact]
    public void Check_AllQualitative_QualitativeOnly()
    {
        var b = new GoalBuilder();
        foreach (var n in new[] { "维修改造校舍面积", "工程验收合格率", "工程按期完工率", "项目总成本", "受益学生人数", "师生满意度" })
            b.Replace(n, x => x with { Comparison = Comparison.Qualitative, Target = null, TargetText = "达到预期" });
        Assert.Contains("QualitativeOnly", Codes(Check(b)));
    }

    [Fact]
    public void Check_CostAboveBudget_CostExceedsBudget()
    {
        var f = Check(new GoalBuilder().Budget(4_999_999.99m));
        Assert.Contains("CostExceedsBudget", Codes(f));
    }

    [Theory]
    [InlineData("5555555.56", true)]   // cost is just over 10 % below the budget
    [InlineData("5555556", true)]
    [InlineData("5555555", false)]     // just under 10 %
    [InlineData("5000000", false)]
    public void Check_CostFarBelowBudget_CostDeviatesBeyondRuleSetShare(string budget, bool expected)
    {
        // 500万元 cost against the budget: a deviation of more than 10 % of the budget is a finding.
        var f = Check(new GoalBuilder().Budget(decimal.Parse(budget, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, Codes(f).Contains("CostDeviatesFromBudget"));
    }

    [Fact]
    public void Check_SameIndicatorTwice_DuplicateIndicator()
    {
        var b = new GoalBuilder().Replace("工程按期完工率", x => x with { Weight = 5m })
            .With(new("Output", "Timeliness", "工程按期 完工率", Comparison.AtLeast, 100m, "100%", "%", 5m));
        Assert.Contains("DuplicateIndicator", Codes(Check(b)));
    }

    [Theory]
    [InlineData("进一步提高教学质量", null, true)]
    [InlineData("教学质量显著提升", null, true)]
    [InlineData("教学质量提升", null, false)]
    [InlineData("教学质量进一步提升", "优良率提高5个百分点", false)]
    public void Check_VagueQualitativeWording_VagueWording(string name, string? targetText, bool vague)
    {
        var b = new GoalBuilder().Replace("师生满意度", x => x with { Name = name, Comparison = Comparison.Qualitative, Target = null, TargetText = targetText, Unit = null });
        Assert.Equal(vague, Codes(Check(b)).Contains("VagueWording"));
    }

    [Fact]
    public void Check_WeightsNotSummingTo90_WeightTotalOff()
    {
        var f = Check(new GoalBuilder().Replace("受益学生人数", x => x with { Weight = 29m }));
        Assert.Contains(f, x => x.Code == "WeightTotalOff" && x.Message.Contains("90") && x.Message.Contains("89"));
    }

    [Fact]
    public void Check_UnknownLevel2_UnknownCategory()
    {
        Assert.Contains("UnknownCategory", Codes(Check(new GoalBuilder().Replace("受益学生人数", x => x with { Level2 = "Political" }))));
    }

    [Fact]
    public void Check_101Layout_CostAsLevel1_CountsAsOutput()
    {
        var b = new GoalBuilder().Replace("项目总成本", x => x with { Level1 = "Cost", Level2 = "EconomicCost" });
        Assert.Empty(Check(b));
    }
}

/// <summary>RULES §3 weights: output 50 (with cost), benefit 30, satisfaction 10; without satisfaction its 10 go to benefit.</summary>
public sealed class WeightCheckTests
{
    private static IndicatorSpec I(string level1, decimal weight) => new(level1, "x", level1 + weight, Comparison.AtLeast, 1m, null, "个", weight);

    [Theory]
    [InlineData("50", "30", "10", 0)]
    [InlineData("50", "40", "0", 0)]
    [InlineData("50", "30", "0", 2)]    // total 80 and benefit 30 ≠ 40
    [InlineData("45", "35", "10", 2)]   // output and benefit off, total still 90
    [InlineData("50", "29.99", "10", 2)]
    [InlineData("50", "30.01", "10", 2)]
    public void Check_CategorySums_AgainstRuleSetPoints(string output, string benefit, string satisfaction, int findings)
    {
        static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var list = new List<IndicatorSpec> { I("Output", D(output) - 5m), I("Cost", 5m), I("Benefit", D(benefit)) };
        if (D(satisfaction) > 0m) list.Add(I("Satisfaction", D(satisfaction)));

        Assert.Equal(findings, WeightCheck.Check(list, new SelfEvaluationRules()).Count);
    }
}
