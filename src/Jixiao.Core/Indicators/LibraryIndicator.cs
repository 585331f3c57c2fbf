using Jixiao.Core.Common;

namespace Jixiao.Core.Indicators;

/// <summary>
/// An entry of the indicator library (指标库): common ones from the national framework kept by the performance
/// section, sector ones kept by a department for its sector (Art. 8(4)), specific ones of a project.
/// </summary>
public sealed class LibraryIndicator : IVersioned
{
    private LibraryIndicator() { }

    public LibraryIndicator(long regionId, IndicatorScope scope, long? ownerOrganizationId, string level1, string level2, string name,
        Comparison comparison, string? unit, string? scoringStandard, string? valueNote, string? sector, string? functionCode)
    {
        if (scope != IndicatorScope.Common && ownerOrganizationId is null)
            throw new DomainException("行业指标和个性指标须属于某个部门或单位。");
        RegionId = regionId;
        Scope = scope;
        OwnerOrganizationId = ownerOrganizationId;
        Update(level1, level2, name, comparison, unit, scoringStandard, valueNote, sector, functionCode, true);
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    public IndicatorScope Scope { get; private set; }

    /// <summary>The department (sector indicators) or unit (specific) that keeps it; null for common ones.</summary>
    public long? OwnerOrganizationId { get; private set; }

    public string Level1 { get; private set; } = "";

    public string Level2 { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Comparison Comparison { get; private set; }

    public string? Unit { get; private set; }

    public string? ScoringStandard { get; private set; }

    /// <summary>指标值设定说明: how the value is usually set.</summary>
    public string? ValueNote { get; private set; }

    /// <summary>行业 facet, e.g. 教育, 卫生健康.</summary>
    public string? Sector { get; private set; }

    /// <summary>支出功能分类 facet (exp_func_code prefix), e.g. 205.</summary>
    public string? FunctionCode { get; private set; }

    public bool IsEnabled { get; private set; }

    public int Version { get; private set; }

    public void Update(string level1, string level2, string name, Comparison comparison, string? unit, string? scoringStandard,
        string? valueNote, string? sector, string? functionCode, bool isEnabled)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 200) throw new DomainException("指标名称不能为空，且不超过200字。");
        Level1 = level1;
        Level2 = level2;
        Name = name;
        Comparison = comparison;
        Unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        ScoringStandard = string.IsNullOrWhiteSpace(scoringStandard) ? null : scoringStandard.Trim();
        ValueNote = string.IsNullOrWhiteSpace(valueNote) ? null : valueNote.Trim();
        Sector = string.IsNullOrWhiteSpace(sector) ? null : sector.Trim();
        FunctionCode = string.IsNullOrWhiteSpace(functionCode) ? null : functionCode.Trim();
        IsEnabled = isEnabled;
    }
}
