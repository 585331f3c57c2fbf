using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Organizations;

public sealed record OrganizationDto(long Id, string Name, string Code, long? ParentId, string Kind, string KindName, long RegionId, string RegionName, bool IsActive, int Version)
{
    public static OrganizationDto From(OrganizationRow r) =>
        new(r.Id, r.Name, r.Code, r.ParentId, r.Kind.ToString(), r.Kind.ChineseName(), r.RegionId, r.RegionName, r.IsActive, r.Version);
}

public sealed record CreateOrganizationRequest(long RegionId, OrganizationKind Kind, string Code, string Name, long? ParentId = null);

public sealed record UpdateOrganizationRequest(int Version, string Code, string Name, bool IsActive);

public static class OrganizationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/organizations").WithTags("组织机构");
        g.MapGet("", async (int? page, int? pageSize, OrganizationKind? kind, string? q, CurrentUser me, OrganizationService orgs, CancellationToken ct) =>
        {
            var (p, s) = Paging.Normalize(page, pageSize, 100);
            var result = await orgs.ListAsync(await me.ScopeAsync(ct), kind, q, p, s, ct);
            return new Page<OrganizationDto>(result.Items.Select(OrganizationDto.From).ToList(), result.Total);
        }).RequireAuthorization(nameof(Permission.ViewOrganizations)).WithSummary("调用者可见的组织（单位只见本单位；部门见本部门及所属单位；财政局见本级及下级区划）");

        g.MapGet("/{id:long}", async (long id, CurrentUser me, OrganizationService orgs, CancellationToken ct) =>
            await orgs.FindAsync(id, await me.ScopeAsync(ct), ct) is { } row ? Results.Ok(OrganizationDto.From(row)) : ApiResults.NotFound())
            .RequireAuthorization(nameof(Permission.ViewOrganizations)).WithSummary("一个组织（范围外为 404）");

        g.MapPost("", async (CreateOrganizationRequest r, CurrentUser me, OrganizationService orgs, ScopeService scopes, CancellationToken ct) =>
        {
            var org = await orgs.CreateAsync(r.RegionId, r.ParentId, r.Kind, r.Code, r.Name, await me.ScopeAsync(ct), ct);
            // The scope loaded before the insert does not contain the new organisation yet.
            var scope = await scopes.ScopeForAsync(me.OrganizationId, me.Roles, ct);
            return Results.Created($"/api/v1/organizations/{org.Id}", OrganizationDto.From((await orgs.FindAsync(org.Id, scope, ct))!));
        }).RequireAuthorization(nameof(Permission.ManageOrganizations)).WithSummary("新建组织（系统管理员）");

        g.MapPut("/{id:long}", async (long id, UpdateOrganizationRequest r, CurrentUser me, OrganizationService orgs, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            await orgs.UpdateAsync(id, r.Version, r.Code, r.Name, r.IsActive, scope, ct);
            return Results.Ok(OrganizationDto.From((await orgs.FindAsync(id, scope, ct))!));
        }).RequireAuthorization(nameof(Permission.ManageOrganizations)).WithSummary("修改组织（系统管理员；version 不符为 409）");
    }
}
