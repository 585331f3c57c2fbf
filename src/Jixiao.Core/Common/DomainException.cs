namespace Jixiao.Core.Common;

/// <summary>
/// A business rule refused the request. <see cref="Exception.Message"/> is Chinese and tells the user what to fix.
/// </summary>
public class DomainException(string message, IReadOnlyDictionary<string, string[]>? errors = null) : Exception(message)
{
    /// <summary>Field-level messages (field name → Chinese messages), when the refusal is about specific inputs.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();
}

/// <summary>The record was changed by someone else since the caller read it (optimistic concurrency).</summary>
public sealed class ConcurrencyConflictException(string? message = null)
    : DomainException(message ?? "该记录已被他人修改，请刷新页面查看最新内容后重新操作。");

/// <summary>The record does not exist or lies outside the caller's scope; both look the same to the caller (404).</summary>
public sealed class NotFoundException(string what = "记录") : Exception($"{what}不存在或无权访问。");

/// <summary>An editable record with an optimistic-concurrency version number, incremented on every update.</summary>
public interface IVersioned
{
    int Version { get; }
}

/// <summary>A record owned by one organisation; scope filtering goes through this.</summary>
public interface IOrganizationOwned
{
    long OrganizationId { get; }
}

/// <summary>A page of a list, as every list of the API returns it.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

public static class Paging
{
    public const int MaxPageSize = 1000;

    public static (int Page, int PageSize) Normalize(int? page, int? pageSize, int defaultSize = 20)
    {
        // Capped so that (page - 1) * pageSize cannot overflow into a negative offset.
        var p = page is null or < 1 ? 1 : Math.Min(page.Value, int.MaxValue / MaxPageSize);
        var s = pageSize is null or < 1 ? defaultSize : Math.Min(pageSize.Value, MaxPageSize);
        return (p, s);
    }
}
