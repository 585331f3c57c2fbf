using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.PriorAssessments;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Security;
using Jixiao.Core.ThirdParties;
using Jixiao.Core.Todos;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Demo;

/// <summary>
/// The demo expert pool (15 experts, one not in the pool any more), the agency pool (5 agencies, one blacklisted, one
/// under watch after an inspection) and six ex-ante assessments in every state — 予以支持 by drawn experts, scoring
/// under way, 不予支持 by a third party, a confirmed self-assessment awaiting the unit's changes, an engagement the
/// demo agency still has to score, and one waiting to be organised — all made through the real services. The draws are
/// random, but the field filters leave exactly as many eligible experts as are drawn, so the demo is the same every time.
/// </summary>
internal static class DemoPriorAssessments
{
    private sealed record ExpertSeed(string Name, string Field, string Title, string Employer, string? UserName = null, string[]? Conflicts = null, bool Active = true);

    private static readonly ExpertSeed[] Experts =
    [
        new("孙明", "农业经济", "研究员", "山西省农业科学院", "expert"),
        new("贾志强", "农业工程", "高级工程师", "长治市水利勘测设计院"),
        new("任晓红", "农业经济", "副教授", "长治学院", Conflicts: ["长治市农业农村局"]),
        new("闫丽萍", "农业技术推广", "高级农艺师", "晋中市农业科学研究所"),
        new("周敏", "卫生管理", "主任医师", "山西医科大学第一医院", "expert2"),
        new("郭海燕", "医疗设备", "高级工程师", "山西省医疗器械检验所"),
        new("王振华", "卫生经济", "教授", "长治医学院", Conflicts: ["长治市人民医院", "长治市卫生健康委员会"]),
        new("侯建军", "卫生管理", "副主任医师", "晋城市人民医院"),
        new("李建平", "财务会计", "高级会计师", "山西正信会计师事务所有限公司", Conflicts: ["山西正信会计师事务所有限公司"]),
        new("陈晓东", "财政税收", "教授", "山西财经大学"),
        new("刘秀兰", "工程造价", "高级工程师", "长治市建设工程造价管理站"),
        new("马文涛", "教育管理", "教授", "长治学院", Conflicts: ["长治市教育局"]),
        new("张丽君", "教育经济", "副教授", "太原师范学院"),
        new("牛志刚", "公共管理", "研究员", "山西省社会科学院"),
        new("赵雅琴", "法律", "律师", "山西晋法律师事务所", Conflicts: ["山西晋法律师事务所"], Active: false),
    ];

    public static async Task SeedAsync(Func<AuditActor, JixiaoDbContext> contextFor, FieldCipher cipher, int year, CancellationToken ct)
    {
        await using var read = contextFor(AuditActor.System);
        var orgs = await read.Organizations.AsNoTracking().ToListAsync(ct);
        Organization Org(string name) => orgs.First(o => o.Name == name);
        var perf = orgs.First(o => o.Kind == OrganizationKind.PerformanceSection && o.Code == "001001" && o.RegionId == Org("长治市财政局").RegionId);
        var perfActor = await DemoGoals.ActorAsync(read, perf, Role.PerformanceSection, ct);

        // The pools, kept by the performance section.
        var expertIds = new Dictionary<string, long>();
        await Act(contextFor, perfActor, perf, Role.PerformanceSection, cipher, async (pools, _, caller) =>
        {
            var n = 0;
            foreach (var e in Experts)
            {
                n++;
                var id = $"1404021968{n:00}{n + 10:00}0{n % 10}{n % 3}";
                var expert = await pools.CreateExpertAsync(caller, new ExpertInput(e.Name, e.Field, e.Title, e.Employer, $"1390355{n:0000}",
                    id + PersonalData.CheckCharacter(id), e.UserName, e.Active, e.Active ? null : "2026年起不再担任评审专家（本人申请）。",
                    (e.Conflicts ?? []).Select(c => new ConflictInput(Org(c).Id, "任职或兼职关系")).ToList()), ct);
                expertIds[e.Name] = expert.Id;
            }
            (string Org, AgencyType Type, string Qualifications, int Staff, string Contact, string[] Conflicts)[] agencies =
            [
                ("山西正信会计师事务所有限公司", AgencyType.AccountingFirm, "会计师事务所执业证书；财政部门预算绩效评价业务备案", 86, "周丽", ["长治市交通运输局"]),
                ("山西恒信绩效评价咨询有限公司", AgencyType.Consultancy, "工程咨询单位甲级资信；ISO 9001 质量管理体系认证", 45, "高峰", []),
                ("长治学院区域经济研究中心", AgencyType.University, "高校科研机构；承担省市级软科学课题12项", 18, "李文博", ["长治市教育局"]),
                ("山西晋法律师事务所", AgencyType.LawFirm, "律师事务所执业许可证；政府法律顾问单位", 32, "赵雅琴", []),
                ("山西鼎诚项目管理咨询有限公司", AgencyType.Consultancy, "工程咨询单位乙级资信", 23, "孟凡", []),
            ];
            var i = 0;
            foreach (var a in agencies)
            {
                i++;
                var agency = await pools.CreateAgencyAsync(caller, new AgencyInput(Org(a.Org).Id, a.Type, a.Qualifications, a.Staff, a.Contact, $"0355-21{i:00}{i * 7:000}",
                    a.Conflicts.Select(c => new ConflictInput(Org(c).Id, "近三年为其提供审计或咨询服务")).ToList()), ct);
                if (a.Org == "长治学院区域经济研究中心")
                {
                    await pools.AddInspectionAsync(agency.Id, new DateOnly(year - 1, 11, 20), "抽查2025年度重点评价项目：现场核查记录不完整，个别指标数据未注明来源。", false, caller, ct);
                    await pools.SetCreditAsync(agency.Id, agency.Version, CreditStatus.Watch, "监督检查发现工作底稿不完整，列为关注，整改后恢复。", caller, ct);
                }
                if (a.Org == "山西鼎诚项目管理咨询有限公司")
                {
                    await pools.AddInspectionAsync(agency.Id, new DateOnly(year - 1, 9, 8), "2025年度某项目评价报告中满意度调查数据系编造，问卷无原始记录。", true, caller, ct);
                    await pools.SetCreditAsync(agency.Id, agency.Version, CreditStatus.Blacklisted, "评价报告数据造假（监督检查发现），列入黑名单，三年内不得承接预算绩效业务。", caller, ct);
                }
            }
            return 0;
        });

        var hospital = await ProjectAsync(read, "公立医院医疗设备购置", ct);
        var farmland = await ProjectAsync(read, "高标准农田建设", ct);

        // A: the agriculture department organises its own unit's assessment: the 农业 experts (孙明, demo account "expert", among
        // them; 任晓红 declared a tie to the department and is excluded) find the farmland project worth supporting: 予以支持.
        var a = await StartAndSubmitAsync(contextFor, read, cipher, farmland.Id, "全市尚有3万亩中低产田灌排设施老化，建设高标准农田可提高亩均产能100斤以上，为粮食安全所需。", ct);
        var agriDept = Org("长治市农业农村局");
        var agriActor = await DemoGoals.ActorAsync(read, agriDept, Role.Department, ct);
        await Organise(contextFor, agriActor, agriDept, Role.Department, cipher, a, new OrganiseInput(AssessmentMethod.Experts, 3, "农业"), ct);
        await ScoreAllAsync(contextFor, read, cipher, agriActor, agriDept, a, [[18, 17, 17, 18, 9, 8], [17, 16, 18, 17, 9, 9], [18, 17, 16, 16, 8, 9]], ct);
        await Close(contextFor, agriActor, agriDept, Role.Department, cipher, a, "项目立项依据充分，建设内容与粮食安全任务匹配，预算测算基本合理，同意予以支持。", null, ct);

        // B: two 卫生 experts for the hospital's equipment: one paper sheet is in, 周敏 (demo account "expert2") has yet to score,
        // so the hospital (demo account "unit2") cannot submit its goal yet.
        var b = await StartAndSubmitAsync(contextFor, read, cipher, hospital.Id, "现有CT、DR等大型设备使用超过10年，故障率高，患者检查平均等候4.5天；购置后可将等候时间降至3天以内。", ct);
        await Organise(contextFor, perfActor, perf, Role.PerformanceSection, cipher, b, new OrganiseInput(AssessmentMethod.Experts, 2, "卫生"), ct);
        await ScoreAllAsync(contextFor, read, cipher, perfActor, perf, b, [[17, 15, 16, 15, 8, 8]], ct, skipWithAccounts: true);

        // C: a third party finds the parking-guidance system not worth its money: 不予支持; the performance section rates the agency.
        var parking = await NewProjectAsync(contextFor, read, cipher, "长治市道路运输事业发展中心", "城区智慧停车诱导系统建设", 6_800_000m, year, renewal: false, ct);
        var c = await StartAndSubmitAsync(contextFor, read, cipher, parking, "拟在城区主要路段设置停车诱导屏42块，缓解停车难。", ct);
        await Organise(contextFor, perfActor, perf, Role.PerformanceSection, cipher, c,
            new OrganiseInput(AssessmentMethod.ThirdParty, AgencyId: await AgencyIdAsync(read, "山西恒信绩效评价咨询有限公司", ct)), ct);
        var hengxin = Org("山西恒信绩效评价咨询有限公司");
        await Act(contextFor, new AuditActor(null, "恒信评价项目组", Role.ThirdPartyAgency.ToString(), hengxin.Id, null), hengxin, Role.ThirdPartyAgency, cipher,
            (_, s, caller) => s.ScoreAsync(c, Sheet([12, 10, 11, 10, 5, 4], "需求论证不足：未开展停车泊位供需调查；同类系统在邻市使用率不足三成；运维资金来源不明。"), caller, ct));
        await Close(contextFor, perfActor, perf, Role.PerformanceSection, cipher, c, "需求论证和投入产出分析不足，运维资金无保障，不予支持。建议先开展泊位供需调查。", null, ct);
        await Act(contextFor, perfActor, perf, Role.PerformanceSection, cipher,
            (_, s, caller) => s.RateAgencyAsync(c, 82m, "按期提交报告，现场调查扎实；投入产出测算部分深度不够。", caller, ct));

        // D: the school's self-assessment, organised and confirmed by the education department: 调整完善后支持, the changes are the school's to-do.
        var cctv = await NewProjectAsync(contextFor, read, cipher, "长治市第一中学校", "校园安全智能监控系统升级", 2_600_000m, year, renewal: false, ct);
        var d = await StartAndSubmitAsync(contextFor, read, cipher, cctv, "现有模拟监控设备2012年安装，覆盖率仅60%，夜间成像不清，不能满足校园安全管理要求。", ct);
        var edu = Org("长治市教育局");
        var eduActor = await DemoGoals.ActorAsync(read, edu, Role.Department, ct);
        await Organise(contextFor, eduActor, edu, Role.Department, cipher, d, new OrganiseInput(AssessmentMethod.SelfAssessment), ct);
        var school = Org("长治市第一中学校");
        await Act(contextFor, await DemoGoals.ActorAsync(read, school, Role.BudgetUnit, ct), school, Role.BudgetUnit, cipher,
            (_, s, caller) => s.ScoreAsync(d, Sheet([16, 14, 14, 14, 7, 7], "项目必要，但摄像头数量测算偏大，运维费用未列入测算。"), caller, ct));
        await Close(contextFor, eduActor, edu, Role.Department, cipher, d, "项目必要性充分；设备数量和单价测算需细化。",
            "按教学楼、宿舍、出入口实际点位重新测算摄像头数量；补充三年运维费用测算；明确数据存储期限和安全管理措施。", ct);
        await Act(contextFor, eduActor, edu, Role.Department, cipher, async (_, s, caller) =>
            await s.ConfirmConclusionAsync(d, await VersionAsync(read, d, ct), "自评结论属实，同意。", caller, ct));

        // E: the demo agency (正信) has been engaged for the elderly-care centre and still has to score.
        var care = await NewProjectAsync(contextFor, read, cipher, "长治市社会福利院", "社区居家养老服务中心建设", 4_500_000m, year, renewal: false, ct);
        var e = await StartAndSubmitAsync(contextFor, read, cipher, care, "全市60岁以上老年人口占比21.3%，城区社区养老服务设施覆盖率不足50%。", ct);
        await Organise(contextFor, perfActor, perf, Role.PerformanceSection, cipher, e,
            new OrganiseInput(AssessmentMethod.ThirdParty, AgencyId: await AgencyIdAsync(read, "山西正信会计师事务所有限公司", ct)), ct);

        // F: a renewal request waits for the performance section to organise it.
        var training = await NewProjectAsync(contextFor, read, cipher, "长治市第二中学校", "学生综合实践基地运行补助", 900_000m, year, renewal: true, ct);
        await StartAndSubmitAsync(contextFor, read, cipher, training, "基地自2021年运行，年接待学生1.2万人次，原补助政策于本年到期，申请续设。", ct);
    }

    private static async Task<T> Act<T>(Func<AuditActor, JixiaoDbContext> contextFor, AuditActor actor, Organization org, Role role, FieldCipher cipher,
        Func<ThirdPartyService, PriorAssessmentService, Caller, Task<T>> action)
    {
        await using var db = contextFor(actor);
        var scope = await new ScopeService(db).ScopeForAsync(org.Id, [role]);
        var pools = new ThirdPartyService(db, cipher);
        var service = new PriorAssessmentService(db, new RuleSetService(db), new TodoService(db), pools);
        return await action(pools, service, new Caller(actor.UserId, org.Id, [role], scope));
    }

    private static Task<PriorAssessmentScorer> Act(Func<AuditActor, JixiaoDbContext> contextFor, AuditActor actor, Organization org, Role role, FieldCipher cipher,
        Func<ThirdPartyService, PriorAssessmentService, Caller, Task<PriorAssessmentScorer>> action) => Act<PriorAssessmentScorer>(contextFor, actor, org, role, cipher, action);

    private static Task<PriorAssessment> Act(Func<AuditActor, JixiaoDbContext> contextFor, AuditActor actor, Organization org, Role role, FieldCipher cipher,
        Func<ThirdPartyService, PriorAssessmentService, Caller, Task<PriorAssessment>> action) => Act<PriorAssessment>(contextFor, actor, org, role, cipher, action);

    private static async Task<long> StartAndSubmitAsync(Func<AuditActor, JixiaoDbContext> contextFor, JixiaoDbContext read, FieldCipher cipher, long projectId, string rationale, CancellationToken ct)
    {
        var project = await read.Projects.AsNoTracking().FirstAsync(p => p.Id == projectId, ct);
        var unit = await read.Organizations.AsNoTracking().FirstAsync(o => o.Id == project.OrganizationId, ct);
        var actor = await DemoGoals.ActorAsync(read, unit, Role.BudgetUnit, ct);
        return await Act<long>(contextFor, actor, unit, Role.BudgetUnit, cipher, async (_, s, caller) =>
        {
            var a = await s.StartAsync(projectId, rationale, caller, ct);
            foreach (var (kind, title) in new[] { (AttachmentKind.FeasibilityStudy, "可行性研究报告"), (AttachmentKind.BudgetEstimate, "预算测算依据"), (AttachmentKind.ImplementationPlan, "实施方案") })
                await s.AddAttachmentAsync(a.Id, kind, $"{project.Name}{title}.docx", Docx($"{project.Name}{title}", unit.Name, rationale), caller, ct);
            await s.SubmitAsync(a.Id, (await s.LoadAsync(a.Id, caller, ct)).Version, caller, ct);
            return a.Id;
        });
    }

    private static Task Organise(Func<AuditActor, JixiaoDbContext> contextFor, AuditActor actor, Organization org, Role role, FieldCipher cipher, long id, OrganiseInput input, CancellationToken ct) =>
        Act(contextFor, actor, org, role, cipher, async (_, s, caller) => await s.OrganiseAsync(id, (await s.LoadAsync(id, caller, ct)).Version, input, caller, ct));

    private static Task Close(Func<AuditActor, JixiaoDbContext> contextFor, AuditActor actor, Organization org, Role role, FieldCipher cipher, long id, string opinion, string? changes, CancellationToken ct) =>
        Act(contextFor, actor, org, role, cipher, async (_, s, caller) => await s.CloseAsync(id, (await s.LoadAsync(id, caller, ct)).Version, opinion, changes, caller, ct));

    /// <summary>Drawn experts score: an expert with an account as themself, the others' paper sheets entered by the organiser.</summary>
    private static async Task ScoreAllAsync(Func<AuditActor, JixiaoDbContext> contextFor, JixiaoDbContext read, FieldCipher cipher, AuditActor organiser, Organization organiserOrg,
        long id, decimal[][] sheets, CancellationToken ct, bool skipWithAccounts = false)
    {
        var scorers = await read.PriorAssessmentScorers.AsNoTracking().Where(s => s.AssessmentId == id).OrderBy(s => s.DrawOrder).ToListAsync(ct);
        var pool = await read.Organizations.AsNoTracking().FirstAsync(o => o.Kind == OrganizationKind.ExpertPool, ct);
        var sheet = 0;
        foreach (var scorer in scorers)
        {
            var expert = await read.Experts.AsNoTracking().FirstAsync(e => e.Id == scorer.ExpertId, ct);
            if (expert.UserId is { } userId)
            {
                if (skipWithAccounts) continue;
                var user = await read.Users.AsNoTracking().FirstAsync(u => u.Id == userId, ct);
                await Act(contextFor, new AuditActor(user.Id, user.UserName, Role.Expert.ToString(), pool.Id, null, user.DisplayName), pool, Role.Expert, cipher,
                    (_, s, caller) => s.ScoreAsync(id, Sheet(sheets[sheet], Opinions[sheet % Opinions.Length]), caller, ct));
            }
            else
            {
                await Act(contextFor, organiser, organiserOrg, organiser.Role == Role.Department.ToString() ? Role.Department : Role.PerformanceSection, cipher,
                    (_, s, caller) => s.ScoreAsync(id, Sheet(sheets[sheet], Opinions[sheet % Opinions.Length]) with { ScorerId = scorer.Id }, caller, ct));
            }
            sheet++;
            if (sheet == sheets.Length) break;
        }
    }

    private static readonly string[] Opinions =
    [
        "立项依据充分，绩效目标明确；建议细化分年度实施计划。",
        "投入测算基本合理，个别单价偏高，建议按政府采购限价复核。",
        "实施方案可行，风险应对措施需补充运维保障内容。",
    ];

    private static readonly string[] Codes = ["Necessity", "Economy", "GoalReasonableness", "Feasibility", "FinancingCompliance", "RiskResponse"];

    private static readonly string[] Comments =
    [
        "符合规划和部门职责，需求有数据支撑。", "成本测算有依据，部分单价需复核。", "目标与任务匹配，指标可衡量。",
        "组织和进度安排可行。", "资金来源明确，符合预算管理规定。", "风险识别基本到位。",
    ];

    private static SheetInput Sheet(decimal[] points, string opinion) =>
        new(points.Select((p, i) => new DimensionInput(Codes[i], p, Comments[i])).ToList(), opinion);

    private static async Task<Project> ProjectAsync(JixiaoDbContext read, string name, CancellationToken ct) =>
        await read.Projects.AsNoTracking().FirstAsync(p => p.Name == name, ct);

    private static async Task<long> AgencyIdAsync(JixiaoDbContext read, string name, CancellationToken ct) =>
        await (from a in read.Agencies join o in read.Organizations on a.OrganizationId equals o.Id where o.Name == name select a.Id).FirstAsync(ct);

    private static async Task<int> VersionAsync(JixiaoDbContext read, long id, CancellationToken ct) =>
        await read.PriorAssessments.AsNoTracking().Where(a => a.Id == id).Select(a => a.Version).FirstAsync(ct);

    private static async Task<long> NewProjectAsync(Func<AuditActor, JixiaoDbContext> contextFor, JixiaoDbContext read, FieldCipher cipher, string unitName, string name,
        decimal budget, int year, bool renewal, CancellationToken ct)
    {
        var unit = await read.Organizations.AsNoTracking().FirstAsync(o => o.Name == unitName, ct);
        var actor = await DemoGoals.ActorAsync(read, unit, Role.BudgetUnit, ct);
        await using var db = contextFor(actor);
        var scope = await new ScopeService(db).ScopeForAsync(unit.Id, [Role.BudgetUnit], ct);
        var count = await db.Projects.CountAsync(p => p.OrganizationId == unit.Id, ct);
        var p = await new ProjectService(db, cipher).CreateAsync(year, new ProjectInput($"{unit.Code}{year}N{count + 1:00}", name, ProjectKind.Project, unit.Id,
            BudgetKind.General, budget >= 5_000_000m ? ProjectCategory.GovernmentInvestment : ProjectCategory.Ordinary, !renewal, renewal, renewal ? year - 5 : year,
            renewal ? year + 2 : year + 1, "申国强", "13803559001", budget, 0m, 0m, $"{unit.Name}{name}。"), unit.Id, [Role.BudgetUnit], scope, ct);
        return p.Id;
    }

    /// <summary>A short Word document standing in for a unit's material.</summary>
    private static byte[] Docx(string title, string unit, string body)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new Run(new Text(title))),
                new Paragraph(new Run(new Text($"编制单位：{unit}"))),
                new Paragraph(new Run(new Text(body)))));
            main.Document.Save();
        }
        return stream.ToArray();
    }
}
