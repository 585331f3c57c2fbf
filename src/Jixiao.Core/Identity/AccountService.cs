using System.Security.Cryptography;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Identity;

public enum SignInOutcome
{
    Success,
    WrongCredentials,
    LockedOut,
    Inactive,
}

public sealed record SignInResult(SignInOutcome Outcome, string Message, User? User = null, UserSession? Session = null, SecurityPolicy? Policy = null);

public enum SessionState
{
    Active,
    Ended,
    Idle,
    UserInactive,
}

/// <summary>Sign-in with lockout, server-side sessions with an idle timeout, sign-out (等保 2.0 身份鉴别).</summary>
public sealed class AccountService(JixiaoDbContext db)
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromSeconds(60);

    public async Task<SecurityPolicy> PolicyAsync(CancellationToken ct = default) =>
        await db.SecurityPolicies.FirstOrDefaultAsync(p => p.Id == SecurityPolicy.SingletonId, ct) ?? new SecurityPolicy();

    public async Task<SignInResult> SignInAsync(string? userName, string? password, string kind, string? clientAddress, CancellationToken ct = default)
    {
        // Concurrent attempts on one account conflict on its failure counter; the loser counts again on fresh data.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TrySignInAsync(userName, password, kind, clientAddress, ct);
            }
            catch (Common.ConcurrencyConflictException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<SignInResult> TrySignInAsync(string? userName, string? password, string kind, string? clientAddress, CancellationToken ct)
    {
        const string wrong = "用户名或密码错误。";
        var name = User.NormalizeUserName(userName ?? "");
        password ??= "";
        var policy = await PolicyAsync(ct);
        var user = name.Length == 0 ? null : await db.Users.Include(u => u.Roles).FirstOrDefaultAsync(u => u.UserName == name, ct);
        var now = db.Now;
        if (user is null)
        {
            PasswordHasher.Verify(password, PasswordHasher.Unmatchable);
            db.Audit("signin.failure", nameof(User), null, new { userName = name.Length > 50 ? name[..50] : name, reason = "unknown user", kind },
                new AuditActor(null, name.Length > 50 ? name[..50] : name, null, null, clientAddress));
            await db.SaveChangesAsync(ct);
            return new(SignInOutcome.WrongCredentials, wrong);
        }
        var actor = ActorOf(user, clientAddress);
        if (user.IsLockedOut(now))
        {
            db.Audit("signin.locked", nameof(User), user.Id.ToString(), new { kind, lockedUntil = user.LockedUntil }, actor);
            await db.SaveChangesAsync(ct);
            return new(SignInOutcome.LockedOut, LockedMessage(user, now));
        }
        if (!PasswordHasher.Verify(password, user.PasswordHash))
        {
            user.RecordFailedSignIn(policy, now);
            var locked = user.IsLockedOut(now);
            db.Audit(locked ? "signin.lockout" : "signin.failure", nameof(User), user.Id.ToString(),
                new { kind, failedCount = user.FailedSignInCount, lockedUntil = user.LockedUntil }, actor);
            await db.SaveChangesAsync(ct);
            return locked ? new(SignInOutcome.LockedOut, LockedMessage(user, now)) : new(SignInOutcome.WrongCredentials, wrong);
        }
        if (!user.IsActive)
        {
            db.Audit("signin.inactive", nameof(User), user.Id.ToString(), new { kind }, actor);
            await db.SaveChangesAsync(ct);
            return new(SignInOutcome.Inactive, "账号已停用，请联系系统管理员。");
        }
        user.RecordSuccessfulSignIn(now);
        var session = new UserSession(NewSessionId(), user.Id, kind, now, clientAddress);
        db.UserSessions.Add(session);
        db.Audit("signin.success", nameof(User), user.Id.ToString(), new { kind, session = session.Id[..8] }, actor);
        await db.SaveChangesAsync(ct);
        return new(SignInOutcome.Success, "登录成功。", user, session, policy);
    }

    /// <summary>Checks a session on each request; ends it when idle too long or the account was deactivated.</summary>
    public async Task<SessionState> ValidateSessionAsync(string sessionId, long userId, CancellationToken ct = default)
    {
        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, ct);
        if (session is null || session.EndedAt is not null) return SessionState.Ended;
        var now = db.Now;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || !user.IsActive)
        {
            session.End(now, "account inactive");
            await db.SaveChangesAsync(ct);
            return SessionState.UserInactive;
        }
        var policy = await PolicyAsync(ct);
        if (session.IsIdle(now, policy))
        {
            session.End(now, "idle timeout");
            db.Audit("signout.idle", nameof(User), userId.ToString(), new { session = sessionId[..8], lastSeen = session.LastSeenAt },
                ActorOf(user, session.ClientAddress));
            await db.SaveChangesAsync(ct);
            return SessionState.Idle;
        }
        if (now - session.LastSeenAt >= TouchInterval)
        {
            session.Touch(now);
            await db.SaveChangesAsync(ct);
        }
        return SessionState.Active;
    }

    public async Task SignOutAsync(string sessionId, long userId, CancellationToken ct = default)
    {
        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, ct);
        if (session is null || session.EndedAt is not null) return;
        session.End(db.Now, "sign-out");
        db.Audit("signout", nameof(User), userId.ToString(), new { session = sessionId[..8] });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The user changes their own password (the old one proves it is them).</summary>
    public async Task ChangePasswordAsync(long userId, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        if (!PasswordHasher.Verify(currentPassword, user.PasswordHash))
            throw new Common.DomainException("当前密码不正确。");
        var policy = await PolicyAsync(ct);
        if (policy.CheckPassword(newPassword, user.UserName) is { } problem) throw new Common.DomainException(problem);
        if (PasswordHasher.Verify(newPassword, user.PasswordHash)) throw new Common.DomainException("新密码不能与当前密码相同。");
        user.SetPassword(PasswordHasher.Hash(newPassword), db.Now);
        db.Audit("password.change", nameof(User), user.Id.ToString());
        await db.SaveChangesAsync(ct);
    }

    public static AuditActor ActorOf(User user, string? clientAddress) =>
        new(user.Id, user.UserName, string.Join(",", user.RoleSet.Order()), user.OrganizationId, clientAddress, user.DisplayName);

    private static string LockedMessage(User user, DateTime now)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((user.LockedUntil!.Value - now).TotalMinutes));
        return $"连续登录失败次数过多，账号已锁定，请 {minutes} 分钟后重试，或联系安全管理员解锁。";
    }

    private static string NewSessionId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
