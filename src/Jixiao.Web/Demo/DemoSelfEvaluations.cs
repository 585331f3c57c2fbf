using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Organizations;
using Jixiao.Core.PriorAssessments;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Security;
using Jixiao.Core.Todos;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Demo;

/// <summary>
/// Last year's unit self-evaluation (单位自评), made as the people who act would make it: a handful of last-year projects across
/// departments (three of the demo accounts' units) with goals declared, reviewed and approved, their payments of the whole year imported,
/// then the performance section's self-evaluation task; the units fill in their forms so that the totals land in every grade
/// (优/良/中/差), submit them and the departments pass them — one form is still waiting for its department, one was returned with a
/// reason, and one (the first school's, for the <c>unit</c> account) is still a draft. 长治市教育局 (the <c>dept</c> account) declares its
/// whole spending with a department-wide goal; its 部门整体自评 is submitted by the department and passed by the performance section.
/// </summary>
internal static class DemoSelfEvaluations
{
    private enum Path { Draft, Submitted, Passed, Returned }

    /// <summary>A last-year project and where its form ends: the total aimed at (graded by the rules) and how far it goes.</summary>
    private sealed record Plan(DemoGoals.Template? Template, decimal AimedTotal, Path Path);

    private static DemoGoals.Template T(string unit, string name, decimal budget, (string, decimal, string) quantity, string quality,
        (string, string, Comparison, decimal, string) benefit, string served) => new(unit, name, budget, quantity, quality, benefit, served);

    private static readonly Plan[] Plans =
    [
        new(T("长治市第一中学校", "校园文化建设", 850_000m, ("建设校园文化长廊", 6m, "处"), "工程验收合格率", ("Social", "校园文化活动开展次数", Comparison.AtLeast, 24m, "次"), "师生"), 95m, Path.Passed),
        new(T("长治市第一中学校", "学生资助", 2_400_000m, ("资助学生人数", 1700m, "人"), "资助对象认定准确率", ("Social", "因贫辍学学生人数", Comparison.AtMost, 0m, "人"), "受助学生"), 85m, Path.Passed),
        new(T("长治市第一中学校", "图书馆藏书更新", 300_000m, ("新增藏书册数", 12000m, "册"), "图书验收合格率", ("Social", "学生年均借阅量", Comparison.AtLeast, 8m, "册"), "师生"), 88m, Path.Draft),
        new(T("长治市人民医院", "急诊急救能力提升", 2_800_000m, ("新增急救设备", 40m, "台套"), "设备验收合格率", ("Social", "急危重症抢救成功率", Comparison.AtLeast, 90m, "%"), "患者"), 72m, Path.Passed),
        new(T("长治市人民医院", "远程医疗协作网建设", 1_600_000m, ("接入基层医疗机构", 35m, "家"), "系统运行可用率", ("Social", "远程会诊人次", Comparison.AtLeast, 3000m, "人次"), "患者"), 78m, Path.Returned),
        new(T("长治市疾病预防控制中心", "地方病防治", 650_000m, ("监测县区", 13m, "个"), "样品检测合格率", ("Social", "地方病病情控制率", Comparison.AtLeast, 95m, "%"), "群众"), 50m, Path.Passed),
        new(T("长治市农业技术推广中心", "耕地质量监测", 900_000m, ("监测点位", 120m, "个"), "检测数据合格率", ("Economic", "耕地质量等级提升", Comparison.AtLeast, 0.2m, "等"), "农户"), 93m, Path.Passed),
        new(T("长治市公路管理段", "公路安全生命防护工程", 3_600_000m, ("实施防护工程里程", 180m, "公里"), "工程验收合格率", ("Social", "事故多发路段数", Comparison.AtMost, 3m, "处"), "沿线群众"), 84m, Path.Submitted),
        new(T("长治市社会福利院", "孤残儿童养育", 1_200_000m, ("养育孤残儿童", 160m, "人"), "养育标准落实率", ("Social", "儿童康复训练覆盖率", Comparison.AtLeast, 90m, "%"), "儿童"), 65m, Path.Passed),
    ];

    public static async Task SeedAsync(Func<AuditActor, JixiaoDbContext> contextFor, FieldCipher cipher, TimeProvider time, int year, CancellationToken ct)
    {
        var lastYear = year - 1;
        await using var read = contextFor(AuditActor.System);
        var orgs = await read.Organizations.AsNoTracking().ToListAsync(ct);
        var perfUser = await read.Users.AsNoTracking().FirstAsync(u => u.UserName == "perf", ct);
        var perf = orgs.First(o => o.Id == perfUser.OrganizationId);
        var sections = await read.BudgetSectionAssignments.AsNoTracking().ToDictionaryAsync(a => a.DepartmentId, a => a.SectionId, ct);

        // Last year's projects with goals approved by the people who act.
        var n = 0;
        foreach (var plan in Plans)
        {
            n++;
            var t = plan.Template!;
            var unit = orgs.First(o => o.Name == t.Unit);
            var dept = orgs.First(o => o.Id == unit.ParentId);
            var section = orgs.First(o => o.Id == sections[dept.Id]);
            var unitActor = await DemoGoals.ActorAsync(read, unit, Role.BudgetUnit, ct);
            long projectId;
            await using (var db = contextFor(unitActor))
            {
                var scope = await new ScopeService(db).ScopeForAsync(unit.Id, [Role.BudgetUnit], ct);
                var p = await new ProjectService(db, cipher).CreateAsync(lastYear, new ProjectInput($"{unit.Code}{lastYear}{n:000}", t.Name, ProjectKind.Project,
                    unit.Id, BudgetKind.General, ProjectCategory.Ordinary, false, false, lastYear, lastYear, "郭志刚", $"1390355{n:0000}",
                    t.Budget - t.Budget / 10m, t.Budget / 10m, 0m, $"{unit.Name}{lastYear}年度{t.Name}项目。"), unit.Id, [Role.BudgetUnit], scope, ct);
                projectId = p.Id;
                var goal = await Goals(db).SaveDraftAsync(p, null, DemoGoals.Input(t), unit.Id, [Role.BudgetUnit], ct);
                await Goals(db).ActAsync(p, GoalAction.Submit, goal.Version, null, null, unit.Id, [Role.BudgetUnit], ct);
            }
            await GoalStepAsync(contextFor, await DemoGoals.ActorAsync(read, dept, Role.Department, ct), projectId, GoalAction.Pass,
                new GoalReviewScore(23m, 22m, 22m, 22m), dept.Id, Role.Department, ct);
            var budgetActor = await DemoGoals.ActorAsync(read, section, Role.BudgetSection, ct);
            await GoalStepAsync(contextFor, budgetActor, projectId, GoalAction.Pass, new GoalReviewScore(22m, 22m, 21m, 22m), section.Id, Role.BudgetSection, ct);
            await GoalStepAsync(contextFor, budgetActor, projectId, GoalAction.Approve, null, section.Id, Role.BudgetSection, ct, "随部门预算批复");
        }

        // 长治市教育局's whole spending with its department-wide goal, declared by the department itself (部门整体自评).
        var education = orgs.First(o => o.Name == "长治市教育局");
        var educationActor = await DemoGoals.ActorAsync(read, education, Role.Department, ct);
        long wideId;
        await using (var db = contextFor(educationActor))
        {
            var scope = await new ScopeService(db).ScopeForAsync(education.Id, [Role.Department], ct);
            var p = await new ProjectService(db, cipher).CreateAsync(lastYear, new ProjectInput($"{education.Code}{lastYear}900", $"{education.Name}{lastYear}年度部门整体支出",
                ProjectKind.OverallSpending, education.Id, BudgetKind.General, ProjectCategory.Ordinary, false, false, lastYear, lastYear, "王志强", "13903559001",
                WideBudget - WideBudget / 10m, WideBudget / 10m, 0m, $"{education.Name}{lastYear}年度部门整体支出绩效目标。"), education.Id, [Role.Department], scope, ct);
            wideId = p.Id;
            var goal = await Goals(db).SaveDraftAsync(p, null, WideGoal(), education.Id, [Role.Department], ct);
            await Goals(db).ActAsync(p, GoalAction.Submit, goal.Version, null, null, education.Id, [Role.Department], ct);
        }
        var educationSection = orgs.First(o => o.Id == sections[education.Id]);
        var educationBudget = await DemoGoals.ActorAsync(read, educationSection, Role.BudgetSection, ct);
        await GoalStepAsync(contextFor, educationBudget, wideId, GoalAction.Pass, new GoalReviewScore(23m, 23m, 22m, 22m), educationSection.Id, Role.BudgetSection, ct);
        await GoalStepAsync(contextFor, educationBudget, wideId, GoalAction.Approve, null, educationSection.Id, Role.BudgetSection, ct, "随部门预算批复");

        // The whole year's payments, imported by the performance section as the treasury system exports them.
        await DemoPayments.SeedAsync(contextFor, time, lastYear, ct);

        var perfActor = await DemoGoals.ActorAsync(read, perf, Role.PerformanceSection, ct);
        var task = await Act(contextFor, perfActor, perf, Role.PerformanceSection, (s, c) =>
            s.IssueTaskAsync(lastYear, new SelfEvaluationTaskInput($"{lastYear}年度项目支出绩效自评", new DateOnly(year, 4, 30)), c, ct));

        var forms = await read.SelfEvaluations.AsNoTracking().Where(e => e.TaskId == task.Id).ToListAsync(ct);
        var projects = await read.Projects.AsNoTracking().Where(p => p.FiscalYear == lastYear).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        foreach (var form in forms.OrderBy(f => f.Id))
        {
            var plan = form.IsDepartmentWide ? new Plan(null, 87m, Path.Passed) : Plans.First(p => p.Template!.Name == projects[form.ProjectId]);
            var unit = orgs.First(o => o.Id == form.OrganizationId);
            var dept = orgs.First(o => o.Id == form.DepartmentId);
            var submitter = form.IsDepartmentWide ? Role.Department : Role.BudgetUnit;
            var unitActor = await DemoGoals.ActorAsync(read, unit, submitter, ct);
            var version = await Act(contextFor, unitActor, unit, submitter, async (s, c) =>
            {
                var view = await s.EvaluationAsync(form.Id, c, ct);
                var saved = await s.SaveAsync(form.Id, view.Evaluation.Version, Fill(view, plan.AimedTotal), c, ct);
                return plan.Path == Path.Draft ? saved.Version : (await s.ActAsync(form.Id, saved.Version, SelfEvaluationAction.Submit, null, c, ct)).Version;
            });
            if (plan.Path is Path.Draft or Path.Submitted) continue;
            var (reviewer, reviewerRole) = form.IsDepartmentWide ? (perf, Role.PerformanceSection) : (dept, Role.Department);
            var deptActor = await DemoGoals.ActorAsync(read, reviewer, reviewerRole, ct);
            await Act(contextFor, deptActor, reviewer, reviewerRole, async (s, c) => plan.Path == Path.Returned
                ? await s.ActAsync(form.Id, version, SelfEvaluationAction.Return,
                    "“远程会诊人次”未达成目标的原因分析过于笼统，请结合基层机构接入进度逐项说明，并细化下年度改进措施。", c, ct)
                : await s.ActAsync(form.Id, version, SelfEvaluationAction.Pass, "经核实，自评结果客观，同意。", c, ct));
        }
    }

    private const decimal WideBudget = 18_600_000m;

    /// <summary>A department-wide goal whose indicators cover the six dimensions of a whole-department evaluation.</summary>
    private static GoalInput WideGoal() => new(
        "全面落实教育优先发展战略，推进义务教育优质均衡发展，提升部门履职效能和资金使用效益。",
        "完成年度教育重点工作任务，义务教育巩固率不低于98%，预算资金按期拨付，“三公”经费只减不增，群众对教育满意度不低于90%。",
        [
            new("Output", "Quantity", "义务教育学校办学条件达标数", Comparison.AtLeast, 45m, "≥45所", "所", 20m, "达到目标值得满分，未达到按比例扣分。", TargetBasis.Plan, null, null),
            new("Output", "Quality", "年度教育重点工作任务完成率", Comparison.AtLeast, 100m, "100%", "%", 15m, "全部完成得满分，按比例扣分。", TargetBasis.Plan, null, null),
            new("Output", "Timeliness", "预算资金按期拨付率", Comparison.AtLeast, 95m, "≥95%", "%", 10m, "达到95%得满分，按比例扣分。", TargetBasis.Industry, null, null),
            new("Output", "Cost", "“三公”经费支出", Comparison.AtMost, 120m, "≤120万元", "万元", 5m, "不超过上年得满分，超支不得分。", TargetBasis.History, null, null),
            new("Benefit", "Social", "义务教育巩固率", Comparison.AtLeast, 98m, "≥98%", "%", 20m, "达到目标值得满分，按比例扣分。", TargetBasis.History, null, null),
            new("Benefit", "Sustainability", "中小学教育信息化覆盖率", Comparison.AtLeast, 90m, "≥90%", "%", 10m, "达到目标值得满分，按比例扣分。", TargetBasis.Plan, null, null),
            new("Satisfaction", "ServiceRecipient", "群众对教育满意度", Comparison.AtLeast, 90m, "≥90%", "%", 10m, "以问卷调查结果为准。", TargetBasis.Industry, null, null),
        ]);

    /// <summary>
    /// What the unit reports so that the total lands near <paramref name="aimed"/>: every higher-is-better indicator reached to the same
    /// share of its target, lower-is-better ones met, with reasons and measures for every indicator not met.
    /// </summary>
    private static SelfEvaluationInputForm Fill(SelfEvaluationView view, decimal aimed)
    {
        var rows = view.Evaluation.Indicators.OrderBy(i => i.SortOrder).ToList();
        var executionPoints = view.FullYearBudget <= 0m ? 0m : 10m * Math.Min(1m, Math.Max(0m, view.Executed) / view.FullYearBudget);
        var fixedPoints = rows.Where(i => i.Comparison == Comparison.AtMost).Sum(i => i.Weight);
        var scaled = rows.Where(i => i.Comparison != Comparison.AtMost).Sum(i => i.Weight);
        var share = scaled == 0m ? 1m : Math.Clamp((aimed - executionPoints - fixedPoints) / scaled, 0.05m, 1m);
        var met = share >= 1m;
        return new(met ? "年度目标全面完成，项目实施取得预期成效。" : "年度目标部分完成，部分产出和效益指标未达到预期，已分析原因并提出改进措施。",
            rows.Select(i =>
            {
                if (i.Comparison == Comparison.AtMost) return new SelfEvaluationIndicatorInput(i.Id, i.Target ?? 0m);
                var actual = decimal.Round((i.Target ?? 0m) * share, 2);
                return met || actual >= (i.Target ?? 0m)
                    ? new SelfEvaluationIndicatorInput(i.Id, i.Target ?? 0m)
                    : new SelfEvaluationIndicatorInput(i.Id, actual, null, null,
                        share < 0.6m ? "项目资金到位较晚，招标采购和实施进度严重滞后，部分任务未能在年内完成。" : "部分实施内容受季节和采购周期影响，年内完成量低于计划。",
                        share < 0.6m ? "下年度提前启动采购，按月调度实施进度，对未完成任务限期整改。" : "加强实施进度调度，合理安排采购和实施时序。");
            }).ToList());
    }

    private static GoalService Goals(JixiaoDbContext db) => new(db, new RuleSetService(db), new TodoService(db), new PriorAssessmentGate(db));

    private static async Task GoalStepAsync(Func<AuditActor, JixiaoDbContext> contextFor, AuditActor actor, long projectId, GoalAction action,
        GoalReviewScore? score, long orgId, Role role, CancellationToken ct, string? reason = null)
    {
        await using var db = contextFor(actor);
        var p = await db.Projects.FirstAsync(x => x.Id == projectId, ct);
        var version = await db.PerformanceGoals.Where(g => g.ProjectId == projectId && g.State != GoalState.Superseded)
            .OrderByDescending(g => g.VersionNo).Select(g => g.Version).FirstAsync(ct);
        await Goals(db).ActAsync(p, action, version, reason, score, orgId, [role], ct);
    }

    private static async Task<T> Act<T>(Func<AuditActor, JixiaoDbContext> contextFor, AuditActor actor, Organization org, Role role,
        Func<SelfEvaluationService, Caller, Task<T>> action)
    {
        await using var db = contextFor(actor);
        var scope = await new ScopeService(db).ScopeForAsync(org.Id, [role], default);
        var rules = new RuleSetService(db);
        var service = new SelfEvaluationService(db, rules, new TodoService(db), new WarningBoard(db, rules));
        return await action(service, new Caller(actor.UserId, org.Id, [role], scope));
    }
}
