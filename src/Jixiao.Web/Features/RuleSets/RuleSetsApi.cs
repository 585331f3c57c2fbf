using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.RuleSets;

public sealed record RuleSetDto(long? Id, long RegionId, int FiscalYear, int? VersionNo, bool IsOwn, string Source, RuleSetContent Content, DateTime? CreatedAt, string? CreatedBy, string? Comment);

public sealed record RuleSetVersionDto(long Id, int VersionNo, DateTime CreatedAt, string CreatedBy, string? Comment);

public sealed record SaveRuleSetRequest(int BaseVersionNo, RuleSetContent Content, string? Comment = null);

public static class RuleSetsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/rule-sets").WithTags("规则集");
        g.MapGet("/current", async (long? region, int? year, CurrentUser me, RuleSetService rules, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            var regionId = region ?? scope.HomeRegionId;
            if (!scope.CanSeeRegion(regionId)) return ApiResults.NotFound();
            var e = await rules.ResolveAsync(regionId, year ?? me.FiscalYear, ct);
            return Results.Ok(new RuleSetDto(e.Stored?.Id, regionId, e.FiscalYear, e.IsOwn ? e.Stored!.VersionNo : null, e.IsOwn, e.Source, e.Content,
                e.Stored?.CreatedAt, e.Stored?.CreatedByName, e.Stored?.Comment));
        }).RequireAuthorization(nameof(Permission.ViewRuleSets)).WithSummary("某区划某年度现行规则（未单独制定时沿用上年、上级或国家默认）");

        g.MapGet("/versions", async (long? region, int? year, int? page, int? pageSize, CurrentUser me, RuleSetService rules, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            var regionId = region ?? scope.HomeRegionId;
            if (!scope.CanSeeRegion(regionId)) return ApiResults.NotFound();
            var (p, s) = Paging.Normalize(page, pageSize, 50);
            var all = await rules.VersionsAsync(regionId, year ?? me.FiscalYear, ct);
            return Results.Ok(new Page<RuleSetVersionDto>(all.Skip((p - 1) * s).Take(s)
                .Select(v => new RuleSetVersionDto(v.Id, v.VersionNo, v.CreatedAt, v.CreatedByName, v.Comment)).ToList(), all.Count));
        }).RequireAuthorization(nameof(Permission.ViewRuleSets)).WithSummary("规则版本历史");

        g.MapGet("/{id:long}", async (long id, CurrentUser me, RuleSetService rules, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            var v = await rules.FindAsync(id, ct);
            if (v is null || !scope.CanSeeRegion(v.RegionId)) return ApiResults.NotFound();
            return Results.Ok(new RuleSetDto(v.Id, v.RegionId, v.FiscalYear, v.VersionNo, true, $"第 {v.VersionNo} 版", v.Content, v.CreatedAt, v.CreatedByName, v.Comment));
        }).RequireAuthorization(nameof(Permission.ViewRuleSets)).WithSummary("某一版本的规则（评分记录所引用的版本）");

        g.MapPut("/current", async (long? region, int? year, SaveRuleSetRequest r, CurrentUser me, RuleSetService rules, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            var regionId = region ?? scope.HomeRegionId;
            // The performance section edits its own region's rules only; a county edits its own copy (Art. 38).
            if (regionId != scope.HomeRegionId) return ApiResults.NotFound();
            var v = await rules.SaveNewVersionAsync(regionId, year ?? me.FiscalYear, r.BaseVersionNo, r.Content, r.Comment, ct);
            return Results.Ok(new RuleSetDto(v.Id, v.RegionId, v.FiscalYear, v.VersionNo, true, $"本级 {v.FiscalYear} 年度第 {v.VersionNo} 版", v.Content, v.CreatedAt, v.CreatedByName, v.Comment));
        }).RequireAuthorization(nameof(Permission.EditRuleSets)).WithSummary("保存为新版本（绩效管理科；baseVersionNo 不是最新版本时为 409）");
    }
}
