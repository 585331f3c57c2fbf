using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.RuleSets;

/// <summary>Version history shows exactly which numbers changed.</summary>
public sealed class RuleSetDiffTests
{
    [Fact]
    public void Compare_SameContent_NoChanges()
    {
        Assert.Empty(RuleSetDiff.Compare(new RuleSetContent(), new RuleSetContent()));
    }

    [Fact]
    public void Compare_ThreeNumbersChanged_FindsExactlyThosePaths()
    {
        var before = new RuleSetContent();
        var after = before.Clone();
        after.Grades.Excellent = 95m;
        after.Appraisal.Items[0].Points = 15m;
        after.Appraisal.Items[1].Points = 15m;

        var changes = RuleSetDiff.Compare(before, after);

        Assert.Equal(
            [
                new RuleSetDiff.Change("appraisal.items[0].points", "10", "15"),
                new RuleSetDiff.Change("appraisal.items[1].points", "20", "15"),
                new RuleSetDiff.Change("grades.excellent", "90", "95"),
            ],
            changes);
    }

    [Fact]
    public void Compare_ItemRemoved_ReportsItsFieldsWithNoAfter()
    {
        var before = new RuleSetContent();
        var after = before.Clone();
        after.Appraisal.Items.RemoveAt(6);

        var changes = RuleSetDiff.Compare(before, after);

        Assert.All(changes, c => Assert.StartsWith("appraisal.items[6].", c.Path));
        Assert.All(changes, c => Assert.Null(c.After));
        Assert.Contains(changes, c => c.Path == "appraisal.items[6].name" && c.Before == "\"监督发现问题\"");
    }

    [Fact]
    public void Compare_EnumChanged_ReportsItByName()
    {
        var before = new RuleSetContent();
        var after = before.Clone();
        after.Evaluation.ExpertAggregation = ExpertAggregation.TrimmedMean;

        var change = Assert.Single(RuleSetDiff.Compare(before, after));

        Assert.Equal(new RuleSetDiff.Change("evaluation.expertAggregation", "\"Mean\"", "\"TrimmedMean\""), change);
    }
}
