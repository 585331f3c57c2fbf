using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.Organizations;
using Jixiao.Core.PriorAssessments;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Security;
using Jixiao.Core.Todos;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Demo;

/// <summary>
/// Demo projects with goals in every workflow state, created through the real services by the people who would
/// act (so workflow steps, to-dos and the audit log are real), plus the common indicators of the national framework.
/// </summary>
internal static class DemoGoals
{
    internal sealed record Template(string Unit, string Name, decimal Budget, (string Name, decimal Value, string Unit) Quantity, string Quality,
        (string Level2, string Name, Comparison Comparison, decimal Value, string Unit) Benefit, string Served, bool NewMajor = false);

    private static readonly Template[] Templates =
    [
        new("长治市第一中学校", "学校校舍维修改造", 3_800_000m, ("维修改造校舍面积", 12000m, "平方米"), "工程验收合格率", ("Social", "消除校舍安全隐患数", Comparison.AtLeast, 15m, "处"), "师生"),
        new("长治市第一中学校", "教学设备购置", 1_200_000m, ("购置理化生实验设备", 320m, "台套"), "设备验收合格率", ("Social", "实验课开出率", Comparison.AtLeast, 98m, "%"), "师生"),
        new("长治市第一中学校", "家庭经济困难学生资助", 2_600_000m, ("资助学生人数", 1850m, "人"), "资助对象认定准确率", ("Social", "因贫辍学学生人数", Comparison.AtMost, 0m, "人"), "受助学生"),
        new("长治市第二中学校", "校园安全防范设施建设", 900_000m, ("新增监控点位", 260m, "个"), "设施验收合格率", ("Social", "校园安全事故发生数", Comparison.AtMost, 0m, "起"), "师生"),
        new("长治市第二中学校", "教师能力提升培训", 450_000m, ("培训教师人次", 600m, "人次"), "培训考核合格率", ("Sustainability", "骨干教师占比", Comparison.AtLeast, 30m, "%"), "参训教师"),
        new("长治市实验小学", "课后服务经费", 600_000m, ("参加课后服务学生数", 2100m, "人"), "课后服务课程开设率", ("Social", "家长接送困难问题解决率", Comparison.AtLeast, 95m, "%"), "学生家长"),
        new("长治市实验小学", "学生食堂改造", 1_100_000m, ("改造食堂面积", 1500m, "平方米"), "食品安全检查合格率", ("Social", "在校就餐学生人数", Comparison.AtLeast, 1800m, "人"), "学生"),
        new("长治市实验小学", "学生营养改善计划", 1_450_000m, ("受益学生人数", 2300m, "人"), "供餐质量抽检合格率", ("Social", "学生体质健康达标率", Comparison.AtLeast, 92m, "%"), "学生家长"),
        new("长治市人民医院", "公立医院医疗设备购置", 8_500_000m, ("购置大型医疗设备", 6m, "台"), "设备验收合格率", ("Social", "患者平均检查等候时间", Comparison.AtMost, 3m, "天"), "患者", NewMajor: true),
        new("长治市人民医院", "重点专科建设", 3_000_000m, ("建设省级重点专科", 2m, "个"), "专科评审达标率", ("Social", "三四级手术占比", Comparison.AtLeast, 45m, "%"), "患者"),
        new("长治市人民医院", "智慧医院信息化建设", 2_200_000m, ("上线信息系统模块", 12m, "个"), "系统运行可用率", ("Social", "门诊预约诊疗率", Comparison.AtLeast, 60m, "%"), "患者"),
        new("长治市疾病预防控制中心", "重大传染病防控", 1_600_000m, ("开展监测哨点", 24m, "个"), "传染病报告及时率", ("Social", "甲乙类传染病报告发病率", Comparison.AtMost, 250m, "1/10万"), "群众"),
        new("长治市疾病预防控制中心", "免疫规划", 1_300_000m, ("接种疫苗剂次", 180000m, "剂次"), "冷链设备合格率", ("Social", "适龄儿童免疫规划疫苗接种率", Comparison.AtLeast, 95m, "%"), "儿童家长"),
        new("长治市妇幼保健院", "农村妇女两癌筛查", 980_000m, ("完成筛查人数", 26000m, "人"), "筛查结果随访率", ("Social", "早诊率", Comparison.AtLeast, 70m, "%"), "受检妇女"),
        new("长治市农业技术推广中心", "高标准农田建设", 12_000_000m, ("新建高标准农田面积", 30000m, "亩"), "工程验收合格率", ("Economic", "亩均粮食产能提高", Comparison.AtLeast, 100m, "斤"), "农户", NewMajor: true),
        new("长治市农业技术推广中心", "农业技术推广服务", 700_000m, ("推广主推技术", 15m, "项"), "技术到位率", ("Economic", "示范区亩均增收", Comparison.AtLeast, 120m, "元"), "农户"),
        new("长治市农村经济经营管理站", "农村饮水安全巩固提升工程", 6_500_000m, ("新建改造供水工程", 42m, "处"), "水质达标率", ("Social", "农村自来水普及率", Comparison.AtLeast, 96m, "%"), "农村群众"),
        new("长治市农村经济经营管理站", "农村集体经济发展扶持", 2_000_000m, ("扶持村集体经济组织", 40m, "个"), "项目资金规范使用率", ("Economic", "扶持村集体经济收入增长", Comparison.AtLeast, 8m, "%"), "村集体"),
        new("长治市公路管理段", "农村公路养护", 5_400_000m, ("养护农村公路里程", 860m, "公里"), "优良路率", ("Social", "农村公路安全事故率", Comparison.AtMost, 0.5m, "%"), "沿线群众"),
        new("长治市公路管理段", "危桥改造", 4_200_000m, ("改造危桥", 9m, "座"), "工程验收合格率", ("Social", "危桥占比", Comparison.AtMost, 1m, "%"), "沿线群众"),
        new("长治市道路运输事业发展中心", "城乡客运一体化补贴", 3_300_000m, ("补贴运营线路", 48m, "条"), "班次准点率", ("Social", "建制村通客车率", Comparison.AtLeast, 100m, "%"), "乘客"),
        new("长治市生态环境监测中心", "空气质量自动监测站运维", 1_500_000m, ("运维监测站点", 28m, "个"), "数据有效率", ("Ecological", "监测数据传输率", Comparison.AtLeast, 95m, "%"), "公众"),
        new("长治市生态环境监测中心", "水质监测能力建设", 2_100_000m, ("新增水质自动站", 5m, "个"), "设备验收合格率", ("Ecological", "国考断面水质优良比例", Comparison.AtLeast, 80m, "%"), "公众"),
        new("长治市生态环境保护综合行政执法队", "生态环境执法装备购置", 800_000m, ("购置执法装备", 75m, "台套"), "装备验收合格率", ("Ecological", "环境违法案件查处率", Comparison.AtLeast, 100m, "%"), "公众"),
        new("长治市社会福利院", "特困人员供养", 4_600_000m, ("集中供养特困人员", 420m, "人"), "供养标准落实率", ("Social", "特困人员基本生活保障率", Comparison.AtLeast, 100m, "%"), "供养对象"),
        new("长治市社会福利院", "福利院设施改造", 1_900_000m, ("改造居住用房面积", 3200m, "平方米"), "工程验收合格率", ("Social", "床位使用率", Comparison.AtLeast, 85m, "%"), "供养对象"),
        new("长治市救助管理站", "流浪乞讨人员救助", 750_000m, ("救助人次", 1600m, "人次"), "救助对象身份查明率", ("Social", "受助人员返乡率", Comparison.AtLeast, 90m, "%"), "受助人员"),
        new("长治市殡仪馆", "殡葬设施改造", 2_800_000m, ("改造火化设备", 3m, "台"), "设备排放达标率", ("Ecological", "大气污染物排放超标次数", Comparison.AtMost, 0m, "次"), "群众"),
        new("长治市妇幼保健院", "孕产妇健康管理", 1_050_000m, ("建档孕产妇人数", 21000m, "人"), "产前检查覆盖率", ("Social", "孕产妇死亡率", Comparison.AtMost, 12m, "1/10万"), "孕产妇"),
        new("长治市疾病预防控制中心", "慢性病综合防控", 880_000m, ("开展慢病筛查人数", 52000m, "人"), "筛查信息录入准确率", ("Social", "高血压患者规范管理率", Comparison.AtLeast, 65m, "%"), "群众"),
        new("长治市第二中学校", "学生宿舍维修改造", 1_650_000m, ("维修宿舍面积", 5200m, "平方米"), "工程验收合格率", ("Social", "住宿学生人数", Comparison.AtLeast, 1200m, "人"), "住校学生"),
    ];

    /// <summary>The path each demo goal takes; new-major projects stay in draft (no ex-ante assessment yet).</summary>
    private static readonly GoalState[] Targets =
    [
        GoalState.Published, GoalState.Submitted, GoalState.Returned, GoalState.Approved, GoalState.FinanceReviewed,
        GoalState.DepartmentReviewed, GoalState.Draft, GoalState.Adjusting,
    ];

    public static async Task SeedAsync(Func<AuditActor, JixiaoDbContext> contextFor, FieldCipher cipher, int year, CancellationToken ct)
    {
        await using var read = contextFor(AuditActor.System);
        var orgs = await read.Organizations.AsNoTracking().ToListAsync(ct);
        var cityRegion = orgs.First(o => o.Kind == OrganizationKind.FinanceBureau && o.Code == "001" && o.ParentId == null).RegionId;
        await SeedLibraryAsync(contextFor, orgs, cityRegion, ct);

        var i = 0;
        foreach (var t in Templates)
        {
            var unit = orgs.First(o => o.Name == t.Unit);
            var dept = orgs.First(o => o.Id == unit.ParentId);
            var section = await read.BudgetSectionAssignments.AsNoTracking().Where(a => a.DepartmentId == dept.Id).Select(a => a.SectionId).FirstAsync(ct);
            var perf = orgs.First(o => o.RegionId == unit.RegionId && o.Kind == OrganizationKind.PerformanceSection);
            var target = t.NewMajor ? GoalState.Draft : Targets[i % Targets.Length];
            i++;

            var unitActor = await ActorAsync(read, unit, Role.BudgetUnit, ct);
            long projectId;
            await using (var db = contextFor(unitActor))
            {
                var scope = await new ScopeService(db).ScopeForAsync(unit.Id, [Role.BudgetUnit], ct);
                var projects = new ProjectService(db, cipher);
                var p = await projects.CreateAsync(year, new ProjectInput($"{unit.Code}{year}{i:000}", t.Name, ProjectKind.Project, unit.Id, BudgetKind.General,
                    t.Budget >= 5_000_000m ? ProjectCategory.GovernmentInvestment : ProjectCategory.Ordinary, t.NewMajor, false, year, year,
                    ResponsiblePerson(i), $"1380355{i:0000}", t.Budget - t.Budget / 10m, t.Budget / 10m, 0m, $"{unit.Name}{year}年度{t.Name}项目。"),
                    unit.Id, [Role.BudgetUnit], scope, ct);
                projectId = p.Id;
                var goals = Goals(db);
                var goal = await goals.SaveDraftAsync(p, null, Input(t), unit.Id, [Role.BudgetUnit], ct);
                if (target == GoalState.Draft) continue;
                await goals.ActAsync(p, GoalAction.Submit, goal.Version, null, null, unit.Id, [Role.BudgetUnit], ct);
            }
            if (target == GoalState.Submitted) continue;

            await StepAsync(contextFor, await ActorAsync(read, dept, Role.Department, ct), projectId,
                target == GoalState.Returned && i % 2 == 0 ? GoalAction.Return : GoalAction.Pass,
                target == GoalState.Returned ? "效益指标“" + t.Benefit.Name + "”目标值依据不足，请补充近三年实际值作为历史标准。" : null,
                new GoalReviewScore(23m, 22m, 21m, 22m), dept.Id, Role.Department, ct);
            if (target == GoalState.Returned && i % 2 == 0) continue;
            if (target == GoalState.DepartmentReviewed) continue;

            var budgetActor = await ActorAsync(read, orgs.First(o => o.Id == section), Role.BudgetSection, ct);
            await StepAsync(contextFor, budgetActor, projectId, target == GoalState.Returned ? GoalAction.Return : GoalAction.Pass,
                target == GoalState.Returned ? "成本指标与预算金额不匹配，产出数量指标偏低，请对照上年完成情况修改。" : null,
                new GoalReviewScore(22m, 23m, 20m, 21m), section, Role.BudgetSection, ct);
            if (target is GoalState.Returned or GoalState.FinanceReviewed) continue;

            await StepAsync(contextFor, budgetActor, projectId, GoalAction.Approve, "随部门预算批复", null, section, Role.BudgetSection, ct);
            if (target == GoalState.Approved) continue;
            if (target == GoalState.Published)
            {
                await StepAsync(contextFor, await ActorAsync(read, perf, Role.PerformanceSection, ct), projectId, GoalAction.Publish, null, null, perf.Id, Role.PerformanceSection, ct);
                continue;
            }
            await using (var db = contextFor(unitActor))
            {
                var p = await db.Projects.FirstAsync(x => x.Id == projectId, ct);
                await Goals(db).AdjustAsync(p, "年中追加预算，相应调增产出数量指标。", unit.Id, [Role.BudgetUnit], ct);
            }
        }
    }

    private static GoalService Goals(JixiaoDbContext db) => new(db, new RuleSetService(db), new TodoService(db), new PriorAssessmentGate(db));

    private static async Task StepAsync(Func<AuditActor, JixiaoDbContext> contextFor, AuditActor actor, long projectId, GoalAction action, string? reason,
        GoalReviewScore? score, long orgId, Role role, CancellationToken ct)
    {
        await using var db = contextFor(actor);
        var p = await db.Projects.FirstAsync(x => x.Id == projectId, ct);
        var version = await db.PerformanceGoals.Where(g => g.ProjectId == projectId && g.State != GoalState.Superseded)
            .OrderByDescending(g => g.VersionNo).Select(g => g.Version).FirstAsync(ct);
        await Goals(db).ActAsync(p, action, version, reason, score, orgId, [role], ct);
    }

    /// <summary>The demo account of that organisation and role when there is one, else a named clerk of it.</summary>
    internal static async Task<AuditActor> ActorAsync(JixiaoDbContext db, Organization org, Role role, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.OrganizationId == org.Id && u.Roles.Any(r => r.Role == role)).FirstOrDefaultAsync(ct);
        return user is not null
            ? new AuditActor(user.Id, user.UserName, role.ToString(), org.Id, null, user.DisplayName)
            : new AuditActor(null, $"{org.Name}经办人", role.ToString(), org.Id, null);
    }

    private static string ResponsiblePerson(int i) => new[] { "郭志刚", "韩丽娟", "马骏", "杨帆", "冯建华", "宋晓燕", "郝文斌", "牛慧芳", "申国强", "常玉梅" }[i % 10];

    internal static GoalInput Input(Template t)
    {
        var wan = t.Budget / 10_000m;
        return new GoalInput(
            $"通过{t.Name}，持续改善{t.Served}的服务条件和保障水平。",
            $"{t.Quantity.Name}达到{t.Quantity.Value:0.##}{t.Quantity.Unit}，{t.Quality}达到100%，年内按期完成，{t.Benefit.Name}{t.Benefit.Comparison.Symbol()}{t.Benefit.Value:0.##}{t.Benefit.Unit}，{t.Served}满意度不低于90%。",
            [
                new("Output", "Quantity", t.Quantity.Name, Comparison.AtLeast, t.Quantity.Value, $"≥{t.Quantity.Value:0.##}{t.Quantity.Unit}", t.Quantity.Unit, 20m, "完成目标值得满分，未完成按比例扣分。", TargetBasis.Plan, null, null),
                new("Output", "Quality", t.Quality, Comparison.AtLeast, 100m, "100%", "%", 15m, "达到100%得满分，每降低1个百分点扣1分。", TargetBasis.Industry, null, null),
                new("Output", "Timeliness", "项目按期完成率", Comparison.AtLeast, 100m, "100%", "%", 10m, "12月底前完成得满分，每延迟1个月扣2分。", TargetBasis.Plan, null, null),
                new("Output", "Cost", "项目总成本", Comparison.AtMost, wan, $"≤{wan:0.##}万元", "万元", 5m, "控制在预算内得满分，超支不得分。", TargetBasis.Plan, null, null),
                new("Benefit", t.Benefit.Level2, t.Benefit.Name, t.Benefit.Comparison, t.Benefit.Value, $"{t.Benefit.Comparison.Symbol()}{t.Benefit.Value:0.##}{t.Benefit.Unit}", t.Benefit.Unit, 30m, "达到目标值得满分，未达到按比例扣分。", TargetBasis.History, null, null),
                new("Satisfaction", "ServiceRecipient", $"{t.Served}满意度", Comparison.AtLeast, 90m, "≥90%", "%", 10m, "以问卷调查结果为准，达到90%得满分。", TargetBasis.Industry, null, null),
            ]);
    }

    /// <summary>Common indicators of the national framework (财预〔2020〕10号 附件), and two sector sets.</summary>
    private static async Task SeedLibraryAsync(Func<AuditActor, JixiaoDbContext> contextFor, List<Organization> orgs, long regionId, CancellationToken ct)
    {
        await using var db = contextFor(new AuditActor(null, "demo-seed", Role.PerformanceSection.ToString(), null, null));
        (string L1, string L2, string Name, Comparison C, string? Unit, string Std)[] common =
        [
            ("Output", "Quantity", "实际完成率", Comparison.AtLeast, "%", "实际产出数÷计划产出数×100%，达到100%得满分，按比例扣分。"),
            ("Output", "Quality", "质量达标率", Comparison.AtLeast, "%", "质量达标产出数÷实际产出数×100%。"),
            ("Output", "Timeliness", "完成及时性", Comparison.AtLeast, "%", "按计划时限完成的产出占比。"),
            ("Output", "Cost", "成本节约率", Comparison.AtLeast, "%", "（计划成本−实际成本）÷计划成本×100%。"),
            ("Cost", "EconomicCost", "项目总成本", Comparison.AtMost, "万元", "控制在批复预算内得满分，超支不得分。"),
            ("Benefit", "Economic", "经济效益", Comparison.Qualitative, null, "对经济发展带来的直接或间接影响。"),
            ("Benefit", "Social", "社会效益", Comparison.Qualitative, null, "对社会发展带来的直接或间接影响。"),
            ("Benefit", "Ecological", "生态效益", Comparison.Qualitative, null, "对生态环境带来的直接或间接影响。"),
            ("Benefit", "Sustainability", "可持续影响", Comparison.Qualitative, null, "项目后续运行及成效发挥的可持续性。"),
            ("Satisfaction", "ServiceRecipient", "服务对象满意度", Comparison.AtLeast, "%", "以问卷调查为准，达到目标值得满分。"),
        ];
        foreach (var c in common)
            db.LibraryIndicators.Add(new LibraryIndicator(regionId, IndicatorScope.Common, null, c.L1, c.L2, c.Name, c.C, c.Unit, c.Std, "按计划或行业标准设定", null, null));
        var edu = orgs.First(o => o.Name == "长治市教育局");
        var health = orgs.First(o => o.Name == "长治市卫生健康委员会");
        (long Owner, string Sector, string L1, string L2, string Name, Comparison C, string Unit)[] sector =
        [
            (edu.Id, "教育", "Output", "Quantity", "资助学生人数", Comparison.AtLeast, "人"),
            (edu.Id, "教育", "Output", "Quality", "资助对象认定准确率", Comparison.AtLeast, "%"),
            (edu.Id, "教育", "Benefit", "Social", "义务教育巩固率", Comparison.AtLeast, "%"),
            (edu.Id, "教育", "Output", "Quantity", "维修改造校舍面积", Comparison.AtLeast, "平方米"),
            (health.Id, "卫生健康", "Output", "Quantity", "完成筛查人数", Comparison.AtLeast, "人"),
            (health.Id, "卫生健康", "Benefit", "Social", "适龄儿童免疫规划疫苗接种率", Comparison.AtLeast, "%"),
            (health.Id, "卫生健康", "Benefit", "Social", "孕产妇死亡率", Comparison.AtMost, "1/10万"),
        ];
        foreach (var s in sector)
            db.LibraryIndicators.Add(new LibraryIndicator(regionId, IndicatorScope.Sector, s.Owner, s.L1, s.L2, s.Name, s.C, s.Unit, "达到目标值得满分，未达到按比例扣分。", "参考近三年平均值", s.Sector, s.Sector == "教育" ? "205" : "210"));
        await db.SaveChangesAsync(ct);
    }
}
