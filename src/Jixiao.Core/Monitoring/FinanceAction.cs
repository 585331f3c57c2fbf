using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Workflows;

namespace Jixiao.Core.Monitoring;

/// <summary>Whether money still flows to a project (Art. 22).</summary>
public enum FundingState
{
    /// <summary>正常</summary>
    Normal,
    /// <summary>暂缓拨款</summary>
    Suspended,
    /// <summary>停止拨款</summary>
    Stopped,
    /// <summary>已取消预算</summary>
    Cancelled,
}

/// <summary>The finance bureau's actions on a monitored project (Art. 22).</summary>
public enum FinanceActionKind
{
    /// <summary>暂缓拨款</summary>
    Suspend,
    /// <summary>恢复拨款 (releases a suspension)</summary>
    Release,
    /// <summary>停止拨款</summary>
    Stop,
    /// <summary>调整预算 (the unit adjusts the goals at the same time)</summary>
    AdjustBudget,
    /// <summary>取消预算</summary>
    Cancel,
}

public static class FinanceActions
{
    public static string ChineseName(this FundingState s) => s switch
    {
        FundingState.Normal => "正常",
        FundingState.Suspended => "暂缓拨款",
        FundingState.Stopped => "停止拨款",
        FundingState.Cancelled => "已取消预算",
    };

    public static string ChineseName(this FinanceActionKind k) => k switch
    {
        FinanceActionKind.Suspend => "暂缓拨款",
        FinanceActionKind.Release => "恢复拨款",
        FinanceActionKind.Stop => "停止拨款",
        FinanceActionKind.AdjustBudget => "调整预算",
        FinanceActionKind.Cancel => "取消预算",
    };

    /// <summary>No new payment is expected in these states: one that arrives is flagged as an exception.</summary>
    public static bool BlocksPayments(this FundingState s) => s != FundingState.Normal;

    /// <summary>The declared moves: every action has a reason; only a suspension can be released.</summary>
    public static readonly StateMachine<FundingState, FinanceActionKind> Machine =
        new StateMachine<FundingState, FinanceActionKind>(ChineseName, ChineseName)
            .Allow(FundingState.Normal, FinanceActionKind.Suspend, FundingState.Suspended, true, Role.PerformanceSection, Role.BudgetSection)
            .Allow(FundingState.Suspended, FinanceActionKind.Release, FundingState.Normal, true, Role.PerformanceSection, Role.BudgetSection)
            .Allow(FundingState.Normal, FinanceActionKind.Stop, FundingState.Stopped, true, Role.PerformanceSection, Role.BudgetSection)
            .Allow(FundingState.Suspended, FinanceActionKind.Stop, FundingState.Stopped, true, Role.PerformanceSection, Role.BudgetSection)
            .Allow(FundingState.Normal, FinanceActionKind.AdjustBudget, FundingState.Normal, true, Role.PerformanceSection, Role.BudgetSection)
            .Allow(FundingState.Suspended, FinanceActionKind.AdjustBudget, FundingState.Suspended, true, Role.PerformanceSection, Role.BudgetSection)
            .Allow(FundingState.Normal, FinanceActionKind.Cancel, FundingState.Cancelled, true, Role.PerformanceSection, Role.BudgetSection)
            .Allow(FundingState.Suspended, FinanceActionKind.Cancel, FundingState.Cancelled, true, Role.PerformanceSection, Role.BudgetSection)
            .Allow(FundingState.Stopped, FinanceActionKind.Cancel, FundingState.Cancelled, true, Role.PerformanceSection, Role.BudgetSection);
}

/// <summary>One recorded finance action on a project, with the state it left the project's funding in.</summary>
public sealed class FinanceAction : IOrganizationOwned
{
    private FinanceAction() { }

    public FinanceAction(long projectId, long regionId, int fiscalYear, long organizationId, FinanceActionKind kind, FundingState resultingState,
        string reason, DateOnly effectiveFrom, decimal? newBudget, string byName, DateTime at)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length is 0 or > 2000) throw new DomainException($"“{kind.ChineseName()}”须说明理由（不超过2000字）。");
        if (kind == FinanceActionKind.AdjustBudget && (newBudget is not { } b || b < 0m || decimal.Round(b, 2) != b))
            throw new DomainException("调整预算须填写调整后的全年预算数（元，最多两位小数）。");
        ProjectId = projectId;
        RegionId = regionId;
        FiscalYear = fiscalYear;
        OrganizationId = organizationId;
        Kind = kind;
        ResultingState = resultingState;
        Reason = reason;
        EffectiveFrom = effectiveFrom;
        NewBudget = kind == FinanceActionKind.AdjustBudget ? newBudget : null;
        ByName = byName;
        At = at;
    }

    public long Id { get; private set; }

    public long ProjectId { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    public long OrganizationId { get; private set; }

    public FinanceActionKind Kind { get; private set; }

    public FundingState ResultingState { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>From this date on, payments of a blocked project are exceptions.</summary>
    public DateOnly EffectiveFrom { get; private set; }

    /// <summary>For 调整预算: the full-year budget after the adjustment, yuan.</summary>
    public decimal? NewBudget { get; private set; }

    public string ByName { get; private set; } = "";

    public DateTime At { get; private set; }
}
