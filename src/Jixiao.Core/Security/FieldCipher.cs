using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Jixiao.Core.Security;

/// <summary>
/// SM4-GCM encryption of personal fields at rest (等保 2.0 数据保密性 / 个人信息保护).
/// Stored form: <c>sm4gcm:</c> + base64(nonce ‖ ciphertext ‖ tag).
/// </summary>
public sealed class FieldCipher(byte[] key)
{
    private const string Prefix = "sm4gcm:";
    private readonly byte[] _key = key.Length == 16 ? key : throw new ArgumentException("SM4 key must be 16 bytes", nameof(key));

    public string? Encrypt(string? plain)
    {
        if (plain is null) return null;
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(true, new AeadParameters(new KeyParameter(_key), 128, nonce));
        var input = Encoding.UTF8.GetBytes(plain);
        var output = new byte[cipher.GetOutputSize(input.Length)];
        var len = cipher.ProcessBytes(input, 0, input.Length, output, 0);
        cipher.DoFinal(output, len);
        return Prefix + Convert.ToBase64String([.. nonce, .. output]);
    }

    public string? Decrypt(string? stored)
    {
        if (stored is null) return null;
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) throw new CryptographicException("not an SM4 field");
        var data = Convert.FromBase64String(stored[Prefix.Length..]);
        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(false, new AeadParameters(new KeyParameter(_key), 128, data[..12]));
        var output = new byte[cipher.GetOutputSize(data.Length - 12)];
        var len = cipher.ProcessBytes(data, 12, data.Length - 12, output, 0);
        len += cipher.DoFinal(output, len);
        return Encoding.UTF8.GetString(output, 0, len);
    }
}

/// <summary>Masks personal data for lists: 13812345678 → 138****5678.</summary>
public static class Masking
{
    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value.Length <= 4) return new string('*', value.Length);
        if (value.Length <= 7) return value[..1] + new string('*', value.Length - 2) + value[^1..];
        return value[..3] + new string('*', value.Length - 7) + value[^4..];
    }
}
