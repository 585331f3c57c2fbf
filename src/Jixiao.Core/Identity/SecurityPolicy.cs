using Jixiao.Core.Common;

namespace Jixiao.Core.Identity;

/// <summary>Password and session policy, set by the 安全管理员 (等保 2.0 身份鉴别). One row for the installation.</summary>
public sealed class SecurityPolicy : IVersioned
{
    public const long SingletonId = 1;

    public long Id { get; private set; } = SingletonId;

    public int MinPasswordLength { get; private set; } = 8;

    /// <summary>How many of the four classes (upper, lower, digit, symbol) a password must contain.</summary>
    public int MinCharacterClasses { get; private set; } = 3;

    public int MaxFailedSignIns { get; private set; } = 5;

    public int LockoutMinutes { get; private set; } = 5;

    public int IdleTimeoutMinutes { get; private set; } = 30;

    public int TokenLifetimeMinutes { get; private set; } = 60;

    public int Version { get; private set; }

    public void Update(int minLength, int minClasses, int maxFailed, int lockoutMinutes, int idleMinutes, int tokenMinutes)
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string message)
        {
            if (!ok) errors[field] = [message];
        }
        Check(minLength is >= 8 and <= 64, nameof(MinPasswordLength), "密码最小长度应在8到64之间（等保要求不少于8位）。");
        Check(minClasses is >= 3 and <= 4, nameof(MinCharacterClasses), "密码字符种类应为3或4种（大写、小写、数字、符号）。");
        Check(maxFailed is >= 3 and <= 10, nameof(MaxFailedSignIns), "连续失败锁定次数应在3到10之间。");
        Check(lockoutMinutes is >= 1 and <= 1440, nameof(LockoutMinutes), "锁定时长应在1到1440分钟之间。");
        Check(idleMinutes is >= 5 and <= 30, nameof(IdleTimeoutMinutes), "空闲超时应在5到30分钟之间。");
        Check(tokenMinutes is >= 5 and <= 480, nameof(TokenLifetimeMinutes), "接口令牌有效期应在5到480分钟之间。");
        if (errors.Count > 0) throw new DomainException("安全策略有误，请按提示修改。", errors);
        MinPasswordLength = minLength;
        MinCharacterClasses = minClasses;
        MaxFailedSignIns = maxFailed;
        LockoutMinutes = lockoutMinutes;
        IdleTimeoutMinutes = idleMinutes;
        TokenLifetimeMinutes = tokenMinutes;
    }

    /// <summary>Returns the Chinese reason a password is refused, or null when it is acceptable.</summary>
    public string? CheckPassword(string password, string? userName = null)
    {
        if (password.Length < MinPasswordLength) return $"密码至少{MinPasswordLength}位。";
        if (password.Length > 128) return "密码不能超过128位。";
        var classes = 0;
        if (password.Any(char.IsAsciiLetterUpper)) classes++;
        if (password.Any(char.IsAsciiLetterLower)) classes++;
        if (password.Any(char.IsAsciiDigit)) classes++;
        if (password.Any(c => !char.IsAsciiLetterOrDigit(c))) classes++;
        if (classes < MinCharacterClasses)
            return $"密码须包含大写字母、小写字母、数字、符号中的至少{MinCharacterClasses}种。";
        if (userName is not null && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            return "密码不能包含用户名。";
        return null;
    }
}
