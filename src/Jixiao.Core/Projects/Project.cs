using Jixiao.Core.Common;

namespace Jixiao.Core.Projects;

/// <summary>What a goal and an evaluation are about: a project, a policy, or a unit's/department's whole spending.</summary>
public enum ProjectKind
{
    /// <summary>项目</summary>
    Project,
    /// <summary>政策</summary>
    Policy,
    /// <summary>部门(单位)整体支出</summary>
    OverallSpending,
}

/// <summary>The four budgets (资金性质, fund_type_code 11-14).</summary>
public enum BudgetKind
{
    /// <summary>一般公共预算</summary>
    General,
    /// <summary>政府性基金预算</summary>
    GovernmentFund,
    /// <summary>国有资本经营预算</summary>
    StateCapital,
    /// <summary>社会保险基金预算</summary>
    SocialInsurance,
}

public enum ProjectCategory
{
    /// <summary>一般项目</summary>
    Ordinary,
    /// <summary>政府投资项目</summary>
    GovernmentInvestment,
    /// <summary>政府购买服务</summary>
    GovernmentPurchase,
    /// <summary>政府债务项目</summary>
    GovernmentDebt,
    /// <summary>政府和社会资本合作 (PPP)</summary>
    Ppp,
}

public static class ProjectNames
{
    public static string ChineseName(this ProjectKind k) => k switch
    {
        ProjectKind.Project => "项目",
        ProjectKind.Policy => "政策",
        ProjectKind.OverallSpending => "整体支出",
    };

    public static string ChineseName(this BudgetKind k) => k switch
    {
        BudgetKind.General => "一般公共预算",
        BudgetKind.GovernmentFund => "政府性基金预算",
        BudgetKind.StateCapital => "国有资本经营预算",
        BudgetKind.SocialInsurance => "社会保险基金预算",
    };

    public static string ChineseName(this ProjectCategory c) => c switch
    {
        ProjectCategory.Ordinary => "一般项目",
        ProjectCategory.GovernmentInvestment => "政府投资项目",
        ProjectCategory.GovernmentPurchase => "政府购买服务",
        ProjectCategory.GovernmentDebt => "政府债务项目",
        ProjectCategory.Ppp => "PPP项目",
    };

    /// <summary>资金性质 code (fund_type_code): any code by its first two digits (DATA-STANDARD).</summary>
    public static BudgetKind? FromFundTypeCode(string? code) => code?.Trim() is { Length: >= 2 } c ? c[..2] switch
    {
        "11" => BudgetKind.General,
        "12" => BudgetKind.GovernmentFund,
        "13" => BudgetKind.StateCapital,
        "14" => BudgetKind.SocialInsurance,
        _ => null,
    } : null;
}

/// <summary>
/// A project (or policy, or whole-unit spending) of a unit for a fiscal year, with its funding and the named
/// responsible person (项目责任人) who stays on record for life (Art. 34), even if their account is removed.
/// </summary>
public sealed class Project : IVersioned, IOrganizationOwned
{
    private Project() { }

    public Project(long regionId, int fiscalYear, long organizationId, long departmentId, ProjectKind kind, string code, string name)
    {
        RegionId = regionId;
        FiscalYear = fiscalYear;
        OrganizationId = organizationId;
        DepartmentId = departmentId;
        Kind = kind;
        Code = ValidateCode(code);
        Name = ValidateName(name);
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    /// <summary>The unit that declares it (or the department, for a department-wide goal).</summary>
    public long OrganizationId { get; private set; }

    /// <summary>The first-level department the unit belongs to (for the department's and budget section's lists).</summary>
    public long DepartmentId { get; private set; }

    public ProjectKind Kind { get; private set; }

    /// <summary>项目代码 (pro_code), unique within a region and year.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public BudgetKind BudgetKind { get; private set; }

    public ProjectCategory Category { get; private set; }

    /// <summary>新增重大政策和项目: needs a passed ex-ante assessment before its goal is submitted (Art. 14).</summary>
    public bool IsNewMajor { get; private set; }

    /// <summary>An expiring project proposed for renewal (also needs an ex-ante assessment).</summary>
    public bool IsRenewal { get; private set; }

    public int StartYear { get; private set; }

    public int EndYear { get; private set; }

    public string ResponsiblePersonName { get; private set; } = "";

    /// <summary>SM4-encrypted phone of the responsible person.</summary>
    [AuditMasked]
    public string? ResponsiblePersonPhoneEncrypted { get; private set; }

    /// <summary>本年财政拨款, yuan.</summary>
    public decimal CurrentYearAppropriation { get; private set; }

    /// <summary>上年结转, yuan.</summary>
    public decimal CarryOver { get; private set; }

    /// <summary>其他资金, yuan.</summary>
    public decimal OtherFunding { get; private set; }

    /// <summary>全年预算数, yuan.</summary>
    public decimal TotalBudget { get; private set; }

    public string? Description { get; private set; }

    public int Version { get; private set; }

    public void Update(string code, string name, BudgetKind budgetKind, ProjectCategory category, bool isNewMajor, bool isRenewal,
        int startYear, int endYear, string responsiblePersonName, string? responsiblePersonPhoneEncrypted,
        decimal currentYearAppropriation, decimal carryOver, decimal otherFunding, string? description)
    {
        var errors = new Dictionary<string, string[]>();
        if (startYear is < 2000 or > 2100 || endYear < startYear || endYear > startYear + 30)
            errors[nameof(StartYear)] = ["起止年度无效：结束年度不能早于开始年度，期限不超过30年。"];
        if (FiscalYear < startYear || FiscalYear > endYear)
            errors[nameof(EndYear)] = [$"预算年度 {FiscalYear} 应在项目起止年度之内。"];
        if (string.IsNullOrWhiteSpace(responsiblePersonName) || responsiblePersonName.Trim().Length > 50)
            errors[nameof(ResponsiblePersonName)] = ["请填写项目责任人姓名（不超过50字）。"];
        foreach (var (field, amount) in new[] { (nameof(CurrentYearAppropriation), currentYearAppropriation), (nameof(CarryOver), carryOver), (nameof(OtherFunding), otherFunding) })
        {
            if (amount < 0m || amount > 1_000_000_000_000m || decimal.Round(amount, 2) != amount)
                errors[field] = ["金额应为不小于0的元金额，最多两位小数。"];
        }
        if (description?.Length > 4000) errors[nameof(Description)] = ["项目概况不超过4000字。"];
        if (errors.Count > 0) throw new DomainException("项目信息有误，请按提示修改。", errors);
        Code = ValidateCode(code);
        Name = ValidateName(name);
        BudgetKind = budgetKind;
        Category = category;
        IsNewMajor = isNewMajor;
        IsRenewal = isRenewal;
        StartYear = startYear;
        EndYear = endYear;
        ResponsiblePersonName = responsiblePersonName.Trim();
        ResponsiblePersonPhoneEncrypted = responsiblePersonPhoneEncrypted;
        CurrentYearAppropriation = currentYearAppropriation;
        CarryOver = carryOver;
        OtherFunding = otherFunding;
        TotalBudget = currentYearAppropriation + carryOver + otherFunding;
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
    }

    /// <summary>Needs a passed ex-ante assessment before its goal may be submitted.</summary>
    public bool NeedsPriorAssessment => Kind != ProjectKind.OverallSpending && (IsNewMajor || IsRenewal);

    private static string ValidateCode(string? code)
    {
        code = code?.Trim() ?? "";
        if (code.Length is 0 or > 40 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new DomainException($"项目代码“{code}”无效：应为1-40位字母或数字。", new Dictionary<string, string[]> { [nameof(Code)] = ["项目代码应为1-40位字母或数字。"] });
        return code;
    }

    private static string ValidateName(string? name)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
            throw new DomainException("项目名称不能为空，且不超过200字。", new Dictionary<string, string[]> { [nameof(Name)] = ["项目名称不能为空，且不超过200字。"] });
        return name;
    }
}
