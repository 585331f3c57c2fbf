using Jixiao.Core.Projects;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Jixiao.Web.Features.Projects;

/// <summary>The project form as typed: funding in 万元 (up to 6 decimals, i.e. whole fen), converted to yuan for the service.</summary>
public sealed class ProjectForm
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public ProjectKind Kind { get; set; }

    public BudgetKind BudgetKind { get; set; }

    public ProjectCategory Category { get; set; }

    public bool IsNewMajor { get; set; }

    public bool IsRenewal { get; set; }

    public int StartYear { get; set; }

    public int EndYear { get; set; }

    public string? ResponsiblePersonName { get; set; }

    public string? ResponsiblePersonPhone { get; set; }

    public decimal CurrentYearAppropriationWan { get; set; }

    public decimal CarryOverWan { get; set; }

    public decimal OtherFundingWan { get; set; }

    public string? Description { get; set; }

    public static ProjectForm From(Project p, string? phone) => new()
    {
        Code = p.Code,
        Name = p.Name,
        Kind = p.Kind,
        BudgetKind = p.BudgetKind,
        Category = p.Category,
        IsNewMajor = p.IsNewMajor,
        IsRenewal = p.IsRenewal,
        StartYear = p.StartYear,
        EndYear = p.EndYear,
        ResponsiblePersonName = p.ResponsiblePersonName,
        ResponsiblePersonPhone = phone,
        CurrentYearAppropriationWan = Wan(p.CurrentYearAppropriation),
        CarryOverWan = Wan(p.CarryOver),
        OtherFundingWan = Wan(p.OtherFunding),
        Description = p.Description,
    };

    /// <summary>Yuan as 万元 without trailing zeros, so that the field shows 380 rather than 380.000000.</summary>
    private static decimal Wan(decimal yuan) => decimal.Parse(Display.WanInput(yuan), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The service's input, or null with the field errors (keyed by <see cref="ProjectInput"/> property names) when an amount is not whole fen.</summary>
    public ProjectInput? ToInput(long organizationId, ModelStateDictionary state)
    {
        decimal Yuan(decimal wan, string field)
        {
            if (Display.WanToYuan(wan) is { } y) return y;
            state.AddModelError(field, "金额以万元填写，最多6位小数（精确到分）。");
            return 0m;
        }
        var current = Yuan(CurrentYearAppropriationWan, nameof(ProjectInput.CurrentYearAppropriation));
        var carry = Yuan(CarryOverWan, nameof(ProjectInput.CarryOver));
        var other = Yuan(OtherFundingWan, nameof(ProjectInput.OtherFunding));
        if (!state.IsValid) return null;
        return new ProjectInput(Code ?? "", Name ?? "", Kind, organizationId, BudgetKind, Category, IsNewMajor, IsRenewal, StartYear, EndYear,
            ResponsiblePersonName ?? "", ResponsiblePersonPhone, current, carry, other, Description);
    }
}
