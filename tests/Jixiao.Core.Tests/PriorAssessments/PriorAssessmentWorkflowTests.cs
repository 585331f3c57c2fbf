using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.PriorAssessments;

namespace Jixiao.Core.Tests.PriorAssessments;

/// <summary>The ex-ante assessment workflow as a table: every (state, action) pair allowed with its target or refused.</summary>
public sealed class PriorAssessmentWorkflowTests
{
    private static readonly Dictionary<(PriorAssessmentState, PriorAssessmentAction), (PriorAssessmentState To, Role By)> Allowed = new()
    {
        [(PriorAssessmentState.Draft, PriorAssessmentAction.Submit)] = (PriorAssessmentState.Submitted, Role.BudgetUnit),
        [(PriorAssessmentState.Submitted, PriorAssessmentAction.Organise)] = (PriorAssessmentState.Scoring, Role.PerformanceSection),
        [(PriorAssessmentState.Scoring, PriorAssessmentAction.CloseScoring)] = (PriorAssessmentState.Closed, Role.PerformanceSection),
    };

    public static TheoryData<PriorAssessmentState, PriorAssessmentAction> EveryPair()
    {
        var data = new TheoryData<PriorAssessmentState, PriorAssessmentAction>();
        foreach (var s in Enum.GetValues<PriorAssessmentState>())
            foreach (var a in Enum.GetValues<PriorAssessmentAction>())
                data.Add(s, a);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void EveryPair_AllowedOrRefusedInChinese(PriorAssessmentState from, PriorAssessmentAction action)
    {
        if (Allowed.TryGetValue((from, action), out var expected))
            Assert.Equal(expected.To, PriorAssessmentWorkflow.Machine.Check(from, action, [expected.By], null).To);
        else
            Assert.Contains("不能执行", Assert.Throws<DomainException>(() => PriorAssessmentWorkflow.Machine.Check(from, action, Enum.GetValues<Role>(), "理由")).Message);
    }

    [Theory]
    [InlineData(Role.Expert)]
    [InlineData(Role.ThirdPartyAgency)]
    [InlineData(Role.BudgetUnit)]
    public void Organise_OnlyByThePerformanceSectionOrTheDepartment(Role role)
    {
        Assert.Throws<DomainException>(() => PriorAssessmentWorkflow.Machine.Check(PriorAssessmentState.Submitted, PriorAssessmentAction.Organise, [role], null));
        Assert.Equal(PriorAssessmentState.Scoring, PriorAssessmentWorkflow.Machine.Check(PriorAssessmentState.Submitted, PriorAssessmentAction.Organise, [Role.Department], null).To);
    }

    [Fact]
    public void Submit_ByTheDepartment_Refused() =>
        Assert.Throws<DomainException>(() => PriorAssessmentWorkflow.Machine.Check(PriorAssessmentState.Draft, PriorAssessmentAction.Submit, [Role.Department], null));
}
