using Jixiao.Core.Identity;
using Jixiao.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Tests.Identity;

/// <summary>Sign-in with lockout and server-side sessions with an idle timeout, driven by a fake clock, on both databases.</summary>
public sealed class AccountServiceTests
{
    private const string Password = "Demo@2026!";

    private static async Task<TestDatabase> DatabaseWithUserAsync(DbProvider provider)
    {
        var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        await Seed.UserAsync(db, "unit", null, PasswordHasher.Hash(Password));
        return tdb;
    }

    private static async Task<SignInResult> SignInAsync(TestDatabase tdb, string password, string userName = "unit")
    {
        await using var db = tdb.NewContext();
        return await new AccountService(db).SignInAsync(userName, password, "web", "10.0.0.1");
    }

    private static async Task<SessionState> ValidateAsync(TestDatabase tdb, SignInResult signIn)
    {
        await using var db = tdb.NewContext();
        return await new AccountService(db).ValidateSessionAsync(signIn.Session!.Id, signIn.User!.Id);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignInAsync_FiveWrongPasswords_LockedEvenForTheRightOne(DbProvider provider)
    {
        await using var tdb = await DatabaseWithUserAsync(provider);

        var outcomes = new List<SignInOutcome>();
        for (var i = 0; i < 5; i++) outcomes.Add((await SignInAsync(tdb, "wrong")).Outcome);
        var right = await SignInAsync(tdb, Password);

        Assert.Equal([.. Enumerable.Repeat(SignInOutcome.WrongCredentials, 4), SignInOutcome.LockedOut], outcomes);
        Assert.Equal(SignInOutcome.LockedOut, right.Outcome);
        Assert.Contains("5 分钟后重试", right.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignInAsync_LockoutEnds_RightPasswordAcceptedFromExactlyFiveMinutes(DbProvider provider)
    {
        await using var tdb = await DatabaseWithUserAsync(provider);
        for (var i = 0; i < 5; i++) await SignInAsync(tdb, "wrong");

        tdb.AuditContext.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        var justBefore = await SignInAsync(tdb, Password);
        tdb.AuditContext.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var atTheEnd = await SignInAsync(tdb, Password);

        Assert.Equal(SignInOutcome.LockedOut, justBefore.Outcome);
        Assert.Equal(SignInOutcome.Success, atTheEnd.Outcome);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignInAsync_FailuresAndSuccess_LeaveTheAccountVersionAlone(DbProvider provider)
    {
        await using var tdb = await DatabaseWithUserAsync(provider);
        int VersionOf(Jixiao.Core.Data.JixiaoDbContext db) => db.Users.AsNoTracking().Single(u => u.UserName == "unit").Version;
        await using var before = tdb.NewContext();
        var version = VersionOf(before);

        await SignInAsync(tdb, "wrong");
        await SignInAsync(tdb, Password);

        await using var after = tdb.NewContext();
        Assert.Equal(version, VersionOf(after));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignInAsync_WrongPasswordsAtTheSameMoment_EveryOneCounts(DbProvider provider)
    {
        await using var tdb = await DatabaseWithUserAsync(provider);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SignInAsync(tdb, "wrong"))));

        await using var db = tdb.NewContext();
        Assert.Equal(4, db.Users.AsNoTracking().Single(u => u.UserName == "unit").FailedSignInCount);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignInAsync_EveryAttempt_AuditedInAnIntactChain(DbProvider provider)
    {
        await using var tdb = await DatabaseWithUserAsync(provider);
        await SignInAsync(tdb, "wrong", "nobody");
        for (var i = 0; i < 5; i++) await SignInAsync(tdb, "wrong");
        await SignInAsync(tdb, Password);
        tdb.AuditContext.Clock.Advance(TimeSpan.FromMinutes(5));
        await SignInAsync(tdb, Password);

        await using var db = tdb.NewContext();
        var actions = await db.AuditRecords.Where(r => r.Action.StartsWith("signin")).OrderBy(r => r.Sequence).Select(r => r.Action).ToListAsync();

        Assert.Equal(["signin.failure", "signin.failure", "signin.failure", "signin.failure", "signin.failure", "signin.lockout", "signin.locked", "signin.success"], actions);
        Assert.True((await tdb.VerifyAuditAsync()).Intact);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ValidateSessionAsync_IdleJustUnderThirtyMinutes_Active(DbProvider provider)
    {
        await using var tdb = await DatabaseWithUserAsync(provider);
        var signIn = await SignInAsync(tdb, Password);

        tdb.AuditContext.Clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));

        Assert.Equal(SessionState.Active, await ValidateAsync(tdb, signIn));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ValidateSessionAsync_IdleThirtyMinutes_EndsTheSessionForGood(DbProvider provider)
    {
        await using var tdb = await DatabaseWithUserAsync(provider);
        var signIn = await SignInAsync(tdb, Password);

        tdb.AuditContext.Clock.Advance(TimeSpan.FromMinutes(30));
        var first = await ValidateAsync(tdb, signIn);
        var afterwards = await ValidateAsync(tdb, signIn);

        Assert.Equal((SessionState.Idle, SessionState.Ended), (first, afterwards));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ValidateSessionAsync_ActivityEveryTwentyMinutes_StaysActive(DbProvider provider)
    {
        await using var tdb = await DatabaseWithUserAsync(provider);
        var signIn = await SignInAsync(tdb, Password);

        var states = new List<SessionState>();
        for (var i = 0; i < 4; i++)
        {
            tdb.AuditContext.Clock.Advance(TimeSpan.FromMinutes(20));
            states.Add(await ValidateAsync(tdb, signIn));
        }

        Assert.All(states, s => Assert.Equal(SessionState.Active, s));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignOutAsync_Session_EndsIt(DbProvider provider)
    {
        await using var tdb = await DatabaseWithUserAsync(provider);
        var signIn = await SignInAsync(tdb, Password);

        await using (var db = tdb.NewContext())
            await new AccountService(db).SignOutAsync(signIn.Session!.Id, signIn.User!.Id);

        Assert.Equal(SessionState.Ended, await ValidateAsync(tdb, signIn));
    }
}
