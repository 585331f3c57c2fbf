using System.Globalization;
using System.Threading.RateLimiting;
using Jixiao.Core.Common;
using Jixiao.Core.Disclosure;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;

namespace Jixiao.Web.Features.Disclosure;

/// <summary>A published goal in the open data (the fields /public/fields documents; nothing else).</summary>
public sealed record OpenGoal(long Id, int FiscalYear, string Region, string Department, string Unit, string ProjectCode, string ProjectName,
    string ProjectKind, decimal TotalBudget, string? MediumTermGoal, string? AnnualGoal, IReadOnlyList<GoalIndicatorSnapshot> Indicators,
    DateTime PublishedAt, string Url);

/// <summary>A published evaluation result in the open data.</summary>
public sealed record OpenEvaluationResult(long Id, int FiscalYear, string Region, string Department, string? Unit, string Subject, string EvaluationType,
    decimal Score, string Grade, DateTime PublishedAt, string Url);

/// <summary>A published rectification status in the open data.</summary>
public sealed record OpenRectification(long Id, int FiscalYear, string Region, string Department, string? Unit, string Subject, string? Grade,
    DateOnly Deadline, string Status, int ItemCount, int ItemsDone, DateTime? CompletedAt, DateTime PublishedAt, string Url);

/// <summary>A department with published items.</summary>
public sealed record OpenDepartment(string Region, string Department, string DepartmentCode, int Goals, int EvaluationResults, int Rectifications);

/// <summary>One documented field of a data set: its name (JSON property and CSV header), type and meaning.</summary>
public sealed record OpenDataField(string Name, string Type, string Description);

/// <summary>One data set of the open data: its path and fields.</summary>
public sealed record OpenDataSet(string Path, string Title, string Description, IReadOnlyList<OpenDataField> Fields);

/// <summary>
/// The open data (Art. 13, 31): published items only, as JSON (<c>{items,total}</c>) or <c>?format=csv</c>, at stable URLs under
/// /public/api/v1, without sign-in, read-only, rate-limited per client address (<c>Jixiao:OpenData:PermitLimit</c> requests per
/// <c>Jixiao:OpenData:WindowSeconds</c>), in the OpenAPI document /openapi/public.json. Every row is built from the frozen snapshot.
/// </summary>
public static class OpenDataApi
{
    public const string DocumentName = "public";
    public const string RateLimitPolicy = "open-data";
    public const string Prefix = "/public/api/v1";

    private static readonly OpenDataField Id = new("id", "整数", "公开事项编号（稳定，对应 /public/items/{id}）");
    private static readonly OpenDataField FiscalYear = new("fiscalYear", "整数", "预算年度");
    private static readonly OpenDataField Region = new("region", "文本", "区划（财政部门）");
    private static readonly OpenDataField Department = new("department", "文本", "主管预算部门");
    private static readonly OpenDataField PublishedAt = new("publishedAt", "时间（UTC，ISO 8601）", "公开时间");
    private static readonly OpenDataField Url = new("url", "文本", "公开页面地址");

    public static readonly IReadOnlyList<OpenDataSet> DataSets =
    [
        new("goals", "重点项目绩效目标", "已公开的重点项目（政策）年度绩效目标及指标。", [
            Id, FiscalYear, Region, Department,
            new("unit", "文本", "预算单位"),
            new("projectCode", "文本", "项目代码"),
            new("projectName", "文本", "项目名称"),
            new("projectKind", "文本", "类型：项目或政策"),
            new("totalBudget", "数值（元）", "全年预算数，元"),
            new("mediumTermGoal", "文本", "中长期目标"),
            new("annualGoal", "文本", "年度目标"),
            new("indicators", "列表（CSV 中为以“；”分隔的文本）",
                "绩效指标：level1 一级指标、level2 二级指标、name 三级指标、target 指标值、unit 计量单位、weight 分值；CSV 中每项写作“一级/二级/三级：指标值 单位（分值）”"),
            PublishedAt, Url]),
        new("evaluation-results", "绩效评价结果", "已公开的绩效自评、重点评价和再评价结果。", [
            Id, FiscalYear, Region, Department,
            new("unit", "文本", "预算单位（部门整体或重点评价为空）"),
            new("subject", "文本", "评价对象（项目、政策或部门整体支出）"),
            new("evaluationType", "文本", "评价类型：自评、重点评价、再评价"),
            new("score", "数值", "评价得分（百分制）"),
            new("grade", "文本", "评价等级：优、良、中、差"),
            PublishedAt, Url]),
        new("rectifications", "整改情况", "已公开的评价发现问题整改情况。", [
            Id, FiscalYear, Region, Department,
            new("unit", "文本", "被评价单位"),
            new("subject", "文本", "评价对象"),
            new("grade", "文本", "评价等级"),
            new("deadline", "日期", "整改期限"),
            new("status", "文本", "整改状态"),
            new("itemCount", "整数", "整改事项数"),
            new("itemsDone", "整数", "已完成整改的事项数"),
            new("completedAt", "时间（UTC）", "整改完成（验收）时间，未完成为空"),
            PublishedAt, Url]),
        new("departments", "部门目录", "有公开事项的部门及各类公开事项数。", [
            new("region", "文本", "区划（财政部门）"),
            new("department", "文本", "主管预算部门"),
            new("departmentCode", "文本", "部门编码"),
            new("goals", "整数", "已公开的绩效目标数"),
            new("evaluationResults", "整数", "已公开的评价结果数"),
            new("rectifications", "整数", "已公开的整改情况数")]),
    ];

    public static void AddOpenDataRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, config) =>
        {
            var permit = Math.Max(1, config.GetValue("Jixiao:OpenData:PermitLimit", 60));
            var window = Math.Max(1, config.GetValue("Jixiao:OpenData:WindowSeconds", 60));
            o.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permit, Window = TimeSpan.FromSeconds(window), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = window.ToString(CultureInfo.InvariantCulture);
                await Problems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "请求过于频繁",
                    $"开放数据每个访问来源每{window}秒最多请求{permit}次，请稍后再试。");
            };
        });
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup(Prefix).WithGroupName(DocumentName).WithTags("开放数据").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);

        g.MapGet("/goals", async (int? year, string? format, DisclosureService s, CancellationToken ct) =>
            Respond(format, (await s.PublicAllAsync(DisclosureKind.Goal, year, ct)).Select(Goal).ToList(), "goals", GoalCells))
            .WithSummary("已公开的重点项目绩效目标（可按预算年度 year 筛选；format=csv 返回 CSV）")
            .Produces<Page<OpenGoal>>(StatusCodes.Status200OK, "application/json", "text/csv").ProducesProblem(StatusCodes.Status429TooManyRequests);

        g.MapGet("/evaluation-results", async (int? year, string? format, DisclosureService s, CancellationToken ct) =>
            Respond(format, (await s.PublicAllAsync(DisclosureKind.EvaluationResult, year, ct)).Select(EvaluationResult).ToList(), "evaluation-results",
                EvaluationCells))
            .WithSummary("已公开的绩效评价结果（可按预算年度 year 筛选；format=csv 返回 CSV）")
            .Produces<Page<OpenEvaluationResult>>(StatusCodes.Status200OK, "application/json", "text/csv").ProducesProblem(StatusCodes.Status429TooManyRequests);

        g.MapGet("/rectifications", async (int? year, string? format, DisclosureService s, CancellationToken ct) =>
            Respond(format, (await s.PublicAllAsync(DisclosureKind.Rectification, year, ct)).Select(Rectification).ToList(), "rectifications",
                RectificationCells))
            .WithSummary("已公开的整改情况（可按预算年度 year 筛选；format=csv 返回 CSV）")
            .Produces<Page<OpenRectification>>(StatusCodes.Status200OK, "application/json", "text/csv").ProducesProblem(StatusCodes.Status429TooManyRequests);

        g.MapGet("/departments", async (string? format, DisclosureService s, CancellationToken ct) =>
            Respond(format, (await s.PublicDepartmentsAsync(ct)).Select(d => new OpenDepartment(d.Region, d.Department, d.DepartmentCode, d.Goals,
                d.EvaluationResults, d.Rectifications)).ToList(), "departments", DepartmentCells))
            .WithSummary("有公开事项的部门目录及各类公开事项数（format=csv 返回 CSV）")
            .Produces<Page<OpenDepartment>>(StatusCodes.Status200OK, "application/json", "text/csv").ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    public static OpenGoal Goal(PublicItem i)
    {
        var s = DisclosureSnapshots.Deserialize<GoalSnapshot>(i.Snapshot);
        return new(i.Id, s.FiscalYear, s.Region, s.Department, s.Unit, s.ProjectCode, s.ProjectName, s.ProjectKind, s.TotalBudget, s.MediumTermGoal,
            s.AnnualGoal, s.Indicators, i.PublishedAt, ItemUrl(i.Id));
    }

    public static OpenEvaluationResult EvaluationResult(PublicItem i)
    {
        var s = DisclosureSnapshots.Deserialize<EvaluationResultSnapshot>(i.Snapshot);
        return new(i.Id, s.FiscalYear, s.Region, s.Department, s.Unit, s.Subject, s.EvaluationType, s.Score, s.Grade, i.PublishedAt, ItemUrl(i.Id));
    }

    public static OpenRectification Rectification(PublicItem i)
    {
        var s = DisclosureSnapshots.Deserialize<RectificationSnapshot>(i.Snapshot);
        return new(i.Id, s.FiscalYear, s.Region, s.Department, s.Unit, s.Subject, s.Grade, s.Deadline, s.Status, s.ItemCount, s.ItemsDone, s.CompletedAt,
            i.PublishedAt, ItemUrl(i.Id));
    }

    public static string ItemUrl(long id) => $"/public/items/{id.ToString(CultureInfo.InvariantCulture)}";

    public static string IndicatorText(GoalIndicatorSnapshot x) =>
        $"{x.Level1}/{x.Level2}/{x.Name}：{x.Target}{(x.Unit is null ? "" : " " + x.Unit)}（{Num(x.Weight)}分）";

    private static string Num(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Time(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string?[] GoalCells(OpenGoal x) => [x.Id.ToString(CultureInfo.InvariantCulture), x.FiscalYear.ToString(CultureInfo.InvariantCulture),
        x.Region, x.Department, x.Unit, x.ProjectCode, x.ProjectName, x.ProjectKind, Num(x.TotalBudget), x.MediumTermGoal, x.AnnualGoal,
        string.Join("；", x.Indicators.Select(IndicatorText)), Time(x.PublishedAt), x.Url];

    private static string?[] EvaluationCells(OpenEvaluationResult x) => [x.Id.ToString(CultureInfo.InvariantCulture),
        x.FiscalYear.ToString(CultureInfo.InvariantCulture), x.Region, x.Department, x.Unit, x.Subject, x.EvaluationType, Num(x.Score), x.Grade,
        Time(x.PublishedAt), x.Url];

    private static string?[] RectificationCells(OpenRectification x) => [x.Id.ToString(CultureInfo.InvariantCulture),
        x.FiscalYear.ToString(CultureInfo.InvariantCulture), x.Region, x.Department, x.Unit, x.Subject, x.Grade,
        x.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), x.Status, x.ItemCount.ToString(CultureInfo.InvariantCulture),
        x.ItemsDone.ToString(CultureInfo.InvariantCulture), x.CompletedAt is { } c ? Time(c) : null, Time(x.PublishedAt), x.Url];

    private static string?[] DepartmentCells(OpenDepartment x) => [x.Region, x.Department, x.DepartmentCode, x.Goals.ToString(CultureInfo.InvariantCulture),
        x.EvaluationResults.ToString(CultureInfo.InvariantCulture), x.Rectifications.ToString(CultureInfo.InvariantCulture)];

    private static IResult Respond<T>(string? format, IReadOnlyList<T> rows, string set, Func<T, string?[]> cells)
    {
        switch (format?.Trim().ToLowerInvariant())
        {
            case null or "" or "json":
                return Results.Ok(new Page<T>(rows, rows.Count));
            case "csv":
                var headers = DataSets.First(d => d.Path == set).Fields.Select(f => f.Name).ToList();
                return Results.File(OpenDataCsv.Write(headers, rows.Select(r => (IReadOnlyList<string?>)cells(r))), "text/csv; charset=utf-8", $"{set}.csv");
            default:
                throw new DomainException("format 只能是 json 或 csv。");
        }
    }
}
