using Jixiao.Core.Attachments;
using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Organizations;
using Jixiao.Core.Results;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Workflows;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jixiao.Web.Features.ResultApplication;

/// <summary>A new draft: <c>sourceKind</c> key-evaluation (a key evaluation id), re-evaluation (a re-evaluation item id), monitoring (a monitoring report id) or self-evaluation (a self-evaluation id).</summary>
public sealed record DraftLetterRequest(string SourceKind, long SourceId);

/// <summary>The editable text of a draft; <c>grade</c> excellent/good/fair/poor; <c>problems</c> one per line.</summary>
public sealed record EditLetterRequest(int Version, string Title, string Recipient, string Issuer, string SubjectName, decimal? Score, string? Grade,
    string Problems, string Requirements, DateOnly Deadline);

public sealed record VersionRequest(int Version);

public sealed record ViewsRequest(int Version, string Views);

public sealed record ReasonRequest(int Version, string? Reason);

public sealed record ReportRequest(int Version, string? Report);

/// <summary><c>state</c> open, partly-done or done.</summary>
public sealed record ItemRequest(int Version, string? Measures, string State);

public sealed record LetterListItem(long Id, int FiscalYear, string SourceKind, string SourceKindName, long SourceId, string? Number, string Title,
    long OrganizationId, string OrganizationName, string SubjectName, decimal? Score, string? Grade, string? GradeName, DateOnly Deadline, string State,
    string StateName, DateTime CreatedAt, DateTime? SentAt, int Version)
{
    public static LetterListItem From(LetterRow r) => new(r.Id, r.FiscalYear, r.SourceKind.WireName(), r.SourceKind.ChineseName(), r.SourceId, r.Number,
        r.Title, r.OrganizationId, r.OrganizationName, r.SubjectName, r.Score, r.Grade?.WireName(), r.Grade?.ChineseName(), r.Deadline, r.State.ToString(),
        r.State.ChineseName(), r.CreatedAt, r.SentAt, r.Version);
}

public sealed record LetterResponse(long Id, int FiscalYear, string SourceKind, string SourceKindName, long SourceId, long? ProjectId, long OrganizationId,
    string OrganizationName, string Title, string Recipient, string Issuer, string SubjectName, decimal? Score, string? Grade, string? GradeName,
    IReadOnlyList<string> Problems, string Requirements, DateOnly Deadline, string? Number, string? Views, string? ViewsByName, DateTime? ViewsAt,
    string State, string StateName, DateTime CreatedAt, DateTime? SentAt, string? SentByName, string? CancelReason, string? DocxSha256,
    long? RectificationId, IReadOnlyList<string> Actions, IReadOnlyList<WorkflowStep> History, int Version)
{
    public static LetterResponse From(LetterDetail d)
    {
        var l = d.Letter;
        return new(l.Id, l.FiscalYear, l.SourceKind.WireName(), l.SourceKind.ChineseName(), l.SourceId, l.ProjectId, l.OrganizationId, d.OrganizationName,
            l.Title, l.Recipient, l.Issuer, l.SubjectName, l.Score, l.Grade?.WireName(), l.Grade?.ChineseName(), l.ProblemList, l.Requirements, l.Deadline,
            l.Number, l.Views, l.ViewsByName, l.ViewsAt, l.State.ToString(), l.State.ChineseName(), l.CreatedAt, l.SentAt, l.SentByName, l.CancelReason,
            l.DocxSha256, d.RectificationId, d.Actions.Select(a => a.ToString()).ToList(), d.History, l.Version);
    }
}

public sealed record RectificationListItem(long Id, long LetterId, int FiscalYear, string? LetterNumber, string Title, long OrganizationId,
    string OrganizationName, DateOnly Deadline, string State, string StateName, int Items, int ItemsDone, int ItemsPartlyDone, bool Overdue,
    DateTime? SubmittedAt, int Version)
{
    public static RectificationListItem From(RectificationRow r) => new(r.Id, r.LetterId, r.FiscalYear, r.LetterNumber, r.Title, r.OrganizationId,
        r.OrganizationName, r.Deadline, r.State.ToString(), r.State.ChineseName(), r.Items, r.ItemsDone, r.ItemsPartlyDone, r.Overdue, r.SubmittedAt, r.Version);
}

public sealed record EvidenceItem(long Id, string OriginalName, string ContentType, long Size, string Sha256, string UploadedByName, DateTime UploadedAt)
{
    public static EvidenceItem From(RectificationEvidence e) => new(e.Id, e.OriginalName, e.ContentType, e.Size, e.Sha256, e.UploadedByName, e.UploadedAt);
}

public sealed record RectificationItemResponse(long Id, int SortOrder, string Problem, string? Measures, string State, string StateName, DateOnly Deadline,
    DateTime? CompletedAt, IReadOnlyList<EvidenceItem> Evidence);

public sealed record RectificationResponse(long Id, long LetterId, string? LetterNumber, string Title, int FiscalYear, long OrganizationId,
    string OrganizationName, DateOnly Deadline, bool Overdue, string State, string StateName, string? Report, DateTime? SubmittedAt, string? SubmittedByName,
    DateTime? ReviewedAt, string? ReviewedByName, string? ReturnReason, DateTime? OverdueMarkedAt, IReadOnlyList<RectificationItemResponse> Items,
    bool CanEdit, IReadOnlyList<string> Actions, IReadOnlyList<WorkflowStep> History, int Version)
{
    public static RectificationResponse From(RectificationDetail d)
    {
        var r = d.Rectification;
        return new(r.Id, r.LetterId, d.Letter.Number, d.Letter.Title, r.FiscalYear, r.OrganizationId, d.OrganizationName, r.Deadline, d.Overdue,
            r.State.ToString(), r.State.ChineseName(), r.Report, r.SubmittedAt, r.SubmittedByName, r.ReviewedAt, r.ReviewedByName, r.ReturnReason,
            r.OverdueMarkedAt, r.Items.OrderBy(i => i.SortOrder).Select(i => new RectificationItemResponse(i.Id, i.SortOrder, i.Problem, i.Measures,
                i.State.WireName(), i.State.ChineseName(), i.Deadline, i.CompletedAt, i.Evidence.Select(EvidenceItem.From).ToList())).ToList(),
            d.CanEdit, d.Actions.Select(a => a.ToString()).ToList(), d.History, r.Version);
    }
}

/// <summary>评价结果应用 (RULES §7): feedback letters (/feedback-letters) and rectifications (/rectifications).</summary>
public static class ResultsApi
{
    private const long RequestLimit = UploadCheck.RequestLimitBytes;

    public static Grade? ParseGrade(string? s) =>
        string.IsNullOrWhiteSpace(s) ? null
        : Enum.GetValues<Grade>().Cast<Grade?>().FirstOrDefault(g => g!.Value.WireName() == s.Trim().ToLowerInvariant() || g.Value.ChineseName() == s.Trim())
          ?? throw new DomainException("评价等级无效（excellent/good/fair/poor）。");

    public static RectificationItemState ParseItemState(string? s) =>
        Enum.GetValues<RectificationItemState>().Cast<RectificationItemState?>().FirstOrDefault(x => x!.Value.WireName() == s?.Trim().ToLowerInvariant())
        ?? throw new DomainException("整改情况无效（open/partly-done/done）。");

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/feedback-letters").WithTags("反馈与整改").RequireAuthorization(nameof(Core.Identity.Permission.UseBusinessArea));

        g.MapGet("", async (int? year, string? state, string? sourceKind, long? organizationId, string? q, int? page, int? pageSize, CurrentUser me,
            ResultService s, CancellationToken ct) =>
        {
            var (p, size) = Paging.Normalize(page, pageSize);
            var result = await s.ListLettersAsync(LetterFilterOf(year, state, sourceKind, organizationId, q), await me.CallerAsync(ct), p, size, ct);
            return new Page<LetterListItem>(result.Items.Select(LetterListItem.From).ToList(), result.Total);
        }).WithSummary("反馈函列表（调用者范围内；被评价单位看不到草稿；按年度 year、状态 state（Draft/AwaitingViews/Sent/Cancelled）、来源 sourceKind、被评价单位 organizationId、关键词 q 筛选，分页）");

        g.MapPost("", async (DraftLetterRequest r, CurrentUser me, ResultService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var kind = FeedbackLetterWorkflow.ParseSourceKind(r.SourceKind) ?? throw new DomainException("反馈来源无效（key-evaluation/re-evaluation/monitoring/self-evaluation）。");
            var l = await s.DraftAsync(kind, r.SourceId, caller, ct);
            return Results.Created($"/api/v1/feedback-letters/{l.Id}", LetterResponse.From(await s.LetterDetailAsync(l.Id, caller, ct)));
        }).WithSummary("拟反馈函（绩效管理科）：从已完成的重点评价、已完成再评价的样本、有黄灯/红灯的已审核监控表或审核通过的自评表起草，预填得分、等级、问题、整改要求和期限（规则集默认30日）；同一来源已有未作废的反馈函时拒绝")
            .Produces<LetterResponse>(StatusCodes.Status201Created);

        g.MapGet("/{id:long}", async (long id, CurrentUser me, ResultService s, CancellationToken ct) =>
            LetterResponse.From(await s.LetterDetailAsync(id, await me.CallerAsync(ct), ct)))
            .WithSummary("反馈函详情：内容、意见、文号、状态、可执行操作和流转记录（范围外为 404）");

        g.MapPut("/{id:long}", (long id, EditLetterRequest r, CurrentUser me, ResultService s, CancellationToken ct) =>
            OnLetter(id, me, s, caller => s.EditLetterAsync(id, r.Version, new LetterInput(r.Title, r.Recipient, r.Issuer, r.SubjectName, r.Score, ParseGrade(r.Grade), r.Problems,
                r.Requirements, r.Deadline), caller, ct), ct))
            .WithSummary("修改反馈函（绩效管理科，印发前）：标题、主送、落款、得分、等级、问题（每行一条）、整改要求、整改期限");

        g.MapPost("/{id:long}/request-views", (long id, VersionRequest r, CurrentUser me, ResultService s, CancellationToken ct) =>
            OnLetter(id, me, s, caller => s.RequestViewsAsync(id, r.Version, caller, ct), ct))
            .WithSummary("征求被评价单位意见（绩效管理科；草稿 → 征求意见中，被评价单位收到待办）");

        g.MapPost("/{id:long}/views", (long id, ViewsRequest r, CurrentUser me, ResultService s, CancellationToken ct) =>
            OnLetter(id, me, s, caller => s.StateViewsAsync(id, r.Version, r.Views, caller, ct), ct))
            .WithSummary("反馈意见（被评价单位或其主管部门，征求意见中；听取意见，随函保存）");

        g.MapPost("/{id:long}/send", (long id, VersionRequest r, CurrentUser me, ResultService s, CancellationToken ct) =>
            OnLetter(id, me, s, caller => s.SendAsync(id, r.Version, caller, ct), ct))
            .WithSummary("印发（绩效管理科）：编文号（长财绩函〔年〕N号，按区划和年度连续编号），生成并保存 .docx 正式文本及其 SHA-256，创建整改和被评价单位的待办");

        g.MapPost("/{id:long}/cancel", (long id, ReasonRequest r, CurrentUser me, ResultService s, CancellationToken ct) =>
            OnLetter(id, me, s, caller => s.CancelAsync(id, r.Version, r.Reason, caller, ct), ct))
            .WithSummary("作废（绩效管理科，印发前，须填写理由）");

        g.MapGet("/{id:long}/docx", async (long id, CurrentUser me, ResultService s, CancellationToken ct) =>
        {
            var (name, data) = await s.DocxAsync(id, await me.CallerAsync(ct), ct);
            return Results.File(data, Core.Common.WordParts.ContentType, name);
        }).WithSummary("下载已印发反馈函的 .docx 正式文本（印发时保存的原样字节，与 docxSha256 一致）")
            .Produces(StatusCodes.Status200OK, contentType: Core.Common.WordParts.ContentType);

        var r = api.MapGroup("/rectifications").WithTags("反馈与整改").RequireAuthorization(nameof(Core.Identity.Permission.UseBusinessArea));

        r.MapGet("", async (int? year, string? state, bool? overdue, long? organizationId, string? q, int? page, int? pageSize, CurrentUser me,
            ResultService s, CancellationToken ct) =>
        {
            var (p, size) = Paging.Normalize(page, pageSize);
            var result = await s.ListRectificationsAsync(new RectificationFilter(year, ParseEnum<RectificationState>(state, "整改状态"), overdue, organizationId, q),
                await me.CallerAsync(ct), p, size, ct);
            return new Page<RectificationListItem>(result.Items.Select(RectificationListItem.From).ToList(), result.Total);
        }).WithSummary("整改列表（调用者范围内；按年度 year、状态 state（InProgress/Submitted/Returned/Accepted）、是否逾期 overdue、单位 organizationId、关键词 q 筛选，分页；逾期 = 期限已过且未验收）");

        r.MapGet("/{id:long}", async (long id, CurrentUser me, ResultService s, CancellationToken ct) =>
            RectificationResponse.From(await s.RectificationDetailAsync(id, await me.CallerAsync(ct), ct)))
            .WithSummary("整改详情：各问题的整改措施、整改情况、佐证材料，整改报告，状态与流转记录（范围外为 404）");

        r.MapPut("/{id:long}/report", (long id, ReportRequest b, CurrentUser me, ResultService s, CancellationToken ct) =>
            OnRectification(id, me, s, caller => s.SaveReportAsync(id, b.Version, b.Report, caller, ct), ct))
            .WithSummary("保存整改报告（被评价单位，整改中或已退回）");

        r.MapPut("/{id:long}/items/{itemId:long}", (long id, long itemId, ItemRequest b, CurrentUser me, ResultService s, CancellationToken ct) =>
            OnRectification(id, me, s, caller => s.RecordItemAsync(id, b.Version, itemId, b.Measures, ParseItemState(b.State), caller, ct), ct))
            .WithSummary("填报一个问题的整改措施和整改情况（open 未整改 / partly-done 部分整改 / done 已整改；version 为整改的版本号）");

        r.MapPost("/{id:long}/items/{itemId:long}/evidence", async (long id, long itemId, int version, IFormFile file, CurrentUser me, ResultService s,
            CancellationToken ct) =>
        {
            if (file.Length > UploadCheck.DefaultMaxBytes) throw new DomainException($"文件超过{UploadCheck.DefaultMaxBytes / 1024 / 1024}MB的上限：请压缩或拆分后上传。");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var e = await s.AddEvidenceAsync(id, version, itemId, file.FileName, buffer.ToArray(), await me.CallerAsync(ct), ct: ct);
            return Results.Created($"/api/v1/rectifications/{id}/evidence/{e.Id}", EvidenceItem.From(e));
        })
            .DisableAntiforgery() // bearer-token API: no cookie, so no cross-site request to forge
            .WithMetadata(new RequestSizeLimitAttribute(RequestLimit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = RequestLimit })
            .WithSummary($"上传一个问题的佐证材料（multipart 字段 file，查询参数 version；只接受{UploadCheck.AllowedText}，不超过 20 MB）")
            .Produces<EvidenceItem>(StatusCodes.Status201Created);

        r.MapGet("/{id:long}/evidence/{evidenceId:long}", async (long id, long evidenceId, CurrentUser me, ResultService s, CancellationToken ct) =>
        {
            var (e, data) = await s.EvidenceAsync(id, evidenceId, await me.CallerAsync(ct), ct);
            return Results.File(data, e.ContentType, e.OriginalName);
        }).WithSummary("下载佐证材料");

        r.MapPost("/{id:long}/submit", (long id, VersionRequest b, CurrentUser me, ResultService s, CancellationToken ct) =>
            OnRectification(id, me, s, caller => s.SubmitAsync(id, b.Version, caller, ct), ct))
            .WithSummary("报送整改报告（被评价单位；须填写报告，每个问题都有整改措施并为已整改或部分整改）");

        r.MapPost("/{id:long}/accept", (long id, VersionRequest b, CurrentUser me, ResultService s, CancellationToken ct) =>
            OnRectification(id, me, s, caller => s.ReviewAsync(id, b.Version, true, null, caller, ct), ct))
            .WithSummary("验收通过（绩效管理科）");

        r.MapPost("/{id:long}/return", (long id, ReasonRequest b, CurrentUser me, ResultService s, CancellationToken ct) =>
            OnRectification(id, me, s, caller => s.ReviewAsync(id, b.Version, false, b.Reason, caller, ct), ct))
            .WithSummary("退回整改（绩效管理科，须填写理由）");
    }

    /// <summary>Runs the caller's action on a letter and answers with the letter as it now is.</summary>
    private static async Task<LetterResponse> OnLetter(long id, CurrentUser me, ResultService s, Func<Caller, Task> act, CancellationToken ct)
    {
        var caller = await me.CallerAsync(ct);
        await act(caller);
        return LetterResponse.From(await s.LetterDetailAsync(id, caller, ct));
    }

    /// <summary>Runs the caller's action on a rectification and answers with the rectification as it now is.</summary>
    private static async Task<RectificationResponse> OnRectification(long id, CurrentUser me, ResultService s, Func<Caller, Task> act, CancellationToken ct)
    {
        var caller = await me.CallerAsync(ct);
        await act(caller);
        return RectificationResponse.From(await s.RectificationDetailAsync(id, caller, ct));
    }

    public static LetterFilter LetterFilterOf(int? year, string? state, string? sourceKind, long? organizationId, string? q) =>
        new(year, ParseEnum<FeedbackLetterState>(state, "反馈函状态"),
            string.IsNullOrWhiteSpace(sourceKind) ? null : FeedbackLetterWorkflow.ParseSourceKind(sourceKind) ?? throw new DomainException("反馈来源无效。"),
            organizationId, q);

    public static T? ParseEnum<T>(string? s, string what) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(s) ? null : Enum.TryParse<T>(s.Trim(), true, out var v) && Enum.IsDefined(v) ? v : throw new DomainException($"{what}无效。");
}
