using Jixiao.Core.Common;
using Jixiao.Core.Identity;

namespace Jixiao.Core.Tests.Identity;

/// <summary>等保 2.0 身份鉴别: ≥ 8 characters from ≥ 3 of 4 classes, not containing the user name.</summary>
public sealed class SecurityPolicyTests
{
    [Theory]
    [InlineData("Abc1234", null, "至少8位")] // 7 characters, 3 classes: one too short
    [InlineData("Abc12345", null, null)] // 8 characters, 3 classes: at the threshold
    [InlineData("abcdefg1", null, "至少3种")] // 8 characters, 2 classes (lower, digit)
    [InlineData("ABCDEFG!", null, "至少3种")] // 2 classes (upper, symbol)
    [InlineData("abcdef1!", null, null)] // 3 classes (lower, digit, symbol)
    [InlineData("Abcdef1!", null, null)] // 4 classes
    [InlineData("Zhang2026!", "zhang", "不能包含用户名")]
    [InlineData("ZHANG2026!", "zhang", "不能包含用户名")] // any letter case
    [InlineData("Zhang2026!", "li", null)]
    public void CheckPassword_DefaultPolicy_AcceptsOrNamesTheReason(string password, string? userName, string? reason)
    {
        var result = new SecurityPolicy().CheckPassword(password, userName);

        if (reason is null) Assert.Null(result);
        else Assert.Contains(reason, result);
    }

    [Theory]
    [InlineData(128, null)]
    [InlineData(129, "不能超过128位")]
    public void CheckPassword_Length_AtMost128(int length, string? reason)
    {
        var password = "Aa1" + new string('x', length - 3);

        var result = new SecurityPolicy().CheckPassword(password);

        if (reason is null) Assert.Null(result);
        else Assert.Contains(reason, result);
    }

    [Fact]
    public void CheckPassword_AfterPolicyUpdate_UsesTheNewNumbers()
    {
        var policy = new SecurityPolicy();
        policy.Update(minLength: 10, minClasses: 4, maxFailed: 5, lockoutMinutes: 5, idleMinutes: 30, tokenMinutes: 60);

        Assert.Contains("至少10位", policy.CheckPassword("Abcd123!x"));
        Assert.Contains("至少4种", policy.CheckPassword("Abcd123456"));
        Assert.Null(policy.CheckPassword("Abcd1234!x"));
    }

    [Theory]
    [InlineData(nameof(SecurityPolicy.MinPasswordLength), 7, false)]
    [InlineData(nameof(SecurityPolicy.MinPasswordLength), 8, true)]
    [InlineData(nameof(SecurityPolicy.MinPasswordLength), 64, true)]
    [InlineData(nameof(SecurityPolicy.MinPasswordLength), 65, false)]
    [InlineData(nameof(SecurityPolicy.MinCharacterClasses), 2, false)]
    [InlineData(nameof(SecurityPolicy.MinCharacterClasses), 3, true)]
    [InlineData(nameof(SecurityPolicy.MinCharacterClasses), 4, true)]
    [InlineData(nameof(SecurityPolicy.MinCharacterClasses), 5, false)]
    [InlineData(nameof(SecurityPolicy.MaxFailedSignIns), 2, false)]
    [InlineData(nameof(SecurityPolicy.MaxFailedSignIns), 3, true)]
    [InlineData(nameof(SecurityPolicy.MaxFailedSignIns), 10, true)]
    [InlineData(nameof(SecurityPolicy.MaxFailedSignIns), 11, false)]
    [InlineData(nameof(SecurityPolicy.LockoutMinutes), 0, false)]
    [InlineData(nameof(SecurityPolicy.LockoutMinutes), 1, true)]
    [InlineData(nameof(SecurityPolicy.LockoutMinutes), 1440, true)]
    [InlineData(nameof(SecurityPolicy.LockoutMinutes), 1441, false)]
    [InlineData(nameof(SecurityPolicy.IdleTimeoutMinutes), 4, false)]
    [InlineData(nameof(SecurityPolicy.IdleTimeoutMinutes), 5, true)]
    [InlineData(nameof(SecurityPolicy.IdleTimeoutMinutes), 30, true)]
    [InlineData(nameof(SecurityPolicy.IdleTimeoutMinutes), 31, false)]
    [InlineData(nameof(SecurityPolicy.TokenLifetimeMinutes), 4, false)]
    [InlineData(nameof(SecurityPolicy.TokenLifetimeMinutes), 5, true)]
    [InlineData(nameof(SecurityPolicy.TokenLifetimeMinutes), 480, true)]
    [InlineData(nameof(SecurityPolicy.TokenLifetimeMinutes), 481, false)]
    public void Update_OneSettingAtItsLimits_AcceptedOrRefusedNamingTheField(string field, int value, bool accepted)
    {
        var policy = new SecurityPolicy();
        int V(string name, int defaultValue) => name == field ? value : defaultValue;

        var update = () => policy.Update(V(nameof(SecurityPolicy.MinPasswordLength), 8), V(nameof(SecurityPolicy.MinCharacterClasses), 3),
            V(nameof(SecurityPolicy.MaxFailedSignIns), 5), V(nameof(SecurityPolicy.LockoutMinutes), 5),
            V(nameof(SecurityPolicy.IdleTimeoutMinutes), 30), V(nameof(SecurityPolicy.TokenLifetimeMinutes), 60));

        if (accepted)
        {
            update();
            Assert.Equal(value, typeof(SecurityPolicy).GetProperty(field)!.GetValue(policy));
        }
        else
        {
            var e = Assert.Throws<DomainException>(update);
            Assert.Equal([field], e.Errors.Keys);
        }
    }

    [Fact]
    public void Update_Refused_LeavesEveryNumberUnchanged()
    {
        var policy = new SecurityPolicy();

        Assert.Throws<DomainException>(() => policy.Update(12, 4, 3, 10, 31, 60));

        Assert.Equal((8, 3, 5, 5, 30, 60), (policy.MinPasswordLength, policy.MinCharacterClasses, policy.MaxFailedSignIns,
            policy.LockoutMinutes, policy.IdleTimeoutMinutes, policy.TokenLifetimeMinutes));
    }
}
