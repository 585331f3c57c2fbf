using Jixiao.Core.Common;

namespace Jixiao.Core.Identity;

/// <summary>A person's account. Accounts are deactivated, never deleted, so the audit trail keeps its names.</summary>
public sealed class User : IVersioned
{
    private readonly List<UserRole> _roles = [];

    private User() { }

    public User(string userName, string displayName, long? organizationId)
    {
        UserName = ValidateUserName(userName);
        DisplayName = ValidateDisplayName(displayName);
        OrganizationId = organizationId;
    }

    public long Id { get; private set; }

    /// <summary>Login name, stored lower case, unique.</summary>
    public string UserName { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    /// <summary>The account's organisation; null only for the three installation-wide admin accounts.</summary>
    public long? OrganizationId { get; private set; }

    [AuditMasked]
    public string PasswordHash { get; private set; } = "";

    /// <summary>Mobile phone, SM4-encrypted at rest (see <c>FieldCipher</c>).</summary>
    [AuditMasked]
    public string? PhoneEncrypted { get; private set; }

    public bool IsActive { get; private set; } = true;

    [NotAudited]
    public int FailedSignInCount { get; private set; }

    [NotAudited]
    public DateTime? LockedUntil { get; private set; }

    [NotAudited]
    public DateTime? LastSignInAt { get; private set; }

    public DateTime? PasswordChangedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyCollection<UserRole> Roles => _roles;

    public IEnumerable<Role> RoleSet => _roles.Select(r => r.Role);

    public void Update(string displayName, long? organizationId, bool isActive)
    {
        DisplayName = ValidateDisplayName(displayName);
        OrganizationId = organizationId;
        IsActive = isActive;
    }

    public void SetPhone(string? encrypted) => PhoneEncrypted = encrypted;

    public void SetPassword(string hash, DateTime now)
    {
        PasswordHash = hash;
        PasswordChangedAt = now;
    }

    public void ReplaceRoles(IEnumerable<Role> roles)
    {
        var wanted = roles.Distinct().ToList();
        _roles.RemoveAll(r => !wanted.Contains(r.Role));
        foreach (var role in wanted.Where(w => _roles.All(r => r.Role != w)))
            _roles.Add(new UserRole(role));
    }

    public bool IsLockedOut(DateTime now) => LockedUntil is { } until && until > now;

    /// <summary>Counts a failed sign-in; locks the account when the policy's limit is reached.</summary>
    public void RecordFailedSignIn(SecurityPolicy policy, DateTime now)
    {
        if (LockedUntil is { } until && until <= now)
        {
            LockedUntil = null;
            FailedSignInCount = 0;
        }
        FailedSignInCount++;
        if (FailedSignInCount >= policy.MaxFailedSignIns)
        {
            LockedUntil = now.AddMinutes(policy.LockoutMinutes);
            FailedSignInCount = 0;
        }
    }

    public void RecordSuccessfulSignIn(DateTime now)
    {
        FailedSignInCount = 0;
        LockedUntil = null;
        LastSignInAt = now;
    }

    public void Unlock()
    {
        FailedSignInCount = 0;
        LockedUntil = null;
    }

    public static string NormalizeUserName(string userName) => userName.Trim().ToLowerInvariant();

    private static string ValidateUserName(string userName)
    {
        var n = NormalizeUserName(userName);
        if (n.Length is < 2 or > 50 || !n.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw new DomainException("用户名应为2-50位字母、数字或 . _ -。");
        return n;
    }

    private static string ValidateDisplayName(string? name)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 50) throw new DomainException("姓名不能为空，且不超过50个字。");
        return name;
    }
}

public sealed class UserRole
{
    private UserRole() { }

    public UserRole(Role role) => Role = role;

    public long UserId { get; private set; }

    public Role Role { get; private set; }
}

/// <summary>
/// A signed-in session (browser cookie or API token). Kept server-side so that logout and the idle timeout
/// really end it, on every app node.
/// </summary>
[NotAuditedEntity]
public sealed class UserSession
{
    private UserSession() { }

    public UserSession(string id, long userId, string kind, DateTime now, string? clientAddress)
    {
        Id = id;
        UserId = userId;
        Kind = kind;
        CreatedAt = now;
        LastSeenAt = now;
        ClientAddress = clientAddress;
    }

    public string Id { get; private set; } = "";

    public long UserId { get; private set; }

    /// <summary>"web" or "api".</summary>
    public string Kind { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime LastSeenAt { get; private set; }

    public DateTime? EndedAt { get; private set; }

    public string? EndReason { get; private set; }

    public string? ClientAddress { get; private set; }

    public bool IsIdle(DateTime now, SecurityPolicy policy) => now - LastSeenAt >= TimeSpan.FromMinutes(policy.IdleTimeoutMinutes);

    public void Touch(DateTime now) => LastSeenAt = now;

    public void End(DateTime now, string reason)
    {
        if (EndedAt is not null) return;
        EndedAt = now;
        EndReason = reason;
    }
}
