using System.Text;
using Jixiao.Core.Imports;

namespace Jixiao.Core.Tests.Imports;

/// <summary>CSV as Chinese Excel and finance systems save it: UTF-8 with or without BOM, or GB18030; RFC 4180 quoting.</summary>
public sealed class CsvTableTests
{
    static CsvTableTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>A stream that can only be read forward, like an HTTP request body.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }

    private static async Task<List<string[]>> ReadAllAsync(Stream stream)
    {
        var rows = new List<string[]>();
        await foreach (var row in CsvTable.ReadAsync(stream)) rows.Add(row);
        return rows;
    }

    private static byte[] Bytes(string encoding, string text) => encoding switch
    {
        "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
        "utf-8" => Encoding.UTF8.GetBytes(text),
        _ => Encoding.GetEncoding(encoding).GetBytes(text),
    };

    [Theory]
    [InlineData("utf-8-bom", true)]
    [InlineData("utf-8", true)]
    [InlineData("GB18030", true)]
    [InlineData("utf-8-bom", false)]
    [InlineData("utf-8", false)]
    [InlineData("GB18030", false)]
    public async Task ReadAsync_ChineseFile_ReadsTheText(string encoding, bool seekable)
    {
        var bytes = Bytes(encoding, "单位代码,单位名称\r\n001,长治市教育局\r\n");
        using var stream = seekable ? new MemoryStream(bytes) : new ForwardOnlyStream(bytes);

        var rows = await ReadAllAsync(stream);

        Assert.Equal([["单位代码", "单位名称"], ["001", "长治市教育局"]], rows);
    }

    [Theory]
    [InlineData("a,b,c\n", new[] { "a", "b", "c" })]
    [InlineData("a,,c", new[] { "a", "", "c" })] // no final newline
    [InlineData("a,b,\r\n", new[] { "a", "b", "" })] // empty last field
    [InlineData("\"长治市，潞州区\",b\n", new[] { "长治市，潞州区", "b" })]
    [InlineData("\"a,b\",c\n", new[] { "a,b", "c" })] // comma inside quotes
    [InlineData("\"say \"\"hi\"\"\",c\n", new[] { "say \"hi\"", "c" })] // doubled quote
    [InlineData("\"line1\nline2\",c\n", new[] { "line1\nline2", "c" })] // newline inside quotes
    public async Task ReadAsync_Rfc4180Row_SplitsIntoFields(string text, string[] fields)
    {
        var rows = await ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        Assert.Equal([fields], rows);
    }

    [Fact]
    public async Task ReadAsync_BlankLines_Skipped()
    {
        var rows = await ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes("a,b\r\n\r\nc,d\r\n\r\n")));

        Assert.Equal([["a", "b"], ["c", "d"]], rows);
    }
}
