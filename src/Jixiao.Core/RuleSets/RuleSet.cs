using System.Text.Json.Nodes;

namespace Jixiao.Core.RuleSets;

/// <summary>
/// One immutable version of the rules of a region and fiscal year. An edit adds a version; whatever was
/// scored keeps the id of the version it was scored with (RULES.md preamble).
/// </summary>
public sealed class RuleSet
{
    private RuleSet() { }

    public RuleSet(long regionId, int fiscalYear, int versionNo, RuleSetContent content, DateTime createdAt,
        long? createdByUserId, string createdByName, string? comment, long? copiedFromRuleSetId)
    {
        RegionId = regionId;
        FiscalYear = fiscalYear;
        VersionNo = versionNo;
        ContentJson = content.ToJson();
        CreatedAt = createdAt;
        CreatedByUserId = createdByUserId;
        CreatedByName = createdByName;
        Comment = comment;
        CopiedFromRuleSetId = copiedFromRuleSetId;
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    /// <summary>1, 2, 3 … within the region and year.</summary>
    public int VersionNo { get; private set; }

    public string ContentJson { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public long? CreatedByUserId { get; private set; }

    public string CreatedByName { get; private set; } = "";

    public string? Comment { get; private set; }

    /// <summary>The version this one started from when it was copied from another region or year.</summary>
    public long? CopiedFromRuleSetId { get; private set; }

    public RuleSetContent Content => RuleSetContent.FromJson(ContentJson);
}

/// <summary>Differences between two rule-set contents, as (path, before, after) — for version history and filing.</summary>
public static class RuleSetDiff
{
    public sealed record Change(string Path, string? Before, string? After);

    public static IReadOnlyList<Change> Compare(RuleSetContent before, RuleSetContent after)
    {
        var a = Flatten(JsonNode.Parse(before.ToJson()));
        var b = Flatten(JsonNode.Parse(after.ToJson()));
        return a.Keys.Union(b.Keys)
            .Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k))
            .Order(StringComparer.Ordinal)
            .Select(k => new Change(k, a.GetValueOrDefault(k), b.GetValueOrDefault(k)))
            .ToList();
    }

    /// <summary>One rule item of two rule sets side by side; <see cref="Changed"/> when they differ (numbers compared by value: 85 = 85.0).</summary>
    public sealed record Row(string Path, string? Left, string? Right, bool Changed);

    /// <summary>
    /// Every rule item of <paramref name="left"/> and <paramref name="right"/> in document order (the left's items, then items only the right
    /// has), for a side-by-side table such as a county's filed rules against the city's (Art. 38).
    /// </summary>
    public static IReadOnlyList<Row> SideBySide(RuleSetContent left, RuleSetContent right)
    {
        var a = Flatten(JsonNode.Parse(left.ToJson()));
        var b = Flatten(JsonNode.Parse(right.ToJson()));
        return a.Keys.Concat(b.Keys.Where(k => !a.ContainsKey(k)))
            .Select(k =>
            {
                var l = a.GetValueOrDefault(k);
                var r = b.GetValueOrDefault(k);
                return new Row(k, l, r, !SameValue(a.ContainsKey(k), l, b.ContainsKey(k), r));
            })
            .ToList();
    }

    private static bool SameValue(bool hasLeft, string? left, bool hasRight, string? right)
    {
        if (hasLeft != hasRight) return false;
        if (left == right) return true;
        const System.Globalization.NumberStyles Number = System.Globalization.NumberStyles.Float;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return left is not null && right is not null && !left.StartsWith('"') && !right.StartsWith('"')
            && decimal.TryParse(left, Number, inv, out var x) && decimal.TryParse(right, Number, inv, out var y) && x == y;
    }

    /// <summary>Chinese text stays readable in the history (the default encoder writes \uXXXX escapes).</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static Dictionary<string, string?> Flatten(JsonNode? node)
    {
        var result = new Dictionary<string, string?>();
        void Walk(JsonNode? n, string path)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (k, v) in o) Walk(v, path.Length == 0 ? k : $"{path}.{k}");
                    break;
                case JsonArray arr:
                    for (var i = 0; i < arr.Count; i++) Walk(arr[i], $"{path}[{i}]");
                    break;
                default:
                    result[path] = n?.ToJsonString(Readable);
                    break;
            }
        }
        Walk(node, "");
        return result;
    }
}
