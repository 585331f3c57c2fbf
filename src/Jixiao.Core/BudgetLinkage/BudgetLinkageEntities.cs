using Jixiao.Core.Common;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.BudgetLinkage;

/// <summary>
/// A decision the budget section takes on the linkage list for next year's budget (Art. 32, 35): per project, or for a department's whole
/// spending (ProjectId of its 整体支出 record). The suggestion the list made is kept beside the decision; changes are audited.
/// </summary>
public sealed class BudgetLinkageDecision : IVersioned
{
    private BudgetLinkageDecision() { }

    public BudgetLinkageDecision(long regionId, int budgetYear, long departmentId, long projectId)
    {
        RegionId = regionId;
        BudgetYear = budgetYear;
        DepartmentId = departmentId;
        ProjectId = projectId;
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    /// <summary>The budget being prepared (the evaluated year + 1).</summary>
    public int BudgetYear { get; private set; }

    public long DepartmentId { get; private set; }

    /// <summary>The evaluated project (of BudgetYear − 1).</summary>
    public long ProjectId { get; private set; }

    public LinkageSuggestion Suggestion { get; private set; }

    public decimal SuggestedReduction { get; private set; }

    public LinkageSuggestion Decision { get; private set; }

    /// <summary>The reduction decided (yuan), 0 when none.</summary>
    public decimal Amount { get; private set; }

    public string Reason { get; private set; } = "";

    public long? DecidedById { get; private set; }

    public string DecidedByName { get; private set; } = "";

    public DateTime DecidedAt { get; private set; }

    public int Version { get; private set; }

    public void Record(LinkageResult suggestion, LinkageSuggestion decision, decimal amount, string? reason, long? byId, string byName, DateTime at)
    {
        if (amount < 0m) throw new DomainException("压减金额不能为负数。");
        reason = reason?.Trim() ?? "";
        if (reason.Length > 500) throw new DomainException("决定理由不能超过500字。");
        if (decision != suggestion.Suggestion && reason.Length == 0) throw new DomainException("决定与建议不一致时须填写理由。");
        Suggestion = suggestion.Suggestion;
        SuggestedReduction = suggestion.SuggestedReduction;
        Decision = decision;
        Amount = decision is LinkageSuggestion.Priority or LinkageSuggestion.Maintain ? 0m : amount;
        Reason = reason;
        DecidedById = byId;
        DecidedByName = byName.Length > 100 ? byName[..100] : byName;
        DecidedAt = at;
    }
}

/// <summary>A transfer payment (转移支付) to a county for a fiscal year, entered or imported; linked to the county's fiscal operation result (Art. 35).</summary>
public sealed class TransferPayment : IVersioned
{
    private TransferPayment() { }

    public TransferPayment(long regionId, long countyRegionId, int fiscalYear, string code, string name, decimal amount)
    {
        RegionId = regionId;
        CountyRegionId = countyRegionId;
        FiscalYear = fiscalYear;
        Code = code;
        Update(name, amount);
    }

    public long Id { get; private set; }

    /// <summary>The paying region (the city).</summary>
    public long RegionId { get; private set; }

    public long CountyRegionId { get; private set; }

    public int FiscalYear { get; private set; }

    /// <summary>项目代码 of the transfer payment, unique per county and year.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>Yuan.</summary>
    public decimal Amount { get; private set; }

    public int Version { get; private set; }

    public void Update(string name, decimal amount)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200) throw new DomainException("转移支付项目名称不能为空，且不超过200字。");
        if (amount < 0m) throw new DomainException("转移支付金额不能为负数。");
        Name = name;
        Amount = decimal.Round(amount, 2);
    }
}

/// <summary>向同级人大报告 (Art. 13): the report generated for a region and year; the .docx is stored as generated.</summary>
public sealed class CongressReport : IVersioned
{
    private CongressReport() { }

    public CongressReport(long regionId, int fiscalYear)
    {
        RegionId = regionId;
        FiscalYear = fiscalYear;
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    public byte[] Docx { get; private set; } = [];

    public DateTime GeneratedAt { get; private set; }

    public long? GeneratedById { get; private set; }

    public string GeneratedByName { get; private set; } = "";

    public int Version { get; private set; }

    public void Store(byte[] docx, DateTime at, long? byId, string byName)
    {
        Docx = docx;
        GeneratedAt = at;
        GeneratedById = byId;
        GeneratedByName = byName.Length > 100 ? byName[..100] : byName;
    }
}

/// <summary>A county's fiscal operation result (县级财政运行综合绩效), filled by the appraisal feature (issue 8).</summary>
public sealed record FiscalOperationResult(long CountyRegionId, int FiscalYear, decimal Score, Grade Grade);

/// <summary>Where the linkage list reads county fiscal operation results from.</summary>
public interface IFiscalOperationResults
{
    Task<IReadOnlyDictionary<long, FiscalOperationResult>> ForCountiesAsync(IReadOnlyCollection<long> countyRegionIds, int fiscalYear, CancellationToken ct = default);
}

/// <summary>Rectification figures of a set of projects: the status per project and the counts of items.</summary>
public sealed record LinkageRectificationFigures(IReadOnlyDictionary<long, LinkageRectification> ByProject, int Items, int Completed, int Overdue);

/// <summary>Where the linkage list and the congress report read rectification from (the feedback feature's Rectification items).</summary>
public interface ILinkageRectificationSource
{
    Task<LinkageRectificationFigures> ForProjectsAsync(IReadOnlyCollection<long> projectIds, DateOnly today, CancellationToken ct = default);
}

