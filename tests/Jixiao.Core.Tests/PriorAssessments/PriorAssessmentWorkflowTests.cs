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
        [(PriorAssessmentState.Submitted, PriorAssessmentAction.Return)] = (PriorAssessmentState.Draft, Role.Department),
        [(PriorAssessmentState.Scoring, PriorAssessmentAction.CloseScoring)] = (PriorAssessmentState.Closed, Role.PerformanceSection),
        [(PriorAssessmentState.Closed, PriorAssessmentAction.ConfirmConclusion)] = (PriorAssessmentState.Closed, Role.PerformanceSection),
        [(PriorAssessmentState.Closed, PriorAssessmentAction.ReportChanges)] = (PriorAssessmentState.Closed, Role.BudgetUnit),
        [(PriorAssessmentState.Closed, PriorAssessmentAction.ConfirmChanges)] = (PriorAssessmentState.Closed, Role.Department),
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
            Assert.Equal(expected.To, PriorAssessmentWorkflow.Machine.Check(from, action, [expected.By], "理由").To);
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

    [Theory]
    [InlineData(PriorAssessmentState.Submitted, PriorAssessmentAction.Return)]
    [InlineData(PriorAssessmentState.Closed, PriorAssessmentAction.ReportChanges)]
    public void ReturnAndReportedChanges_NeedAReason(PriorAssessmentState from, PriorAssessmentAction action) =>
        Assert.Contains("必须填写理由", Assert.Throws<DomainException>(() => PriorAssessmentWorkflow.Machine.Check(from, action, Enum.GetValues<Role>(), " ")).Message);

    [Fact]
    public void Submit_ByTheDepartment_Refused() =>
        Assert.Throws<DomainException>(() => PriorAssessmentWorkflow.Machine.Check(PriorAssessmentState.Draft, PriorAssessmentAction.Submit, [Role.Department], null));
}
