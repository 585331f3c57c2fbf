using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Identity;

public sealed record UserDto(long Id, string UserName, string DisplayName, long? OrganizationId, string? OrganizationName, bool IsActive,
    bool IsLockedOut, IReadOnlyList<string> Roles, string Phone, DateTime? LastSignInAt, int Version)
{
    public static UserDto From(UserRow r) => new(r.Id, r.UserName, r.DisplayName, r.OrganizationId, r.OrganizationName, r.IsActive,
        r.IsLockedOut, r.Roles.Select(x => x.ToString()).ToList(), r.PhoneMasked, r.LastSignInAt, r.Version);
}

public sealed record CreateUserRequest(string UserName, string DisplayName, long OrganizationId, string Password, string? Phone = null);

public sealed record UpdateUserRequest(int Version, string DisplayName, long OrganizationId, bool IsActive, string? Phone = null);

public sealed record SetRolesRequest(int Version, IReadOnlyList<Role> Roles);

public sealed record PolicyDto(int MinPasswordLength, int MinCharacterClasses, int MaxFailedSignIns, int LockoutMinutes, int IdleTimeoutMinutes, int TokenLifetimeMinutes, int Version);

public static class UsersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/users").WithTags("用户与角色");
        g.MapGet("", async (int? page, int? pageSize, string? q, CurrentUser me, UserAdminService users, CancellationToken ct) =>
        {
            var (p, s) = Paging.Normalize(page, pageSize, 50);
            var result = await users.ListAsync(await me.ScopeAsync(ct), includeAdmins: false, q, p, s, ct);
            return new Page<UserDto>(result.Items.Select(UserDto.From).ToList(), result.Total);
        }).RequireAuthorization(nameof(Permission.ListUsers)).WithSummary("用户列表（系统管理员、安全管理员；手机号脱敏）");

        g.MapPost("", async (CreateUserRequest r, CurrentUser me, UserAdminService users, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            var user = await users.CreateAsync(r.UserName, r.DisplayName, r.OrganizationId, r.Phone, r.Password, scope, ct);
            return Results.Created($"/api/v1/users/{user.Id}", UserDto.From((await users.FindAsync(user.Id, scope, ct))!));
        }).RequireAuthorization(nameof(Permission.ManageUsers)).WithSummary("新建账号（系统管理员；角色由安全管理员授予）");

        g.MapPut("/{id:long}", async (long id, UpdateUserRequest r, CurrentUser me, UserAdminService users, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            await users.UpdateAsync(id, r.Version, r.DisplayName, r.OrganizationId, r.Phone, r.IsActive, scope, ct);
            return Results.Ok(UserDto.From((await users.FindAsync(id, scope, ct))!));
        }).RequireAuthorization(nameof(Permission.ManageUsers)).WithSummary("修改账号、停用或启用（系统管理员）");

        g.MapPut("/{id:long}/roles", async (long id, SetRolesRequest r, CurrentUser me, UserAdminService users, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            await users.SetRolesAsync(id, r.Version, r.Roles, me.Id, scope, ct);
            return Results.Ok(UserDto.From((await users.FindAsync(id, scope, ct))!));
        }).RequireAuthorization(nameof(Permission.ManageRoles)).WithSummary("授予角色（安全管理员）");

        g.MapPost("/{id:long}/unlock", async (long id, CurrentUser me, UserAdminService users, CancellationToken ct) =>
        {
            await users.UnlockAsync(id, await me.ScopeAsync(ct), ct);
            return Results.NoContent();
        }).RequireAuthorization(nameof(Permission.ManageRoles)).WithSummary("解锁账号（安全管理员）");

        var policy = api.MapGroup("/security-policy").WithTags("用户与角色").RequireAuthorization(nameof(Permission.ManageSecurityPolicy));
        policy.MapGet("", async (SecurityPolicyService s, CancellationToken ct) => ToDto(await s.GetAsync(ct))).WithSummary("密码与锁定策略（安全管理员）");
        policy.MapPut("", async (PolicyDto r, SecurityPolicyService s, CancellationToken ct) =>
        {
            await s.UpdateAsync(r.Version, r.MinPasswordLength, r.MinCharacterClasses, r.MaxFailedSignIns, r.LockoutMinutes, r.IdleTimeoutMinutes, r.TokenLifetimeMinutes, ct);
            return ToDto(await s.GetAsync(ct));
        }).WithSummary("修改密码与锁定策略（安全管理员）");
    }

    private static PolicyDto ToDto(SecurityPolicy p) => new(p.MinPasswordLength, p.MinCharacterClasses, p.MaxFailedSignIns, p.LockoutMinutes, p.IdleTimeoutMinutes, p.TokenLifetimeMinutes, p.Version);
}
