using Jixiao.Core.BudgetLinkage;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.BudgetLinkage;

/// <summary>
/// RULES §7, Art. 32: 良 or better → 优先保障; 差, or problems not rectified / rectified incompletely → 从严控制 with the rule set's reduction
/// (default 20 %); 差 two years in a row (rule-set number) → cancellation; otherwise 维持. Edges at every grade band of the rule set.
/// </summary>
public sealed class BudgetLinkageRulesTests
{
    private static readonly GradeBands Bands = new();
    private static readonly ResultRules Rules = new();

    [Theory]
    [InlineData(100.00, LinkageSuggestion.Priority, 0)]
    [InlineData(90.00, LinkageSuggestion.Priority, 0)]        // 优 from 90
    [InlineData(89.99, LinkageSuggestion.Priority, 0)]        // 良
    [InlineData(80.00, LinkageSuggestion.Priority, 0)]        // 良 from 80: still 优先保障
    [InlineData(79.99, LinkageSuggestion.Maintain, 0)]        // 中
    [InlineData(60.00, LinkageSuggestion.Maintain, 0)]        // 中 from 60
    [InlineData(59.99, LinkageSuggestion.StrictControl, 2000)] // 差: 20 % of 10,000
    [InlineData(0.00, LinkageSuggestion.StrictControl, 2000)]
    public void Grade_Edges_NoRectificationIssue(double score, LinkageSuggestion expected, decimal reduction)
    {
        var r = BudgetLinkageRules.Suggest((decimal)score, Bands, 0, LinkageRectification.None, 10_000m, Rules);
        Assert.Equal(expected, r.Suggestion);
        Assert.Equal(reduction, r.SuggestedReduction);
        Assert.False(string.IsNullOrWhiteSpace(r.Reason));
    }

    [Theory]
    [InlineData(95.0, LinkageRectification.NotRectified, LinkageSuggestion.StrictControl)]  // even 优: problems not rectified
    [InlineData(80.0, LinkageRectification.Incomplete, LinkageSuggestion.StrictControl)]    // 整改不到位
    [InlineData(70.0, LinkageRectification.NotRectified, LinkageSuggestion.StrictControl)]
    [InlineData(80.0, LinkageRectification.Rectified, LinkageSuggestion.Priority)]
    [InlineData(80.0, LinkageRectification.InProgress, LinkageSuggestion.Priority)]         // deadline not passed yet
    [InlineData(70.0, LinkageRectification.Rectified, LinkageSuggestion.Maintain)]
    public void Rectification_DecidesStrictControl(double score, LinkageRectification rect, LinkageSuggestion expected)
    {
        var r = BudgetLinkageRules.Suggest((decimal)score, Bands, 0, rect, 12_345.67m, Rules);
        Assert.Equal(expected, r.Suggestion);
        Assert.Equal(expected == LinkageSuggestion.StrictControl ? 2469.13m : 0m, r.SuggestedReduction); // 2469.134 → 2469.13
    }

    [Fact]
    public void NotEvaluated_Maintains_UnlessNotRectified()
    {
        Assert.Equal(LinkageSuggestion.Maintain, BudgetLinkageRules.Suggest(null, Bands, 0, LinkageRectification.None, 100m, Rules).Suggestion);
        Assert.Equal(LinkageSuggestion.StrictControl, BudgetLinkageRules.Suggest(null, Bands, 0, LinkageRectification.NotRectified, 100m, Rules).Suggestion);
    }

    [Theory]
    [InlineData(0, LinkageSuggestion.StrictControl)]  // first 差 year
    [InlineData(1, LinkageSuggestion.Cancel)]         // second in a row: the default 2 years
    [InlineData(5, LinkageSuggestion.Cancel)]
    public void PoorYearsInRow_Cancel(int previousPoorYears, LinkageSuggestion expected)
    {
        var r = BudgetLinkageRules.Suggest(59.99m, Bands, previousPoorYears, LinkageRectification.None, 500m, Rules);
        Assert.Equal(expected, r.Suggestion);
        Assert.Equal(expected == LinkageSuggestion.Cancel ? 500m : 100m, r.SuggestedReduction);
    }

    [Fact]
    public void PreviousPoorYears_DoNotCount_WhenThisYearIsNotPoor()
    {
        Assert.Equal(LinkageSuggestion.Maintain, BudgetLinkageRules.Suggest(60m, Bands, 3, LinkageRectification.None, 500m, Rules).Suggestion);
    }

    [Theory]
    [InlineData(80, 70, 60, 79.99, LinkageSuggestion.Priority)]     // another province's bands: 80/70/60, 良 from 70
    [InlineData(80, 70, 60, 69.99, LinkageSuggestion.Maintain)]
    [InlineData(80, 70, 60, 59.99, LinkageSuggestion.StrictControl)]
    public void Bands_AreRuleSetData(double excellent, double good, double fair, double score, LinkageSuggestion expected)
    {
        var bands = new GradeBands { Excellent = (decimal)excellent, Good = (decimal)good, Fair = (decimal)fair };
        Assert.Equal(expected, BudgetLinkageRules.Suggest((decimal)score, bands, 0, LinkageRectification.None, 100m, Rules).Suggestion);
    }

    [Theory]
    [InlineData(0.20, 3, 100, LinkageSuggestion.StrictControl, 20)]
    [InlineData(0.35, 3, 100, LinkageSuggestion.StrictControl, 35)]  // the reduction share is the rule set's
    [InlineData(0.20, 1, 100, LinkageSuggestion.Cancel, 100)]       // cancel after one 差 year when the rule set says so
    [InlineData(0.20, 0, 100, LinkageSuggestion.StrictControl, 20)] // 0: never suggest cancellation
    public void ReductionAndCancellation_AreRuleSetData(double share, int cancelAfter, decimal budget, LinkageSuggestion expected, decimal reduction)
    {
        var rules = new ResultRules { StrictControlReductionShare = (decimal)share, CancelAfterPoorYears = cancelAfter };
        var r = BudgetLinkageRules.Suggest(Grade.Poor, 1, LinkageRectification.None, budget, rules);
        Assert.Equal(expected, r.Suggestion);
        Assert.Equal(reduction, r.SuggestedReduction);
    }

    [Fact]
    public void PoorYearsInRow_CountsBackFromTheYear_AndAGapBreaksIt()
    {
        var grades = new Dictionary<int, Grade> { [2022] = Grade.Poor, [2024] = Grade.Poor, [2025] = Grade.Poor };
        Assert.Equal(2, BudgetLinkageRules.PoorYearsInRow(grades, 2025));
        Assert.Equal(0, BudgetLinkageRules.PoorYearsInRow(grades, 2023));
        Assert.Equal(1, BudgetLinkageRules.PoorYearsInRow(grades, 2022));
    }
}
