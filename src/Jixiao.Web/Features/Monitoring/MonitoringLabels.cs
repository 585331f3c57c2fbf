using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;

namespace Jixiao.Web.Features.Monitoring;

/// <summary>Badges and Chinese names of the monitoring pages: colours, report states, funding states, recorded steps.</summary>
public static class MonitoringLabels
{
    /// <summary>Bootstrap badge classes of a warning colour (red, yellow, blue, green).</summary>
    public static string ColorBadge(WarningColor? c) => c switch
    {
        WarningColor.Red => "bg-danger",
        WarningColor.Yellow => "bg-warning text-dark",
        WarningColor.Blue => "bg-primary",
        WarningColor.Green => "bg-success",
        _ => "bg-light text-muted border",
    };

    public static string StateBadge(MonitoringState s) => s switch
    {
        MonitoringState.Draft => "bg-secondary",
        MonitoringState.Submitted or MonitoringState.DepartmentReviewed => "bg-primary",
        MonitoringState.FinanceReviewed => "bg-success",
        MonitoringState.Returned => "bg-danger",
        _ => "bg-light text-muted border",
    };

    public static string FundingBadge(FundingState s) => s switch
    {
        FundingState.Suspended => "bg-warning text-dark",
        FundingState.Stopped or FundingState.Cancelled => "bg-danger",
        _ => "bg-light text-muted border",
    };

    public static string StateName(string? state) =>
        Enum.TryParse<MonitoringState>(state, out var s) ? s.ChineseName()
        : Enum.TryParse<FundingState>(state, out var f) ? f.ChineseName() : state ?? "";

    public static string ActionName(string? action) =>
        Enum.TryParse<MonitoringAction>(action, out var a) ? a.ChineseName()
        : Enum.TryParse<FinanceActionKind>(action, out var k) ? k.ChineseName() : action ?? "";

    public static string RoleName(string? role) =>
        Enum.TryParse<Role>(role, out var r) ? r.ChineseName() : role ?? "";

    public static string Coverage(RoundCoverage c) => c switch
    {
        RoundCoverage.All => "全部项目",
        RoundCoverage.KeyMonitoring => "重点监控",
        _ => c.ToString(),
    };

    public static string RoundState(RoundState s) => s == Jixiao.Core.Monitoring.RoundState.Open ? "进行中" : "已结束";

    /// <summary>A rate as a percentage with one decimal, e.g. 0.5833 → 58.3%.</summary>
    public static string Rate(decimal fraction) => (fraction * 100m).ToString("0.0", Infrastructure.Display.ZhCn) + "%";
}
