using System.Security.Claims;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Security;

namespace Jixiao.Web.Infrastructure;

public static class JixiaoClaims
{
    public const string UserId = "sub";
    public const string SessionId = "sid";
    public const string OrganizationId = "org";
    public const string Role = "role";
    public const string Name = "name";
    public const string DisplayName = "display_name";
}

/// <summary>The signed-in user of this request, with their scope (loaded once per request).</summary>
public sealed class CurrentUser(IHttpContextAccessor http, ScopeService scopes, TimeProvider time, JixiaoDbContext db)
{
    private string? _regionName;

    /// <summary>The name of the user's home region, for the page header.</summary>
    public async Task<string> RegionNameAsync(CancellationToken ct = default)
    {
        if (_regionName is not null) return _regionName;
        var scope = await ScopeAsync(ct);
        var region = await db.Regions.FindAsync([scope.HomeRegionId], ct);
        return _regionName = region?.Name ?? "";
    }

    private OrgScope? _scope;

    private ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public long Id => long.Parse(Principal.FindFirstValue(JixiaoClaims.UserId) ?? throw new InvalidOperationException("not signed in"));

    public string UserName => Principal.FindFirstValue(JixiaoClaims.Name) ?? "";

    public string DisplayName => Principal.FindFirstValue(JixiaoClaims.DisplayName) ?? UserName;

    public long? OrganizationId => long.TryParse(Principal.FindFirstValue(JixiaoClaims.OrganizationId), out var o) ? o : null;

    public IReadOnlyList<Role> Roles => Principal.FindAll(JixiaoClaims.Role).Select(c => Enum.Parse<Role>(c.Value)).ToList();

    public bool Can(Permission p) => Roles.Has(p);

    public async Task<OrgScope> ScopeAsync(CancellationToken ct = default) =>
        _scope ??= IsAuthenticated ? await scopes.ScopeForAsync(OrganizationId, Roles, ct) : OrgScope.Nothing;

    /// <summary>The caller as the feature services take it: account, organisation, roles and scope.</summary>
    public async Task<Caller> CallerAsync(CancellationToken ct = default) =>
        new(IsAuthenticated ? Id : null, OrganizationId, Roles, await ScopeAsync(ct));

    /// <summary>The fiscal year the user works in: the year switcher's cookie, else the current calendar year.</summary>
    public int FiscalYear
    {
        get
        {
            var now = Jixiao.Core.Common.ChinaTime.Now(time).Year;
            return int.TryParse(http.HttpContext?.Request.Cookies[YearCookie], out var y) && y >= 2000 && y <= now + 1 ? y : now;
        }
    }

    public const string YearCookie = "jixiao-year";

    /// <summary>The years the switcher offers: next year (budget preparation) back to five years ago.</summary>
    public IEnumerable<int> SelectableYears
    {
        get
        {
            var now = Jixiao.Core.Common.ChinaTime.Now(time).Year;
            return Enumerable.Range(0, 6).Select(i => now + 1 - i);
        }
    }

    public static AuditActor ActorOf(HttpContext? http)
    {
        var ip = http?.Connection.RemoteIpAddress?.ToString();
        var user = http?.User;
        if (user?.Identity?.IsAuthenticated != true || !long.TryParse(user.FindFirstValue(JixiaoClaims.UserId), out var id))
            return new AuditActor(null, "anonymous", null, null, ip);
        return new AuditActor(id, user.FindFirstValue(JixiaoClaims.Name) ?? "",
            string.Join(",", user.FindAll(JixiaoClaims.Role).Select(c => c.Value).Order()),
            long.TryParse(user.FindFirstValue(JixiaoClaims.OrganizationId), out var o) ? o : null, ip,
            user.FindFirstValue(JixiaoClaims.DisplayName));
    }
}

/// <summary>The audit context of a web request: the signed-in user, the app clock and the chain key.</summary>
public sealed class HttpAuditContext(IHttpContextAccessor http, TimeProvider time, KeyRing keys) : IAuditContext
{
    public AuditActor Actor => CurrentUser.ActorOf(http.HttpContext);

    public TimeProvider Time => time;

    public byte[] ChainKey => keys.AuditChainKey;
}

/// <summary>The audit context outside a request (CLI verbs, background jobs, start-up).</summary>
public sealed class SystemAuditContext(AuditActor actor, TimeProvider time, KeyRing keys) : IAuditContext
{
    public AuditActor Actor => actor;

    public TimeProvider Time => time;

    public byte[] ChainKey => keys.AuditChainKey;
}

public static class FieldCipherRegistration
{
    public static IServiceCollection AddFieldCipher(this IServiceCollection services) =>
        services.AddSingleton(sp => new FieldCipher(sp.GetRequiredService<KeyRing>().DataKey));
}
