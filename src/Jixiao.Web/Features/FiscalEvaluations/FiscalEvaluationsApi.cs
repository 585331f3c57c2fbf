using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.FiscalEvaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Imports;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jixiao.Web.Features.FiscalEvaluations;

public sealed record FiscalEvaluationListItem(long Id, int FiscalYear, string Title, string State, string StateName, int Counties, DateTime CreatedAt,
    DateTime? FinalisedAt, int Version)
{
    public static FiscalEvaluationListItem From(FiscalEvaluationRow r) => new(r.Id, r.FiscalYear, r.Title, r.State.ToString(),
        FiscalEvaluationWorkflow.ChineseName(r.State), r.Counties, r.CreatedAt, r.FinalisedAt, r.Version);
}

/// <summary>One indicator of the pinned framework: <c>higherIsBetter</c> full marks at ≥ <c>target</c> and zero at ≤ <c>floor</c> (reversed when false), linear between.</summary>
public sealed record FiscalIndicatorItem(string Code, string Name, string Dimension, string DimensionName, decimal Weight, string Unit, bool HigherIsBetter,
    decimal Target, decimal Floor, string Definition);

/// <summary>One indicator's points on a county's sheet (<c>points</c> unrounded, <c>rounded</c> to 2 decimals) and the formula.</summary>
public sealed record FiscalLineItem(string Code, decimal Value, decimal Points, decimal Rounded, string Explanation);

public sealed record FiscalDimensionItem(string Dimension, string Name, decimal Weight, decimal Points);

/// <summary>
/// A county's sheet: <c>values</c> by indicator code, <c>missing</c> codes; <c>computed</c> the score from the values (live while a draft);
/// <c>score</c>/<c>grade</c>/<c>rank</c> fixed once scored. <c>version</c> is the sheet's, for <c>PUT …/sheets/{countyCode}</c>.
/// </summary>
public sealed record FiscalSheetItem(long Id, string CountyCode, string CountyName, IReadOnlyDictionary<string, decimal> Values, IReadOnlyList<string> Missing,
    decimal? ComputedTotal, string? ComputedGrade, IReadOnlyList<FiscalLineItem>? Lines, IReadOnlyList<FiscalDimensionItem>? Dimensions, decimal? Score,
    string? Grade, string? GradeName, int? Rank, int Version);

public sealed record FiscalEvaluationResponse(long Id, int FiscalYear, string Title, string RegionName, string State, string StateName, long RuleSetId,
    int RuleSetVersionNo, IReadOnlyList<FiscalIndicatorItem> Framework, IReadOnlyList<FiscalSheetItem> Sheets, bool SeesAllCounties, IReadOnlyList<string> Actions,
    bool CanManage, bool CanEditValues, string? ReopenReason, DateTime? ScoredAt, DateTime? FinalisedAt, IReadOnlyList<Core.Workflows.WorkflowStep> History,
    int Version)
{
    public static FiscalEvaluationResponse From(FiscalEvaluationDetail d)
    {
        var e = d.Evaluation;
        return new(e.Id, e.FiscalYear, e.Title, d.RegionName, e.State.ToString(), FiscalEvaluationWorkflow.ChineseName(e.State), e.RuleSetId, e.RuleSetVersionNo,
            d.Framework.Select(i => new FiscalIndicatorItem(i.Code, i.Name, i.Dimension, FiscalOperationScoring.DimensionName(i.Dimension), i.Weight, i.Unit,
                i.HigherIsBetter, i.Target, i.Floor, i.Definition)).ToList(),
            d.Sheets.Select(s => new FiscalSheetItem(s.Id, s.CountyCode, s.CountyName, s.Values, s.Missing, s.Computed?.Total, s.Computed?.Grade.WireName(),
                s.Computed?.Lines.Select(l => new FiscalLineItem(l.Code, l.Value, l.Points, l.Rounded, l.Explanation)).ToList(),
                s.Computed?.Dimensions.Select(x => new FiscalDimensionItem(x.Dimension, x.Name, x.Weight, x.Points)).ToList(),
                s.Score, s.Grade?.WireName(), s.Grade?.ChineseName(), s.Rank, s.Version)).ToList(),
            d.SeesAllCounties, d.Actions.Select(a => a.ToString()).ToList(), d.CanManage, d.CanEditValues, e.ReopenReason, e.ScoredAt, e.FinalisedAt, d.History,
            e.Version);
    }
}

public sealed record FiscalEvaluationCreateRequest(int FiscalYear, string? Title = null);

/// <summary>A county's values by indicator code (null clears one); the sheet's <c>version</c>.</summary>
public sealed record FiscalValuesRequest(int Version, Dictionary<string, decimal?> Values);

public sealed record FiscalVersionRequest(int Version);

public sealed record FiscalReasonRequest(int Version, string? Reason);

public sealed record FiscalImportResponse(int Updated, int Unchanged);

public sealed record FiscalImportErrors(string Title, string Detail, IReadOnlyList<ImportError> Errors);

/// <summary>财政运行综合绩效评价 (Art. 26, 35): the city evaluates each county's fiscal operation; finalised results reach the budget linkage list.</summary>
public static class FiscalEvaluationsApi
{
    public const long MaxImportBytes = 10 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/fiscal-evaluations").WithTags("财政运行评价").RequireAuthorization(nameof(Permission.UseBusinessArea));

        g.MapGet("", async (int? year, int? page, int? pageSize, CurrentUser me, FiscalEvaluationService s, CancellationToken ct) =>
        {
            var (p, size) = Paging.Normalize(page, pageSize);
            var r = await s.ListAsync(await me.CallerAsync(ct), year, p, size, ct);
            return new Page<FiscalEvaluationListItem>(r.Items.Select(FiscalEvaluationListItem.From).ToList(), r.Total);
        }).WithSummary("县区财政运行综合绩效评价列表（按年度 year 筛选，分页 page/pageSize；县区绩效管理科只见含本县区的评价）")
            .Produces<Page<FiscalEvaluationListItem>>();

        g.MapGet("/{id:long}", async (long id, CurrentUser me, FiscalEvaluationService s, CancellationToken ct) =>
            FiscalEvaluationResponse.From(await s.DetailAsync(id, await me.CallerAsync(ct), ct)))
            .WithSummary("评价详情：固定的指标体系（含规则版本）、各县区数据、逐项得分及计算过程、总分、等级和排名（县区只见本县区；范围外为 404）")
            .Produces<FiscalEvaluationResponse>();

        g.MapPost("", async (FiscalEvaluationCreateRequest r, CurrentUser me, FiscalEvaluationService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var e = await s.CreateAsync(r.FiscalYear, r.Title, caller, ct);
            return Results.Created($"/api/v1/fiscal-evaluations/{e.Id}", FiscalEvaluationResponse.From(await s.DetailAsync(e.Id, caller, ct)));
        }).WithSummary("新建某年度的县区财政运行综合绩效评价（本级绩效管理科）：每个下辖县区一张数据表，指标体系取规则集 fiscalOperation 并记录版本；每年度一次")
            .Produces<FiscalEvaluationResponse>(StatusCodes.Status201Created);

        g.MapPut("/{id:long}/sheets/{countyCode}", async (long id, string countyCode, FiscalValuesRequest r, CurrentUser me, FiscalEvaluationService s,
            CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.SaveValuesAsync(id, countyCode, r.Values ?? [], r.Version, caller, ct);
            return FiscalEvaluationResponse.From(await s.DetailAsync(id, caller, ct));
        }).WithSummary("保存一个县区（区划代码 countyCode）的指标数据（草稿阶段，本级绩效管理科；values 按指标代码，null 为清空；须带该县区数据表的 version，过期为 409）")
            .Produces<FiscalEvaluationResponse>();

        g.MapPost("/{id:long}/import", async (long id, IFormFile file, CurrentUser me, FiscalEvaluationService s, CancellationToken ct) =>
        {
            if (file.Length > MaxImportBytes) return Rejected([new(0, null, "文件超过 10 MB。")]);
            await using var stream = file.OpenReadStream();
            var r = await s.ImportAsync(id, stream, file.FileName, await me.CallerAsync(ct), ct);
            return r.Errors.Count == 0 ? Results.Ok(new FiscalImportResponse(r.Updated, r.Unchanged)) : Rejected(r.Errors);
        })
            .DisableAntiforgery() // bearer-token API: no cookie, so no cross-site request to forge
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes + 64 * 1024), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxImportBytes + 64 * 1024 })
            .WithSummary("导入各县区指标数据（multipart 字段 file：.csv 或 .xlsx；表头 区划代码/mof_div_code、区划名称/mof_div_name，其后每列一个指标，表头为指标代码或名称）")
            .WithDescription("全部成功或全部不导入：任一行有错时为 400，errors 逐行说明，数据不变。空单元格或缺少的列保留原值；重复导入同一文件不改变数据（计入 unchanged）。")
            .Produces<FiscalImportResponse>().Produces<FiscalImportErrors>(StatusCodes.Status400BadRequest, "application/problem+json");

        g.MapGet("/{id:long}/template", async (long id, CurrentUser me, FiscalEvaluationService s, CancellationToken ct) =>
            File(FiscalEvaluationWorkbook.Template(await s.DetailAsync(id, await me.CallerAsync(ct), ct))))
            .WithSummary("下载导入模板 .xlsx（区划代码、区划名称和各指标名称；已录入的数据一并填入）")
            .Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);

        g.MapGet("/{id:long}/export", async (long id, CurrentUser me, FiscalEvaluationService s, CancellationToken ct) =>
            File(FiscalEvaluationWorkbook.Export(await s.DetailAsync(id, await me.CallerAsync(ct), ct))))
            .WithSummary("导出评价结果 .xlsx：每个县区一行，各指标数据、总分、等级、排名（可直接作为导入文件）")
            .Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);

        g.MapPost("/{id:long}/score", (long id, FiscalVersionRequest r, CurrentUser me, FiscalEvaluationService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.ScoreAsync(id, r.Version, c, ct)))
            .WithSummary("计算得分（各县区数据齐全后）：每项达到满分值得满分、达到零分值得0分、之间线性计分，合计后四舍五入保留两位小数，按规则集等级分数线定级并排名（并列同名次）");
        g.MapPost("/{id:long}/finalise", (long id, FiscalVersionRequest r, CurrentUser me, FiscalEvaluationService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.FinaliseAsync(id, r.Version, c, ct)))
            .WithSummary("定稿：结果在预算挂钩清单中与该县区转移支付并列显示（第三十五条）");
        g.MapPost("/{id:long}/reopen", (long id, FiscalReasonRequest r, CurrentUser me, FiscalEvaluationService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.ReopenAsync(id, r.Version, r.Reason, c, ct)))
            .WithSummary("退回修改（已评分或已定稿的评价，须说明理由；得分作废，回到草稿）");
    }

    private static async Task<FiscalEvaluationResponse> Act(long id, CurrentUser me, FiscalEvaluationService s, CancellationToken ct,
        Func<Core.Organizations.Caller, Task<FiscalEvaluation>> action)
    {
        var caller = await me.CallerAsync(ct);
        await action(caller);
        return FiscalEvaluationResponse.From(await s.DetailAsync(id, caller, ct));
    }

    private static IResult File((byte[] Bytes, string FileName) f) => Results.File(f.Bytes, XlsxExport.ContentType, f.FileName);

    private static IResult Rejected(IReadOnlyList<ImportError> errors) =>
        Results.Json(new FiscalImportErrors("导入失败", $"有 {errors.Count} 处错误，未保存任何数据。", errors),
            statusCode: StatusCodes.Status400BadRequest, contentType: "application/problem+json");
}
