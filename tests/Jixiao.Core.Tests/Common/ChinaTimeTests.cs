using System.Globalization;
using Jixiao.Core.Common;

namespace Jixiao.Core.Tests.Common;

/// <summary>Users read Beijing time and the fiscal year turns at midnight in Beijing, whatever the server's zone.</summary>
public sealed class ChinaTimeTests
{
    [Theory]
    [InlineData("2026-12-31T15:59:59Z", "2026-12-31 23:59:59")]
    [InlineData("2026-12-31T16:00:00Z", "2027-01-01 00:00:00")]
    [InlineData("2026-07-01T00:00:00Z", "2026-07-01 08:00:00")]
    public void FromUtc_AddsEightHoursWithoutDaylightSaving(string utc, string beijing)
    {
        var t = DateTime.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        Assert.Equal(beijing, ChinaTime.FromUtc(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
    }
}
