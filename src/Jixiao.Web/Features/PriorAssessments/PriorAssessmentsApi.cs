using Jixiao.Core.Attachments;
using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.PriorAssessments;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jixiao.Web.Features.PriorAssessments;

public sealed record AssessmentItem(long Id, long ProjectId, string ProjectCode, string Title, long UnitId, string UnitName, long DepartmentId,
    string DepartmentName, int FiscalYear, decimal TotalBudget, string State, string StateName, string? Method, string? MethodName,
    decimal? TotalScore, string? Conclusion, string? ConclusionName, DateTime? SubmittedAt, DateTime? ClosedAt, int Version)
{
    public static AssessmentItem From(PriorAssessmentRow r) => new(r.Id, r.ProjectId, r.ProjectCode, r.Title, r.UnitId, r.UnitName, r.DepartmentId,
        r.DepartmentName, r.FiscalYear, r.TotalBudget, r.State.ToString(), PriorAssessmentWorkflow.ChineseName(r.State), r.Method?.ToString(),
        r.Method?.ChineseName(), r.TotalScore, r.Conclusion?.ToString(), r.Conclusion is { } c ? PriorAssessmentScoring.Text(c) : null,
        r.SubmittedAt, r.ClosedAt, r.Version);
}

public sealed record AttachmentItem(long Id, string Kind, string KindName, string FileName, string ContentType, long Size, string Sha256, string UploadedByName, DateTime UploadedAt);

public sealed record DrawItem(long Seed, int Count, string? Field, int Eligible, int Excluded);

public sealed record DimensionItem(string Code, string Name, decimal MaxPoints, decimal Mean);

public sealed record ResultItem(IReadOnlyList<DimensionItem> Dimensions, decimal Total, string Conclusion, string ConclusionName);

public sealed record AssessmentDetailResponse(
    long Id, long ProjectId, string ProjectCode, string Title, string UnitName, string DepartmentName, int FiscalYear, string State, string StateName,
    string? Rationale, string? ReturnReason, string? Method, string? MethodName, string? OrganizerName, string? AgencyName, DrawItem? Draw,
    IReadOnlyList<AttachmentItem> Attachments, IReadOnlyList<ScorerView> Scorers, IReadOnlyList<Jixiao.Core.RuleSets.ScoredItem> Dimensions,
    ResultItem? Result, string? RuleSet, string? ConclusionOpinion, string? RequiredChanges, DateTime? ConclusionConfirmedAt, string? ChangesReport,
    DateTime? ChangesReportedAt, DateTime? ChangesConfirmedAt, string Gate, string GateName, IReadOnlyList<string> Actions, bool CanEdit, bool CanScore,
    bool CanRate, RatingResponse? Rating, int Version);

public sealed record RatingResponse(decimal Score, string Remarks, string RatedByName, DateTime At);

public sealed record StartRequest(long ProjectId, string? Rationale = null);

public sealed record DraftRequest(int Version, string? Rationale = null);

public sealed record VersionRequest(int Version, string? Comment = null);

public sealed record ReasonRequest(int Version, string Reason);

public sealed record OrganiseRequest(int Version, AssessmentMethod Method, int? ExpertCount = null, string? ExpertField = null, long? AgencyId = null);

public sealed record CloseRequest(int Version, string Opinion, string? RequiredChanges = null);

public sealed record RatingRequest(decimal Score, string Remarks);

public sealed record DrawCheckResponse(bool Reproduced);

/// <summary>Ex-ante assessments (Art. 14): an expert's token reaches only that expert's assignments, an agency's only its engagements.</summary>
public static class PriorAssessmentsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/assessments").WithTags("事前绩效评估").RequireAuthorization(nameof(Permission.UseBusinessArea));

        g.MapGet("", async (int? year, int? page, int? pageSize, PriorAssessmentState? state, PriorConclusion? conclusion, long? departmentId, string? q,
            CurrentUser me, PriorAssessmentService service, CancellationToken ct) =>
        {
            var (p, s) = Paging.Normalize(page, pageSize);
            var result = await service.ListAsync(await me.CallerAsync(ct), new PriorAssessmentFilter(year, state, conclusion, departmentId, q), p, s, ct);
            return new Page<AssessmentItem>(result.Items.Select(AssessmentItem.From).ToList(), result.Total);
        }).WithSummary("事前绩效评估列表（调用者范围内；专家只见分配给本人的，第三方机构只见受托的）");

        g.MapGet("/{id:long}", async (long id, CurrentUser me, PriorAssessmentService service, CancellationToken ct) =>
            ToResponse(await service.DetailAsync(id, await me.CallerAsync(ct), ct)))
            .WithSummary("评估详情（结束评分前，评分人只能看到本人的评分；范围外或未分配为 404）");

        g.MapPost("", async (StartRequest r, CurrentUser me, PriorAssessmentService service, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var a = await service.StartAsync(r.ProjectId, r.Rationale, caller, ct);
            return Results.Created($"/api/v1/assessments/{a.Id}", ToResponse(await service.DetailAsync(a.Id, caller, ct)));
        }).WithSummary("发起事前绩效评估（预算单位，限新增重大项目或到期续设项目）");

        g.MapPut("/{id:long}", (long id, DraftRequest r, CurrentUser me, PriorAssessmentService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.EditDraftAsync(id, r.Version, r.Rationale, c, ct))).WithSummary("修改草稿（立项依据与必要性说明）");

        g.MapPost("/{id:long}/attachments", async (long id, IFormFile file, AttachmentKind kind, CurrentUser me, PriorAssessmentService service, CancellationToken ct) =>
        {
            if (file.Length > service.MaxAttachmentBytes)
                throw new DomainException($"文件超过{service.MaxAttachmentBytes / 1024 / 1024}MB的上限：请压缩或拆分后上传。");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var a = await service.AddAttachmentAsync(id, kind, file.FileName, buffer.ToArray(), await me.CallerAsync(ct), ct);
            return Results.Created($"/api/v1/assessments/{id}/attachments/{a.Id}", ToItem(a));
        })
            .DisableAntiforgery() // bearer-token API: no cookie, so no cross-site request to forge
            .WithMetadata(new RequestSizeLimitAttribute(RequestLimit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = RequestLimit })
            .WithSummary($"上传申报材料（multipart 字段 file，查询参数 kind：FeasibilityStudy / BudgetEstimate / ImplementationPlan / Other；只接受{UploadCheck.AllowedText}，默认不超过 20 MB，内容须与扩展名相符）")
            .Produces<AttachmentItem>(StatusCodes.Status201Created);

        g.MapGet("/{id:long}/attachments/{attachmentId:long}", async (long id, long attachmentId, CurrentUser me, PriorAssessmentService service, CancellationToken ct) =>
        {
            var (a, data) = await service.DownloadAsync(id, attachmentId, await me.CallerAsync(ct), ct);
            return Results.File(data, a.ContentType, a.OriginalName);
        }).WithSummary("下载申报材料");

        g.MapDelete("/{id:long}/attachments/{attachmentId:long}", async (long id, long attachmentId, CurrentUser me, PriorAssessmentService service, CancellationToken ct) =>
        {
            await service.RemoveAttachmentAsync(id, attachmentId, await me.CallerAsync(ct), ct);
            return Results.NoContent();
        }).WithSummary("删除申报材料（草稿阶段）");

        g.MapPost("/{id:long}/submit", (long id, VersionRequest r, CurrentUser me, PriorAssessmentService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.SubmitAsync(id, r.Version, c, ct))).WithSummary("提交（须有立项依据说明及可行性研究报告、预算测算依据、实施方案）");

        g.MapPost("/{id:long}/return", (long id, ReasonRequest r, CurrentUser me, PriorAssessmentService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.ReturnAsync(id, r.Version, r.Reason, c, ct))).WithSummary("退回补充材料（组织方；须说明理由）");

        g.MapPost("/{id:long}/organise", (long id, OrganiseRequest r, CurrentUser me, PriorAssessmentService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.OrganiseAsync(id, r.Version, new OrganiseInput(r.Method, r.ExpertCount, r.ExpertField, r.AgencyId), c, ct)))
            .WithSummary("组织评估：SelfAssessment 单位自评 / Experts 随机抽取专家（人数默认取规则集，回避被评估单位、主管部门及其关联机构，抽取种子留痕）/ ThirdParty 委托第三方（黑名单或有关联关系的机构被拒绝）");

        g.MapGet("/{id:long}/draw-check", async (long id, CurrentUser me, PriorAssessmentService s, CancellationToken ct) =>
            new DrawCheckResponse(await s.VerifyDrawAsync(id, await me.CallerAsync(ct), ct))).WithSummary("按记录的种子和候选名单重演专家抽取，核对是否与分配的专家一致");

        g.MapPut("/{id:long}/my-sheet", async (long id, SheetInput r, CurrentUser me, PriorAssessmentService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.ScoreAsync(id, r, caller, ct);
            return ToResponse(await s.DetailAsync(id, caller, ct));
        }).WithSummary("评分人提交（或在结束评分前修改）本人的评分表：每个维度的得分与评分说明、综合意见；修改时须带 version");

        g.MapPost("/{id:long}/close", (long id, CloseRequest r, CurrentUser me, PriorAssessmentService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.CloseAsync(id, r.Version, r.Opinion, r.RequiredChanges, c, ct)))
            .WithSummary("结束评分（组织方）：各维度取评分人平均分，按规则集分数线得出结论；调整完善后支持须写明调整要求");

        g.MapPost("/{id:long}/confirm", (long id, VersionRequest r, CurrentUser me, PriorAssessmentService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.ConfirmConclusionAsync(id, r.Version, r.Comment, c, ct))).WithSummary("确认单位自评结论（组织方）");

        g.MapPost("/{id:long}/changes", (long id, ReasonRequest r, CurrentUser me, PriorAssessmentService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.ReportChangesAsync(id, r.Version, r.Reason, c, ct))).WithSummary("报告调整完善情况（预算单位）");

        g.MapPost("/{id:long}/confirm-changes", (long id, VersionRequest r, CurrentUser me, PriorAssessmentService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.ConfirmChangesAsync(id, r.Version, r.Comment, c, ct))).WithSummary("确认调整完善（组织方）");

        g.MapPost("/{id:long}/rating", async (long id, RatingRequest r, CurrentUser me, PriorAssessmentService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.RateAgencyAsync(id, r.Score, r.Remarks, caller, ct);
            return ToResponse(await s.DetailAsync(id, caller, ct));
        }).WithSummary("委托方评价第三方机构本次工作质量（0-100 分及评价意见，每次委托一次）");

        g.MapGet("/{id:long}/report.docx", async (long id, CurrentUser me, PriorAssessmentService s, CancellationToken ct) =>
        {
            var d = await s.DetailAsync(id, await me.CallerAsync(ct), ct);
            return Results.File(PriorAssessmentReport.Build(d), PriorAssessmentReport.ContentType, PriorAssessmentReport.FileName(d));
        }).WithSummary("下载事前绩效评估报告（.docx）");
    }

    private const long RequestLimit = UploadCheck.RequestLimitBytes;

    private static async Task<AssessmentDetailResponse> Act(long id, CurrentUser me, PriorAssessmentService s, CancellationToken ct, Func<Jixiao.Core.Organizations.Caller, Task<PriorAssessment>> action)
    {
        var caller = await me.CallerAsync(ct);
        await action(caller);
        return ToResponse(await s.DetailAsync(id, caller, ct));
    }

    private static AttachmentItem ToItem(PriorAssessmentAttachment a) =>
        new(a.Id, a.Kind.ToString(), a.Kind.ChineseName(), a.OriginalName, a.ContentType, a.Size, a.Sha256, a.UploadedByName, a.UploadedAt);

    public static AssessmentDetailResponse ToResponse(PriorAssessmentDetail d)
    {
        var a = d.Assessment;
        return new(a.Id, a.ProjectId, d.Project.Code, a.Title, d.UnitName, d.DepartmentName, a.FiscalYear, a.State.ToString(), PriorAssessmentWorkflow.ChineseName(a.State),
            a.Rationale, a.ReturnReason, a.Method?.ToString(), a.Method?.ChineseName(), d.OrganizerName, d.AgencyName,
            a.DrawSeed is { } seed ? new DrawItem(seed, a.ExpertCount ?? 0, a.DrawField, a.DrawEligibleIds.Count, a.DrawExcludedIds.Count) : null,
            d.Attachments.Select(ToItem).ToList(), d.Scorers, d.Dimensions,
            d.Result is { } r ? new ResultItem(r.Dimensions.Select(x => new DimensionItem(x.Code, x.Name, x.MaxPoints, x.Mean)).ToList(), r.Total,
                r.Conclusion.ToString(), PriorAssessmentScoring.Text(r.Conclusion)) : null,
            d.RuleSetLabel, a.ConclusionOpinion, a.RequiredChanges, a.ConclusionConfirmedAt, a.ChangesReport, a.ChangesReportedAt, a.ChangesConfirmedAt,
            d.Gate.ToString(), d.Gate.ChineseName(), d.Actions.Select(x => x.ToString()).ToList(), d.CanEdit, d.CanScore, d.CanRate,
            d.Rating is { } rt ? new RatingResponse(rt.Score, rt.Remarks, rt.RatedByName, rt.At) : null, a.Version);
    }
}
