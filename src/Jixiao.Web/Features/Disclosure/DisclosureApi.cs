using Jixiao.Core.Common;
using Jixiao.Core.Disclosure;
using Jixiao.Core.Evaluations;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Disclosure;

public sealed record DisclosureListItem(long Id, string RegionName, int FiscalYear, string Kind, string KindName, string SourceType, long SourceId,
    long DepartmentId, string DepartmentName, string? Grade, string? GradeName, string Title, string State, string StateName, DateTime PublishedAt,
    string PublishedBy, DateTime? UnpublishedAt, string? UnpublishedBy, string? UnpublishReason, int Version)
{
    public static DisclosureListItem From(DisclosureRow r) => new(r.Id, r.RegionName, r.FiscalYear, r.Kind.WireName(), r.Kind.ChineseName(), r.SourceType,
        r.SourceId, r.DepartmentId, r.DepartmentName, r.Grade?.WireName(), r.Grade?.ChineseName(), r.Title, r.State.ToString(), r.State.ChineseName(),
        r.PublishedAt, r.PublishedBy, r.UnpublishedAt, r.UnpublishedBy, r.UnpublishReason, r.Version);
}

public sealed record DisclosureCandidateItem(string Kind, string KindName, string SourceType, long SourceId, int FiscalYear, long DepartmentId,
    string DepartmentName, string Title, string? Grade, string? GradeName, decimal? Score, long? ItemId, string? ItemState)
{
    public static DisclosureCandidateItem From(DisclosureCandidate c) => new(c.Kind.WireName(), c.Kind.ChineseName(), c.SourceType, c.SourceId,
        c.FiscalYear, c.DepartmentId, c.DepartmentName, c.Title, c.Grade?.WireName(), c.Grade?.ChineseName(), c.Score, c.ItemId, c.ItemState?.ToString());
}

public sealed record DisclosureKeyRequest(string SourceType, long SourceId);

/// <summary>Publish the named candidates of <c>year</c> (the current fiscal year when left out).</summary>
public sealed record PublishRequest(IReadOnlyList<DisclosureKeyRequest> Items, int? Year = null);

public sealed record UnpublishRequest(int Version, string? Reason = null);

public sealed record RepublishRequest(int Version);

/// <summary>信息公开 for staff: /api/v1/disclosure (list, candidates, publish, unpublish, republish).</summary>
public static class DisclosureApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/disclosure").WithTags("信息公开").RequireAuthorization(nameof(Core.Identity.Permission.UseBusinessArea));

        g.MapGet("", async (int? year, string? kind, long? departmentId, string? grade, string? state, string? text, int? page, int? pageSize,
            CurrentUser me, DisclosureService s, CancellationToken ct) =>
        {
            var (p, size) = Paging.Normalize(page, pageSize);
            var result = await s.ListAsync(Filter(year, kind, departmentId, grade, state, text), await me.CallerAsync(ct), p, size, ct);
            return new Page<DisclosureListItem>(result.Items.Select(DisclosureListItem.From).ToList(), result.Total);
        }).WithSummary("公开事项列表（调用者范围内区划的已公开和已撤回事项；按年度 year、类型 kind（goal/evaluation-result/rectification）、部门 departmentId、等级 grade、状态 state（Published/Unpublished）、文字 text 筛选，分页）");

        g.MapGet("/candidates", async (int? year, string? kind, CurrentUser me, DisclosureService s, CancellationToken ct) =>
        {
            var rows = await s.CandidatesAsync(year ?? me.FiscalYear, ParseKind(kind), await me.CallerAsync(ct), ct);
            return new Page<DisclosureCandidateItem>(rows.Select(DisclosureCandidateItem.From).ToList(), rows.Count);
        }).WithSummary("可公开事项（绩效管理科：本区划该年度已批复的项目和政策绩效目标、已评分的自评、已完成的重点评价和再评价结果、已发出反馈函的整改情况；itemId/itemState 表示已公开或已撤回）");

        g.MapPost("/publish", async (PublishRequest r, CurrentUser me, DisclosureService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var ids = await s.PublishAsync(r.Year ?? me.FiscalYear, r.Items.Select(i => new DisclosureKey(i.SourceType, i.SourceId)).ToList(), caller, ct);
            var items = new List<DisclosureListItem>();
            foreach (var id in ids) items.Add(DisclosureListItem.From(await s.GetAsync(id, caller, ct)));
            return new Page<DisclosureListItem>(items, items.Count);
        }).WithSummary("公开所选事项（绩效管理科；全部成功或全部不变；公开时冻结公开字段快照；已撤回的重新公开）");

        g.MapGet("/{id:long}", async (long id, CurrentUser me, DisclosureService s, CancellationToken ct) =>
            DisclosureListItem.From(await s.GetAsync(id, await me.CallerAsync(ct), ct)))
            .WithSummary("公开事项详情（范围外为 404）");

        g.MapPost("/{id:long}/unpublish", async (long id, UnpublishRequest r, CurrentUser me, DisclosureService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.UnpublishAsync(id, r.Version, r.Reason, caller, ct);
            return DisclosureListItem.From(await s.GetAsync(id, caller, ct));
        }).WithSummary("撤回公开（绩效管理科，须填写原因；立即从公开门户和开放数据中移除，撤回记录保留）");

        g.MapPost("/{id:long}/republish", async (long id, RepublishRequest r, CurrentUser me, DisclosureService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.RepublishAsync(id, r.Version, caller, ct);
            return DisclosureListItem.From(await s.GetAsync(id, caller, ct));
        }).WithSummary("重新公开已撤回的事项（绩效管理科；重新冻结公开字段快照）");
    }

    public static DisclosureKind? ParseKind(string? kind) => string.IsNullOrWhiteSpace(kind) ? null
        : DisclosureNames.ParseKind(kind) ?? throw new DomainException("公开类型 kind 只能是 goal、evaluation-result 或 rectification。");

    public static Grade? ParseGrade(string? grade) => string.IsNullOrWhiteSpace(grade) ? null : grade.Trim().ToLowerInvariant() switch
    {
        "excellent" or "优" => Grade.Excellent,
        "good" or "良" => Grade.Good,
        "fair" or "中" => Grade.Fair,
        "poor" or "差" => Grade.Poor,
        _ => throw new DomainException("等级 grade 只能是 excellent、good、fair 或 poor。"),
    };

    public static DisclosureFilter Filter(int? year, string? kind, long? departmentId, string? grade, string? state, string? text) =>
        new(year, ParseKind(kind), departmentId, ParseGrade(grade), string.IsNullOrWhiteSpace(state) ? null
            : Enum.TryParse<DisclosureState>(state, true, out var st) ? st : throw new DomainException("状态 state 只能是 Published 或 Unpublished。"), text);
}
