using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.Projects;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Goals;

public sealed record IndicatorDto(string Level1, string Level2, string Name, Comparison Comparison, decimal Weight, decimal? TargetValue = null,
    string? TargetText = null, string? Unit = null, string? ScoringStandard = null, TargetBasis Basis = TargetBasis.Plan, string? Remark = null, long? LibraryIndicatorId = null)
{
    public static IndicatorDto From(GoalIndicator i) => new(i.Level1, i.Level2, i.Name, i.Comparison, i.Weight, i.TargetValue, i.TargetText, i.Unit,
        i.ScoringStandard, i.Basis, i.Remark, i.LibraryIndicatorId);

    public IndicatorInput ToInput() => new(Level1, Level2, Name, Comparison, TargetValue, TargetText, Unit, Weight, ScoringStandard, Basis, Remark, LibraryIndicatorId);
}

public sealed record GoalDto(long Id, long ProjectId, int VersionNo, string State, string StateName, string? MediumTermGoal, string? AnnualGoal,
    string? ReturnReason, string? AdjustmentReason, decimal? ReviewScore, IReadOnlyList<IndicatorDto> Indicators, int Version)
{
    public static GoalDto From(PerformanceGoal g) => new(g.Id, g.ProjectId, g.VersionNo, g.State.ToString(), g.State.ChineseName(), g.MediumTermGoal, g.AnnualGoal,
        g.ReturnReason, g.AdjustmentReason, g.ReviewScore, g.Indicators.OrderBy(i => i.SortOrder).Select(IndicatorDto.From).ToList(), g.Version);
}

public sealed record GoalResponse(GoalDto? Current, GoalDto? InForce, IReadOnlyList<string> AvailableActions, bool CanEdit, bool CanAdjust,
    IReadOnlyList<GoalFinding> Findings, IReadOnlyList<StepDto> History);

public sealed record StepDto(DateTime At, string Action, string FromState, string ToState, string ActorName, string Role, string? Comment);

public sealed record GoalRequest(IReadOnlyList<IndicatorDto> Indicators, int? Version = null, string? MediumTermGoal = null, string? AnnualGoal = null, string? AdjustmentReason = null);

/// <summary>A workflow action: <c>review</c> takes <c>pass</c> true or false (false returns it, with a reason).</summary>
public sealed record GoalActionRequest(int? Version = null, bool? Pass = null, string? Reason = null, GoalReviewScore? Score = null);

public static class GoalsApi
{
    public static void Map(RouteGroupBuilder projects)
    {
        projects.MapGet("/{id:long}/goal", async (long id, CurrentUser me, ProjectService ps, GoalService goals, CancellationToken ct) =>
            ToResponse(await goals.ViewAsync(await ps.LoadAsync(id, await me.ScopeAsync(ct), ct), me.Roles, me.OrganizationId, ct)))
            .WithSummary("项目的绩效目标：当前版本、执行中版本、可办理的操作、质量检查结果、流转记录");

        projects.MapPut("/{id:long}/goal", async (long id, GoalRequest r, CurrentUser me, ProjectService ps, GoalService goals, CancellationToken ct) =>
        {
            var project = await ps.LoadAsync(id, await me.ScopeAsync(ct), ct);
            await goals.SaveDraftAsync(project, r.Version, new GoalInput(r.MediumTermGoal, r.AnnualGoal, r.Indicators.Select(i => i.ToInput()).ToList(), r.AdjustmentReason),
                me.OrganizationId, me.Roles, ct);
            return ToResponse(await goals.ViewAsync(project, me.Roles, me.OrganizationId, ct));
        }).WithSummary("保存目标草稿（首次保存不需 version；之后 version 不符为 409）");

        projects.MapGet("/{id:long}/goal/findings", async (long id, CurrentUser me, ProjectService ps, GoalService goals, CancellationToken ct) =>
            (await goals.ViewAsync(await ps.LoadAsync(id, await me.ScopeAsync(ct), ct), me.Roles, me.OrganizationId, ct)).Findings)
            .WithSummary("目标质量检查：每条问题说明要修改什么（severity=Error 的须修改后才能申报）");

        projects.MapPost("/{id:long}/goal/{action}", async (long id, string action, GoalActionRequest r, CurrentUser me, ProjectService ps, GoalService goals, CancellationToken ct) =>
        {
            var project = await ps.LoadAsync(id, await me.ScopeAsync(ct), ct);
            if (action == "adjust")
            {
                await goals.AdjustAsync(project, r.Reason ?? "", me.OrganizationId, me.Roles, ct);
                return Results.Ok(ToResponse(await goals.ViewAsync(project, me.Roles, me.OrganizationId, ct)));
            }
            GoalAction? a = action switch
            {
                "submit" => GoalAction.Submit,
                "review" => r.Pass switch
                {
                    true => GoalAction.Pass,
                    false => GoalAction.Return,
                    null => throw new Jixiao.Core.Common.DomainException("审核须指明 pass：true 为通过，false 为退回（须填写理由）。"),
                },
                "return" => GoalAction.Return,
                "approve" => GoalAction.Approve,
                "publish" => GoalAction.Publish,
                _ => null,
            };
            if (a is null) return ApiResults.NotFound();
            if (r.Version is not { } v) throw new Jixiao.Core.Common.ConcurrencyConflictException("请提供 version（读取目标时得到的版本号）。");
            await goals.ActAsync(project, a.Value, v, r.Reason, r.Score, me.OrganizationId, me.Roles, ct);
            return Results.Ok(ToResponse(await goals.ViewAsync(project, me.Roles, me.OrganizationId, ct)));
        }).WithSummary("目标流转：submit 申报、review 审核（pass 通过或退回并说明理由，可附四性评分）、approve 批复、publish 公开、adjust 发起调整");

        projects.MapPost("/approve-department", async (long departmentId, int? year, CurrentUser me, GoalService goals, CancellationToken ct) =>
            Results.Ok(new { approved = await goals.ApproveDepartmentAsync(departmentId, year ?? me.FiscalYear, me.Roles, await me.ScopeAsync(ct), ct) }))
            .RequireAuthorization(nameof(Permission.ApproveGoals))
            .WithSummary("随部门预算批复：批复该部门全部待批复的目标（部门预算管理科，或预算系统调用）");
    }

    private static GoalResponse ToResponse(GoalView v) => new(
        v.Current is null ? null : GoalDto.From(v.Current), v.InForce is null ? null : GoalDto.From(v.InForce),
        v.AvailableActions.Select(a => a.ToString()).ToList(), v.CanEdit, v.CanAdjust, v.Findings,
        v.History.Select(s => new StepDto(s.At, s.Action, s.FromState, s.ToState, s.ActorName, s.Role, s.Comment)).ToList());
}
