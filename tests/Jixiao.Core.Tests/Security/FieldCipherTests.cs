using System.Security.Cryptography;
using System.Text;
using Jixiao.Core.Security;
using Jixiao.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Tests.Security;

/// <summary>等保 2.0 数据保密性: personal fields are SM4-GCM encrypted at rest and masked in lists.</summary>
public sealed class FieldCipherTests
{
    private static readonly byte[] Key = Enumerable.Range(100, 16).Select(i => (byte)i).ToArray();

    [Theory]
    [InlineData("13812345678")]
    [InlineData("")]
    [InlineData("长治市潞州区英雄南路 1 号")]
    public void Decrypt_OfEncrypt_ReturnsThePlainText(string plain)
    {
        var cipher = new FieldCipher(Key);

        var stored = cipher.Encrypt(plain);

        Assert.StartsWith("sm4gcm:", stored);
        Assert.Equal(plain, cipher.Decrypt(stored));
    }

    [Fact]
    public void Encrypt_SameTextTwice_DiffersEachTime()
    {
        var cipher = new FieldCipher(Key);

        Assert.NotEqual(cipher.Encrypt("13812345678"), cipher.Encrypt("13812345678"));
    }

    [Fact]
    public void EncryptDecrypt_Null_StaysNull()
    {
        var cipher = new FieldCipher(Key);

        Assert.Null(cipher.Encrypt(null));
        Assert.Null(cipher.Decrypt(null));
    }

    [Theory]
    [InlineData(12)] // first ciphertext byte
    [InlineData(0)] // nonce
    [InlineData(-1)] // last byte of the tag
    public void Decrypt_TamperedByte_Throws(int index)
    {
        var cipher = new FieldCipher(Key);
        var data = Convert.FromBase64String(cipher.Encrypt("13812345678")!["sm4gcm:".Length..]);
        data[index < 0 ? data.Length + index : index] ^= 0x01;

        Assert.ThrowsAny<Exception>(() => cipher.Decrypt("sm4gcm:" + Convert.ToBase64String(data)));
    }

    [Fact]
    public void Decrypt_OtherKey_Throws()
    {
        var stored = new FieldCipher(Key).Encrypt("13812345678");
        var otherKey = Key.ToArray();
        otherKey[0] ^= 1;

        Assert.ThrowsAny<Exception>(() => new FieldCipher(otherKey).Decrypt(stored));
    }

    [Fact]
    public void Decrypt_PlainValue_RefusedAsNotEncrypted()
    {
        Assert.Throws<CryptographicException>(() => new FieldCipher(Key).Decrypt("13812345678"));
    }

    [Theory]
    [InlineData(15)]
    [InlineData(32)]
    public void Constructor_KeyNot16Bytes_Refused(int length)
    {
        Assert.Throws<ArgumentException>(() => new FieldCipher(new byte[length]));
    }

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("12345678", "123*5678")]
    [InlineData("1234567", "1*****7")]
    [InlineData("12345", "1***5")]
    [InlineData("1234", "****")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Mask_Value_KeepsOnlyTheEnds(string? value, string masked)
    {
        Assert.Equal(masked, Masking.Mask(value));
    }

    [Fact]
    public async Task SaveChanges_EncryptedPhone_PlainNumberNotInTheDatabaseFile()
    {
        const string phone = "13987654321";
        var tdb = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        await using (tdb)
        {
            var cipher = new FieldCipher(Key);
            await using (var db = tdb.NewContext())
            {
                var user = await Seed.UserAsync(db, "phoneowner", null);
                user.SetPhone(cipher.Encrypt(phone));
                await db.SaveChangesAsync();
            }
            await using (var db = tdb.NewContext())
            {
                var stored = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "phoneowner");
                Assert.Equal(phone, cipher.Decrypt(stored.PhoneEncrypted));
            }
            tdb.ReleaseConnections();

            var bytes = new List<byte>();
            foreach (var f in new[] { tdb.FilePath!, tdb.FilePath + "-wal" }.Where(File.Exists))
                bytes.AddRange(await File.ReadAllBytesAsync(f));
            var content = bytes.ToArray();

            // The search itself works: the unencrypted user name is found in the same bytes.
            Assert.True(Contains(content, Encoding.UTF8.GetBytes("phoneowner")));
            Assert.False(Contains(content, Encoding.UTF8.GetBytes(phone)));
            Assert.False(Contains(content, Encoding.Unicode.GetBytes(phone)));
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
