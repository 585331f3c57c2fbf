using Jixiao.Core.BudgetLinkage;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Imports;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jixiao.Web.Features.BudgetLinkage;

public sealed record LinkageProjectItem(long ProjectId, string Code, string Name, string Kind, string UnitName, decimal Budget, decimal? Score, string? Grade,
    string? GradeName, string? GradeSource, int PoorYearsInRow, string Rectification, string RectificationName, string Suggestion, string SuggestionName,
    decimal SuggestedReduction, string Reason, LinkageDecisionItem? Decision)
{
    public static LinkageProjectItem From(LinkageProjectRow r) => new(r.ProjectId, r.Code, r.Name, r.Kind.ToString(), r.UnitName, r.Budget, r.Score,
        r.Grade?.WireName(), r.Grade?.ChineseName(), r.GradeSource, r.PoorYearsInRow, r.Rectification.WireName(), r.Rectification.ChineseName(),
        r.Result.Suggestion.WireName(), r.Result.Suggestion.ChineseName(), r.Result.SuggestedReduction, r.Result.Reason,
        r.Decision is { } d ? new(d.Id, d.Decision.WireName(), d.Decision.ChineseName(), d.Amount, d.Reason, d.DecidedByName, d.DecidedAt, d.Version) : null);
}

public sealed record LinkageDecisionItem(long Id, string Decision, string DecisionName, decimal Amount, string Reason, string DecidedByName, DateTime DecidedAt,
    int Version);

public sealed record LinkageDepartmentItem(long DepartmentId, string Code, string Name, LinkageProjectItem? Overall, decimal SuggestedReduction,
    IReadOnlyList<LinkageProjectItem> Projects);

public sealed record FiscalOperationItem(decimal Score, string Grade, string GradeName);

public sealed record TransferPaymentItem(long Id, string CountyCode, string CountyName, int FiscalYear, string Code, string Name, decimal Amount, int Version);

public sealed record LinkageCountyItem(long RegionId, string Code, string Name, decimal Total, IReadOnlyList<TransferPaymentItem> TransferPayments,
    FiscalOperationItem? FiscalOperation, string FiscalOperationName);

public sealed record LinkageResponse(int EvaluatedYear, int BudgetYear, IReadOnlyList<LinkageDepartmentItem> Departments, IReadOnlyList<LinkageCountyItem> Counties)
{
    public static LinkageResponse From(LinkageList l) => new(l.EvaluatedYear, l.BudgetYear,
        l.Departments.Select(d => new LinkageDepartmentItem(d.DepartmentId, d.Code, d.Name, d.Overall is { } o ? LinkageProjectItem.From(o) : null,
            d.SuggestedReduction, d.Projects.Select(LinkageProjectItem.From).ToList())).ToList(),
        l.Counties.Select(c => new LinkageCountyItem(c.RegionId, c.Code, c.Name, c.Total,
            c.Payments.Select(p => new TransferPaymentItem(p.Id, c.Code, c.Name, p.FiscalYear, p.Code, p.Name, p.Amount, p.Version)).ToList(),
            c.FiscalOperation is { } f ? new(f.Score, f.Grade.WireName(), f.Grade.ChineseName()) : null,
            c.FiscalOperation is { } g ? $"{g.Score:0.##}分（{g.Grade.ChineseName()}）" : "尚未评价")).ToList());
}

/// <summary>A decision on a project: <c>decision</c> priority|maintain|strict|cancel; <c>amount</c> the reduction in yuan (default: the suggestion's).</summary>
public sealed record LinkageDecisionRequest(long ProjectId, string Decision, decimal? Amount = null, string? Reason = null, int? Version = null);

public sealed record TransferPaymentRequest(string CountyCode, int FiscalYear, string Code, string Name, decimal Amount);

public sealed record TransferPaymentImportResponse(int Created, int Updated, int Unchanged);

public sealed record TransferPaymentImportErrors(string Title, string Detail, IReadOnlyList<ImportError> Errors);

public sealed record CoverageItem(string Code, string Name, int Projects, int TotalProjects, decimal? ProjectShare, string ProjectTerm, decimal Amount,
    decimal TotalAmount, decimal? AmountShare, string AmountTerm);

public sealed record GradeDistributionItem(long DepartmentId, string DepartmentName, int Excellent, int Good, int Fair, int Poor, int Total);

public sealed record CongressReportResponse(int FiscalYear, string RegionName, IReadOnlyList<CoverageItem> Coverage, IReadOnlyList<GradeDistributionItem> Grades,
    IReadOnlyList<KeyFinding> KeyFindings, int RectificationItems, int RectificationCompleted, int RectificationOverdue, LinkageApplied Linkage,
    DateTime? GeneratedAt, string? GeneratedByName)
{
    public static CongressReportResponse From(CongressReportFigures f) => new(f.FiscalYear, f.RegionName,
        f.Coverage.Select(c => new CoverageItem(c.Code, c.Name, c.Projects, c.TotalProjects, c.ProjectShare, c.ProjectTerm.WireName(), c.Amount, c.TotalAmount,
            c.AmountShare, c.AmountTerm.WireName())).ToList(),
        f.Grades.Select(d => new GradeDistributionItem(d.DepartmentId, d.DepartmentName, d.Excellent, d.Good, d.Fair, d.Poor, d.Total)).ToList(),
        f.KeyFindings, f.Rectification.Items, f.Rectification.Completed, f.Rectification.Overdue, f.Linkage, f.Stored?.GeneratedAt, f.Stored?.GeneratedByName);
}

/// <summary>预算挂钩 (Art. 32, 35), transfer payments, and the report to the People's Congress (Art. 13).</summary>
public static class BudgetLinkageApi
{
    public const long MaxImportBytes = 10 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/budget-linkage").WithTags("预算挂钩").RequireAuthorization(nameof(Permission.UseBusinessArea));
        g.MapGet("", async (int? year, long? departmentId, CurrentUser me, BudgetLinkageService s, CancellationToken ct) =>
            LinkageResponse.From(await s.ListAsync(year ?? me.FiscalYear - 1, departmentId, await me.CallerAsync(ct), ct)))
            .WithSummary("预算挂钩清单：评价年度 year（默认上一年度）的项目等级、挂钩建议（优先保障/维持/从严控制/建议取消）与压减额，部门整体评价结果，县区转移支付与财政运行综合绩效")
            .Produces<LinkageResponse>();
        g.MapPost("/decisions", async (LinkageDecisionRequest r, CurrentUser me, BudgetLinkageService s, CancellationToken ct) =>
        {
            var decision = LinkageNames.ParseSuggestion(r.Decision) ?? throw new Core.Common.DomainException("决定应为 priority、maintain、strict 或 cancel。");
            var d = await s.DecideAsync(new(r.ProjectId, decision, r.Amount, r.Reason, r.Version), await me.CallerAsync(ct), ct);
            return new LinkageDecisionItem(d.Id, d.Decision.WireName(), d.Decision.ChineseName(), d.Amount, d.Reason, d.DecidedByName, d.DecidedAt, d.Version);
        }).WithSummary("记录对某项目的预算挂钩决定（预算管理科；与建议不一致时须填写理由；再次提交即修改，全程留痕）").Produces<LinkageDecisionItem>();

        var t = api.MapGroup("/transfer-payments").WithTags("预算挂钩").RequireAuthorization(nameof(Permission.UseBusinessArea));
        t.MapGet("", async (int? year, CurrentUser me, BudgetLinkageService s, CancellationToken ct) =>
            (await s.TransferPaymentsAsync(year ?? me.FiscalYear, await me.CallerAsync(ct), ct))
                .Select(x => new TransferPaymentItem(x.Payment.Id, x.CountyCode, x.CountyName, x.Payment.FiscalYear, x.Payment.Code, x.Payment.Name, x.Payment.Amount,
                    x.Payment.Version)).ToList())
            .WithSummary("本级对所辖县区的转移支付（按年度）").Produces<List<TransferPaymentItem>>();
        t.MapPost("", async (TransferPaymentRequest[] rows, CurrentUser me, BudgetLinkageService s, CancellationToken ct) =>
        {
            var r = await s.SaveTransferPaymentsAsync(rows.Select(x => new TransferPaymentInput(x.CountyCode, x.FiscalYear, x.Code, x.Name, x.Amount)).ToList(),
                await me.CallerAsync(ct), 1, ct);
            return Result(r);
        }).WithSummary("录入或修改转移支付（JSON 数组；县区+年度+项目代码相同即修改；全部成功或全部不保存）")
            .Produces<TransferPaymentImportResponse>().Produces<TransferPaymentImportErrors>(StatusCodes.Status400BadRequest, "application/problem+json");
        t.MapPost("/import", async (IFormFile file, CurrentUser me, BudgetLinkageService s, CancellationToken ct) =>
        {
            if (file.Length > MaxImportBytes) return Rejected([new(0, null, "文件超过 10 MB。")]);
            await using var stream = file.OpenReadStream();
            return Result(await s.ImportTransferPaymentsAsync(stream, file.FileName, await me.CallerAsync(ct), ct));
        })
            .DisableAntiforgery() // bearer-token API: no cookie, so no cross-site request to forge
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes + 64 * 1024), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxImportBytes + 64 * 1024 })
            .WithSummary("导入转移支付（multipart 字段 file：.csv 或 .xlsx；表头 mof_div_code、fiscal_year、tp_code、tp_name、amount 或中文 财政区划代码、年度、项目代码、项目名称、金额）")
            .WithDescription("全部成功或全部不导入；重复导入同一文件不改变数据（计入 unchanged）。有错误时为 400，errors 逐行说明。")
            .Produces<TransferPaymentImportResponse>().Produces<TransferPaymentImportErrors>(StatusCodes.Status400BadRequest, "application/problem+json");

        var c = api.MapGroup("/congress-reports").WithTags("人大报告").RequireAuthorization(nameof(Permission.UseBusinessArea));
        c.MapGet("/{year:int}", async (int year, CurrentUser me, CongressReportService s, CancellationToken ct) =>
            CongressReportResponse.From(await s.FiguresAsync(year, await me.CallerAsync(ct), ct)))
            .WithSummary("向人大报告的数据：覆盖率（项目数与金额，含 PEFA PI-8 口径 most/majority/minority）、各部门等级分布、重点评价发现、整改完成、预算挂钩")
            .Produces<CongressReportResponse>();
        c.MapPost("/{year:int}", async (int year, CurrentUser me, CongressReportService s, CancellationToken ct) =>
        {
            var r = await s.GenerateAsync(year, await me.CallerAsync(ct), ct);
            return new { r.FiscalYear, r.GeneratedAt, r.GeneratedByName };
        }).WithSummary("生成（或重新生成）并保存该年度人大报告 .docx（绩效管理科）");
        c.MapGet("/{year:int}/docx", async (int year, CurrentUser me, CongressReportService s, CancellationToken ct) =>
        {
            var r = await s.StoredAsync(year, await me.CallerAsync(ct), ct);
            var f = await s.FiguresAsync(year, await me.CallerAsync(ct), ct);
            return Results.File(r.Docx, CongressReportDocument.ContentType, CongressReportDocument.FileName(f.RegionName, year));
        }).WithSummary("下载已生成的人大报告 .docx（未生成为 404）").Produces(StatusCodes.Status200OK, contentType: CongressReportDocument.ContentType);
    }

    private static IResult Result(TransferPaymentImportResult r) => r.Errors.Count == 0
        ? Results.Ok(new TransferPaymentImportResponse(r.Created, r.Updated, r.Unchanged))
        : Rejected(r.Errors);

    private static IResult Rejected(IReadOnlyList<ImportError> errors) =>
        Results.Json(new TransferPaymentImportErrors("导入失败", $"有 {errors.Count} 处错误，未保存任何数据。", errors),
            statusCode: StatusCodes.Status400BadRequest, contentType: "application/problem+json");
}
