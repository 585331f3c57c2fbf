using Jixiao.Core.Identity;

namespace Jixiao.Web.Features.Shared;

public sealed record NavItem(string Title, string Page, string Icon, Permission Permission);

/// <summary>The navigation, one entry per page a permission opens; later features add their entries here.</summary>
public static class Navigation
{
    public static readonly IReadOnlyList<NavItem> Items =
    [
        new("工作台", "/Index", "bi-house", Permission.UseBusinessArea),
        new("我的待办", "/Todos/Index", "bi-list-check", Permission.UseBusinessArea),
        new("项目与目标", "/Projects/Index", "bi-folder2-open", Permission.UseBusinessArea),
        new("事前绩效评估", "/PriorAssessments/Index", "bi-clipboard-check", Permission.UseBusinessArea),
        new("目标批复", "/Goals/Approve", "bi-check2-all", Permission.ApproveGoals),
        new("支付明细", "/Monitoring/Payments", "bi-cash-coin", Permission.UseBusinessArea),
        new("导入支付明细", "/Monitoring/PaymentImport", "bi-cloud-upload", Permission.ImportPayments),
        new("监控轮次", "/Monitoring/Rounds", "bi-clipboard-data", Permission.UseBusinessArea),
        new("预警", "/Monitoring/Warnings", "bi-exclamation-triangle", Permission.UseBusinessArea),
        new("监控看板", "/Monitoring/Dashboard", "bi-bar-chart-line", Permission.UseBusinessArea),
        new("绩效自评", "/Evaluations/Self", "bi-clipboard2-check", Permission.UseBusinessArea),
        new("重点评价", "/Evaluations/Key", "bi-award", Permission.UseBusinessArea),
        new("评价结果", "/Evaluations/Index", "bi-trophy", Permission.UseBusinessArea),
        new("反馈与整改", "/Results/Letters", "bi-envelope-paper", Permission.UseBusinessArea),
        new("信息公开", "/Disclosure/Index", "bi-megaphone", Permission.UseBusinessArea),
        new("预算挂钩", "/BudgetLinkage/Index", "bi-link-45deg", Permission.ViewBudgetLinkage),
        new("人大报告", "/BudgetLinkage/Congress", "bi-file-earmark-text", Permission.ViewCongressReport),
        new("财政运行评价", "/FiscalEvaluations/Index", "bi-bank", Permission.ViewBudgetLinkage),
        new("指标库", "/Indicators/Index", "bi-bookmarks", Permission.UseBusinessArea),
        new("专家库", "/ThirdParties/Experts", "bi-person-badge", Permission.ViewThirdParties),
        new("第三方机构库", "/ThirdParties/Agencies", "bi-building", Permission.ViewThirdParties),
        new("规则设置", "/RuleSets/Index", "bi-sliders", Permission.ViewRuleSets),
        new("组织机构", "/Organizations/Index", "bi-diagram-3", Permission.ViewOrganizations),
        new("用户账号", "/Identity/Users", "bi-people", Permission.ListUsers),
        new("安全策略", "/Identity/Policy", "bi-shield-lock", Permission.ManageSecurityPolicy),
        new("审计日志", "/Audit/Index", "bi-journal-text", Permission.ReadAuditLog),
    ];

    public static IEnumerable<NavItem> For(IReadOnlyCollection<Role> roles) => Items.Where(i => roles.Has(i.Permission));

    /// <summary>Where a user lands after signing in: the first page their role opens.</summary>
    public static string HomeFor(IReadOnlyCollection<Role> roles) => For(roles).FirstOrDefault()?.Page ?? "/Account/Denied";
}
