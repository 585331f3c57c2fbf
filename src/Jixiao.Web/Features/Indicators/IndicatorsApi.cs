using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Indicators;

public sealed record LibraryIndicatorDto(long Id, string Scope, string Level1, string Level2, string Name, Comparison Comparison, string? Unit,
    string? ScoringStandard, string? ValueNote, string? Sector, string? FunctionCode, bool IsEnabled, long? OwnerOrganizationId, int Version)
{
    public static LibraryIndicatorDto From(LibraryIndicator x) => new(x.Id, x.Scope.ToString(), x.Level1, x.Level2, x.Name, x.Comparison, x.Unit,
        x.ScoringStandard, x.ValueNote, x.Sector, x.FunctionCode, x.IsEnabled, x.OwnerOrganizationId, x.Version);
}

public sealed record LibraryRequest(IndicatorScope Scope, string Level1, string Level2, string Name, Comparison Comparison, string? Unit = null,
    string? ScoringStandard = null, string? ValueNote = null, string? Sector = null, string? FunctionCode = null, bool IsEnabled = true, int? Version = null)
{
    public LibraryInput ToInput() => new(Scope, Level1, Level2, Name, Comparison, Unit, ScoringStandard, ValueNote, Sector, FunctionCode, IsEnabled);
}

public static class IndicatorsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/indicator-library").WithTags("指标库").RequireAuthorization(nameof(Permission.UseBusinessArea));
        g.MapGet("", async (string? q, IndicatorScope? scope, string? level1, string? level2, string? sector, int? page, int? pageSize,
            CurrentUser me, IndicatorLibraryService lib, CancellationToken ct) =>
        {
            var (p, s) = Paging.Normalize(page, pageSize);
            var result = await lib.SearchAsync(await me.ScopeAsync(ct), new LibraryFilter(q, scope, level1, level2, sector), p, s, ct);
            return new Page<LibraryIndicatorDto>(result.Items.Select(LibraryIndicatorDto.From).ToList(), result.Total);
        }).WithSummary("检索指标库（共性、行业、个性；按分类、行业和文字）");

        g.MapPost("", async (LibraryRequest r, CurrentUser me, IndicatorLibraryService lib, CancellationToken ct) =>
        {
            var x = await lib.CreateAsync(r.ToInput(), me.OrganizationId, me.Roles, await me.ScopeAsync(ct), ct);
            return Results.Created($"/api/v1/indicator-library/{x.Id}", LibraryIndicatorDto.From(x));
        }).WithSummary("新增指标（共性指标：绩效管理科；行业指标：预算部门）");

        g.MapPut("/{id:long}", async (long id, LibraryRequest r, CurrentUser me, IndicatorLibraryService lib, CancellationToken ct) =>
        {
            if (r.Version is not { } v) throw new ConcurrencyConflictException("请提供 version。");
            await lib.UpdateAsync(id, v, r.ToInput(), me.OrganizationId, me.Roles, await me.ScopeAsync(ct), ct);
            return Results.NoContent();
        }).WithSummary("修改或停用指标（version 不符为 409）");
    }
}
