using Jixiao.Core.Common;
using Jixiao.Core.Security;

namespace Jixiao.Core.ThirdParties;

/// <summary>
/// Phone numbers and ID numbers of the pools: checked, stored SM4-encrypted, shown masked. A masked value sent back by a
/// form means "unchanged"; an unchanged value keeps its stored ciphertext (the encryption is randomised).
/// </summary>
public static class PersonalData
{
    public static string? Phone(FieldCipher cipher, string? stored, string? input, string label)
    {
        var phone = Normalise(input);
        if (phone is not null && phone.Contains('*', StringComparison.Ordinal)) return stored;
        if (phone is not null && (phone.Length is < 5 or > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ')))
            throw new DomainException($"{label}格式不正确：只能包含数字、空格、+ 和 -。", new Dictionary<string, string[]> { [label] = ["联系电话只能包含数字、空格、+ 和 -。"] });
        return Keep(cipher, stored, phone);
    }

    public static string? IdNumber(FieldCipher cipher, string? stored, string? input)
    {
        var id = Normalise(input)?.ToUpperInvariant();
        if (id is not null && id.Contains('*', StringComparison.Ordinal)) return stored;
        if (id is not null && !IsValidResidentId(id))
            throw new DomainException("身份证号码无效：应为18位，最后一位校验码须正确。", new Dictionary<string, string[]> { ["身份证号码"] = ["身份证号码无效。"] });
        return Keep(cipher, stored, id);
    }

    /// <summary>GB 11643-1999: 17 digits and an ISO 7064 MOD 11-2 check character.</summary>
    public static bool IsValidResidentId(string id) =>
        id.Length == 18 && id[..17].All(char.IsAsciiDigit) && CheckCharacter(id[..17]) == id[17];

    /// <summary>The 18th character of a resident ID number from its first 17 digits.</summary>
    public static char CheckCharacter(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * weights[i];
        return "10X98765432"[sum % 11];
    }

    public static string Masked(FieldCipher cipher, string? stored) => Masking.Mask(cipher.Decrypt(stored));

    private static string? Normalise(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? Keep(FieldCipher cipher, string? stored, string? plain) =>
        plain == cipher.Decrypt(stored) ? stored : cipher.Encrypt(plain);
}
