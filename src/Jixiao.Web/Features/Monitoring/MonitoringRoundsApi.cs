using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Workflows;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Monitoring;

public sealed record RoundRequest(int Month, DateOnly DueDate, string Title, RoundCoverage Coverage = RoundCoverage.All, int? Year = null);

public sealed record IndicatorItem(long Id, string Level1, string Level2, string Name, string Comparison, decimal? Target, string? TargetText, string? Unit,
    decimal? ToDate, decimal? ExpectedFullYear, string? Band, string? DeviationReason, string? DeviationReasonName, string? Likelihood,
    string? LikelihoodName, string? Explanation, string Color);

public sealed record ReportResponse(long Id, long RoundId, string RoundTitle, int Month, long ProjectId, string ProjectCode, string ProjectName, string UnitName,
    string DepartmentName, string State, string StateName, string? ReturnReason, string? Explanation, decimal Budget, decimal Executed, decimal TimeProgress,
    decimal ExecutionRate, string BudgetColor, string ProjectColor, string Funding, string FundingName, IReadOnlyList<IndicatorItem> Indicators,
    IReadOnlyList<string> Actions, bool CanEdit, IReadOnlyList<WorkflowStep> History, int Version);

public sealed record ReportRequest(int Version, IReadOnlyList<IndicatorReportInput> Indicators, string? Explanation = null);

public sealed record ReportActionRequest(int Version, string? Reason = null);

public sealed record WarningItem(long ProjectId, string ProjectCode, string ProjectName, long UnitId, string UnitName, long DepartmentId, string DepartmentName,
    decimal Budget, decimal Executed, decimal TimeProgress, decimal ExecutionRate, string BudgetColor, IReadOnlyList<string> IndicatorColors, string ProjectColor,
    bool IsKeyMonitoring, string Funding, decimal? ForecastRate, bool? ForecastWarns, string? ForecastMethod, int ExceptionPayments)
{
    public static WarningItem From(ProjectWarning w) => new(w.ProjectId, w.ProjectCode, w.ProjectName, w.UnitId, w.UnitName, w.DepartmentId, w.DepartmentName,
        w.Budget, w.Executed, Round4(w.TimeProgress), Round4(w.ExecutionRate), w.BudgetColor.WireName(), w.IndicatorColors.Select(c => c.WireName()).ToList(),
        w.ProjectColor.WireName(), w.IsKeyMonitoring, w.Funding.ToString(), w.Forecast is { } f ? Round4(f.ProjectedRate) : null, w.Forecast?.Warns,
        w.Forecast?.Method.ToString(), w.ExceptionPayments);

    public static decimal Round4(decimal d) => Math.Round(d, 4, MidpointRounding.AwayFromZero);
}

public sealed record WarningPage(IReadOnlyList<WarningItem> Items, int Total, int Red, int Yellow, int Blue, int Green, decimal Budget, decimal Executed);

public sealed record FundingRequest(FinanceActionKind Kind, string Reason, DateOnly? EffectiveFrom = null, decimal? NewBudget = null);

public sealed record FundingResponse(long ProjectId, string State, string StateName, IReadOnlyList<FundingItem> Actions);

public sealed record FundingItem(long Id, string Kind, string KindName, string ResultingState, string Reason, DateOnly EffectiveFrom, decimal? NewBudget, string ByName, DateTime At);

/// <summary>Monitoring rounds, reports, warnings, the dashboard's data and finance actions (Art. 19-22).</summary>
public static class MonitoringRoundsApi
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/rounds", async (int? year, CurrentUser me, MonitoringService s, CancellationToken ct) =>
            await s.RoundsAsync(year ?? me.FiscalYear, await me.CallerAsync(ct), ct)).WithSummary("监控轮次（本年度；含各轮次本人范围内的填报进度）");

        g.MapPost("/rounds", async (RoundRequest r, CurrentUser me, MonitoringService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var round = await s.IssueRoundAsync(r.Year ?? me.FiscalYear, new RoundInput(r.Month, r.DueDate, r.Title, r.Coverage), caller, ct);
            return Results.Created($"/api/v1/monitoring/rounds/{round.Id}", (await s.RoundsAsync(round.FiscalYear, caller, ct)).First(x => x.Id == round.Id));
        }).WithSummary("下达监控轮次（绩效管理科）：month 为数据截止月份，coverage 为 All 全部已批复目标的项目或 KeyMonitoring 重点监控（预算≥规则集金额且执行率低于规则集比例）；各单位收到待办");

        g.MapPost("/rounds/{id:long}/close", async (long id, ReportActionRequest r, CurrentUser me, MonitoringService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var round = await s.CloseRoundAsync(id, r.Version, caller, ct);
            return (await s.RoundsAsync(round.FiscalYear, caller, ct)).First(x => x.Id == id);
        }).WithSummary("结束监控轮次（绩效管理科）");

        g.MapGet("/rounds/{id:long}/reports", async (long id, MonitoringState? state, CurrentUser me, MonitoringService s, CancellationToken ct) =>
            await s.ReportsAsync(id, await me.CallerAsync(ct), state, ct)).WithSummary("本轮次的监控表（调用者范围内）");

        g.MapGet("/reports/{id:long}", async (long id, CurrentUser me, MonitoringService s, CancellationToken ct) =>
            ToResponse(await s.ReportAsync(id, await me.CallerAsync(ct), ct))).WithSummary("项目支出绩效运行监控表（执行数取自导入的支付明细；报送后固定）");

        g.MapPut("/reports/{id:long}", async (long id, ReportRequest r, CurrentUser me, MonitoringService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.SaveReportAsync(id, r.Version, new ReportInput(r.Explanation, r.Indicators), caller, ct);
            return ToResponse(await s.ReportAsync(id, caller, ct));
        }).WithSummary("填报监控表（项目单位）：各指标截至目前完成值 toDate、全年预计 expectedFullYear、定性档次 band（Achieved/Partial/NotAchieved）、偏差原因 deviationReason、完成可能性 likelihood、说明");

        foreach (var (path, action) in new[] { ("submit", MonitoringAction.Submit), ("pass", MonitoringAction.Pass), ("return", MonitoringAction.Return) })
            g.MapPost($"/reports/{{id:long}}/{path}", async (long id, ReportActionRequest r, CurrentUser me, MonitoringService s, CancellationToken ct) =>
            {
                var caller = await me.CallerAsync(ct);
                await s.ActAsync(id, r.Version, action, r.Reason, caller, ct);
                return ToResponse(await s.ReportAsync(id, caller, ct));
            }).WithSummary(action switch
            {
                MonitoringAction.Submit => "报送监控表（项目单位；偏离目标的指标须填写偏差原因、完成可能性和说明）",
                MonitoringAction.Pass => "审核通过（部门，然后部门预算管理科）",
                _ => "退回（须说明理由）",
            });

        g.MapGet("/warnings", async (int? year, int? month, long? departmentId, long? unitId, string? color, bool? keyOnly, FundingState? funding, string? q,
            int? page, int? pageSize, CurrentUser me, WarningBoard board, TimeProvider time, CancellationToken ct) =>
        {
            var (p, size) = Paging.Normalize(page, pageSize);
            var rows = await board.ComputeAsync(await me.ScopeAsync(ct), Filter(year, month, departmentId, unitId, color, keyOnly, funding, q, me, time), ct);
            return new WarningPage(rows.Skip((p - 1) * size).Take(size).Select(WarningItem.From).ToList(), rows.Count,
                rows.Count(r => r.ProjectColor == WarningColor.Red), rows.Count(r => r.ProjectColor == WarningColor.Yellow),
                rows.Count(r => r.ProjectColor == WarningColor.Blue), rows.Count(r => r.ProjectColor == WarningColor.Green),
                rows.Sum(r => r.Budget), rows.Sum(r => r.Executed));
        }).WithSummary("项目预警（截至某月末：时间进度、执行率、预算预警、指标预警、项目预警、年末执行率预测、拨款状态；按项目预警由重到轻排序）")
            .WithDescription("month 默认为本年度当前月份（以前年度为12月）；color 为 red/yellow/blue/green；keyOnly=true 只列重点监控项目。比率为小数。");

        g.MapGet("/dashboard", async (int? year, int? month, long? departmentId, long? unitId, CurrentUser me, WarningBoard board, TimeProvider time, CancellationToken ct) =>
        {
            var f = Filter(year, month, departmentId, unitId, null, null, null, null, me, time);
            var rows = await board.ComputeAsync(await me.ScopeAsync(ct), f, ct);
            var d = MonitoringDashboard.Build(f.FiscalYear, f.Month, MonitoringDashboard.LevelFor(me.Roles), rows,
                await board.MonthlyAsync(rows, f.FiscalYear, ct));
            return new
            {
                d.FiscalYear,
                d.Month,
                Level = d.Level.ToString(),
                Total = Group(d.Total),
                Groups = d.Groups.Select(Group).ToList(),
                Curve = d.Curve.Select(c => new { c.Month, TimeProgress = WarningItem.Round4(c.TimeProgress), ExecutionRate = WarningItem.Round4(c.ExecutionRate) }).ToList(),
                Worst = d.Worst.Select(WarningItem.From).ToList(),
                d.ForecastWarnings,
                d.Blocked,
            };
        }).WithSummary("监控看板数据：按部门（部门看单位、单位看项目）的项目预警分布、逐月执行率与时间进度、最差20个项目；与预警列表同源");

        g.MapGet("/projects/{id:long}/funding", async (long id, CurrentUser me, MonitoringService s, CancellationToken ct) =>
            await FundingAsync(id, await me.CallerAsync(ct), s, ct)).WithSummary("项目拨款状态及财政处理记录");

        g.MapPost("/projects/{id:long}/funding", async (long id, FundingRequest r, CurrentUser me, MonitoringService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.ActOnFundingAsync(id, new FinanceActionInput(r.Kind, r.Reason, r.EffectiveFrom, r.NewBudget), caller, ct);
            return await FundingAsync(id, caller, s, ct);
        }).WithSummary("财政处理（第二十二条）：Suspend 暂缓拨款 / Release 恢复拨款 / Stop 停止拨款 / AdjustBudget 调整预算（newBudget，单位同步调整目标）/ Cancel 取消预算；须说明理由；暂缓、停止、取消后的支付标记为异常");
    }

    private static object Group(ColorGroup g) => new
    {
        g.Id,
        g.Name,
        g.Projects,
        g.Red,
        g.Yellow,
        g.Blue,
        g.Green,
        g.Budget,
        g.Executed,
        ExecutionRate = WarningItem.Round4(g.ExecutionRate),
    };

    /// <summary>The month a list starts at: the current month in the current year, December for past years.</summary>
    public static WarningFilter Filter(int? year, int? month, long? departmentId, long? unitId, string? color, bool? keyOnly, FundingState? funding, string? q, CurrentUser me, TimeProvider time)
    {
        var y = year ?? me.FiscalYear;
        var now = ChinaTime.Now(time);
        var m = month ?? (y < now.Year ? 12 : y == now.Year ? now.Month : 1);
        if (m is < 1 or > 12) throw new DomainException($"月份应在1到12之间，现为{m}。");
        WarningColor? c = null;
        if (!string.IsNullOrWhiteSpace(color))
            c = MonitoringNames.ParseColor(color) ?? throw new DomainException("预警颜色应为 red、yellow、blue 或 green。");
        return new WarningFilter(y, m, departmentId, unitId, c, keyOnly ?? false, funding, q);
    }

    private static async Task<FundingResponse> FundingAsync(long id, Jixiao.Core.Organizations.Caller caller, MonitoringService s, CancellationToken ct)
    {
        var actions = await s.FinanceActionsAsync(id, caller, ct);
        var state = actions.Count == 0 ? FundingState.Normal : actions[^1].ResultingState;
        return new(id, state.ToString(), state.ChineseName(), actions.Select(a => new FundingItem(a.Id, a.Kind.ToString(), a.Kind.ChineseName(),
            a.ResultingState.ToString(), a.Reason, a.EffectiveFrom, a.NewBudget, a.ByName, a.At)).ToList());
    }

    private static ReportResponse ToResponse(ReportView v)
    {
        var r = v.Report;
        var indicators = r.Indicators.OrderBy(i => i.SortOrder).ToList();
        return new(r.Id, r.RoundId, v.Round.Title, v.Round.Month, v.Project.Id, v.Project.Code, v.Project.Name, v.UnitName, v.DepartmentName,
            r.State.ToString(), r.State.ChineseName(), r.ReturnReason, r.Explanation, v.Budget, v.Executed, WarningItem.Round4(v.Warning.TimeProgress),
            WarningItem.Round4(v.Warning.ExecutionRate), v.Warning.BudgetColor.WireName(), v.Warning.ProjectColor.WireName(), v.Funding.ToString(), v.Funding.ChineseName(),
            indicators.Select((i, n) => new IndicatorItem(i.Id, i.Level1, i.Level2, i.Name, i.Comparison.ToString(), i.Target, i.TargetText, i.Unit, i.ToDate,
                i.ExpectedFullYear, i.Band?.ToString(), i.DeviationReason?.ToString(), i.DeviationReason?.ChineseName(), i.Likelihood?.ToString(),
                i.Likelihood?.ChineseName(), i.Explanation, v.Warning.IndicatorColors[n].WireName())).ToList(),
            v.Actions.Select(a => a.ToString()).ToList(), v.CanEdit, v.History, r.Version);
    }
}
