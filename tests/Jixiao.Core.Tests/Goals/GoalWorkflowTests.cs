using Jixiao.Core.Common;
using Jixiao.Core.Goals;
using Jixiao.Core.Identity;

namespace Jixiao.Core.Tests.Goals;

/// <summary>
/// The goal workflow as a table: every (state, action) pair of the unit goal machine, allowed with its target
/// state or refused; then who may act, and that returns need a reason.
/// </summary>
public sealed class GoalWorkflowTests
{
    private static readonly Dictionary<(GoalState, GoalAction), (GoalState To, Role By)> UnitAllowed = new()
    {
        [(GoalState.Draft, GoalAction.Submit)] = (GoalState.Submitted, Role.BudgetUnit),
        [(GoalState.Returned, GoalAction.Submit)] = (GoalState.Submitted, Role.BudgetUnit),
        [(GoalState.Adjusting, GoalAction.Submit)] = (GoalState.Submitted, Role.BudgetUnit),
        [(GoalState.Submitted, GoalAction.Pass)] = (GoalState.DepartmentReviewed, Role.Department),
        [(GoalState.Submitted, GoalAction.Return)] = (GoalState.Returned, Role.Department),
        [(GoalState.DepartmentReviewed, GoalAction.Pass)] = (GoalState.FinanceReviewed, Role.BudgetSection),
        [(GoalState.DepartmentReviewed, GoalAction.Return)] = (GoalState.Returned, Role.BudgetSection),
        [(GoalState.FinanceReviewed, GoalAction.Approve)] = (GoalState.Approved, Role.BudgetSection),
        [(GoalState.FinanceReviewed, GoalAction.Return)] = (GoalState.Returned, Role.BudgetSection),
        [(GoalState.Approved, GoalAction.Publish)] = (GoalState.Published, Role.PerformanceSection),
    };

    public static TheoryData<GoalState, GoalAction> EveryPair()
    {
        var data = new TheoryData<GoalState, GoalAction>();
        foreach (var s in Enum.GetValues<GoalState>())
            foreach (var a in Enum.GetValues<GoalAction>())
                data.Add(s, a);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void UnitGoals_EveryStateAndAction_AllowedOnlyWhereDeclared(GoalState from, GoalAction action)
    {
        var allRoles = Enum.GetValues<Role>();
        if (UnitAllowed.TryGetValue((from, action), out var expected))
        {
            var t = GoalWorkflow.UnitGoals.Check(from, action, [expected.By], "理由");
            Assert.Equal(expected.To, t.To);
        }
        else
        {
            var e = Assert.Throws<DomainException>(() => GoalWorkflow.UnitGoals.Check(from, action, allRoles, "理由"));
            Assert.Contains("不能执行", e.Message);
        }
    }

    [Theory]
    [InlineData(GoalState.Draft, GoalAction.Submit, Role.Department)]
    [InlineData(GoalState.Draft, GoalAction.Submit, Role.BudgetSection)]
    [InlineData(GoalState.Submitted, GoalAction.Pass, Role.BudgetUnit)]
    [InlineData(GoalState.Submitted, GoalAction.Pass, Role.BudgetSection)]
    [InlineData(GoalState.DepartmentReviewed, GoalAction.Pass, Role.Department)]
    [InlineData(GoalState.FinanceReviewed, GoalAction.Approve, Role.PerformanceSection)]
    [InlineData(GoalState.Approved, GoalAction.Publish, Role.BudgetSection)]
    [InlineData(GoalState.Approved, GoalAction.Publish, Role.SystemAdmin)]
    public void UnitGoals_WrongRole_RefusedNamingWhoMay(GoalState from, GoalAction action, Role role)
    {
        var e = Assert.Throws<DomainException>(() => GoalWorkflow.UnitGoals.Check(from, action, [role], "理由"));
        Assert.Contains("应由", e.Message);
    }

    [Theory]
    [InlineData(GoalState.Submitted, Role.Department, null)]
    [InlineData(GoalState.Submitted, Role.Department, "  ")]
    [InlineData(GoalState.DepartmentReviewed, Role.BudgetSection, "")]
    [InlineData(GoalState.FinanceReviewed, Role.BudgetSection, null)]
    public void Return_WithoutReason_Refused(GoalState from, Role role, string? reason)
    {
        var e = Assert.Throws<DomainException>(() => GoalWorkflow.UnitGoals.Check(from, GoalAction.Return, [role], reason));
        Assert.Contains("必须填写理由", e.Message);
    }

    [Fact]
    public void DepartmentGoals_DepartmentSubmits_GoesStraightToFinanceReview()
    {
        Assert.Equal(GoalState.DepartmentReviewed, GoalWorkflow.DepartmentGoals.Check(GoalState.Draft, GoalAction.Submit, [Role.Department], null).To);
        Assert.Throws<DomainException>(() => GoalWorkflow.DepartmentGoals.Check(GoalState.Draft, GoalAction.Submit, [Role.BudgetUnit], null));
        Assert.Throws<DomainException>(() => GoalWorkflow.DepartmentGoals.Check(GoalState.Submitted, GoalAction.Pass, [Role.Department], null));
    }

    [Fact]
    public void ActionsFrom_ShowsOnlyWhatTheRoleMayDo()
    {
        Assert.Equal(new[] { GoalAction.Pass, GoalAction.Return }.Order(), GoalWorkflow.UnitGoals.ActionsFrom(GoalState.Submitted, [Role.Department]).Order());
        Assert.Empty(GoalWorkflow.UnitGoals.ActionsFrom(GoalState.Submitted, [Role.BudgetUnit]));
        Assert.Equal(new[] { GoalAction.Return, GoalAction.Approve }.Order(), GoalWorkflow.UnitGoals.ActionsFrom(GoalState.FinanceReviewed, [Role.BudgetSection]).Order());
    }

    [Theory]
    [InlineData(GoalState.Draft, true)]
    [InlineData(GoalState.Returned, true)]
    [InlineData(GoalState.Adjusting, true)]
    [InlineData(GoalState.Submitted, false)]
    [InlineData(GoalState.DepartmentReviewed, false)]
    [InlineData(GoalState.FinanceReviewed, false)]
    [InlineData(GoalState.Approved, false)]
    [InlineData(GoalState.Published, false)]
    [InlineData(GoalState.Superseded, false)]
    public void IsEditable_OnlyBeforeSubmissionOrAfterReturn(GoalState state, bool editable)
    {
        Assert.Equal(editable, state.IsEditable());
    }
}
