using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Workflows;

namespace Jixiao.Core.Disclosure;

/// <summary>What a disclosed item is (Art. 13, 31).</summary>
public enum DisclosureKind
{
    /// <summary>重点项目绩效目标</summary>
    Goal,
    /// <summary>绩效评价结果</summary>
    EvaluationResult,
    /// <summary>整改情况</summary>
    Rectification,
}

public enum DisclosureState
{
    /// <summary>已公开: on the portal and in the open data.</summary>
    Published,
    /// <summary>已撤回: off the portal at once, kept with the reason.</summary>
    Unpublished,
}

public enum DisclosureAction
{
    Unpublish,
    Republish,
}

public static class DisclosureNames
{
    public static string ChineseName(this DisclosureKind k) => k switch
    {
        DisclosureKind.Goal => "重点项目绩效目标",
        DisclosureKind.EvaluationResult => "绩效评价结果",
        DisclosureKind.Rectification => "整改情况",
    };

    /// <summary>The open data's name: goal, evaluation-result, rectification.</summary>
    public static string WireName(this DisclosureKind k) => k switch
    {
        DisclosureKind.Goal => "goal",
        DisclosureKind.EvaluationResult => "evaluation-result",
        DisclosureKind.Rectification => "rectification",
    };

    public static DisclosureKind? ParseKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "goal" or "goals" or "重点项目绩效目标" => DisclosureKind.Goal,
        "evaluation-result" or "evaluation-results" or "evaluationresult" or "绩效评价结果" => DisclosureKind.EvaluationResult,
        "rectification" or "rectifications" or "整改情况" => DisclosureKind.Rectification,
        _ => null,
    };

    public static string ChineseName(this DisclosureState s) => s switch
    {
        DisclosureState.Published => "已公开",
        DisclosureState.Unpublished => "已撤回",
    };

    public static string ChineseName(this DisclosureAction a) => a switch
    {
        DisclosureAction.Unpublish => "撤回公开",
        DisclosureAction.Republish => "重新公开",
    };

    /// <summary>Only the performance section publishes; unpublishing needs a reason.</summary>
    public static readonly StateMachine<DisclosureState, DisclosureAction> Machine =
        new StateMachine<DisclosureState, DisclosureAction>(ChineseName, ChineseName)
            .Allow(DisclosureState.Published, DisclosureAction.Unpublish, DisclosureState.Unpublished, true, Role.PerformanceSection)
            .Allow(DisclosureState.Unpublished, DisclosureAction.Republish, DisclosureState.Published, false, Role.PerformanceSection);
}

/// <summary>
/// One published item (信息公开) of a region and year: a key project's goal, an evaluation result or a rectification status, with the
/// department and grade it is searched by and the <see cref="Snapshot"/>: the public fields frozen as JSON when it was published, built by
/// <see cref="DisclosureSnapshots"/> (one function per kind that copies only allowed fields). The portal shows the snapshot only, never the
/// source record. Unpublishing takes it off at once and is kept with its reason; republishing takes a fresh snapshot.
/// </summary>
public sealed class DisclosureItem : IVersioned
{
    private DisclosureItem() { }

    public DisclosureItem(long regionId, int fiscalYear, DisclosureKind kind, string sourceType, long sourceId, long departmentId, Grade? grade,
        string title, string snapshot, DateTime publishedAt, string publishedBy)
    {
        RegionId = regionId;
        FiscalYear = fiscalYear;
        Kind = kind;
        SourceType = sourceType;
        SourceId = sourceId;
        DepartmentId = departmentId;
        Publish(grade, title, snapshot, publishedAt, publishedBy);
    }

    /// <summary>The public item id, the only id the portal and the open data show.</summary>
    public long Id { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    public DisclosureKind Kind { get; private set; }

    /// <summary>The entity published (PerformanceGoal, SelfEvaluation, KeyEvaluation, ReEvaluationItem, Rectification): internal.</summary>
    public string SourceType { get; private set; } = "";

    public long SourceId { get; private set; }

    public long DepartmentId { get; private set; }

    public Grade? Grade { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The public fields, JSON, frozen at publication.</summary>
    public string Snapshot { get; private set; } = "{}";

    public DisclosureState State { get; private set; }

    public DateTime PublishedAt { get; private set; }

    public string PublishedBy { get; private set; } = "";

    public DateTime? UnpublishedAt { get; private set; }

    public string? UnpublishedBy { get; private set; }

    public string? UnpublishReason { get; private set; }

    public int Version { get; private set; }

    internal void Publish(Grade? grade, string title, string snapshot, DateTime now, string by)
    {
        Grade = grade;
        Title = title.Length > 300 ? title[..300] : title;
        Snapshot = snapshot;
        State = DisclosureState.Published;
        PublishedAt = now;
        PublishedBy = by;
    }

    internal void Unpublish(string reason, DateTime now, string by)
    {
        State = DisclosureState.Unpublished;
        UnpublishedAt = now;
        UnpublishedBy = by;
        UnpublishReason = reason;
    }
}
