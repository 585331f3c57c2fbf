using System.Security.Claims;

using Jixiao.Core.Identity;
using Jixiao.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Jixiao.Web.Infrastructure;

/// <summary>
/// Two ways in: a cookie for people at the pages, a bearer token for /api/v1. Both carry a server-side
/// session id, checked on every request, so logout, deactivation and the idle timeout end them everywhere.
/// </summary>
public static class Auth
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string BearerScheme = JwtBearerDefaults.AuthenticationScheme;
    public const string Issuer = "jixiao";
    public const string CookieName = "Jixiao.Auth";

    public static IServiceCollection AddJixiaoAuth(this IServiceCollection services)
    {
        services.AddAuthentication(CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.AccessDeniedPath = "/Account/Denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = false;
                o.Events.OnValidatePrincipal = async ctx =>
                {
                    if (!await SessionIsActive(ctx.HttpContext, ctx.Principal))
                    {
                        ctx.RejectPrincipal();
                        await ctx.HttpContext.SignOutAsync(CookieScheme);
                    }
                };
            })
            .AddJwtBearer(BearerScheme, o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async ctx =>
                    {
                        if (!await SessionIsActive(ctx.HttpContext, ctx.Principal)) ctx.Fail("session ended");
                    },
                    OnChallenge = async ctx =>
                    {
                        ctx.HandleResponse();
                        await Problems.Write(ctx.HttpContext, StatusCodes.Status401Unauthorized, "未登录或登录已失效", "请先调用 POST /api/v1/auth/token 获取令牌，并以 Authorization: Bearer <令牌> 访问。");
                    },
                    OnForbidden = ctx => Problems.Write(ctx.HttpContext, StatusCodes.Status403Forbidden, "无权操作", "您的角色不能执行此操作。"),
                };
            });
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwt>();
        services.AddAuthorization(o =>
        {
            foreach (var p in Enum.GetValues<Permission>())
                o.AddPolicy(p.ToString(), b => b.RequireAuthenticatedUser().RequireAssertion(ctx =>
                    ctx.User.FindAll(JixiaoClaims.Role).Select(c => Enum.TryParse<Role>(c.Value, out var r) ? r : (Role?)null)
                        .Any(r => r is { } role && role.Has(p))));
            o.AddPolicy(ApiPolicy, b => b.AddAuthenticationSchemes(BearerScheme).RequireAuthenticatedUser());
        });
        return services;
    }

    /// <summary>The policy of the whole /api/v1 group: a bearer token, never the cookie (so no CSRF on the API).</summary>
    public const string ApiPolicy = "Api";

    public static ClaimsPrincipal PrincipalFor(User user, string sessionId, string scheme)
    {
        var claims = new List<Claim>
        {
            new(JixiaoClaims.UserId, user.Id.ToString()),
            new(JixiaoClaims.SessionId, sessionId),
            new(JixiaoClaims.Name, user.UserName),
            new(JixiaoClaims.DisplayName, user.DisplayName),
        };
        if (user.OrganizationId is { } org) claims.Add(new(JixiaoClaims.OrganizationId, org.ToString()));
        claims.AddRange(user.RoleSet.Select(r => new Claim(JixiaoClaims.Role, r.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, JixiaoClaims.Name, JixiaoClaims.Role));
    }

    public static string IssueToken(User user, string sessionId, KeyRing keys, DateTime now, TimeSpan lifetime)
    {
        var principal = PrincipalFor(user, sessionId, BearerScheme);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Subject = (ClaimsIdentity)principal.Identity!,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(keys.TokenSigningKey), SecurityAlgorithms.HmacSha256),
        });
    }

    private static async Task<bool> SessionIsActive(HttpContext http, ClaimsPrincipal? principal)
    {
        var sid = principal?.FindFirst(JixiaoClaims.SessionId)?.Value;
        var uid = principal?.FindFirst(JixiaoClaims.UserId)?.Value;
        if (sid is null || !long.TryParse(uid, out var userId)) return false;
        var accounts = http.RequestServices.GetRequiredService<AccountService>();
        return await accounts.ValidateSessionAsync(sid, userId, http.RequestAborted) == SessionState.Active;
    }

    private sealed class ConfigureJwt(KeyRing keys, TimeProvider time) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions o)
        {
            if (name != BearerScheme) return;
            o.TimeProvider = time;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = Issuer,
                ValidAudience = Issuer,
                IssuerSigningKey = new SymmetricSecurityKey(keys.TokenSigningKey),
                ValidateLifetime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = JixiaoClaims.Name,
                RoleClaimType = JixiaoClaims.Role,
                LifetimeValidator = (nb, exp, _, _) => exp is null || exp > time.GetUtcNow().UtcDateTime.AddSeconds(-30),
            };
        }

        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
    }
}

/// <summary>RFC 7807 problem responses with Chinese titles.</summary>
public static class Problems
{
    public static Task Write(HttpContext http, int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        http.Response.StatusCode = status;
        var body = new Dictionary<string, object?>
        {
            ["type"] = "about:blank",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (errors is { Count: > 0 }) body["errors"] = errors;
        return http.Response.WriteAsJsonAsync(body, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json; charset=utf-8");
    }
}


/// <summary>Results of the API that carry a Chinese problem body.</summary>
public static class ApiResults
{
    /// <summary>404 for both "does not exist" and "outside your scope": no leak that it exists.</summary>
    public static IResult NotFound() => Results.Problem(title: "未找到", detail: "记录不存在或无权访问。", statusCode: StatusCodes.Status404NotFound);
}
