using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Security;
using Jixiao.Core.ThirdParties;
using Jixiao.Core.Todos;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Demo;

/// <summary>
/// Three key evaluations (重点评价) made through the real services by the performance section, the experts and the agency: the school
/// nutrition programme, scored by three experts (周敏, demo account "expert2", as herself; the two others' paper sheets entered by the
/// organiser), closed, with conclusions, completed; the civil-affairs bureau's whole spending (the six-dimension framework), where 周敏
/// still has to score; and the agricultural-machinery subsidy policy, engaged to 山西正信会计师事务所 and scored by its staff member
/// 周丽 (demo account "agency"), closed, completed, and the agency's work rated by the performance section.
/// The draws are random, but the field filters leave exactly as many eligible experts as are drawn (马文涛 declared a tie to the
/// education bureau and is excluded), so the demo is the same every time.
/// </summary>
internal static class DemoKeyEvaluations
{
    public static async Task SeedAsync(Func<AuditActor, JixiaoDbContext> contextFor, FieldCipher cipher, int year, CancellationToken ct)
    {
        await using var read = contextFor(AuditActor.System);
        var orgs = await read.Organizations.AsNoTracking().ToListAsync(ct);
        var city = orgs.First(o => o.Name == "长治市财政局").RegionId;
        var perf = orgs.First(o => o.Kind == OrganizationKind.PerformanceSection && o.RegionId == city);
        var perfActor = await DemoGoals.ActorAsync(read, perf, Role.PerformanceSection, ct);
        var pool = orgs.First(o => o.Kind == OrganizationKind.ExpertPool);
        var nutrition = await read.Projects.AsNoTracking().FirstAsync(p => p.Name == "学生营养改善计划" && p.FiscalYear == year, ct);

        // A: completed, three experts.
        var a = await Act(contextFor, perfActor, perf, Role.PerformanceSection, cipher, (s, c) => s.CreateAsync(new KeyEvaluationInput(KeyEvaluationSubjectKind.Projects,
            [nutrition.Id], Background: "学生营养改善计划为全市农村义务教育阶段学生提供营养膳食补助，年度预算145万元，惠及学生2300人，由长治市实验小学组织实施。",
            ScoringDeadline: new DateOnly(year, 11, 20), ReportDeadline: new DateOnly(year, 12, 10)), year, c, ct));
        await Act(contextFor, perfActor, perf, Role.PerformanceSection, cipher, async (s, c) =>
            await s.AssignAsync(a.Id, (await s.LoadAsync(a.Id, c, ct)).Version, new KeyAssignInput(KeyEvaluationMethod.Experts, 3, "管理"), c, ct));
        await ScoreAllAsync(contextFor, read, cipher, perfActor, perf, pool, a.Id, [0.88m, 0.80m, 0.85m], skipWithAccounts: false, ct);
        await Act(contextFor, perfActor, perf, Role.PerformanceSection, cipher, async (s, c) =>
        {
            var id = a.Id;
            await s.CloseAsync(id, (await s.LoadAsync(id, c, ct)).Version, c, ct);
            await s.WriteConclusionsAsync(id, (await s.LoadAsync(id, c, ct)).Version, new KeyConclusionsInput(
                "项目立项依据充分，资金按标准足额拨付，供餐覆盖全部受助学生，学生体质健康达标率较上年提高；但食堂食品安全台账不完整，部分学校供餐标准执行不到位。",
                "建立了学校、家长、供餐企业三方陪餐制度，每月公示食谱和资金使用情况。",
                "一是2所学校食品留样记录缺失，原因是专职管理人员不足；二是供餐企业招标文件对营养配比要求不明确，部分月份肉蛋奶供应量低于标准；三是满意度调查样本偏少。",
                "一、配齐学校食堂专兼职管理人员，完善留样和进货查验台账；二、在供餐招标文件中明确营养配比和抽检要求；三、扩大满意度调查范围，每学期至少开展一次。",
                null), c, ct);
            return await s.CompleteAsync(id, (await s.LoadAsync(id, c, ct)).Version, c, ct);
        });

        // B: the civil-affairs bureau's whole spending; 侯建军's paper sheet is in, 周敏 (expert2) has yet to score.
        var civil = orgs.First(o => o.Name == "长治市民政局");
        var b = await Act(contextFor, perfActor, perf, Role.PerformanceSection, cipher, (s, c) => s.CreateAsync(new KeyEvaluationInput(
            KeyEvaluationSubjectKind.DepartmentOverall, DepartmentId: civil.Id, FiscalYear: year,
            Background: "长治市民政局本级及所属社会福利院、救助管理站、殡仪馆的全部预算支出。", ScoringDeadline: new DateOnly(year, 12, 20)), year, c, ct));
        await Act(contextFor, perfActor, perf, Role.PerformanceSection, cipher, async (s, c) =>
            await s.AssignAsync(b.Id, (await s.LoadAsync(b.Id, c, ct)).Version, new KeyAssignInput(KeyEvaluationMethod.Experts, 2, "卫生管理"), c, ct));
        await ScoreAllAsync(contextFor, read, cipher, perfActor, perf, pool, b.Id, [0.84m], skipWithAccounts: true, ct);

        // C: a policy of the agricultural technology centre, engaged to the agency and scored by it, completed, the agency rated.
        var agri = orgs.First(o => o.Name == "长治市农业技术推广中心");
        long policyId;
        await using (var db = contextFor(await DemoGoals.ActorAsync(read, agri, Role.BudgetUnit, ct)))
        {
            var scope = await new ScopeService(db).ScopeForAsync(agri.Id, [Role.BudgetUnit], ct);
            policyId = (await new ProjectService(db, cipher).CreateAsync(year, new ProjectInput($"{agri.Code}{year}P01", "农机购置与应用补贴政策", ProjectKind.Policy,
                agri.Id, BudgetKind.General, ProjectCategory.Ordinary, false, false, year - 2, year, "申国强", "13803559101", 1_800_000m, 0m, 0m,
                "对购置列入补贴范围的农业机械的农民和农业生产经营组织给予定额补贴，引导农机装备结构优化。"), agri.Id, [Role.BudgetUnit], scope, ct)).Id;
        }
        var agencyOrg = orgs.First(o => o.Name == "山西正信会计师事务所有限公司");
        var agencyId = await read.Agencies.AsNoTracking().Where(x => x.OrganizationId == agencyOrg.Id).Select(x => x.Id).FirstAsync(ct);
        var c = await Act(contextFor, perfActor, perf, Role.PerformanceSection, cipher, (s, caller) => s.CreateAsync(new KeyEvaluationInput(
            KeyEvaluationSubjectKind.Policy, [policyId], Background: "农机购置与应用补贴政策自2024年起实施，年度补贴资金180万元，覆盖全市12个县区的农户和农机合作社。",
            ScoringDeadline: new DateOnly(year, 11, 30), ReportDeadline: new DateOnly(year, 12, 15)), year, caller, ct));
        await Act(contextFor, perfActor, perf, Role.PerformanceSection, cipher, async (s, caller) =>
            await s.AssignAsync(c.Id, (await s.LoadAsync(c.Id, caller, ct)).Version, new KeyAssignInput(KeyEvaluationMethod.Agency, AgencyId: agencyId), caller, ct));
        var policyIndicators = await read.KeyEvaluationIndicators.AsNoTracking().Where(i => i.EvaluationId == c.Id).OrderBy(i => i.Order).ToListAsync(ct);
        var agencySheet = new KeySheetInput(policyIndicators.Select((i, k) =>
        {
            var share = Math.Min(1m, 0.78m + 0.06m * (k % 4));
            return new KeyScoreInput(i.Id, Math.Round(i.Weight * share, 1, MidpointRounding.AwayFromZero), Comment(i.Level1, share));
        }).ToList(), "政策目标明确、补贴资金及时兑付，农机装备结构有所优化；但补贴机具核验和事后抽查不够，部分县区公示不及时。");
        await Act(contextFor, await DemoGoals.ActorAsync(read, agencyOrg, Role.ThirdPartyAgency, ct), agencyOrg, Role.ThirdPartyAgency, cipher,
            (s, caller) => s.ScoreAsync(c.Id, agencySheet, caller, ct));
        await Act(contextFor, perfActor, perf, Role.PerformanceSection, cipher, async (s, caller) =>
        {
            var id = c.Id;
            await s.CloseAsync(id, (await s.LoadAsync(id, caller, ct)).Version, caller, ct);
            await s.WriteConclusionsAsync(id, (await s.LoadAsync(id, caller, ct)).Version, new KeyConclusionsInput(
                "政策设立依据充分，补贴标准和程序公开，资金全部兑付到户，主要农作物耕种收综合机械化率较上年提高；但机具核验和事后监管存在薄弱环节。",
                "实行“先购后补、县级结算、直补到卡”，补贴申请和兑付全程网上办理。",
                "一是部分县区补贴机具现场核验比例低于规定，原因是基层农机人员不足；二是个别县区补贴公示滞后；三是对补贴机具使用情况缺少跟踪。",
                "一、提高现场核验比例，引入第三方协助核验；二、按季度公示补贴资金使用情况；三、建立补贴机具作业量跟踪机制，将使用效果纳入下年度补贴额度测算。",
                null), caller, ct);
            await s.CompleteAsync(id, (await s.LoadAsync(id, caller, ct)).Version, caller, ct);
            return await s.RateAgencyAsync(id, 88m, "按期提交评价报告，入户调查样本充足，问题分析到位。", caller, ct);
        });
    }

    private static async Task<T> Act<T>(Func<AuditActor, JixiaoDbContext> contextFor, AuditActor actor, Organization org, Role role, FieldCipher cipher,
        Func<KeyEvaluationService, Caller, Task<T>> action)
    {
        await using var db = contextFor(actor);
        var scope = await new ScopeService(db).ScopeForAsync(org.Id, [role]);
        var service = new KeyEvaluationService(db, new RuleSetService(db), new TodoService(db), new ThirdPartyService(db, cipher));
        return await action(service, new Caller(actor.UserId, org.Id, [role], scope));
    }

    /// <summary>Drawn experts score, in draw order, one share level each: an expert with an account as themself, the others' paper sheets entered by the organiser.</summary>
    private static async Task ScoreAllAsync(Func<AuditActor, JixiaoDbContext> contextFor, JixiaoDbContext read, FieldCipher cipher, AuditActor organiser,
        Organization organiserOrg, Organization pool, long id, decimal[] levels, bool skipWithAccounts, CancellationToken ct)
    {
        var scorers = await read.KeyEvaluationScorers.AsNoTracking().Where(s => s.EvaluationId == id).OrderBy(s => s.DrawOrder).ToListAsync(ct);
        var indicators = await read.KeyEvaluationIndicators.AsNoTracking().Where(i => i.EvaluationId == id).OrderBy(i => i.Order).ToListAsync(ct);
        var n = 0;
        foreach (var scorer in scorers)
        {
            if (n == levels.Length) break;
            var expert = await read.Experts.AsNoTracking().FirstAsync(e => e.Id == scorer.ExpertId, ct);
            if (expert.UserId is not null && skipWithAccounts) continue;
            var level = levels[n];
            var sheet = new KeySheetInput(indicators.Select((i, k) =>
            {
                var share = Math.Min(1m, level + 0.05m * ((k + n) % 3) - 0.04m);
                return new KeyScoreInput(i.Id, Math.Round(i.Weight * share, 1, MidpointRounding.AwayFromZero), Comment(i.Level1, share));
            }).ToList(), Opinions[n % Opinions.Length]);
            if (expert.UserId is { } userId)
            {
                var user = await read.Users.AsNoTracking().FirstAsync(u => u.Id == userId, ct);
                await Act(contextFor, new AuditActor(user.Id, user.UserName, Role.Expert.ToString(), pool.Id, null, user.DisplayName), pool, Role.Expert, cipher,
                    (s, c) => s.ScoreAsync(id, sheet, c, ct));
            }
            else
            {
                await Act(contextFor, organiser, organiserOrg, Role.PerformanceSection, cipher, (s, c) => s.ScoreAsync(id, sheet with { ScorerId = scorer.Id }, c, ct));
            }
            n++;
        }
    }

    private static string Comment(string level1, decimal share) => (level1, share >= 0.9m) switch
    {
        ("Decision", true) => "立项依据充分，目标与职责相符。",
        ("Decision", false) => "绩效目标部分指标不够细化，扣分。",
        ("Process", true) => "资金管理规范，支出手续完备。",
        ("Process", false) => "个别支出审批手续不全，台账不完整，扣分。",
        ("Output", true) => "产出按计划完成，质量达标。",
        ("Output", false) => "部分产出未按时完成，质量抽检有不合格项，扣分。",
        (_, true) => "效益目标基本实现，服务对象认可度较高。",
        _ => "效益数据支撑不足，满意度调查样本偏少，扣分。",
    };

    private static readonly string[] Opinions =
    [
        "项目总体实施较好，资金管理规范，建议加强食品安全过程管理。",
        "产出目标基本完成，个别学校管理台账不完整，需整改。",
        "效益较明显，满意度调查应扩大样本，提高数据可信度。",
    ];
}
