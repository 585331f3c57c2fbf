using Jixiao.Core.Monitoring;

namespace Jixiao.Core.Tests.Monitoring;

/// <summary>Amounts and dates as finance systems and Chinese Excel write them (issue 5, item 1).</summary>
public sealed class PaymentParsingTests
{
    [Theory]
    [InlineData("1,234.50", "1234.50")]
    [InlineData("1234.5", "1234.5")]
    [InlineData("(100.00)", "-100.00")]
    [InlineData("（100.00）", "-100.00")]
    [InlineData("-100.00", "-100.00")]
    [InlineData(" ¥2,000 ", "2000")]
    [InlineData("1，000.01", "1000.01")]
    [InlineData("0.01", "0.01")]
    public void ParseAmount_Understood(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PaymentImportService.ParseAmount(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("一百")]
    [InlineData("1.001")]
    [InlineData("(-5)")]
    [InlineData("0")]
    [InlineData("1e5")]
    [InlineData("1000000000000")]
    [InlineData("12abc")]
    public void ParseAmount_Refused(string text)
    {
        Assert.Null(PaymentImportService.ParseAmount(text));
    }

    [Theory]
    [InlineData("2026-03-05")]
    [InlineData("2026/3/5")]
    [InlineData("20260305")]
    [InlineData("2026.3.5")]
    [InlineData("2026年3月5日")]
    [InlineData("2026-03-05 14:30:00")]
    [InlineData("20260305143000123")]
    [InlineData("46086")]
    public void ParseDate_Understood(string text)
    {
        Assert.Equal(new DateOnly(2026, 3, 5), PaymentImportService.ParseDate(text));
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("05/03/2026")]
    [InlineData("1899-12-31")]
    [InlineData("yesterday")]
    [InlineData("123")]
    public void ParseDate_Refused(string text)
    {
        Assert.Null(PaymentImportService.ParseDate(text));
    }
}
