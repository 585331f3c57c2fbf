using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Monitoring;

/// <summary>
/// One indicator of a warning preview: <c>comparison</c> is <c>&gt;=</c>, <c>&lt;=</c>, <c>=</c> (or ≥ ≤) with <c>target</c>
/// (annual) and <c>toDate</c>, or <c>qualitative</c> with <c>band</c> (<c>achieved</c>, <c>partial</c>, <c>notAchieved</c>).
/// </summary>
public sealed record WarningPreviewIndicator(string? Comparison = null, decimal? Target = null, decimal? ToDate = null, string? Band = null);

/// <summary>
/// A warning preview: figures to the end of <c>month</c> (1–12), budget and cumulative spending in yuan. <c>region</c> (id)
/// and <c>year</c> select the rule set and default to the caller's own region and selected fiscal year.
/// </summary>
public sealed record WarningPreviewRequest(
    int? Month = null, decimal? Budget = null, decimal? Executed = null, IReadOnlyList<WarningPreviewIndicator>? Indicators = null,
    long? Region = null, int? Year = null);

/// <summary>
/// The warnings, rates as fractions rounded half-up to 4 decimals (the colours come from the unrounded figures);
/// colours are <c>green</c>, <c>yellow</c>, <c>red</c>, <c>blue</c>. <c>ruleSet</c> says which rules were applied.
/// </summary>
public sealed record WarningPreviewResponse(
    decimal TimeProgress, decimal ExecutionRate, string BudgetColor, IReadOnlyList<string> IndicatorColors, string ProjectColor,
    long RegionId, int Year, string RuleSet);

public static class MonitoringApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/monitoring").WithTags("绩效运行监控").RequireAuthorization(nameof(Permission.UseBusinessArea));

        g.MapPost("/warning-preview", async (WarningPreviewRequest r, CurrentUser me, RuleSetService rules, CancellationToken ct) =>
        {
            // The input is checked before the region is looked up, so a bad request is 400 whatever the region.
            var input = ToInput(r);
            var scope = await me.ScopeAsync(ct);
            var regionId = r.Region ?? scope.HomeRegionId;
            if (!scope.CanSeeRegion(regionId)) return ApiResults.NotFound();
            var year = r.Year ?? me.FiscalYear;
            if (year is < 2000 or > 2100) throw new DomainException("预算年度无效。", Field("year", "预算年度应在2000到2100之间。"));
            var effective = await rules.ResolveAsync(regionId, year, ct);
            var w = WarningRules.Evaluate(input, effective.Content.Monitoring);
            return Results.Ok(new WarningPreviewResponse(
                Round(w.TimeProgress), Round(w.ExecutionRate), w.BudgetColor.WireName(), w.IndicatorColors.Select(c => c.WireName()).ToList(),
                w.ProjectColor.WireName(), regionId, year, effective.Source));
        })
        .WithSummary("预警试算：按某区划某年度规则计算时间进度、预算执行率、预算预警、各指标预警和项目预警（不保存）")
        .WithDescription("month 为数据截至月份（1–12），budget 为预算数、executed 为累计支出（元）；indicators 每项为定量指标 "
            + "{comparison: \">=\"|\"<=\"|\"=\", target 全年目标值, toDate 截至本月完成值} 或定性指标 {comparison: \"qualitative\", "
            + "band: \"achieved\"|\"partial\"|\"notAchieved\"}。region、year 不填时为本人所在区划和当前选择的年度；范围外的区划为 404。"
            + "比率为小数（0.35 即 35%），保留4位；颜色为 green、yellow、red、blue，恰在分界点上的归入较高档。")
        .Produces<WarningPreviewResponse>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound);

        MonitoringRoundsApi.Map(g);
    }

    private static decimal Round(decimal fraction) => Math.Round(fraction, 4, MidpointRounding.AwayFromZero);

    /// <summary>Maps the request onto the pure rules' input; a missing or unknown value is a Chinese 400 naming the field.</summary>
    private static WarningInput ToInput(WarningPreviewRequest r)
    {
        if (r.Month is not { } month) throw new DomainException("请填写数据截至月份 month（1到12）。", Field("month", "请填写月份（1到12）。"));
        WarningRules.CheckMonth(month);
        if (r.Budget is not { } budget) throw new DomainException("请填写预算金额 budget（元）。", Field("budget", "请填写预算金额（元）。"));
        if (r.Executed is not { } executed) throw new DomainException("请填写累计支出金额 executed（元）。", Field("executed", "请填写累计支出金额（元）。"));
        var indicators = new List<IndicatorProgress>();
        var list = r.Indicators ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var x = list[i];
            var name = $"indicators[{i}]";
            if (x is null) throw new DomainException($"第{i + 1}个指标为空。", Field(name, "指标为空。"));
            var comparison = MonitoringNames.ParseComparison(x.Comparison)
                ?? throw new DomainException($"第{i + 1}个指标：comparison 应为 >=、<=、= 或 qualitative，现为“{x.Comparison}”。",
                    Field($"{name}.comparison", "应为 >=、<=、= 或 qualitative。"));
            QualitativeBand? band = null;
            if (comparison == Core.Indicators.Comparison.Qualitative && x.Band is not null)
                band = MonitoringNames.ParseBand(x.Band) ?? throw new DomainException(
                    $"第{i + 1}个指标：band 应为 achieved（达成）、partial（部分达成）或 notAchieved（未达成），现为“{x.Band}”。",
                    Field($"{name}.band", "应为 achieved、partial 或 notAchieved。"));
            indicators.Add(new(comparison, x.Target, x.ToDate, band));
        }
        return new(month, budget, executed, indicators);
    }

    private static Dictionary<string, string[]> Field(string name, string message) => new() { [name] = [message] };
}
