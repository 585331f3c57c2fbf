using System.Text;
using Jixiao.Core.Attachments;
using Jixiao.Core.Common;

namespace Jixiao.Core.Tests.Attachments;

public sealed class UploadCheckTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7 ...");
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00];

    public static TheoryData<string, byte[], string> Accepted => new()
    {
        { "可行性研究报告.pdf", Pdf, "application/pdf" },
        { "方案.DOCX", Zip, "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "测算.xlsx", Zip, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "旧方案.doc", Ole, "application/msword" },
        { "旧测算.xls", Ole, "application/vnd.ms-excel" },
        { "现场.jpg", Jpeg, "image/jpeg" },
        { "现场.jpeg", Jpeg, "image/jpeg" },
        { "图.png", Png, "image/png" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Check_AllowedTypeWithMatchingContent_Accepted(string name, byte[] data, string contentType)
    {
        var file = UploadCheck.Check(name, data);
        Assert.Equal(contentType, file.ContentType);
        Assert.Equal(name, file.DisplayName);
        Assert.Matches("^[0-9a-f]{32}\\.[a-z]+$", file.StoredName);
        Assert.Equal(Path.GetExtension(name).ToLowerInvariant(), Path.GetExtension(file.StoredName));
        Assert.Equal(64, file.Sha256.Length);
    }

    [Theory]
    [InlineData("setup.exe")]
    [InlineData("脚本.js")]
    [InlineData("网页.html")]
    [InlineData("压缩包.zip")]
    [InlineData("无扩展名")]
    public void Check_TypeNotAllowed_RefusedInChinese(string name) =>
        Assert.Contains("类型不允许", Assert.Throws<DomainException>(() => UploadCheck.Check(name, Pdf)).Message);

    [Theory]
    [InlineData("报告.pdf")]
    [InlineData("方案.docx")]
    [InlineData("图.png")]
    public void Check_ContentNotOfItsExtension_Refused(string name) =>
        Assert.Contains("内容与扩展名", Assert.Throws<DomainException>(() => UploadCheck.Check(name, Encoding.UTF8.GetBytes("<script>alert(1)</script>"))).Message);

    [Theory]
    [InlineData(1024, 1024, true)]
    [InlineData(1025, 1024, false)]
    [InlineData(1, 1024, true)]
    public void Check_SizeLimit_InclusiveAtTheEdge(int size, long max, bool accepted)
    {
        var data = new byte[size];
        Pdf.AsSpan(0, Math.Min(size, Pdf.Length)).CopyTo(data);
        if (size < Pdf.Length) data = Pdf;
        if (accepted) UploadCheck.Check("a.pdf", data, max);
        else Assert.Contains("超过", Assert.Throws<DomainException>(() => UploadCheck.Check("a.pdf", data, max)).Message);
    }

    [Fact]
    public void Check_EmptyFile_Refused() => Assert.Throws<DomainException>(() => UploadCheck.Check("a.pdf", []));

    [Theory]
    [InlineData(@"C:\Users\刘芳\Desktop\方案.pdf", "方案.pdf")]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("a<b>c:d|e?.pdf", "abcde.pdf")]
    [InlineData("  ..hidden.pdf ", "hidden.pdf")]
    [InlineData("报告\u0000\u001f.pdf", "报告.pdf")]
    public void CleanName_NoPathsOrReservedCharacters(string raw, string expected) => Assert.Equal(expected, UploadCheck.CleanName(raw));

    [Fact]
    public void CleanName_LongNameKeepsItsExtension()
    {
        var name = UploadCheck.CleanName(new string('长', 300) + ".pdf");
        Assert.Equal(200, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData(null)]
    public void CleanName_Nothing_Refused(string? raw) => Assert.Throws<DomainException>(() => UploadCheck.CleanName(raw));
}
