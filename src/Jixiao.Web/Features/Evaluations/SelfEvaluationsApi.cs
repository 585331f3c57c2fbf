using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Workflows;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>
/// A new self-evaluation task. The filter (all conditions together; left out: every project with goals in force): departmentIds (主管部门
/// organisation ids), keyMonitoringOnly (重点监控 projects only), projectCodes (explicit project codes).
/// </summary>
public sealed record SelfTaskRequest(string Title, DateOnly Deadline, int? Year = null, IReadOnlyList<long>? DepartmentIds = null,
    bool? KeyMonitoringOnly = null, IReadOnlyList<string>? ProjectCodes = null);

public sealed record SelfTaskCloseRequest(int Version);

public sealed record SelfEvaluationRequest(int Version, IReadOnlyList<SelfEvaluationIndicatorInput> Indicators, string? ActualOutcome = null);

public sealed record SelfEvaluationActionRequest(int Version, string? Reason = null);

public sealed record SelfEvaluationListItem(long Id, long TaskId, long ProjectId, string ProjectCode, string ProjectName, long UnitId, string UnitName,
    long DepartmentId, string DepartmentName, string State, string StateName, decimal? Total, string? Grade, string? GradeName, DateTime? SubmittedAt, int Version);

/// <summary>
/// One row of the form: the goal's figures, what the unit entered, and the score (<c>points</c> rounded to 4 decimals for display; null while
/// the row cannot be scored, <c>error</c> then says why).
/// </summary>
public sealed record SelfEvaluationIndicatorItem(long Id, string Level1, string Level2, string Name, string Comparison, decimal? Target, string? TargetText,
    string? Unit, decimal Weight, decimal? Actual, string? Band, decimal? EnteredPoints, string? DeviationReason, string? Measures, decimal? Points, bool Met,
    bool OverAchieved, bool NeedsExplanation, string Explanation, string? Error);

/// <summary>
/// 项目支出绩效自评表 with its score: live (from what is entered and the rules in force) while editable, fixed once submitted
/// (<c>ruleSetId</c>/<c>ruleSetVersion</c>: the rule-set version it was scored with). Amounts in yuan, the execution rate as a fraction.
/// </summary>
public sealed record SelfEvaluationResponse(long Id, long TaskId, string TaskTitle, DateOnly Deadline, long ProjectId, string ProjectCode, string ProjectName,
    string UnitName, string DepartmentName, int FiscalYear, string State, string StateName, string? ReturnReason, decimal YearStartBudget, decimal FullYearBudget,
    decimal Executed, decimal? ExecutionRate, decimal? ExecutionPoints, string ExecutionExplanation, string? ExpectedOutcome, string? ActualOutcome,
    IReadOnlyList<SelfEvaluationIndicatorItem> Indicators, decimal Total, string Grade, string GradeName, bool Complete, bool Fixed, long? RuleSetId,
    int? RuleSetVersion, IReadOnlyList<string> Warnings, IReadOnlyList<string> Actions, bool CanEdit, IReadOnlyList<WorkflowStep> History, int Version);

/// <summary>单位自评: tasks, the forms, their scores and their review (RULES §3).</summary>
public static class SelfEvaluationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/evaluations").WithTags("绩效评价").RequireAuthorization(nameof(Core.Identity.Permission.UseBusinessArea));

        g.MapGet("/self-tasks", async (int? year, CurrentUser me, SelfEvaluationService s, CancellationToken ct) =>
            await s.TasksAsync(year ?? me.FiscalYear, await me.CallerAsync(ct), ct)).WithSummary("绩效自评任务（本年度；含本人范围内的填报进度）");

        g.MapPost("/self-tasks", async (SelfTaskRequest r, CurrentUser me, SelfEvaluationService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var filter = SelfEvaluationTaskSelection.Normalize(r.DepartmentIds, r.KeyMonitoringOnly ?? false, r.ProjectCodes);
            var task = await s.IssueTaskAsync(r.Year ?? me.FiscalYear, new SelfEvaluationTaskInput(r.Title, r.Deadline, filter), caller, ct);
            return Results.Created($"/api/v1/evaluations/self-tasks/{task.Id}", (await s.TasksAsync(task.FiscalYear, caller, ct)).First(x => x.Id == task.Id));
        }).WithSummary("下达绩效自评任务（绩效管理科）：本区划该年度目标已批复（或已公开）的单位项目（可按部门 departmentIds、仅重点监控 keyMonitoringOnly、"
            + "项目代码 projectCodes 筛选，条件同时满足）各生成一张自评表，各单位收到截止日期为 deadline 的待办；每个项目每年只在一个自评任务中，"
            + "已在其他任务中的项目跳过并在 skippedProjects 中计数，没有剩余项目时 400");

        g.MapPost("/self-tasks/{id:long}/close", async (long id, SelfTaskCloseRequest r, CurrentUser me, SelfEvaluationService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var task = await s.CloseTaskAsync(id, r.Version, caller, ct);
            return (await s.TasksAsync(task.FiscalYear, caller, ct)).First(x => x.Id == task.Id);
        }).WithSummary("结束绩效自评任务（下达任务的绩效管理科）：未提交的自评表不能再填报和提交，已提交的保持不变、仍由部门审核；各单位的填报待办随之关闭");

        g.MapGet("/self", async (int? year, long? taskId, long? departmentId, string? grade, SelfEvaluationState? state, CurrentUser me,
            SelfEvaluationService s, CancellationToken ct) =>
        {
            Grade? gr = null;
            if (!string.IsNullOrWhiteSpace(grade))
                gr = Enum.TryParse<Grade>(grade.Trim(), true, out var parsed) && Enum.IsDefined(parsed) ? parsed
                    : throw new DomainException("等级应为 excellent、good、fair 或 poor。");
            var rows = await s.EvaluationsAsync(new SelfEvaluationFilter(year ?? me.FiscalYear, taskId, departmentId, gr, state), await me.CallerAsync(ct), ct);
            return new Page<SelfEvaluationListItem>(rows.Select(x => new SelfEvaluationListItem(x.Id, x.TaskId, x.ProjectId, x.ProjectCode, x.ProjectName,
                x.UnitId, x.UnitName, x.DepartmentId, x.DepartmentName, x.State.ToString(), SelfEvaluationWorkflow.StateName(x.State, x.UnitId == x.DepartmentId), x.Total, x.Grade?.WireName(),
                x.Grade?.ChineseName(), x.SubmittedAt, x.Version)).ToList(), rows.Count);
        }).WithSummary("自评表列表（调用者范围内；按年度 year、任务 taskId、部门 departmentId、等级 grade（excellent/good/fair/poor）、状态 state 筛选；unitId 等于 departmentId 的为部门整体自评表）");

        g.MapGet("/self/{id:long}", async (long id, CurrentUser me, SelfEvaluationService s, CancellationToken ct) =>
            ToResponse(await s.EvaluationAsync(id, await me.CallerAsync(ct), ct)))
            .WithSummary("项目支出绩效自评表：执行数取自导入的支付明细，全年预算数为调整后预算；填报中为实时得分及计算过程，提交后为固定得分及所用规则版本");

        g.MapPut("/self/{id:long}", async (long id, SelfEvaluationRequest r, CurrentUser me, SelfEvaluationService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.SaveAsync(id, r.Version, new SelfEvaluationInputForm(r.ActualOutcome, r.Indicators), caller, ct);
            return ToResponse(await s.EvaluationAsync(id, caller, ct));
        }).WithSummary("填报自评表（项目单位）：各指标实际完成值 actual，定性指标档次 band（Achieved/Partial/NotAchieved）及档内得分 points，偏差原因 deviationReason 和改进措施 measures；返回实时得分");

        foreach (var (path, action) in new[] { ("submit", SelfEvaluationAction.Submit), ("pass", SelfEvaluationAction.Pass), ("return", SelfEvaluationAction.Return) })
            g.MapPost($"/self/{{id:long}}/{path}", async (long id, SelfEvaluationActionRequest r, CurrentUser me, SelfEvaluationService s, CancellationToken ct) =>
            {
                var caller = await me.CallerAsync(ct);
                await s.ActAsync(id, r.Version, action, r.Reason, caller, ct);
                return ToResponse(await s.EvaluationAsync(id, caller, ct));
            }).WithSummary(action switch
            {
                SelfEvaluationAction.Submit => "提交自评表（项目单位；未达成或超额完成的指标须填写偏差原因和改进措施；得分按当时规则版本固定）",
                SelfEvaluationAction.Pass => "审核通过（主管部门）",
                _ => "退回（主管部门，须说明理由）",
            });
    }

    private static string WireName(Comparison c) => c switch
    {
        Comparison.AtLeast => ">=",
        Comparison.AtMost => "<=",
        Comparison.Equal => "=",
        Comparison.Qualitative => "qualitative",
    };

    private static decimal? Display(decimal? value) => value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero) : null;

    private static SelfEvaluationResponse ToResponse(SelfEvaluationView v)
    {
        var e = v.Evaluation;
        var rows = e.Indicators.OrderBy(i => i.SortOrder).ToList();
        var s = v.Score;
        return new(e.Id, e.TaskId, v.Task.Title, v.Task.Deadline, v.Project.Id, v.Project.Code, v.Project.Name, v.UnitName, v.DepartmentName, e.FiscalYear,
            e.State.ToString(), SelfEvaluationWorkflow.StateName(e.State, e.IsDepartmentWide), e.ReturnReason, e.YearStartBudget, v.FullYearBudget, v.Executed, Display(s.ExecutionRate),
            Display(s.ExecutionPoints), s.ExecutionExplanation, e.ExpectedOutcome, e.ActualOutcome,
            rows.Select((i, n) => new SelfEvaluationIndicatorItem(i.Id, EvaluationNames.Level1WireName(i.Level1), i.Level2, i.Name, WireName(i.Comparison),
                i.Target, i.TargetText, i.Unit, i.Weight, i.Actual, i.Band?.ToString(), i.EnteredPoints, i.DeviationReason, i.Measures, Display(s.Indicators[n].Points),
                s.Indicators[n].Met, s.Indicators[n].OverAchieved, s.Indicators[n].NeedsExplanation, s.Indicators[n].Explanation, s.Indicators[n].Error)).ToList(),
            s.Total, s.Grade.WireName(), s.Grade.ChineseName(), s.Complete, !e.IsEditable && e.Total is not null, s.RuleSetId, s.RuleSetVersion, s.Warnings,
            v.Actions.Select(a => a.ToString()).ToList(), v.CanEdit, v.History, e.Version);
    }
}
