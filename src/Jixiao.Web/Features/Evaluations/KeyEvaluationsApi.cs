using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Workflows;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Evaluations;

public sealed record KeyEvaluationListItem(long Id, string Title, string SubjectKind, string SubjectKindName, int FiscalYear, long DepartmentId,
    string DepartmentName, string State, string StateName, string? Method, string? MethodName, decimal? TotalScore, string? Grade, string? GradeName,
    DateOnly? ScoringDeadline, DateTime? CompletedAt, int Version)
{
    public static KeyEvaluationListItem From(KeyEvaluationRow r) => new(r.Id, r.Title, r.SubjectKind.ToString(), r.SubjectKind.ChineseName(), r.FiscalYear,
        r.DepartmentId, r.DepartmentName, r.State.ToString(), KeyEvaluationWorkflow.ChineseName(r.State), r.Method?.ToString(), r.Method?.ChineseName(),
        r.TotalScore, r.Grade?.WireName(), r.Grade?.ChineseName(), r.ScoringDeadline, r.CompletedAt, r.Version);
}

/// <summary>A new key evaluation: <c>subjectKind</c> Projects (<c>projectIds</c> of one department), Policy (one id in <c>projectIds</c>) or DepartmentOverall (<c>departmentId</c>, <c>year</c>).</summary>
public sealed record KeyEvaluationCreateRequest(KeyEvaluationSubjectKind SubjectKind, IReadOnlyList<long>? ProjectIds = null, long? DepartmentId = null, int? Year = null,
    string? Title = null, string? Background = null, DateOnly? ScoringDeadline = null, DateOnly? ReportDeadline = null);

public sealed record KeyPlanRequest(int Version, string? Background = null, DateOnly? ScoringDeadline = null, DateOnly? ReportDeadline = null);

/// <summary>The whole framework: one row per level-3 indicator; <c>level1</c> is Decision, Process, Output or Benefit.</summary>
public sealed record KeyFrameworkRequest(int Version, IReadOnlyList<FrameworkRowInput> Indicators);

public sealed record KeyAssignRequest(int Version, KeyEvaluationMethod Method, int? ExpertCount = null, string? ExpertField = null, long? AgencyId = null);

public sealed record KeyVersionRequest(int Version);

public sealed record KeyReasonRequest(int Version, string Reason);

public sealed record KeyConclusionsRequest(int Version, string? Conclusions = null, string? Experience = null, string? Problems = null, string? Suggestions = null,
    string? OtherNotes = null);

public sealed record KeyRatingRequest(decimal Score, string Remarks);

public sealed record KeyDrawItem(long Seed, int Count, string? Field, int Eligible, int Excluded);

public sealed record KeyGroupItem(string Level1, string Name, decimal Weight, decimal Score);

public sealed record KeyRatingItem(decimal Score, string Remarks, string RatedByName, DateTime At);

/// <summary>
/// A key evaluation as the caller may see it: <c>indicators</c> carry their score (the aggregate of the scorers, unrounded) and its formula only
/// once scoring is closed; <c>scorers</c> carry points and comments only for the caller's own sheet until then.
/// </summary>
public sealed record KeyEvaluationResponse(long Id, string Title, string SubjectKind, string SubjectKindName, int FiscalYear, long DepartmentId, string DepartmentName,
    string OrganizerName, string? Background, DateOnly? ScoringDeadline, DateOnly? ReportDeadline, string State, string StateName, string? Method, string? MethodName,
    string? AgencyName, KeyDrawItem? Draw, IReadOnlyList<KeySubjectView> Subjects, IReadOnlyList<KeyIndicatorView> Indicators, decimal OutputPlusBenefitMinimum,
    IReadOnlyList<string> FrameworkProblems, IReadOnlyList<KeyScorerView> Scorers, IReadOnlyList<KeyGroupItem>? Groups, decimal? TotalScore, string? Grade,
    string? GradeName, string? RuleSet, string? Conclusions, string? Experience, string? Problems, string? Suggestions, string? OtherNotes, string? ReopenReason,
    IReadOnlyList<string> Actions, bool IsOrganiser, bool CanEditFramework, bool CanScore, bool CanWriteConclusions, bool CanRate, KeyRatingItem? Rating,
    IReadOnlyList<WorkflowStep> History, int Version);

/// <summary>重点评价 (RULES §4): an expert's token reaches only that expert's assignments, an agency's only its engagements.</summary>
public static class KeyEvaluationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/evaluations/key").WithTags("重点评价").RequireAuthorization(nameof(Permission.UseBusinessArea));

        g.MapGet("", async (int? year, long? departmentId, string? grade, KeyEvaluationState? state, string? q, int? page, int? pageSize, CurrentUser me,
            KeyEvaluationService s, CancellationToken ct) =>
        {
            var (p, size) = Paging.Normalize(page, pageSize);
            var result = await s.ListAsync(await me.CallerAsync(ct), new KeyEvaluationFilter(year, departmentId, ParseGrade(grade), state, q), p, size, ct);
            return new Page<KeyEvaluationListItem>(result.Items.Select(KeyEvaluationListItem.From).ToList(), result.Total);
        }).WithSummary("重点评价列表（调用者范围内；按年度 year、部门 departmentId、等级 grade（excellent/good/fair/poor）、状态 state、关键字 q 筛选；专家只见分配给本人的，被评价部门和单位只见已完成的）");

        g.MapGet("/{id:long}", async (long id, CurrentUser me, KeyEvaluationService s, CancellationToken ct) =>
            ToResponse(await s.DetailAsync(id, await me.CallerAsync(ct), ct)))
            .WithSummary("重点评价详情（结束评分前，评分人只能看到本人的评分；范围外或未分配为 404）");

        g.MapPost("", async (KeyEvaluationCreateRequest r, CurrentUser me, KeyEvaluationService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var e = await s.CreateAsync(new KeyEvaluationInput(r.SubjectKind, r.ProjectIds, r.DepartmentId, r.Year, r.Title, r.Background, r.ScoringDeadline,
                r.ReportDeadline), me.FiscalYear, caller, ct);
            return Results.Created($"/api/v1/evaluations/key/{e.Id}", ToResponse(await s.DetailAsync(e.Id, caller, ct)));
        }).WithSummary("新建重点评价（绩效管理科）：评价对象为同一部门的一个或多个项目（Projects）、一项政策（Policy）或部门整体支出（DepartmentOverall）；指标体系取规则集中的参考指标体系及默认权重");

        g.MapPut("/{id:long}", (long id, KeyPlanRequest r, CurrentUser me, KeyEvaluationService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.EditPlanAsync(id, r.Version, r.Background, r.ScoringDeadline, r.ReportDeadline, c, ct)))
            .WithSummary("修改基本情况和评分、报告截止日期（组织方）");

        g.MapPut("/{id:long}/framework", (long id, KeyFrameworkRequest r, CurrentUser me, KeyEvaluationService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.SaveFrameworkAsync(id, r.Version, r.Indicators ?? [], c, ct)))
            .WithSummary("保存指标体系（组织方，草稿阶段）：一级指标 Decision 决策 / Process 过程 / Output 产出 / Benefit 效益，权重合计100，产出与效益权重合计不低于规则集下限（默认60）");

        g.MapPost("/{id:long}/assign", (long id, KeyAssignRequest r, CurrentUser me, KeyEvaluationService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.AssignAsync(id, r.Version, new KeyAssignInput(r.Method, r.ExpertCount, r.ExpertField, r.AgencyId), c, ct)))
            .WithSummary("选定评价人员并开始评分：Experts 从专家库随机抽取（人数默认取规则集，回避被评价单位、部门及其关联机构，抽取种子留痕）/ Agency 委托第三方机构（黑名单或有关联关系的机构被拒绝）");

        g.MapGet("/{id:long}/draw-check", async (long id, CurrentUser me, KeyEvaluationService s, CancellationToken ct) =>
            new Jixiao.Web.Features.PriorAssessments.DrawCheckResponse(await s.VerifyDrawAsync(id, await me.CallerAsync(ct), ct)))
            .WithSummary("按记录的种子和候选名单重演专家抽取，核对是否与分配的专家一致");

        g.MapPut("/{id:long}/my-sheet", async (long id, KeySheetInput r, CurrentUser me, KeyEvaluationService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.ScoreAsync(id, r, caller, ct);
            return ToResponse(await s.DetailAsync(id, caller, ct));
        }).WithSummary("评分人提交（或在结束评分前修改）本人的评分表：每个指标的得分（0到权重）和评分说明（必填）、综合意见；修改时须带 version；组织方代录未开通账号专家的纸质评分表时带 scorerId");

        g.MapPost("/{id:long}/close", (long id, KeyVersionRequest r, CurrentUser me, KeyEvaluationService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.CloseAsync(id, r.Version, c, ct)))
            .WithSummary("结束评分（组织方）：每个指标取评分人平均分（规则集可改为去掉最高最低分），合计后四舍五入保留两位小数，按规则集等级分数线定级，记录所用规则版本");

        g.MapPost("/{id:long}/reopen", (long id, KeyReasonRequest r, CurrentUser me, KeyEvaluationService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.ReopenAsync(id, r.Version, r.Reason, c, ct))).WithSummary("重新开启评分（组织方，须说明理由；已算得的得分作废）");

        g.MapPut("/{id:long}/conclusions", (long id, KeyConclusionsRequest r, CurrentUser me, KeyEvaluationService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.WriteConclusionsAsync(id, r.Version, new KeyConclusionsInput(r.Conclusions, r.Experience, r.Problems, r.Suggestions, r.OtherNotes), c, ct)))
            .WithSummary("撰写评价结论（组织方，结束评分后）：综合评价结论、主要经验做法、存在问题及原因、有关建议、其他需要说明的问题");

        g.MapPost("/{id:long}/complete", (long id, KeyVersionRequest r, CurrentUser me, KeyEvaluationService s, CancellationToken ct) =>
            Act(id, me, s, ct, c => s.CompleteAsync(id, r.Version, c, ct))).WithSummary("完成评价（组织方；须已填写综合评价结论、存在问题及原因和有关建议）；完成后被评价部门和单位可查看结果");

        g.MapPost("/{id:long}/rating", async (long id, KeyRatingRequest r, CurrentUser me, KeyEvaluationService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.RateAgencyAsync(id, r.Score, r.Remarks, caller, ct);
            return ToResponse(await s.DetailAsync(id, caller, ct));
        }).WithSummary("委托方评价第三方机构本次工作质量（0-100 分及评价意见，每次委托一次）");

        g.MapGet("/{id:long}/report.docx", async (long id, CurrentUser me, KeyEvaluationService s, CancellationToken ct) =>
        {
            var d = await s.DetailAsync(id, await me.CallerAsync(ct), ct);
            return Results.File(KeyEvaluationReport.Build(d), KeyEvaluationReport.ContentType, KeyEvaluationReport.FileName(d));
        }).WithSummary("下载重点评价报告（.docx，按基本情况、评价工作开展情况、综合评价情况及结论（含评分表）、指标分析、主要经验做法存在问题及原因、有关建议、其他需要说明的问题的提纲，附得分图）");
    }

    private static Grade? ParseGrade(string? grade) => string.IsNullOrWhiteSpace(grade) ? null
        : Enum.TryParse<Grade>(grade.Trim(), true, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw new DomainException("等级应为 excellent、good、fair 或 poor。");

    private static async Task<KeyEvaluationResponse> Act(long id, CurrentUser me, KeyEvaluationService s, CancellationToken ct, Func<Caller, Task<KeyEvaluation>> action)
    {
        var caller = await me.CallerAsync(ct);
        await action(caller);
        return ToResponse(await s.DetailAsync(id, caller, ct));
    }

    public static KeyEvaluationResponse ToResponse(KeyEvaluationDetail d)
    {
        var e = d.Evaluation;
        return new(e.Id, e.Title, e.SubjectKind.ToString(), e.SubjectKind.ChineseName(), e.FiscalYear, e.DepartmentId, d.DepartmentName, d.OrganizerName, e.Background,
            e.ScoringDeadline, e.ReportDeadline, e.State.ToString(), KeyEvaluationWorkflow.ChineseName(e.State), e.Method?.ToString(), e.Method?.ChineseName(),
            d.AgencyName, e.DrawSeed is { } seed ? new KeyDrawItem(seed, e.ExpertCount ?? 0, e.DrawField, e.DrawEligibleIds.Count, e.DrawExcludedIds.Count) : null,
            d.Subjects, d.Indicators, d.OutputPlusBenefitMinimum, d.FrameworkProblems, d.Scorers,
            d.Groups?.Select(x => new KeyGroupItem(x.Level1, x.Name, x.Weight, x.Score)).ToList(), e.TotalScore, e.Grade?.WireName(), e.Grade?.ChineseName(),
            d.RuleSetLabel, e.Conclusions, e.Experience, e.Problems, e.Suggestions, e.OtherNotes, e.ReopenReason, d.Actions.Select(x => x.ToString()).ToList(),
            d.IsOrganiser, d.CanEditFramework, d.CanScore, d.CanWriteConclusions, d.CanRate,
            d.Rating is { } rt ? new KeyRatingItem(rt.Score, rt.Remarks, rt.RatedByName, rt.At) : null, d.History, e.Version);
    }
}
