using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;

namespace Jixiao.Core.Tests.Evaluations;

/// <summary>The self-evaluation workflow as a table: every (state, action) pair allowed with its target or refused.</summary>
public sealed class SelfEvaluationWorkflowTests
{
    private static readonly Dictionary<(SelfEvaluationState, SelfEvaluationAction), (SelfEvaluationState To, Role By)> Allowed = new()
    {
        [(SelfEvaluationState.Draft, SelfEvaluationAction.Submit)] = (SelfEvaluationState.Submitted, Role.BudgetUnit),
        [(SelfEvaluationState.Returned, SelfEvaluationAction.Submit)] = (SelfEvaluationState.Submitted, Role.BudgetUnit),
        [(SelfEvaluationState.Submitted, SelfEvaluationAction.Pass)] = (SelfEvaluationState.DepartmentReviewed, Role.Department),
        [(SelfEvaluationState.Submitted, SelfEvaluationAction.Return)] = (SelfEvaluationState.Returned, Role.Department),
    };

    public static TheoryData<SelfEvaluationState, SelfEvaluationAction> EveryPair()
    {
        var data = new TheoryData<SelfEvaluationState, SelfEvaluationAction>();
        foreach (var s in Enum.GetValues<SelfEvaluationState>())
            foreach (var a in Enum.GetValues<SelfEvaluationAction>())
                data.Add(s, a);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void EveryPair_AllowedOrRefusedInChinese(SelfEvaluationState from, SelfEvaluationAction action)
    {
        if (Allowed.TryGetValue((from, action), out var expected))
            Assert.Equal(expected.To, SelfEvaluationWorkflow.Machine.Check(from, action, [expected.By], "理由").To);
        else
            Assert.Contains("不能执行", Assert.Throws<DomainException>(() => SelfEvaluationWorkflow.Machine.Check(from, action, Enum.GetValues<Role>(), "理由")).Message);
    }

    [Theory]
    [InlineData(Role.BudgetUnit)]
    [InlineData(Role.BudgetSection)]
    [InlineData(Role.PerformanceSection)]
    public void PassAndReturn_OnlyByTheDepartment(Role role)
    {
        Assert.Throws<DomainException>(() => SelfEvaluationWorkflow.Machine.Check(SelfEvaluationState.Submitted, SelfEvaluationAction.Pass, [role], null));
        Assert.Throws<DomainException>(() => SelfEvaluationWorkflow.Machine.Check(SelfEvaluationState.Submitted, SelfEvaluationAction.Return, [role], "理由"));
    }

    [Theory]
    [InlineData(Role.Department)]
    [InlineData(Role.PerformanceSection)]
    public void Submit_OnlyByTheUnit(Role role) =>
        Assert.Throws<DomainException>(() => SelfEvaluationWorkflow.Machine.Check(SelfEvaluationState.Draft, SelfEvaluationAction.Submit, [role], null));

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Return_NeedsAReason(string? reason) =>
        Assert.Contains("必须填写理由", Assert.Throws<DomainException>(() =>
            SelfEvaluationWorkflow.Machine.Check(SelfEvaluationState.Submitted, SelfEvaluationAction.Return, [Role.Department], reason)).Message);

    [Fact]
    public void ActionsFrom_SubmittedForTheDepartment_PassAndReturn() =>
        Assert.Equal([SelfEvaluationAction.Pass, SelfEvaluationAction.Return],
            SelfEvaluationWorkflow.Machine.ActionsFrom(SelfEvaluationState.Submitted, [Role.Department]).Order().ToList());
}
