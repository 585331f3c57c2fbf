using System.Globalization;

namespace Jixiao.Web.Infrastructure;

/// <summary>Culture-explicit formatting for pages and exports (zh-CN; times in the server's local zone, stored as UTC).</summary>
public static class Display
{
    public static readonly CultureInfo ZhCn = CultureInfo.GetCultureInfo("zh-CN");

    public static string Time(DateTime? utc) =>
        utc is { } t ? Jixiao.Core.Common.ChinaTime.FromUtc(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    public static string Date(DateTime? utc) =>
        utc is { } t ? Jixiao.Core.Common.ChinaTime.FromUtc(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    /// <summary>A number as entered (no trailing zeros), e.g. 90, 1.3, 0.75.</summary>
    public static string Number(decimal value) => value.ToString("0.####", ZhCn);

    /// <summary>A fraction shown as a percentage, e.g. 0.6 → 60%.</summary>
    public static string Percent(decimal fraction) => (fraction * 100m).ToString("0.##", ZhCn) + "%";

    /// <summary>An amount in yuan with thousands separators, e.g. 2,000,000 元.</summary>
    public static string Yuan(decimal amount) => amount.ToString("#,##0.##", ZhCn) + " 元";

    /// <summary>An amount in yuan shown in 万元 with two decimals and thousands separators, e.g. 1,234.57.</summary>
    public static string Wan(decimal yuan) => (yuan / 10_000m).ToString("#,##0.00", ZhCn);

    /// <summary>An amount in yuan as 万元 for an input field: every digit kept (up to 6 decimals), no separators.</summary>
    public static string WanInput(decimal yuan) => (yuan / 10_000m).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An amount typed in 万元 as yuan, or null when it is not a whole number of fen (more than 6 decimals).</summary>
    public static decimal? WanToYuan(decimal wan)
    {
        var yuan = wan * 10_000m;
        return decimal.Round(yuan, 2) == yuan ? yuan : null;
    }

    /// <summary>A local date/time typed into a filter, as the UTC instant stored in the database.</summary>
    public static DateTime? LocalToUtc(DateTime? local) =>
        local is { } l ? DateTime.SpecifyKind(l, DateTimeKind.Local).ToUniversalTime() : null;
}

/// <summary>Field-level messages of a refusal (DomainException.Errors) shown beside a group of fields.</summary>
public static class FieldErrors
{
    /// <summary>Messages whose key is <paramref name="key"/> or lies below it ("Grades" also collects "Grades.Excellent").</summary>
    public static IReadOnlyList<string> For(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, params string[] keys) =>
        state.Where(kv => keys.Any(k => kv.Key == k || kv.Key.StartsWith(k + ".", StringComparison.Ordinal) || kv.Key.StartsWith(k + "[", StringComparison.Ordinal)))
            .SelectMany(kv => kv.Value!.Errors.Select(e => e.ErrorMessage))
            .Where(m => !string.IsNullOrEmpty(m))
            .Distinct()
            .ToList();
}
