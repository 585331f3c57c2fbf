using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Workflows;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>
/// A new re-evaluation: <c>method</c> Random (with <c>count</c> or <c>share</c> as a fraction, optional <c>seed</c> and <c>departmentId</c>)
/// or Chosen (with <c>selfEvaluationIds</c>); <c>reScorerName</c> records an assigned expert or agency.
/// </summary>
public sealed record ReEvaluationRequest(string Title, ReEvaluationMethod Method, long? Seed = null, int? Count = null, decimal? Share = null,
    long? DepartmentId = null, IReadOnlyList<long>? SelfEvaluationIds = null, string? ReScorerName = null, int? Year = null);

public sealed record ReScoreRequest(int Version, IReadOnlyList<ReScoreIndicatorInput> Indicators, string? Comment = null);

public sealed record CompleteRequest(int Version, string? Conclusion = null);

public sealed record ReEvaluationListItem(long Id, int FiscalYear, string Title, string Method, string MethodName, long? Seed, int SampleCount, string State,
    string StateName, string OrganizerName, string? ReScorerName, DateTime CreatedAt, DateTime? CompletedAt, int ReScored, int Flagged, int Version);

public sealed record ReEvaluationItemListItem(long Id, int SampleOrder, long SelfEvaluationId, long ProjectId, string ProjectCode, string ProjectName,
    string UnitName, string DepartmentName, decimal SelfTotal, string SelfGrade, decimal? ReTotal, string? ReGrade, decimal? TotalDifference, bool Flagged,
    DateTime? ReScoredAt, int Version)
{
    public static ReEvaluationItemListItem From(ReEvaluationItemRow r) => new(r.Id, r.SampleOrder, r.SelfEvaluationId, r.ProjectId, r.ProjectCode,
        r.ProjectName, r.UnitName, r.DepartmentName, r.SelfTotal, r.SelfGrade.WireName(), r.ReTotal, r.ReGrade?.WireName(), r.TotalDifference, r.Flagged,
        r.ReScoredAt, r.Version);
}

public sealed record ReEvaluationResponse(long Id, int FiscalYear, string Title, string Method, string MethodName, long? Seed, int SampleCount,
    decimal? SampleShare, long? DepartmentId, string? DepartmentName, int Population, decimal Threshold, string State, string StateName, string OrganizerName,
    string? ReScorerName, string? Conclusion, DateTime CreatedAt, DateTime? CompletedAt, IReadOnlyList<ReEvaluationItemListItem> Items,
    IReadOnlyList<string> Actions, IReadOnlyList<WorkflowStep> History, int Version);

/// <summary>
/// One indicator side by side: the self-evaluation's values and points, the re-scorer's, and the difference (self − re, 2 decimals); points
/// rounded to 4 decimals for display.
/// </summary>
public sealed record ReEvaluationIndicatorItem(long Id, string Level1, string Name, string Comparison, decimal? Target, decimal Weight, decimal? SelfActual,
    string? SelfBand, decimal SelfPoints, decimal? Actual, string? Band, decimal? EnteredPoints, string? Comment, decimal? Points, string? Explanation,
    decimal? Difference);

public sealed record ReEvaluationItemResponse(long Id, long ReEvaluationId, string ReEvaluationTitle, string ReEvaluationState, int FiscalYear,
    long SelfEvaluationId, string ProjectCode, string ProjectName, string UnitName, string DepartmentName, long RuleSetId, int RuleSetVersion,
    decimal Threshold, decimal SelfExecutionPoints, decimal SelfTotal, string SelfGrade, string SelfGradeName, decimal? ReExecutionPoints, decimal? ReTotal,
    string? ReGrade, string? ReGradeName, decimal? TotalDifference, bool Flagged, string? Comment, string? ReScoredByName, DateTime? ReScoredAt,
    IReadOnlyList<ReEvaluationIndicatorItem> Indicators, bool CanReScore, int Version);

public sealed record EvaluationListItem(string Type, string TypeName, long Id, int FiscalYear, long DepartmentId, string DepartmentName, long? UnitId,
    string? UnitName, string SubjectName, decimal Score, string Grade, string GradeName, string StateName, bool Flagged, string Link)
{
    public static EvaluationListItem From(EvaluationCatalogRow r) => new(r.Type.WireName(), r.Type.ChineseName(), r.Id, r.FiscalYear, r.DepartmentId,
        r.DepartmentName, r.UnitId, r.UnitName, r.SubjectName, r.Score, r.Grade.WireName(), r.Grade.ChineseName(), r.StateName, r.Flagged, r.Link);
}

/// <summary>再评价 (RULES §4) and the list of evaluation results of every kind.</summary>
public static class ReEvaluationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/evaluations").WithTags("绩效评价").RequireAuthorization(nameof(Core.Identity.Permission.UseBusinessArea));

        g.MapGet("", async (int? year, long? departmentId, string? grade, string? type, int? page, int? pageSize, CurrentUser me, EvaluationCatalog catalog,
            CancellationToken ct) =>
        {
            var (p, s) = Paging.Normalize(page, pageSize);
            var result = await catalog.ListAsync(CatalogFilter(year, departmentId, grade, type), await me.CallerAsync(ct), p, s, ct);
            return new Page<EvaluationListItem>(result.Items.Select(EvaluationListItem.From).ToList(), result.Total);
        }).WithSummary("评价结果列表（调用者范围内的自评、再评价等已评分的评价；按年度 year、部门 departmentId、等级 grade（excellent/good/fair/poor）、类型 type（self/key/re）筛选，分页）");

        g.MapGet("/re", async (int? year, int? page, int? pageSize, CurrentUser me, ReEvaluationService s, CancellationToken ct) =>
        {
            var (p, size) = Paging.Normalize(page, pageSize);
            var result = await s.ListAsync(year, await me.CallerAsync(ct), p, size, ct);
            return new Page<ReEvaluationListItem>(result.Items.Select(r => new ReEvaluationListItem(r.Id, r.FiscalYear, r.Title, r.Method.ToString(),
                r.Method.ChineseName(), r.Seed, r.SampleCount, r.State.ToString(), r.State.ChineseName(), r.OrganizerName, r.ReScorerName, r.CreatedAt,
                r.CompletedAt, r.ReScored, r.Flagged, r.Version)).ToList(), result.Total);
        }).WithSummary("再评价列表（绩效管理科：本区划及下级区划；按年度 year 筛选，分页）");

        g.MapGet("/re/candidates", async (int? year, long? departmentId, CurrentUser me, ReEvaluationService s, CancellationToken ct) =>
        {
            var rows = await s.CandidatesAsync(year ?? me.FiscalYear, departmentId, await me.CallerAsync(ct), ct);
            return new Page<SelfEvaluationListItem>(rows.Select(x => new SelfEvaluationListItem(x.Id, x.TaskId, x.ProjectId, x.ProjectCode, x.ProjectName,
                x.UnitId, x.UnitName, x.DepartmentId, x.DepartmentName, x.State.ToString(), x.State.ChineseName(), x.Total, x.Grade?.WireName(),
                x.Grade?.ChineseName(), x.SubmittedAt, x.Version)).ToList(), rows.Count);
        }).WithSummary("可抽取的自评表（绩效管理科：本区划该年度已提交的自评表，即随机抽样的总体）");

        g.MapPost("/re", async (ReEvaluationRequest r, CurrentUser me, ReEvaluationService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var created = await s.CreateAsync(r.Year ?? me.FiscalYear, new ReEvaluationInput(r.Title, r.Method, r.Seed, r.Count, r.Share, r.DepartmentId,
                r.SelfEvaluationIds, r.ReScorerName), caller, ct);
            return Results.Created($"/api/v1/evaluations/re/{created.Id}", ToResponse(await s.DetailAsync(created.Id, caller, ct)));
        }).WithSummary("组织再评价并抽取样本（绩效管理科）：随机抽取 Random（份数 count 或比例 share，可指定种子 seed 和部门 departmentId，种子记录在案可复核）或指定 Chosen（selfEvaluationIds）");

        g.MapGet("/re/{id:long}", async (long id, CurrentUser me, ReEvaluationService s, CancellationToken ct) =>
            ToResponse(await s.DetailAsync(id, await me.CallerAsync(ct), ct)))
            .WithSummary("再评价详情：抽样方式、种子、阈值，各样本的自评得分、再评价得分、差异及是否标记为低质量自评（范围外为 404）");

        g.MapGet("/re/{id:long}/verify-sample", async (long id, CurrentUser me, ReEvaluationService s, CancellationToken ct) =>
            await s.VerifySampleAsync(id, await me.CallerAsync(ct), ct))
            .WithSummary("复核随机抽样：用记录的种子和总体重新抽取，返回是否与实际样本一致（reproduced）及当前总体是否未变（populationUnchanged）");

        g.MapPost("/re/{id:long}/complete", async (long id, CompleteRequest r, CurrentUser me, ReEvaluationService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.CompleteAsync(id, r.Version, r.Conclusion, caller, ct);
            return ToResponse(await s.DetailAsync(id, caller, ct));
        }).WithSummary("完成再评价（绩效管理科；全部样本已复核评分；完成后被评价单位可查看本单位结果）");

        g.MapGet("/re/items/{itemId:long}", async (long itemId, CurrentUser me, ReEvaluationService s, CancellationToken ct) =>
            ToResponse(await s.ItemAsync(itemId, await me.CallerAsync(ct), ct)))
            .WithSummary("再评价样本：逐项对照自评得分与再评价得分及差异（自评减再评价），总分差异和标记；被评价单位在再评价完成后可查看本单位的");

        g.MapPut("/re/items/{itemId:long}", async (long itemId, ReScoreRequest r, CurrentUser me, ReEvaluationService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.ReScoreAsync(itemId, r.Version, new ReScoreInput(r.Indicators, r.Comment), caller, ct);
            return ToResponse(await s.ItemAsync(itemId, caller, ct));
        }).WithSummary("复核评分（绩效管理科）：各指标的核实值 actual，定性指标档次 band 及档内得分 points，复核说明 comment；用自评所用规则版本和同一计分引擎重新计分，总分差异超过规则阈值（默认10分）的标记为低质量自评");
    }

    public static EvaluationCatalogFilter CatalogFilter(int? year, long? departmentId, string? grade, string? type)
    {
        Grade? gr = null;
        if (!string.IsNullOrWhiteSpace(grade))
            gr = Enum.TryParse<Grade>(grade.Trim(), true, out var parsed) && Enum.IsDefined(parsed) ? parsed
                : throw new DomainException("等级应为 excellent、good、fair 或 poor。");
        EvaluationType? t = null;
        if (!string.IsNullOrWhiteSpace(type)) t = EvaluationTypes.Parse(type) ?? throw new DomainException("评价类型应为 self（自评）、key（重点评价）或 re（再评价）。");
        return new(year, departmentId, gr, t);
    }

    private static string WireName(Comparison c) => c switch
    {
        Comparison.AtLeast => ">=",
        Comparison.AtMost => "<=",
        Comparison.Equal => "=",
        Comparison.Qualitative => "qualitative",
    };

    private static decimal? Display(decimal? value) => value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero) : null;

    private static ReEvaluationResponse ToResponse(ReEvaluationDetail d)
    {
        var r = d.ReEvaluation;
        return new(r.Id, r.FiscalYear, r.Title, r.Method.ToString(), r.Method.ChineseName(), r.Seed, r.SampleCount, r.SampleShare, r.DepartmentFilterId,
            d.DepartmentFilterName, r.PopulationIds.Count, r.Threshold, r.State.ToString(), r.State.ChineseName(), r.OrganizerName, r.ReScorerName,
            r.Conclusion, r.CreatedAt, r.CompletedAt, d.Items.Select(ReEvaluationItemListItem.From).ToList(), d.Actions.Select(a => a.ToString()).ToList(),
            d.History, r.Version);
    }

    private static ReEvaluationItemResponse ToResponse(ReEvaluationItemView v)
    {
        var i = v.Item;
        return new(i.Id, v.ReEvaluation.Id, v.ReEvaluation.Title, v.ReEvaluation.State.ToString(), v.ReEvaluation.FiscalYear, i.SelfEvaluationId,
            v.Row.ProjectCode, v.Row.ProjectName, v.Row.UnitName, v.Row.DepartmentName, i.RuleSetId, v.RuleSetVersion, v.ReEvaluation.Threshold,
            Display(i.SelfExecutionPoints)!.Value, i.SelfTotal, i.SelfGrade.WireName(), i.SelfGrade.ChineseName(), Display(i.ReExecutionPoints), i.ReTotal,
            i.ReGrade?.WireName(), i.ReGrade?.ChineseName(), i.TotalDifference, i.Flagged, i.Comment, i.ReScoredByName, i.ReScoredAt,
            i.Indicators.OrderBy(x => x.SortOrder).Select(x => new ReEvaluationIndicatorItem(x.Id, EvaluationNames.Level1WireName(x.Level1), x.Name,
                WireName(x.Comparison), x.Target, x.Weight, x.SelfActual, x.SelfBand?.ToString(), Display(x.SelfPoints)!.Value, x.Actual, x.Band?.ToString(),
                x.EnteredPoints, x.Comment, Display(x.Points), x.Explanation, x.Difference)).ToList(),
            v.CanReScore, i.Version);
    }
}
