using Jixiao.Core.PriorAssessments;

namespace Jixiao.Core.Tests.PriorAssessments;

/// <summary>The budget gate of Art. 14 as a table over every fact that matters.</summary>
public sealed class PriorAssessmentGateRulesTests
{
    private const PriorAssessmentState Closed = PriorAssessmentState.Closed;

    public static TheoryData<GateFacts?, GateStatus> Cases => new()
    {
        { null, GateStatus.None },
        { new(PriorAssessmentState.Draft, null, null, false, false, false), GateStatus.InProgress },
        { new(PriorAssessmentState.Submitted, null, null, false, false, false), GateStatus.InProgress },
        { new(PriorAssessmentState.Scoring, AssessmentMethod.Experts, null, false, false, false), GateStatus.InProgress },
        { new(Closed, AssessmentMethod.Experts, PriorConclusion.Support, false, false, false), GateStatus.Passed },
        { new(Closed, AssessmentMethod.ThirdParty, PriorConclusion.Support, false, false, false), GateStatus.Passed },
        { new(Closed, AssessmentMethod.Experts, PriorConclusion.NotSupported, false, false, false), GateStatus.NotSupported },
        { new(Closed, AssessmentMethod.SelfAssessment, PriorConclusion.NotSupported, true, false, false), GateStatus.NotSupported },
        { new(Closed, AssessmentMethod.Experts, PriorConclusion.SupportAfterRevision, false, false, false), GateStatus.AwaitingChanges },
        { new(Closed, AssessmentMethod.Experts, PriorConclusion.SupportAfterRevision, false, true, false), GateStatus.AwaitingChanges },
        { new(Closed, AssessmentMethod.Experts, PriorConclusion.SupportAfterRevision, false, true, true), GateStatus.Passed },
        // A unit's self-assessment never passes by itself.
        { new(Closed, AssessmentMethod.SelfAssessment, PriorConclusion.Support, false, false, false), GateStatus.AwaitingConfirmation },
        { new(Closed, AssessmentMethod.SelfAssessment, PriorConclusion.Support, true, false, false), GateStatus.Passed },
        { new(Closed, AssessmentMethod.SelfAssessment, PriorConclusion.SupportAfterRevision, false, true, true), GateStatus.AwaitingConfirmation },
        { new(Closed, AssessmentMethod.SelfAssessment, PriorConclusion.SupportAfterRevision, true, true, false), GateStatus.AwaitingChanges },
        { new(Closed, AssessmentMethod.SelfAssessment, PriorConclusion.SupportAfterRevision, true, true, true), GateStatus.Passed },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Status_FromTheLatestAssessment(GateFacts? facts, GateStatus expected) =>
        Assert.Equal(expected, PriorAssessmentGateRules.Status(facts));

    [Theory]
    [InlineData(GateStatus.None, true)]
    [InlineData(GateStatus.NotSupported, true)]
    [InlineData(GateStatus.InProgress, false)]
    [InlineData(GateStatus.AwaitingConfirmation, false)]
    [InlineData(GateStatus.AwaitingChanges, false)]
    [InlineData(GateStatus.Passed, false)]
    public void MayStartNew_OnlyWithoutOneOrAfterNotSupported(GateStatus status, bool expected) =>
        Assert.Equal(expected, PriorAssessmentGateRules.MayStartNew(status));

    [Theory]
    [InlineData(GateStatus.None, "尚未开展")]
    [InlineData(GateStatus.InProgress, "尚未得出结论")]
    [InlineData(GateStatus.NotSupported, "不予支持")]
    [InlineData(GateStatus.AwaitingConfirmation, "尚待")]
    [InlineData(GateStatus.AwaitingChanges, "调整完善")]
    public void BlockReason_SaysWhyInChinese_AndNamesTheArticle(GateStatus status, string why)
    {
        var reason = PriorAssessmentGateRules.BlockReason(status, 7);
        Assert.NotNull(reason);
        Assert.Contains("事前绩效评估", reason);
        Assert.Contains("第十四条", reason);
        Assert.Contains(why, reason);
    }

    [Fact]
    public void BlockReason_NoneWhenPassed() => Assert.Null(PriorAssessmentGateRules.BlockReason(GateStatus.Passed, 7));
}
