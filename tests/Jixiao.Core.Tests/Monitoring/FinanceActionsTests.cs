using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;

namespace Jixiao.Core.Tests.Monitoring;

/// <summary>The finance actions of Art. 22 as a table: every (state, action) pair allowed with its result, or refused.</summary>
public sealed class FinanceActionsTests
{
    private static readonly Dictionary<(FundingState, FinanceActionKind), FundingState> Allowed = new()
    {
        [(FundingState.Normal, FinanceActionKind.Suspend)] = FundingState.Suspended,
        [(FundingState.Suspended, FinanceActionKind.Release)] = FundingState.Normal,
        [(FundingState.Normal, FinanceActionKind.Stop)] = FundingState.Stopped,
        [(FundingState.Suspended, FinanceActionKind.Stop)] = FundingState.Stopped,
        [(FundingState.Normal, FinanceActionKind.AdjustBudget)] = FundingState.Normal,
        [(FundingState.Suspended, FinanceActionKind.AdjustBudget)] = FundingState.Suspended,
        [(FundingState.Normal, FinanceActionKind.Cancel)] = FundingState.Cancelled,
        [(FundingState.Suspended, FinanceActionKind.Cancel)] = FundingState.Cancelled,
        [(FundingState.Stopped, FinanceActionKind.Cancel)] = FundingState.Cancelled,
    };

    public static TheoryData<FundingState, FinanceActionKind> EveryPair()
    {
        var data = new TheoryData<FundingState, FinanceActionKind>();
        foreach (var s in Enum.GetValues<FundingState>())
            foreach (var a in Enum.GetValues<FinanceActionKind>())
                data.Add(s, a);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void EveryPair_AllowedOrRefusedInChinese(FundingState from, FinanceActionKind action)
    {
        if (Allowed.TryGetValue((from, action), out var to))
        {
            Assert.Equal(to, FinanceActions.Machine.Check(from, action, [Role.PerformanceSection], "理由").To);
            Assert.Equal(to, FinanceActions.Machine.Check(from, action, [Role.BudgetSection], "理由").To);
            Assert.Contains("理由", Assert.Throws<DomainException>(() => FinanceActions.Machine.Check(from, action, [Role.PerformanceSection], " ")).Message);
        }
        else
        {
            Assert.Contains("不能执行", Assert.Throws<DomainException>(() => FinanceActions.Machine.Check(from, action, Enum.GetValues<Role>(), "理由")).Message);
        }
    }

    [Theory]
    [InlineData(Role.BudgetUnit)]
    [InlineData(Role.Department)]
    [InlineData(Role.AuditOffice)]
    [InlineData(Role.Expert)]
    public void OnlyTheFinanceBureauActs(Role role) =>
        Assert.Throws<DomainException>(() => FinanceActions.Machine.Check(FundingState.Normal, FinanceActionKind.Suspend, [role], "理由"));

    [Theory]
    [InlineData(FundingState.Normal, false)]
    [InlineData(FundingState.Suspended, true)]
    [InlineData(FundingState.Stopped, true)]
    [InlineData(FundingState.Cancelled, true)]
    public void BlocksPayments_UnlessNormal(FundingState state, bool blocks) => Assert.Equal(blocks, state.BlocksPayments());

    [Theory]
    [InlineData(null)]
    [InlineData(-1.0)]
    [InlineData(0.001)]
    public void AdjustBudget_NeedsAValidNewBudget(double? amount) =>
        Assert.Throws<DomainException>(() => new FinanceAction(1, 1, 2026, 1, FinanceActionKind.AdjustBudget, FundingState.Normal, "调整", new DateOnly(2026, 8, 1),
            amount is { } a ? (decimal)a : null, "王建国", DateTime.UtcNow));
}
