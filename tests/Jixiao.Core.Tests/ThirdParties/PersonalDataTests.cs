using Jixiao.Core.Common;
using Jixiao.Core.Security;
using Jixiao.Core.ThirdParties;

namespace Jixiao.Core.Tests.ThirdParties;

public sealed class PersonalDataTests
{
    private static readonly FieldCipher Cipher = new(new byte[16]);

    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("110105194912310021", false)]
    [InlineData("440524188001010014", true)]
    [InlineData("44052418800101001", false)]
    [InlineData("4405241880010100144", false)]
    [InlineData("44052418800101001A", false)]
    public void IsValidResidentId_ChecksTheMod11Character(string id, bool valid) => Assert.Equal(valid, PersonalData.IsValidResidentId(id));

    [Fact]
    public void IdNumber_Invalid_RefusedInChinese() =>
        Assert.Contains("身份证号码无效", Assert.Throws<DomainException>(() => PersonalData.IdNumber(Cipher, null, "110105194912310021")).Message);

    [Fact]
    public void IdNumber_LowerCaseX_AcceptedAndStoredEncrypted()
    {
        var stored = PersonalData.IdNumber(Cipher, null, "11010519491231002x");
        Assert.StartsWith("sm4gcm:", stored, StringComparison.Ordinal);
        Assert.Equal("11010519491231002X", Cipher.Decrypt(stored));
    }

    [Fact]
    public void Phone_MaskedValueSentBack_KeepsTheStoredCiphertext()
    {
        var stored = PersonalData.Phone(Cipher, null, "13812345678", "电话");
        Assert.Same(stored, PersonalData.Phone(Cipher, stored, "138****5678", "电话"));
        Assert.Same(stored, PersonalData.Phone(Cipher, stored, "13812345678", "电话"));
        Assert.NotEqual(stored, PersonalData.Phone(Cipher, stored, "13900000000", "电话"));
        Assert.Null(PersonalData.Phone(Cipher, stored, " ", "电话"));
        Assert.Equal("138****5678", PersonalData.Masked(Cipher, stored));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1234")]
    [InlineData("123456789012345678901")]
    public void Phone_Invalid_Refused(string phone) =>
        Assert.Throws<DomainException>(() => PersonalData.Phone(Cipher, null, phone, "联系电话"));
}
