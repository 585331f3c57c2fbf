using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Security;
using Jixiao.Core.Todos;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Demo;

/// <summary>
/// A believable Changzhi for demonstrations and tests: the city, three counties, the finance bureau and its
/// sections, six city departments with their units, and one account per role (password <see cref="Password"/>).
/// Seeded only into an empty database and only when <c>Jixiao:DemoData</c> is on.
/// </summary>
public static class DemoData
{
    public const string Password = "Demo@2026!";

    public static async Task SeedAsync(JixiaoDbContext db, FieldCipher cipher, TimeProvider time, Func<AuditActor, JixiaoDbContext> contextFor,
        Func<AuditActor, TimeProvider, JixiaoDbContext> contextAt, CancellationToken ct = default)
    {
        if (await db.Organizations.AnyAsync(ct)) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var year = Jixiao.Core.Common.ChinaTime.Now(time).Year;

        var city = await Add(db, new Region("140400000", "长治市", null), ct);
        var luzhou = await Add(db, new Region("140403000", "潞州区", city.Id), ct);
        var shangdang = await Add(db, new Region("140404000", "上党区", city.Id), ct);
        var xiangyuan = await Add(db, new Region("140423000", "襄垣县", city.Id), ct);

        async Task<Organization> Org(Region r, Organization? parent, OrganizationKind kind, string code, string name) =>
            await Add(db, new Organization(r.Id, parent, kind, code, name), ct);

        var bureau = await Org(city, null, OrganizationKind.FinanceBureau, "001", "长治市财政局");
        var perf = await Org(city, bureau, OrganizationKind.PerformanceSection, "001001", "长治市财政局绩效管理科");
        var budget1 = await Org(city, bureau, OrganizationKind.BudgetSection, "001002", "长治市财政局部门预算管理一科");
        var budget2 = await Org(city, bureau, OrganizationKind.BudgetSection, "001003", "长治市财政局部门预算管理二科");
        var pool = await Org(city, bureau, OrganizationKind.ExpertPool, "001009", "长治市预算绩效评价专家库");

        var departments = new (string Code, string Name, string[] Units)[]
        {
            ("101", "长治市教育局", ["长治市第一中学校", "长治市第二中学校", "长治市实验小学"]),
            ("102", "长治市卫生健康委员会", ["长治市人民医院", "长治市疾病预防控制中心", "长治市妇幼保健院"]),
            ("103", "长治市农业农村局", ["长治市农业技术推广中心", "长治市农村经济经营管理站"]),
            ("104", "长治市交通运输局", ["长治市公路管理段", "长治市道路运输事业发展中心"]),
            ("105", "长治市生态环境局", ["长治市生态环境监测中心", "长治市生态环境保护综合行政执法队"]),
            ("106", "长治市民政局", ["长治市社会福利院", "长治市救助管理站", "长治市殡仪馆"]),
        };
        var depts = new Dictionary<string, Organization>();
        var units = new Dictionary<string, Organization>();
        foreach (var (code, name, unitNames) in departments)
        {
            var d = await Org(city, null, OrganizationKind.Department, code, name);
            depts[code] = d;
            for (var i = 0; i < unitNames.Length; i++)
                units[unitNames[i]] = await Org(city, d, OrganizationKind.BudgetUnit, $"{code}{i + 1:000}", unitNames[i]);
        }
        foreach (var code in new[] { "101", "102", "106" }) db.BudgetSectionAssignments.Add(new BudgetSectionAssignment(budget1.Id, depts[code].Id));
        foreach (var code in new[] { "103", "104", "105" }) db.BudgetSectionAssignments.Add(new BudgetSectionAssignment(budget2.Id, depts[code].Id));

        var agency = await Org(city, null, OrganizationKind.ThirdPartyAgency, "T001", "山西正信会计师事务所有限公司");
        await Org(city, null, OrganizationKind.ThirdPartyAgency, "T002", "山西恒信绩效评价咨询有限公司");
        await Org(city, null, OrganizationKind.ThirdPartyAgency, "T003", "长治学院区域经济研究中心");
        await Org(city, null, OrganizationKind.ThirdPartyAgency, "T004", "山西晋法律师事务所");
        await Org(city, null, OrganizationKind.ThirdPartyAgency, "T005", "山西鼎诚项目管理咨询有限公司");
        var auditOffice = await Org(city, null, OrganizationKind.AuditOffice, "A001", "长治市审计局");
        await Org(city, null, OrganizationKind.PeoplesCongress, "P001", "长治市人大常委会预算工作委员会");

        Organization? luzhouPerf = null;
        foreach (var (region, prefix, name) in new[] { (luzhou, "L", "潞州区"), (shangdang, "S", "上党区"), (xiangyuan, "X", "襄垣县") })
        {
            var cb = await Org(region, null, OrganizationKind.FinanceBureau, "001", $"{name}财政局");
            var cp = await Org(region, cb, OrganizationKind.PerformanceSection, "001001", $"{name}财政局绩效股");
            var cbs = await Org(region, cb, OrganizationKind.BudgetSection, "001002", $"{name}财政局预算股");
            luzhouPerf ??= cp;
            var edu = await Org(region, null, OrganizationKind.Department, "101", $"{name}教育局");
            await Org(region, edu, OrganizationKind.BudgetUnit, "101001", $"{name}第一中学");
            await Org(region, edu, OrganizationKind.BudgetUnit, "101002", $"{name}实验小学");
            var health = await Org(region, null, OrganizationKind.Department, "102", $"{name}卫生健康局");
            await Org(region, health, OrganizationKind.BudgetUnit, "102001", $"{name}人民医院");
            db.BudgetSectionAssignments.Add(new BudgetSectionAssignment(cbs.Id, edu.Id));
            db.BudgetSectionAssignments.Add(new BudgetSectionAssignment(cbs.Id, health.Id));
        }
        await db.SaveChangesAsync(ct);

        var hash = PasswordHasher.Hash(Password);
        var accounts = new (string User, string Name, Organization? Org, Role Role, string Phone)[]
        {
            ("perf", "王建国", perf, Role.PerformanceSection, "13803551201"),
            ("budget", "李秀英", budget1, Role.BudgetSection, "13803551202"),
            ("dept", "张伟", depts["101"], Role.Department, "13903552101"),
            ("unit", "刘芳", units["长治市第一中学校"], Role.BudgetUnit, "13903552102"),
            ("unit2", "陈静", units["长治市人民医院"], Role.BudgetUnit, "13903552201"),
            ("county", "赵磊", luzhouPerf, Role.PerformanceSection, "13603553001"),
            ("expert", "孙明", pool, Role.Expert, "13703554001"),
            ("expert2", "周敏", pool, Role.Expert, "13703554002"),
            ("agency", "周丽", agency, Role.ThirdPartyAgency, "13703554101"),
            ("auditor", "吴强", auditOffice, Role.AuditOffice, "13503555001"),
            ("sysadmin", "系统管理员", null, Role.SystemAdmin, "13503556001"),
            ("secadmin", "安全管理员", null, Role.SecurityAdmin, "13503556002"),
            ("auditadmin", "审计管理员", null, Role.AuditAdmin, "13503556003"),
        };
        foreach (var a in accounts)
        {
            var u = new User(a.User, a.Name, a.Org?.Id);
            u.SetPassword(hash, now);
            u.SetPhone(cipher.Encrypt(a.Phone));
            u.ReplaceRoles([a.Role]);
            db.Users.Add(u);
        }
        await db.SaveChangesAsync(ct);

        // The city's rules for last year and this year; 潞州区 keeps its own copy with a stricter 良 band (Art. 38).
        var rules = new RuleSetService(db);
        await rules.SaveNewVersionAsync(city.Id, year - 1, 0, new RuleSetContent(), "依据财预〔2020〕10号等文件设定的默认规则");
        await rules.SaveNewVersionAsync(city.Id, year, 0, new RuleSetContent(), "依据财预〔2020〕10号等文件设定的默认规则");
        var luzhouRules = new RuleSetContent();
        luzhouRules.Grades.Good = 85m;
        luzhouRules.Results.RectificationDeadlineDays = 20;
        await rules.SaveNewVersionAsync(luzhou.Id, year, 0, luzhouRules, "潞州区实施细则：良档起点85分，整改期限20天");

        var perfUser = await db.Users.FirstAsync(u => u.UserName == "perf", ct);
        db.Todos.Add(new Todo(city.Id, year, $"核定{year}年度预算绩效管理规则（等级分数线、预警阈值、考核评分表）", "/RuleSets", "RuleSet", $"{city.Id}/{year}",
            now, now.AddDays(14), perfUser.Id, null, null));
        db.Todos.Add(new Todo(luzhou.Id, year, $"将潞州区{year}年度实施细则报市财政局备案（第三十八条）", "/RuleSets", "Filing", $"{luzhou.Id}/{year}",
            now, now.AddDays(30), null, luzhouPerf!.Id, Role.PerformanceSection));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        await DemoGoals.SeedAsync(contextFor, cipher, year, ct);
        await DemoPriorAssessments.SeedAsync(contextFor, cipher, year, ct);
        await DemoPayments.SeedAsync(contextFor, time, year, ct);
        await DemoMonitoring.SeedAsync(contextFor, time, year, ct);
        await DemoSelfEvaluations.SeedAsync(contextFor, cipher, time, year, ct);
        await DemoKeyEvaluations.SeedAsync(contextFor, cipher, year, ct);
        // After last year's self-evaluations (skipped while there are none).
        await DemoReEvaluations.SeedAsync(contextFor, year - 1, ct);
        await DemoResults.SeedAsync(contextFor, contextAt, time, year - 1, ct);
        await DemoDisclosure.SeedAsync(contextFor, cipher, year, ct);
        await DemoBudgetLinkage.SeedAsync(contextFor, year - 1, ct);
        await DemoFiscalEvaluations.SeedAsync(contextFor, year - 1, ct);
    }

    private static async Task<T> Add<T>(JixiaoDbContext db, T entity, CancellationToken ct) where T : class
    {
        db.Add(entity);
        await db.SaveChangesAsync(ct);
        return entity;
    }
}
