using Jixiao.Core.Audit;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Demo;

/// <summary>
/// The main monitoring round of the demo year (data to the end of July, due 15 August), issued by the performance section
/// through <see cref="MonitoringService"/>; the units report with progress spread over the colours, the department and the
/// budget section review (one report returned with a reason, some left as drafts — the first school's stays open for its
/// demo account); one project suspended (暂缓拨款, so its later payments are flagged) and one budget adjusted.
/// </summary>
internal static class DemoMonitoring
{
    private const int Month = 7;

    /// <summary>Progress to date as a share of the time-proportional target, by report (cycled): far behind, behind, on plan, ahead.</summary>
    private static readonly decimal[] Progress = [0.3m, 0.7m, 1.0m, 1.3m, 0.9m];

    private enum Path { Draft, Saved, Submitted, DepartmentReviewed, FinanceReviewed, Returned }

    private static readonly Path[] Paths = [Path.FinanceReviewed, Path.Submitted, Path.Returned, Path.DepartmentReviewed, Path.Saved, Path.FinanceReviewed, Path.Draft];

    public static async Task SeedAsync(Func<AuditActor, JixiaoDbContext> contextFor, TimeProvider time, int year, CancellationToken ct)
    {
        await using var read = contextFor(AuditActor.System);
        var orgs = await read.Organizations.AsNoTracking().ToListAsync(ct);
        var perfUser = await read.Users.AsNoTracking().FirstAsync(u => u.UserName == "perf", ct);
        var perf = orgs.First(o => o.Id == perfUser.OrganizationId);
        var perfActor = await DemoGoals.ActorAsync(read, perf, Role.PerformanceSection, ct);

        long roundId;
        try
        {
            roundId = await Act(contextFor, perfActor, perf, Role.PerformanceSection, async (s, c) =>
                (await s.IssueRoundAsync(year, new RoundInput(Month, new DateOnly(year, 8, 15), $"{year}年1-7月项目支出绩效运行监控", RoundCoverage.All), c, ct)).Id);
        }
        catch (DomainException)
        {
            return; // no project with approved goals: nothing to monitor
        }

        var reports = await read.MonitoringReports.AsNoTracking().Include(r => r.Indicators).Where(r => r.RoundId == roundId).OrderBy(r => r.Id).ToListAsync(ct);
        var returned = false;
        for (var n = 0; n < reports.Count; n++)
        {
            var report = reports[n];
            var unit = orgs.First(o => o.Id == report.OrganizationId);
            var path = unit.Name == "长治市第一中学校" ? Path.Draft : Paths[n % Paths.Length];
            if (path == Path.Returned && returned) path = Path.FinanceReviewed;
            if (path == Path.Draft) continue;

            var factor = Progress[n % Progress.Length];
            var unitActor = await DemoGoals.ActorAsync(read, unit, Role.BudgetUnit, ct);
            var version = await Act(contextFor, unitActor, unit, Role.BudgetUnit, async (s, c) =>
            {
                var saved = await s.SaveReportAsync(report.Id, report.Version, Input(report, factor), c, ct);
                return path == Path.Saved ? saved.Version : (await s.ActAsync(report.Id, saved.Version, MonitoringAction.Submit, null, c, ct)).Version;
            });
            if (path is Path.Saved or Path.Submitted) continue;

            var dept = orgs.First(o => o.Id == report.DepartmentId);
            var deptActor = await DemoGoals.ActorAsync(read, dept, Role.Department, ct);
            if (path == Path.Returned)
            {
                returned = true;
                await Act(contextFor, deptActor, dept, Role.Department, async (s, c) =>
                    (await s.ActAsync(report.Id, version, MonitoringAction.Return,
                        "产出数量完成值与支付进度明显不符，请核实截至7月底的实际完成数并补充偏差原因说明。", c, ct)).Version);
                continue;
            }
            version = await Act(contextFor, deptActor, dept, Role.Department, async (s, c) =>
                (await s.ActAsync(report.Id, version, MonitoringAction.Pass, "已核实，同意报送。", c, ct)).Version);
            if (path == Path.DepartmentReviewed) continue;

            var sectionId = await read.BudgetSectionAssignments.AsNoTracking().Where(a => a.DepartmentId == dept.Id).Select(a => a.SectionId).FirstAsync(ct);
            var section = orgs.First(o => o.Id == sectionId);
            await Act(contextFor, await DemoGoals.ActorAsync(read, section, Role.BudgetSection, ct), section, Role.BudgetSection, async (s, c) =>
                (await s.ActAsync(report.Id, version, MonitoringAction.Pass, null, c, ct)).Version);
        }

        // Art. 22: one slow project suspended some weeks ago (its later payments become exceptions), one budget adjusted.
        var today = DateOnly.FromDateTime(ChinaTime.Now(time));
        var since = today.Year == year ? today.AddDays(-40) : new DateOnly(year, 10, 1);
        if (since.Year != year) since = new DateOnly(year, 1, 1);
        var candidates = reports.Where(r => orgs.First(o => o.Id == r.OrganizationId).Name is not ("长治市第一中学校" or "长治市人民医院")).ToList();
        if (candidates.Count > 0)
            await Act(contextFor, perfActor, perf, Role.PerformanceSection, async (s, c) =>
                (await s.ActOnFundingAsync(candidates[0].ProjectId, new FinanceActionInput(FinanceActionKind.Suspend,
                    "截至7月底预算执行率严重低于时间进度，且未说明原因，暂缓拨款，待单位提交整改计划后恢复。", since), c, ct)).Id);
        if (candidates.Count > 1)
        {
            var adjustedId = candidates[^1].ProjectId;
            var project = await read.Projects.AsNoTracking().FirstAsync(p => p.Id == adjustedId, ct);
            var sectionId = await read.BudgetSectionAssignments.AsNoTracking().Where(a => a.DepartmentId == project.DepartmentId).Select(a => a.SectionId).FirstAsync(ct);
            var section = orgs.First(o => o.Id == sectionId);
            await Act(contextFor, await DemoGoals.ActorAsync(read, section, Role.BudgetSection, ct), section, Role.BudgetSection, async (s, c) =>
                (await s.ActOnFundingAsync(project.Id, new FinanceActionInput(FinanceActionKind.AdjustBudget,
                    "部分建设内容因规划调整推迟到下年度实施，相应调减本年预算。", since, decimal.Round(project.TotalBudget * 0.8m, 2)), c, ct)).Id);
        }
    }

    private static ReportInput Input(MonitoringReport report, decimal factor)
    {
        var timeShare = Month / 12m;
        var behind = factor < 1.0m;
        return new ReportInput(behind ? "部分指标进度滞后，主要因招标采购周期较长，已督促加快实施。" : "项目按计划推进，各项指标完成情况良好。",
            report.Indicators.OrderBy(i => i.SortOrder).Select(i =>
            {
                var t = i.Target ?? 0m;
                decimal? toDate = i.Comparison switch
                {
                    Comparison.Qualitative => null,
                    Comparison.AtMost => behind && factor < 0.5m ? (t == 0m ? 1m : decimal.Round(t * 1.1m, 2)) : decimal.Round(t * 0.9m, 2),
                    _ => decimal.Round(t * timeShare * factor, 2),
                };
                QualitativeBand? band = i.Comparison != Comparison.Qualitative ? null
                    : factor < 0.5m ? QualitativeBand.NotAchieved : factor < 0.95m ? QualitativeBand.Partial : QualitativeBand.Achieved;
                decimal? expected = i.Comparison == Comparison.Qualitative ? null : i.Comparison == Comparison.AtMost ? toDate : decimal.Round(t * Math.Min(1m, factor + 0.2m), 2);
                return behind
                    ? new IndicatorReportInput(i.Id, toDate, expected, band, factor < 0.5m ? DeviationReason.Funding : DeviationReason.Facilities,
                        factor < 0.5m ? Likelihood.Possible : Likelihood.Certain, factor < 0.5m ? "资金拨付滞后，采购合同尚未签订。" : "设备到货延迟，预计三季度完成。")
                    : new IndicatorReportInput(i.Id, toDate, expected, band);
            }).ToList());
    }

    private static async Task<T> Act<T>(Func<AuditActor, JixiaoDbContext> contextFor, AuditActor actor, Organization org, Role role,
        Func<MonitoringService, Caller, Task<T>> action)
    {
        await using var db = contextFor(actor);
        var scope = await new ScopeService(db).ScopeForAsync(org.Id, [role], default);
        var rules = new RuleSetService(db);
        var service = new MonitoringService(db, rules, new TodoService(db), new WarningBoard(db, rules));
        return await action(service, new Caller(actor.UserId, org.Id, [role], scope));
    }
}
