using Jixiao.Core.Identity;

namespace Jixiao.Core.Tests.Identity;

/// <summary>Lockout after 5 failures for 5 minutes; idle session timeout 30 minutes (issue 2, security).</summary>
public sealed class LockoutAndIdleTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);
    private static readonly SecurityPolicy Policy = new();

    private static User UserWithFailures(int failures, DateTime at)
    {
        var user = new User("unit", "张老师", 21);
        for (var i = 0; i < failures; i++) user.RecordFailedSignIn(Policy, at);
        return user;
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)] // just under the limit
    [InlineData(5, true)] // at the limit
    public void RecordFailedSignIn_NTimes_LocksAtTheFifth(int failures, bool locked)
    {
        var user = UserWithFailures(failures, T0);

        Assert.Equal(locked, user.IsLockedOut(T0));
    }

    [Fact]
    public void RecordFailedSignIn_FifthFailure_LocksForFiveMinutes()
    {
        var user = UserWithFailures(5, T0);

        Assert.Equal(T0.AddMinutes(5), user.LockedUntil);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(299_999, true)] // 4:59.999
    [InlineData(300_000, false)] // exactly at the lockout end
    [InlineData(300_001, false)]
    public void IsLockedOut_MillisecondsAfterLocking_TrueUntilTheEnd(int milliseconds, bool locked)
    {
        var user = UserWithFailures(5, T0);

        Assert.Equal(locked, user.IsLockedOut(T0.AddMilliseconds(milliseconds)));
    }

    [Fact]
    public void RecordFailedSignIn_AfterLockExpired_CountingRestarts()
    {
        var user = UserWithFailures(5, T0);
        var later = T0.AddMinutes(5);

        for (var i = 0; i < 4; i++) user.RecordFailedSignIn(Policy, later);

        Assert.False(user.IsLockedOut(later));
        Assert.Null(user.LockedUntil);
        Assert.Equal(4, user.FailedSignInCount);

        user.RecordFailedSignIn(Policy, later);

        Assert.True(user.IsLockedOut(later));
        Assert.Equal(later.AddMinutes(5), user.LockedUntil);
    }

    [Fact]
    public void RecordSuccessfulSignIn_AfterFourFailures_ResetsTheCount()
    {
        var user = UserWithFailures(4, T0);

        user.RecordSuccessfulSignIn(T0);
        user.RecordFailedSignIn(Policy, T0);

        Assert.Equal(1, user.FailedSignInCount);
        Assert.False(user.IsLockedOut(T0));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1799, false)] // 29:59
    [InlineData(1800, true)] // 30:00
    [InlineData(1801, true)]
    public void IsIdle_SecondsSinceLastSeen_IdleFromThirtyMinutes(int seconds, bool idle)
    {
        var session = new UserSession("s1", 1, "web", T0, "127.0.0.1");

        Assert.Equal(idle, session.IsIdle(T0.AddSeconds(seconds), Policy));
    }

    [Fact]
    public void IsIdle_AfterTouch_CountsFromTheTouch()
    {
        var session = new UserSession("s1", 1, "web", T0, null);

        session.Touch(T0.AddMinutes(20));

        Assert.False(session.IsIdle(T0.AddMinutes(49).AddSeconds(59), Policy));
        Assert.True(session.IsIdle(T0.AddMinutes(50), Policy));
    }
}
