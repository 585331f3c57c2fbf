using System.Text;
using Jixiao.Core.Disclosure;

namespace Jixiao.Core.Tests.Disclosure;

/// <summary>The open data's CSV: formula-looking cells are defused, RFC 4180 quoting, UTF-8 with a BOM, CRLF rows.</summary>
public sealed class OpenDataCsvTests
{
    [Theory]
    [InlineData("学生营养改善计划", "学生营养改善计划")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86", "'+86")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a=b", "a=b")]
    [InlineData("95.5", "95.5")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("甲,乙", "\"甲,乙\"")]
    [InlineData("说\"明\"", "\"说\"\"明\"\"\"")]
    [InlineData("一行\n二行", "\"一行\n二行\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    public void Cell_EscapesFormulasAndQuotes(string? value, string expected) => Assert.Equal(expected, OpenDataCsv.Cell(value));

    [Fact]
    public void Write_BomHeaderAndCrlfRows()
    {
        var bytes = OpenDataCsv.Write(["id", "subject"], [["1", "=cmd"], ["2", "项目,甲"]]);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("id,subject\r\n1,'=cmd\r\n2,\"项目,甲\"\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void Write_RowWithTheWrongNumberOfCells_Throws() =>
        Assert.Throws<ArgumentException>(() => OpenDataCsv.Write(["id", "subject"], [["1"]]));
}
