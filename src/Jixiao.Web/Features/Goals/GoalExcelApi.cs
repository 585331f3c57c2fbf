using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Imports;
using Jixiao.Core.Projects;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jixiao.Web.Features.Goals;

public sealed record GoalImportResponse(int ProjectsUpdated, int ProjectsUnchanged, int ProjectsSkipped, int Indicators, IReadOnlyList<string> IgnoredColumns);

public sealed record GoalImportErrors(string Title, string Detail, IReadOnlyList<ImportError> Errors, IReadOnlyList<string> IgnoredColumns);

/// <summary>Goals as Excel: the 申报表 of one project, the flat template of a list, and the import of that template.</summary>
public static class GoalExcelApi
{
    /// <summary>The request limit is a little above the 10 MB file limit so that a slightly larger file gets the Chinese message.</summary>
    public const long RequestLimit = GoalExcelService.MaxFileBytes + 1024 * 1024;

    /// <summary>Maps on the /projects group (same authorisation as the project list).</summary>
    public static void MapOnProjects(RouteGroupBuilder projects)
    {
        projects.MapGet("/{id:long}/goal/export", async (long id, CurrentUser me, GoalExcelService excel, CancellationToken ct) =>
        {
            var file = await excel.DeclarationAsync(id, await me.ScopeAsync(ct), ct);
            return Results.File(file.Content, GoalWorkbook.ContentType, file.FileName);
        }).WithSummary("下载项目支出绩效目标申报表（.xlsx；范围外为 404）")
            .Produces(StatusCodes.Status200OK, contentType: GoalWorkbook.ContentType);

        projects.MapGet("/goals/export", async (int? year, long? departmentId, long? unitId, GoalState? goalState, BudgetKind? budgetKind,
            decimal? minBudget, decimal? maxBudget, string? q, ProjectKind? kind, CurrentUser me, GoalExcelService excel, CancellationToken ct) =>
        {
            var filter = new ProjectFilter(year ?? me.FiscalYear, departmentId, unitId, goalState, budgetKind, minBudget, maxBudget, q, kind);
            var file = await excel.TemplateAsync(await me.ScopeAsync(ct), filter, ct);
            return Results.File(file.Content, GoalWorkbook.ContentType, file.FileName);
        }).WithSummary("下载绩效目标导入模板：调用者范围内、按项目列表相同条件筛选的项目，每个指标一行（.xlsx）")
            .Produces(StatusCodes.Status200OK, contentType: GoalWorkbook.ContentType);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/imports").WithTags("导入").RequireAuthorization(nameof(Permission.UseBusinessArea));
        g.MapPost("/goals", async (IFormFile file, int? year, CurrentUser me, GoalExcelService excel, HttpContext http, CancellationToken ct) =>
        {
            if (file.Length > GoalExcelService.MaxFileBytes)
                return Rejected([new(0, null, "文件超过 10 MB，请分批导入。")], []);
            await using var stream = file.OpenReadStream();
            var r = await excel.ImportAsync(stream, file.FileName, year ?? me.FiscalYear, me.OrganizationId, me.Roles, await me.ScopeAsync(ct), ct);
            return r.Succeeded
                ? Results.Ok(new GoalImportResponse(r.ProjectsUpdated, r.ProjectsUnchanged, r.ProjectsSkipped, r.Indicators, r.IgnoredColumns))
                : Rejected(r.Errors, r.IgnoredColumns);
        })
            .DisableAntiforgery() // bearer-token API: no cookie, so no cross-site request to forge
            .WithMetadata(new RequestSizeLimitAttribute(RequestLimit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = RequestLimit })
            .WithSummary("导入绩效目标（multipart 字段 file：.xlsx 或 .csv，不超过 10 MB；全部成功或全部不导入；重复导入同一文件不产生新版本）")
            .WithDescription("表头可用中文（项目代码、一级指标、二级指标、三级指标、指标性质、指标值、度量单位、分值、评(扣)分标准、指标值设定依据、备注、年度目标、中长期目标）、"
                + "数据标准名（pro_code、kpi_target、kpi_lv1、kpi_lv2、kpi_lv3、kpi_val、kpi_evalstd、kpi_remark、lv1_perf_ind_name 等）或英文字段名，不区分大小写；"
                + "无法识别的列被忽略并在结果中列出。成功为 200 及各项计数；有任何错误为 400，errors 逐行逐列说明，且不修改任何数据。")
            .Produces<GoalImportResponse>()
            .Produces<GoalImportErrors>(StatusCodes.Status400BadRequest, "application/problem+json");
    }

    private static IResult Rejected(IReadOnlyList<ImportError> errors, IReadOnlyList<string> ignored) =>
        Results.Json(new GoalImportErrors("导入失败", $"文件有 {errors.Count} 处错误，未导入任何数据。请修改后重新导入。", errors, ignored),
            statusCode: StatusCodes.Status400BadRequest, contentType: "application/problem+json");
}
