using Jixiao.Core.Common;
using Jixiao.Core.Organizations;

namespace Jixiao.Core.Tests.Organizations;

/// <summary>财政区划代码: 9 digits, province 2 + city 2 + county 2 + township 3.</summary>
public sealed class RegionCodeTests
{
    [Theory]
    [InlineData("140403000", "140400000")] // county → city
    [InlineData("140400000", "140000000")] // city → province
    [InlineData("140000000", null)] // province: top
    [InlineData("140403001", "140403000")] // township → county
    public void ParentCode_OfEachLevel_IsOneLevelUp(string code, string? parent)
    {
        Assert.Equal(parent, RegionCode.ParentCode(code));
    }

    [Theory]
    [InlineData("14040300")] // 8 digits
    [InlineData("1404030001")] // 10 digits
    [InlineData("14040300A")]
    [InlineData("")]
    [InlineData("１４０４０３０００")] // full-width digits are not ASCII digits
    public void Validate_NotNineAsciiDigits_Refused(string code)
    {
        var e = Assert.Throws<DomainException>(() => RegionCode.Validate(code));
        Assert.Contains("9位数字", e.Message);
    }

    [Theory]
    [InlineData("140403000", "140403000")]
    [InlineData(" 140403000 ", "140403000")]
    public void Validate_NineDigits_ReturnsTrimmedCode(string code, string expected)
    {
        Assert.Equal(expected, RegionCode.Validate(code));
    }
}
