using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>The budget of a self-evaluation preview, in yuan: full-year budget (全年预算数) and full-year execution (全年执行数).</summary>
public sealed record SelfEvaluationPreviewBudget(decimal? FullYear = null, decimal? Executed = null);

/// <summary>
/// One level-3 indicator of a self-evaluation preview. <c>level1</c>: <c>cost</c>, <c>output</c>, <c>benefit</c> or
/// <c>satisfaction</c>; <c>comparison</c>: <c>&gt;=</c>, <c>&lt;=</c>, <c>=</c> (or ≥ ≤) with <c>target</c> and <c>actual</c>, or
/// <c>qualitative</c> with <c>band</c> (<c>achieved</c>, <c>partial</c>, <c>notAchieved</c>) and the <c>points</c> entered in it;
/// <c>weight</c>: the indicator's points (分值).
/// </summary>
public sealed record SelfEvaluationPreviewIndicator(
    string? Level1 = null, string? Comparison = null, decimal? Target = null, decimal? Actual = null, decimal? Weight = null,
    string? Band = null, decimal? Points = null);

/// <summary>
/// A self-evaluation preview. <c>region</c> (id) and <c>year</c> select the rule set and default to the caller's own region and
/// selected fiscal year.
/// </summary>
public sealed record SelfEvaluationPreviewRequest(
    SelfEvaluationPreviewBudget? Budget = null, IReadOnlyList<SelfEvaluationPreviewIndicator>? Indicators = null, long? Region = null, int? Year = null);

/// <summary>
/// One indicator's result: its points (rounded half-up to 4 decimals for display; the total uses the unrounded points), whether
/// its target is met, whether it is over-achieved past the rule set's threshold, <c>needsExplanation</c> (not met or
/// over-achieved: the real form then requires a deviation reason and measures, or an explanation) and the formula with its numbers.
/// </summary>
public sealed record SelfEvaluationPreviewIndicatorResult(
    string Level1, string Comparison, decimal Weight, decimal Points, bool Met, bool OverAchieved, bool NeedsExplanation, string Explanation);

/// <summary>
/// The preview's score: execution rate (a fraction) and points, the indicators, <c>total</c> (rounded half-up to 2 decimals, once,
/// at the end) and its <c>grade</c> (<c>excellent</c>, <c>good</c>, <c>fair</c>, <c>poor</c>; <c>gradeName</c> 优/良/中/差);
/// <c>warnings</c>: the weight findings (Chinese), which do not stop the scoring. <c>ruleSetVersion</c> is the version number of
/// the stored rule set in force (null: the national defaults), <c>ruleSet</c> says which it is.
/// </summary>
public sealed record SelfEvaluationPreviewResponse(
    decimal ExecutionRate, decimal ExecutionPoints, string ExecutionExplanation, IReadOnlyList<SelfEvaluationPreviewIndicatorResult> Indicators,
    decimal Total, string Grade, string GradeName, bool NeedsExplanation, IReadOnlyList<string> Warnings,
    int? RuleSetVersion, string RuleSet, long RegionId, int Year);

public static class EvaluationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/scoring").WithTags("绩效评价").RequireAuthorization(nameof(Permission.UseBusinessArea));

        g.MapPost("/self-evaluation-preview", async (SelfEvaluationPreviewRequest r, CurrentUser me, RuleSetService rules, CancellationToken ct) =>
        {
            // The input is checked before the region is looked up, so a bad request is 400 whatever the region.
            var input = ToInput(r);
            var scope = await me.ScopeAsync(ct);
            var regionId = r.Region ?? scope.HomeRegionId;
            if (!scope.CanSeeRegion(regionId)) return ApiResults.NotFound();
            var year = r.Year ?? me.FiscalYear;
            if (year is < 2000 or > 2100) throw new DomainException("预算年度无效。", Field("year", "预算年度应在2000到2100之间。"));
            var effective = await rules.ResolveAsync(regionId, year, ct);
            var score = SelfEvaluationScoring.Score(input, effective.Content, effective.Stored?.Id);
            var warnings = SelfEvaluationScoring.CheckWeights(input.Indicators, effective.Content.SelfEvaluation).Select(f => f.Message).ToList();
            var indicators = score.Indicators.Select((s, i) => new SelfEvaluationPreviewIndicatorResult(
                EvaluationNames.Level1WireName(input.Indicators[i].Level1), WireName(input.Indicators[i].Comparison), s.Weight, Display(s.Points),
                s.Met, s.OverAchieved, s.NeedsExplanation, s.Explanation)).ToList();
            return Results.Ok(new SelfEvaluationPreviewResponse(
                Display(score.ExecutionRate), Display(score.ExecutionPoints), score.ExecutionExplanation, indicators,
                score.Total, score.Grade.WireName(), score.Grade.ChineseName(), score.NeedsExplanation, warnings,
                effective.Stored?.VersionNo, effective.Source, regionId, year));
        })
        .WithSummary("自评试算：按某区划某年度规则计算预算执行率得分、各指标得分（附计算过程）、总分和等级（不保存）")
        .WithDescription("budget: {fullYear 全年预算数, executed 全年执行数}（元）；indicators 每项为 {level1: \"cost\"|\"output\"|\"benefit\"|"
            + "\"satisfaction\", weight 分值, comparison: \">=\"|\"<=\"|\"=\", target 目标值, actual 实际完成值} 或定性指标 {comparison: "
            + "\"qualitative\", band: \"achieved\"|\"partial\"|\"notAchieved\", points 在该档内填写的得分}。region、year 不填时为本人所在区划和"
            + "当前选择的年度；范围外的区划为 404。定性得分超出所选档次、负数或缺项为 400，并写明允许的范围。各项得分不在中间舍入（显示保留4位），"
            + "总分为各项之和四舍五入到2位，等级 grade 为 excellent、good、fair、poor。needsExplanation 标出未达成或超额完成（达到规则的超额比例）"
            + "的指标，正式填报时须说明；warnings 为分值结构不符合规则的提示，不影响计算。ruleSetVersion 为所用规则的版本号（全国默认规则为 null）。")
        .Produces<SelfEvaluationPreviewResponse>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Half-up to 4 decimals, for display only: the total is computed from the unrounded points.</summary>
    private static decimal Display(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    private static string WireName(Comparison c) => c switch
    {
        Comparison.AtLeast => ">=",
        Comparison.AtMost => "<=",
        Comparison.Equal => "=",
        Comparison.Qualitative => "qualitative",
    };

    /// <summary>Maps the request onto the engine's input; a missing or unknown value is a Chinese 400 naming the field.</summary>
    private static SelfEvaluationInput ToInput(SelfEvaluationPreviewRequest r)
    {
        if (r.Budget?.FullYear is not { } fullYear)
            throw new DomainException("请填写全年预算数 budget.fullYear（元）。", Field("budget.fullYear", "请填写全年预算数（元）。"));
        if (r.Budget.Executed is not { } executed)
            throw new DomainException("请填写全年执行数 budget.executed（元）。", Field("budget.executed", "请填写全年执行数（元）。"));
        var list = r.Indicators ?? [];
        if (list.Count == 0) throw new DomainException("请至少填写一个指标 indicators。", Field("indicators", "请至少填写一个指标。"));
        var indicators = new List<ScoringIndicator>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var x = list[i];
            var name = $"indicators[{i}]";
            if (x is null) throw new DomainException($"第{i + 1}个指标为空。", Field(name, "指标为空。"));
            var level1 = EvaluationNames.ParseLevel1(x.Level1)
                ?? throw new DomainException($"第{i + 1}个指标：level1 应为 cost、output、benefit 或 satisfaction，现为“{x.Level1}”。",
                    Field($"{name}.level1", "应为 cost、output、benefit 或 satisfaction。"));
            var comparison = MonitoringNames.ParseComparison(x.Comparison)
                ?? throw new DomainException($"第{i + 1}个指标：comparison 应为 >=、<=、= 或 qualitative，现为“{x.Comparison}”。",
                    Field($"{name}.comparison", "应为 >=、<=、= 或 qualitative。"));
            if (x.Weight is not { } weight)
                throw new DomainException($"第{i + 1}个指标：请填写分值 weight。", Field($"{name}.weight", "请填写分值。"));
            QualitativeBand? band = null;
            if (comparison == Comparison.Qualitative && x.Band is not null)
                band = MonitoringNames.ParseBand(x.Band) ?? throw new DomainException(
                    $"第{i + 1}个指标：band 应为 achieved（达成）、partial（部分达成）或 notAchieved（未达成），现为“{x.Band}”。",
                    Field($"{name}.band", "应为 achieved、partial 或 notAchieved。"));
            indicators.Add(new(level1, comparison, weight, x.Target, x.Actual, band, x.Points));
        }
        return new(fullYear, executed, indicators);
    }

    private static Dictionary<string, string[]> Field(string name, string message) => new() { [name] = [message] };
}
