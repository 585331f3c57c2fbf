using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Security;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Account;

public sealed record TokenRequest(string? Username = null, string? Password = null);

public sealed record TokenResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");

public sealed record MeResponse(long Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> RoleNames,
    long? OrganizationId, string? OrganizationName, long? RegionId, string? RegionName, int FiscalYear);

public static class AccountApi
{
    public static void MapAnonymous(RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", async (TokenRequest request, AccountService accounts, KeyRing keys, TimeProvider time, HttpContext http) =>
        {
            var result = await accounts.SignInAsync(request.Username, request.Password, "api", http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
            if (result.Outcome != SignInOutcome.Success)
            {
                await Problems.Write(http, StatusCodes.Status401Unauthorized, "登录失败", result.Message);
                return Results.Empty;
            }
            var lifetime = TimeSpan.FromMinutes(result.Policy!.TokenLifetimeMinutes);
            var token = Auth.IssueToken(result.User!, result.Session!.Id, keys, time.GetUtcNow().UtcDateTime, lifetime);
            return Results.Ok(new TokenResponse(token, (int)lifetime.TotalSeconds));
        })
        .AllowAnonymous()
        .WithName("IssueToken")
        .WithSummary("以用户名和密码换取访问令牌")
        .Produces<TokenResponse>()
        .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("认证");
        g.MapGet("/me", async (CurrentUser me, Core.Data.JixiaoDbContext db, CancellationToken ct) =>
        {
            var org = me.OrganizationId is { } id ? await db.Organizations.FindAsync([id], ct) : null;
            var region = org is not null ? await db.Regions.FindAsync([org.RegionId], ct) : null;
            return new MeResponse(me.Id, me.UserName, me.DisplayName, me.Roles.Select(r => r.ToString()).ToList(),
                me.Roles.Select(r => r.ChineseName()).ToList(), org?.Id, org?.Name, region?.Id, region?.Name, me.FiscalYear);
        }).WithSummary("当前用户：姓名、角色、组织、区划");

        g.MapPost("/auth/logout", async (CurrentUser me, AccountService accounts, HttpContext http) =>
        {
            var sid = http.User.FindFirst(JixiaoClaims.SessionId)?.Value;
            if (sid is not null) await accounts.SignOutAsync(sid, me.Id, http.RequestAborted);
            return Results.NoContent();
        }).WithSummary("注销当前令牌（结束会话）");
    }
}
