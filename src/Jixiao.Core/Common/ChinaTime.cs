namespace Jixiao.Core.Common;

/// <summary>
/// Beijing time (UTC+8, no daylight saving): the time every user of a Chinese finance bureau reads, and the
/// calendar the fiscal year follows, whatever the server's own time zone is. Stored times stay UTC.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = Find();

    public static DateTime FromUtc(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateTime Now(TimeProvider time) => FromUtc(time.GetUtcNow().UtcDateTime);

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");
        }
    }
}
