using Jixiao.Core.Appraisals;
using Jixiao.Core.Attachments;
using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Workflows;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jixiao.Web.Features.Appraisals;

/// <summary>A new appraisal round: <c>kind</c> department (市直部门) or county (县区财政部门), the fiscal year appraised, the self-score deadline.</summary>
public sealed record AppraisalCreateRequest(string Kind, DateOnly SelfScoreDeadline, int? Year = null, string? Title = null);

public sealed record AppraisalVersionRequest(int Version);

public sealed record AppraisalReturnRequest(int Version, string? Reason);

public sealed record AppraisalSelfScoreRequest(int Version, IReadOnlyList<SelfScoreLineInput> Lines);

public sealed record AppraisalReviewRequest(int Version, IReadOnlyList<ReviewLineInput> Lines);

/// <summary>A commendation (<c>kind</c> commendation, 通报表扬) or a talk (talk, 约谈, with <c>improvementDeadline</c>).</summary>
public sealed record AppraisalFollowUpRequest(int Version, string Kind, DateOnly Date, string Text, DateOnly? ImprovementDeadline = null);

public sealed record AppraisalListItem(long Id, int FiscalYear, string Kind, string KindName, string Title, string State, string StateName,
    DateOnly SelfScoreDeadline, int Sheets, int Submitted, int Reviewed, DateTime CreatedAt, DateTime? FinalisedAt, DateTime? PublishedAt, int Version);

public sealed record AppraisalRankingItem(long SheetId, string SubjectKind, long SubjectId, string SubjectName, string State, string StateName,
    decimal? SelfTotal, decimal? ReviewTotal, int? Rank, string? Grade, string? GradeName, int Commendations, int Talks, int Version)
{
    public static AppraisalRankingItem From(AppraisalSheetRow r) => new(r.Id, Wire(r.SubjectKind), r.SubjectId, r.SubjectName, r.State.ToString(),
        r.State.ChineseName(), r.SelfTotal, r.ReviewTotal, r.Rank, r.Grade?.WireName(), r.Grade?.ChineseName(), r.Commendations, r.Talks, r.Version);

    internal static string Wire(AppraisalSubjectKind k) => k == AppraisalSubjectKind.Department ? "department" : "county";
}

public sealed record AppraisalRoundResponse(long Id, long RegionId, string RegionName, int FiscalYear, string Kind, string KindName, string Title,
    string State, string StateName, long RuleSetId, int RuleSetVersion, decimal GradeExcellent, decimal GradeGood, decimal GradeFair,
    decimal DeductionPerFinding, DateOnly SelfScoreDeadline, string CreatedByName, DateTime CreatedAt, DateTime? FinalisedAt, DateTime? PublishedAt,
    IReadOnlyList<AppraisalRankingItem> Sheets, IReadOnlyList<string> Actions, IReadOnlyList<WorkflowStep> History, int Version);

public sealed record AppraisalAttachmentItem(long Id, string Name, long Size, string Sha256, string UploadedByName, DateTime UploadedAt, string Url);

/// <summary>One sub-item: the measured figure (share, counts, explanation, evidence with links) and the self and review scores.</summary>
public sealed record AppraisalLineItem(long Id, string ItemCode, string ItemName, decimal ItemPoints, bool IsDeduction, string Code, string Name,
    decimal Points, string Standard, string? Measure, int? Numerator, int? Denominator, decimal? Share, string? MeasureExplanation,
    IReadOnlyList<MeasureEvidence> Evidence, decimal? ComputedScore, decimal? SelfScore, string? SelfExplanation, int? SelfFindings,
    decimal? ReviewScore, string? ReviewReason, int? ReviewFindings, IReadOnlyList<AppraisalAttachmentItem> Attachments);

public sealed record AppraisalFollowUpItem(long Id, string Kind, string KindName, DateOnly Date, string Text, DateOnly? ImprovementDeadline,
    string RecordedByName, DateTime RecordedAt);

public sealed record AppraisalSheetResponse(long Id, long RoundId, string RoundTitle, string RoundState, int FiscalYear, string SubjectKind, long SubjectId,
    string SubjectName, string State, string StateName, decimal? SelfTotal, decimal? ReviewTotal, int? Rank, string? Grade, string? GradeName,
    DateTime? MeasuredAt, DateTime? SubmittedAt, DateTime? ReviewedAt, string? ReviewedByName, IReadOnlyList<AppraisalLineItem> Lines,
    IReadOnlyList<AppraisalFollowUpItem> FollowUps, IReadOnlyList<string> Actions, bool CanSelfScore, bool CanReview, bool CanFollowUp,
    bool CanRemeasure, IReadOnlyList<WorkflowStep> History, int Version);

/// <summary>年度考核 (RULES §8, issue 8): rounds, sheets, self-score, review, finalise, publish, commendations and talks, the ranking and its export.</summary>
public static class AppraisalsApi
{
    private const long RequestLimit = UploadCheck.RequestLimitBytes;

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/appraisals").WithTags("年度考核").RequireAuthorization(nameof(Core.Identity.Permission.UseBusinessArea));

        g.MapGet("", async (int? year, string? kind, string? state, int? page, int? pageSize, CurrentUser me, AppraisalService s, CancellationToken ct) =>
        {
            var (p, size) = Paging.Normalize(page, pageSize);
            var result = await s.ListAsync(new AppraisalFilter(year, kind is null ? null : ParseKind(kind), ParseState(state)), await me.CallerAsync(ct), p,
                size, ct);
            return new Page<AppraisalListItem>(result.Items.Select(r => new AppraisalListItem(r.Id, r.FiscalYear, AppraisalRankingItem.Wire(r.Kind),
                r.Kind.ChineseName(), r.Title, r.State.ToString(), r.State.ChineseName(), r.SelfScoreDeadline, r.Sheets, r.Submitted, r.Reviewed,
                r.CreatedAt, r.FinalisedAt, r.PublishedAt, r.Version)).ToList(), result.Total);
        }).WithSummary("年度考核列表（本级及下级的考核；被考核部门和县区只见有本单位考核表的；按考核年度 year、对象类型 kind（department/county）、状态 state（open/finalised/published）筛选，分页）");

        g.MapPost("", async (AppraisalCreateRequest r, CurrentUser me, AppraisalService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var round = await s.CreateAsync(new AppraisalRoundInput(r.Year ?? me.FiscalYear - 1, ParseKind(r.Kind), r.SelfScoreDeadline, r.Title), caller, ct);
            return Results.Created($"/api/v1/appraisals/{round.Id}", ToResponse(await s.DetailAsync(round.Id, caller, ct)));
        }).WithSummary("建立年度考核（绩效管理科）：按规则集复制考核评分表并固定规则版本，为每个预算部门（department）或下级县区（county）生成考核表，系统计算可计算的子项并下发自评待办；year 为被考核年度，默认上一年度");

        g.MapGet("/{id:long}", async (long id, CurrentUser me, AppraisalService s, CancellationToken ct) =>
            ToResponse(await s.DetailAsync(id, await me.CallerAsync(ct), ct)))
            .WithSummary("考核详情：各考核表的自评总分、复核总分、排名和等级（被考核对象在通报前只见本单位的；范围外为 404）");

        g.MapGet("/{id:long}/ranking", async (long id, CurrentUser me, AppraisalService s, CancellationToken ct) =>
        {
            var rows = await s.RankingAsync(id, await me.CallerAsync(ct), ct);
            return new Page<AppraisalRankingItem>(rows.Select(AppraisalRankingItem.From).ToList(), rows.Count);
        }).WithSummary("考核结果排名（并列同名次，下一名次顺延跳过，如 1、1、3）");

        g.MapGet("/{id:long}/ranking.xlsx", async (long id, CurrentUser me, AppraisalService s, CancellationToken ct) =>
        {
            var d = await s.DetailAsync(id, await me.CallerAsync(ct), ct);
            var f = RankingExport(d);
            return Results.File(f.FileContents, f.ContentType, f.FileDownloadName);
        }).WithSummary("导出考核结果（.xlsx）");

        g.MapPost("/{id:long}/finalise", async (long id, AppraisalVersionRequest r, CurrentUser me, AppraisalService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.FinaliseAsync(id, r.Version, caller, ct);
            return ToResponse(await s.DetailAsync(id, caller, ct));
        }).WithSummary("考核定案（绩效管理科；全部考核表已复核）：按复核总分排名并按规则集等级线定等");

        g.MapPost("/{id:long}/publish", async (long id, AppraisalVersionRequest r, CurrentUser me, AppraisalService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.PublishAsync(id, r.Version, caller, ct);
            return ToResponse(await s.DetailAsync(id, caller, ct));
        }).WithSummary("通报考核结果（绩效管理科）：结果列表在系统内对本次考核的全部被考核对象可见");

        g.MapGet("/sheets/{sheetId:long}", async (long sheetId, CurrentUser me, AppraisalService s, CancellationToken ct) =>
            ToResponse(await s.SheetAsync(sheetId, await me.CallerAsync(ct), ct)))
            .WithSummary("考核表：各子项分值、评分标准、系统计算值及其依据记录（带链接）、自评得分和说明、佐证材料、复核得分和调整理由");

        g.MapPost("/sheets/{sheetId:long}/measure", (long sheetId, AppraisalVersionRequest r, CurrentUser me, AppraisalService s, CancellationToken ct) =>
            OnSheet(sheetId, me, s, caller => s.RemeasureAsync(sheetId, r.Version, caller, ct), ct))
            .WithSummary("重新计算系统可计算的子项（复核前）");

        g.MapPut("/sheets/{sheetId:long}/self-score", (long sheetId, AppraisalSelfScoreRequest r, CurrentUser me, AppraisalService s, CancellationToken ct) =>
            OnSheet(sheetId, me, s, caller => s.SelfScoreAsync(sheetId, r.Version, r.Lines, caller, ct), ct))
            .WithSummary("保存自评（被考核部门或县区绩效管理科）：各子项 lineId 的自评得分 score、说明 explanation，扣分项填报问题个数 findings；系统计算的子项以计算值为准");

        g.MapPost("/sheets/{sheetId:long}/lines/{lineId:long}/attachments", async (long sheetId, long lineId, int version, IFormFile file, CurrentUser me,
            AppraisalService s, CancellationToken ct) =>
        {
            if (file.Length > UploadCheck.DefaultMaxBytes) throw new DomainException($"文件超过{UploadCheck.DefaultMaxBytes / 1024 / 1024}MB的上限：请压缩或拆分后上传。");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var a = await s.AddAttachmentAsync(sheetId, version, lineId, file.FileName, buffer.ToArray(), await me.CallerAsync(ct), ct: ct);
            return Results.Created(AttachmentUrl(sheetId, a.Id), Attachment(sheetId, a));
        })
            .DisableAntiforgery() // bearer-token API: no cookie, so no cross-site request to forge
            .WithMetadata(new RequestSizeLimitAttribute(RequestLimit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = RequestLimit })
            .WithSummary($"上传子项的佐证材料（multipart 字段 file，查询参数 version；只接受{UploadCheck.AllowedText}，不超过 20 MB）")
            .Produces<AppraisalAttachmentItem>(StatusCodes.Status201Created);

        g.MapGet("/sheets/{sheetId:long}/attachments/{attachmentId:long}", async (long sheetId, long attachmentId, CurrentUser me, AppraisalService s,
            CancellationToken ct) =>
        {
            var (a, data) = await s.AttachmentAsync(sheetId, attachmentId, await me.CallerAsync(ct), ct);
            return Results.File(data, a.ContentType, a.OriginalName);
        }).WithSummary("下载佐证材料");

        g.MapPost("/sheets/{sheetId:long}/submit", (long sheetId, AppraisalVersionRequest r, CurrentUser me, AppraisalService s, CancellationToken ct) =>
            OnSheet(sheetId, me, s, caller => s.SubmitAsync(sheetId, r.Version, caller, ct), ct))
            .WithSummary("提交自评（被考核对象；全部需自评的子项已评分）");

        g.MapPost("/sheets/{sheetId:long}/return", (long sheetId, AppraisalReturnRequest r, CurrentUser me, AppraisalService s, CancellationToken ct) =>
            OnSheet(sheetId, me, s, caller => s.ReturnAsync(sheetId, r.Version, r.Reason, caller, ct), ct))
            .WithSummary("退回考核表（绩效管理科，必须填写理由 reason）");

        g.MapPost("/sheets/{sheetId:long}/review", (long sheetId, AppraisalReviewRequest r, CurrentUser me, AppraisalService s, CancellationToken ct) =>
            OnSheet(sheetId, me, s, caller => s.ReviewAsync(sheetId, r.Version, r.Lines, caller, ct), ct))
            .WithSummary("复核评分（绩效管理科）：各子项 lineId 的复核得分 score（不填为自评得分），扣分项的问题个数 findings；复核得分与自评或系统计算得分不同时必须填写调整理由 reason，否则整张表不保存");

        g.MapPost("/sheets/{sheetId:long}/follow-ups", async (long sheetId, AppraisalFollowUpRequest r, CurrentUser me, AppraisalService s,
            CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var kind = r.Kind?.Trim().ToLowerInvariant() switch
            {
                "commendation" or "通报表扬" => AppraisalFollowUpKind.Commendation,
                "talk" or "约谈" => AppraisalFollowUpKind.Talk,
                _ => throw new DomainException("记录类型 kind 应为 commendation（通报表扬）或 talk（约谈）。"),
            };
            var f = await s.AddFollowUpAsync(sheetId, r.Version, new FollowUpInput(kind, r.Date, r.Text, r.ImprovementDeadline), caller, ct);
            return Results.Created($"/api/v1/appraisals/sheets/{sheetId}", FollowUp(f));
        }).WithSummary("记录通报表扬（commendation）或约谈（talk，须填整改提升期限 improvementDeadline）；考核定案后由绩效管理科记录，并向被考核对象发送待办")
            .Produces<AppraisalFollowUpItem>(StatusCodes.Status201Created);
    }

    public static AppraisalSubjectKind ParseKind(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "department" or "部门" or "市直部门" => AppraisalSubjectKind.Department,
        "county" or "县区" or "县区财政部门" => AppraisalSubjectKind.County,
        _ => throw new DomainException("考核对象类型 kind 应为 department（预算部门）或 county（县区财政部门）。"),
    };

    private static AppraisalRoundState? ParseState(string? state) => string.IsNullOrWhiteSpace(state) ? null
        : Enum.TryParse<AppraisalRoundState>(state.Trim(), true, out var s) && Enum.IsDefined(s) ? s
        : throw new DomainException("状态 state 应为 open、finalised 或 published。");

    public static Microsoft.AspNetCore.Mvc.FileContentResult RankingExport(AppraisalRoundDetail d) =>
        XlsxExport.File<AppraisalSheetRow>($"考核结果-{d.Round.FiscalYear}-{d.Round.Kind.ChineseName()}.xlsx",
        [
            ("名次", r => r.Rank),
            ("被考核对象", r => r.SubjectName),
            ("自评得分", r => r.SelfTotal),
            ("复核得分", r => r.ReviewTotal),
            ("等级", r => r.Grade?.ChineseName()),
            ("状态", r => r.State.ChineseName()),
            ("通报表扬", r => r.Commendations),
            ("约谈", r => r.Talks),
        ], d.Sheets);

    private static async Task<IResult> OnSheet(long sheetId, CurrentUser me, AppraisalService s, Func<Core.Organizations.Caller, Task> action,
        CancellationToken ct)
    {
        var caller = await me.CallerAsync(ct);
        await action(caller);
        return Results.Ok(ToResponse(await s.SheetAsync(sheetId, caller, ct)));
    }

    private static string AttachmentUrl(long sheetId, long id) => $"/api/v1/appraisals/sheets/{sheetId}/attachments/{id}";

    private static AppraisalAttachmentItem Attachment(long sheetId, AppraisalAttachment a) =>
        new(a.Id, a.OriginalName, a.Size, a.Sha256, a.UploadedByName, a.UploadedAt, AttachmentUrl(sheetId, a.Id));

    private static AppraisalFollowUpItem FollowUp(AppraisalFollowUp f) =>
        new(f.Id, f.Kind == AppraisalFollowUpKind.Talk ? "talk" : "commendation", f.Kind.ChineseName(), f.Date, f.Text, f.ImprovementDeadline,
            f.RecordedByName, f.RecordedAt);

    private static decimal? Display(decimal? v) => v is { } x ? Math.Round(x, 4, MidpointRounding.AwayFromZero) : null;

    private static AppraisalRoundResponse ToResponse(AppraisalRoundDetail d)
    {
        var r = d.Round;
        return new(r.Id, r.RegionId, d.RegionName, r.FiscalYear, AppraisalRankingItem.Wire(r.Kind), r.Kind.ChineseName(), r.Title, r.State.ToString(),
            r.State.ChineseName(), r.RuleSetId, d.RuleSetVersionNo, r.GradeExcellent, r.GradeGood, r.GradeFair, r.DeductionPerFinding, r.SelfScoreDeadline,
            r.CreatedByName, r.CreatedAt, r.FinalisedAt, r.PublishedAt, d.Sheets.Select(AppraisalRankingItem.From).ToList(),
            d.Actions.Select(a => a.ToString()).ToList(), d.History, r.Version);
    }

    private static AppraisalSheetResponse ToResponse(AppraisalSheetView v)
    {
        var s = v.Sheet;
        return new(s.Id, v.Round.Id, v.Round.Title, v.Round.State.ToString(), v.Round.FiscalYear, AppraisalRankingItem.Wire(s.SubjectKind), s.SubjectId,
            s.SubjectName, s.State.ToString(), s.State.ChineseName(), s.SelfTotal, s.ReviewTotal, s.Rank, s.Grade?.WireName(), s.Grade?.ChineseName(),
            s.MeasuredAt, s.SubmittedAt, s.ReviewedAt, s.ReviewedByName,
            s.Lines.OrderBy(l => l.SortOrder).Select(l => new AppraisalLineItem(l.Id, l.ItemCode, l.ItemName, l.ItemPoints, l.IsDeduction, l.Code, l.Name,
                l.Points, l.Standard, l.Measure, l.Numerator, l.Denominator, l.Share, l.MeasureExplanation, l.Evidence, Display(l.ComputedScore),
                Display(l.SelfScore), l.SelfExplanation, l.SelfFindings, Display(l.ReviewScore), l.ReviewReason, l.ReviewFindings,
                l.Attachments.Select(a => Attachment(s.Id, a)).ToList())).ToList(),
            s.FollowUps.OrderBy(f => f.Date).ThenBy(f => f.Id).Select(FollowUp).ToList(), v.Actions.Select(a => a.ToString()).ToList(), v.CanSelfScore,
            v.CanReview, v.CanFollowUp, v.CanRemeasure, v.History, s.Version);
    }
}
