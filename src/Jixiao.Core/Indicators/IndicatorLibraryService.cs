using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Indicators;

public sealed record LibraryInput(IndicatorScope Scope, string Level1, string Level2, string Name, Comparison Comparison, string? Unit,
    string? ScoringStandard, string? ValueNote, string? Sector, string? FunctionCode, bool IsEnabled = true);

public sealed record LibraryFilter(string? Text = null, IndicatorScope? Scope = null, string? Level1 = null, string? Level2 = null, string? Sector = null, bool IncludeDisabled = false);

/// <summary>
/// The indicator library: searchable while filling a goal. Common indicators are kept by the performance section,
/// sector indicators by each department for its sector; everyone in the region may use them.
/// </summary>
public sealed class IndicatorLibraryService(JixiaoDbContext db)
{
    public async Task<Page<LibraryIndicator>> SearchAsync(OrgScope scope, LibraryFilter f, int page, int pageSize, CancellationToken ct = default)
    {
        var regions = scope.RegionIds.ToList();
        var q = db.LibraryIndicators.AsNoTracking().Where(x => regions.Contains(x.RegionId));
        if (!f.IncludeDisabled) q = q.Where(x => x.IsEnabled);
        if (f.Scope is { } s) q = q.Where(x => x.Scope == s);
        if (!string.IsNullOrWhiteSpace(f.Level1)) q = q.Where(x => x.Level1 == f.Level1);
        if (!string.IsNullOrWhiteSpace(f.Level2)) q = q.Where(x => x.Level2 == f.Level2);
        if (!string.IsNullOrWhiteSpace(f.Sector)) q = q.Where(x => x.Sector == f.Sector);
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            // Every word must match the name, the scoring standard or the sector (Chinese has no spaces: a word is a phrase).
            foreach (var word in f.Text.Split([' ', '　', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(5))
                q = q.Where(x => x.Name.Contains(word) || (x.ScoringStandard != null && x.ScoringStandard.Contains(word)) || (x.Sector != null && x.Sector.Contains(word)));
        }
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(x => x.Scope).ThenBy(x => x.Level1).ThenBy(x => x.Level2).ThenBy(x => x.Name)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new(items, total);
    }

    /// <summary>One entry of a region the caller sees, or 404.</summary>
    public async Task<LibraryIndicator> FindAsync(long id, OrgScope scope, CancellationToken ct = default)
    {
        var x = await db.LibraryIndicators.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (x is null || !scope.CanSeeRegion(x.RegionId)) throw new NotFoundException("指标");
        return x;
    }

    public async Task<LibraryIndicator> CreateAsync(LibraryInput input, long? actingOrganizationId, IReadOnlyCollection<Role> roles, OrgScope scope, CancellationToken ct = default)
    {
        var owner = CheckKeeper(input.Scope, actingOrganizationId, roles);
        var x = new LibraryIndicator(scope.HomeRegionId, input.Scope, owner, input.Level1, input.Level2, input.Name, input.Comparison, input.Unit,
            input.ScoringStandard, input.ValueNote, input.Sector, input.FunctionCode);
        db.LibraryIndicators.Add(x);
        await db.SaveChangesAsync(ct);
        return x;
    }

    public async Task UpdateAsync(long id, int version, LibraryInput input, long? actingOrganizationId, IReadOnlyCollection<Role> roles, OrgScope scope, CancellationToken ct = default)
    {
        var x = await db.LibraryIndicators.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (x is null || !scope.CanSeeRegion(x.RegionId)) throw new NotFoundException("指标");
        var owner = CheckKeeper(x.Scope, actingOrganizationId, roles);
        if (x.RegionId != scope.HomeRegionId || x.OwnerOrganizationId != owner) throw new DomainException("只能维护本科室或本部门的指标。");
        db.ExpectVersion(x, version);
        x.Update(input.Level1, input.Level2, input.Name, input.Comparison, input.Unit, input.ScoringStandard, input.ValueNote, input.Sector, input.FunctionCode, input.IsEnabled);
        await db.SaveChangesAsync(ct);
    }

    private static long? CheckKeeper(IndicatorScope scope, long? actingOrganizationId, IReadOnlyCollection<Role> roles) => scope switch
    {
        IndicatorScope.Common when roles.Contains(Role.PerformanceSection) => null,
        IndicatorScope.Sector when roles.Contains(Role.Department) => actingOrganizationId,
        IndicatorScope.Specific when roles.Contains(Role.BudgetUnit) || roles.Contains(Role.Department) => actingOrganizationId,
        _ => throw new DomainException(scope switch
        {
            IndicatorScope.Common => "共性指标由财政部门绩效管理科维护。",
            IndicatorScope.Sector => "行业指标由预算部门维护。",
            _ => "个性指标由预算单位或部门维护。",
        }),
    };
}
