using Jixiao.Core.Data;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Authorization;

/// <summary>
/// One record a route can carry: the values of the route's placeholders (<c>{id}</c>, <c>{itemId}</c> …) and who may see it.
/// </summary>
public sealed record Sample(string Label, IReadOnlyDictionary<string, string> Values, Func<DemoCaller, bool> VisibleTo);

/// <summary>
/// The kind of owned id a route carries and the rule of who sees such a record, declared here from the documented scope rules
/// (docs/architecture.md "Scope", the services' visibility rules) and never read from the code under test. The samples are
/// read from the seeded database: per kind, one record for every distinct set of demo callers that may see it (own unit,
/// another unit of the department, another department, another budget section's department, a county, another county,
/// an expert's own assignment and another expert's …), so every caller is tried with ids inside and outside its scope.
/// </summary>
public sealed record Owner(string Name, Func<OwnershipContext, Task<IReadOnlyList<Sample>>> Load)
{
    public override string ToString() => Name;
}

public static class Owns
{
    /// <summary>No owned id in the route (lists, creates, calculators, the caller's own things).</summary>
    public static readonly Owner Nothing = new("none", _ => Task.FromResult<IReadOnlyList<Sample>>([new("-", new Dictionary<string, string>(), _ => true)]));

    /// <summary>A project (项目) of a unit: and everything under it (its goal, its funding).</summary>
    public static readonly Owner Project = new("project of a unit", async c =>
        c.Distinct(await c.Db.Projects.Select(p => new { p.Id, p.OrganizationId }).ToListAsync(),
            p => $"项目 {p.Id} ({c.OrgName(p.OrganizationId)})", p => V(("id", p.Id)), p => u => c.SeesOrg(u, p.OrganizationId)));

    /// <summary>An organisation (组织机构) by id.</summary>
    public static readonly Owner Organization = new("organisation", async c =>
        c.Distinct(await c.Db.Organizations.Select(o => new { o.Id }).ToListAsync(),
            o => c.OrgName(o.Id), o => V(("id", o.Id)), o => u => c.SeesOrg(u, o.Id)));

    /// <summary>A department (预算部门), e.g. the department whose goals are approved at once.</summary>
    public static readonly Owner Department = new("department", async c =>
        c.Distinct(await c.Db.Organizations.Where(o => o.Kind == OrganizationKind.Department).Select(o => new { o.Id }).ToListAsync(),
            o => c.OrgName(o.Id), o => V(("id", o.Id)), o => u => c.SeesOrg(u, o.Id)));

    /// <summary>A user account: the admins see accounts of organisations in their scope and the installation-wide ones.</summary>
    public static readonly Owner Account = new("user account", async c =>
        c.Distinct(await c.Db.Users.Select(x => new { x.Id, x.OrganizationId, x.UserName }).ToListAsync(),
            x => $"账号 {x.UserName}", x => V(("id", x.Id)),
            x => u => x.OrganizationId is { } o ? c.SeesOrg(u, o) : u.Has(Role.SystemAdmin) || u.Has(Role.SecurityAdmin)));

    /// <summary>A rule-set version of a region (county or city).</summary>
    public static readonly Owner RuleSetVersion = new("rule-set version of a region", async c =>
        c.Distinct(await c.Db.RuleSets.Select(r => new { r.Id, r.RegionId }).ToListAsync(),
            r => $"规则版本 {r.Id} ({c.RegionName(r.RegionId)})", r => V(("id", r.Id)), r => u => c.SeesRegion(u, r.RegionId)));

    /// <summary>An indicator of a region's library.</summary>
    public static readonly Owner LibraryIndicator = new("library indicator of a region", async c =>
        c.Distinct(await c.Db.LibraryIndicators.Select(r => new { r.Id, r.RegionId }).ToListAsync(),
            r => $"指标 {r.Id} ({c.RegionName(r.RegionId)})", r => V(("id", r.Id)), r => u => c.SeesRegion(u, r.RegionId)));

    /// <summary>An expert of a region's pool: seen from that region and the regions below it.</summary>
    public static readonly Owner PoolExpert = new("expert of a region's pool", async c =>
        c.Distinct(await c.Db.Experts.Select(r => new { r.Id, r.RegionId }).ToListAsync(),
            r => $"专家 {r.Id} ({c.RegionName(r.RegionId)})", r => V(("id", r.Id)), r => u => c.SeesPool(u, r.RegionId)));

    /// <summary>An agency of a region's pool: seen from that region and the regions below it.</summary>
    public static readonly Owner PoolAgency = new("agency of a region's pool", async c =>
        c.Distinct(await c.Db.Agencies.Select(r => new { r.Id, r.RegionId }).ToListAsync(),
            r => $"机构 {r.Id} ({c.RegionName(r.RegionId)})", r => V(("id", r.Id)), r => u => c.SeesPool(u, r.RegionId)));

    /// <summary>An ex-ante assessment (事前评估) of a unit's project; an expert or agency sees exactly its own assignments.</summary>
    public static readonly Owner Assessment = new("ex-ante assessment of a unit / expert assignment", async c =>
    {
        var rows = await c.Db.PriorAssessments.Select(a => new
        {
            a.Id,
            a.OrganizationId,
            Experts = c.Db.PriorAssessmentScorers.Where(s => s.AssessmentId == a.Id && s.ExpertId != null).Select(s => s.ExpertId!.Value).ToList(),
            Agencies = c.Db.PriorAssessmentScorers.Where(s => s.AssessmentId == a.Id && s.AgencyId != null).Select(s => s.AgencyId!.Value).ToList(),
        }).ToListAsync();
        return c.Distinct(rows, a => $"事前评估 {a.Id} ({c.OrgName(a.OrganizationId)})", a => V(("id", a.Id)),
            a => u => c.IsThirdParty(u) ? c.Assigned(u, a.Experts, a.Agencies) : c.SeesOrg(u, a.OrganizationId));
    });

    /// <summary>A material of an ex-ante assessment (its visibility is the assessment's).</summary>
    public static readonly Owner AssessmentAttachment = new("material of an ex-ante assessment", async c =>
    {
        var rows = await (from m in c.Db.PriorAssessmentAttachments
                          join a in c.Db.PriorAssessments on m.AssessmentId equals a.Id
                          select new
                          {
                              a.Id,
                              AttachmentId = m.Id,
                              a.OrganizationId,
                              Experts = c.Db.PriorAssessmentScorers.Where(s => s.AssessmentId == a.Id && s.ExpertId != null).Select(s => s.ExpertId!.Value).ToList(),
                              Agencies = c.Db.PriorAssessmentScorers.Where(s => s.AssessmentId == a.Id && s.AgencyId != null).Select(s => s.AgencyId!.Value).ToList(),
                          }).ToListAsync();
        return c.Distinct(rows, a => $"事前评估 {a.Id} 材料 {a.AttachmentId} ({c.OrgName(a.OrganizationId)})", a => V(("id", a.Id), ("attachmentId", a.AttachmentId)),
            a => u => c.IsThirdParty(u) ? c.Assigned(u, a.Experts, a.Agencies) : c.SeesOrg(u, a.OrganizationId));
    });

    /// <summary>
    /// A key evaluation (重点评价): the performance section and auditors of its region, an expert or agency assigned to it, and —
    /// once completed — the evaluated department, its units and budget section.
    /// </summary>
    public static readonly Owner KeyEvaluation = new("key evaluation / expert assignment", async c =>
    {
        var rows = await c.Db.KeyEvaluations.Select(e => new
        {
            e.Id,
            e.RegionId,
            e.DepartmentId,
            e.State,
            Subjects = c.Db.KeyEvaluationSubjects.Where(s => s.EvaluationId == e.Id).Select(s => s.OrganizationId).ToList(),
            Experts = c.Db.KeyEvaluationScorers.Where(s => s.EvaluationId == e.Id && s.ExpertId != null).Select(s => s.ExpertId!.Value).ToList(),
            Agencies = c.Db.KeyEvaluationScorers.Where(s => s.EvaluationId == e.Id && s.AgencyId != null).Select(s => s.AgencyId!.Value).ToList(),
        }).ToListAsync();
        return c.Distinct(rows, e => $"重点评价 {e.Id} ({c.OrgName(e.DepartmentId)}, {e.State})", e => V(("id", e.Id)),
            e => u => ((u.Has(Role.PerformanceSection) || u.Has(Role.AuditOffice)) && c.SeesRegion(u, e.RegionId))
                || c.Assigned(u, e.Experts, e.Agencies)
                || (e.State == KeyEvaluationState.Completed && (u.Has(Role.Department) || u.Has(Role.BudgetUnit) || u.Has(Role.BudgetSection))
                    && (c.SeesOrg(u, e.DepartmentId) || e.Subjects.Any(s => c.SeesOrg(u, s)))));
    });

    /// <summary>A self-evaluation task (自评任务) of a region.</summary>
    public static readonly Owner SelfTask = new("self-evaluation task of a region", async c =>
        c.Distinct(await c.Db.SelfEvaluationTasks.Select(t => new { t.Id, t.RegionId }).ToListAsync(),
            t => $"自评任务 {t.Id} ({c.RegionName(t.RegionId)})", t => V(("id", t.Id)), t => u => c.SeesRegion(u, t.RegionId)));

    /// <summary>A unit's self-evaluation form (自评表).</summary>
    public static readonly Owner SelfEvaluation = new("self-evaluation of a unit", async c =>
        c.Distinct(await c.Db.SelfEvaluations.Select(e => new { e.Id, e.OrganizationId }).ToListAsync(),
            e => $"自评表 {e.Id} ({c.OrgName(e.OrganizationId)})", e => V(("id", e.Id)), e => u => c.SeesOrg(u, e.OrganizationId)));

    /// <summary>A monitoring round (监控轮次) of a region.</summary>
    public static readonly Owner MonitoringRound = new("monitoring round of a region", async c =>
        c.Distinct(await c.Db.MonitoringRounds.Select(t => new { t.Id, t.RegionId }).ToListAsync(),
            t => $"监控轮次 {t.Id} ({c.RegionName(t.RegionId)})", t => V(("id", t.Id)), t => u => c.SeesRegion(u, t.RegionId)));

    /// <summary>A unit's monitoring report (监控表).</summary>
    public static readonly Owner MonitoringReport = new("monitoring report of a unit", async c =>
        c.Distinct(await c.Db.MonitoringReports.Select(e => new { e.Id, e.OrganizationId }).ToListAsync(),
            e => $"监控表 {e.Id} ({c.OrgName(e.OrganizationId)})", e => V(("id", e.Id)), e => u => c.SeesOrg(u, e.OrganizationId)));

    /// <summary>A re-evaluation batch (再评价): the performance sections of its region and above only.</summary>
    public static readonly Owner ReEvaluation = new("re-evaluation batch of a region", async c =>
        c.Distinct(await c.Db.ReEvaluations.Select(t => new { t.Id, t.RegionId }).ToListAsync(),
            t => $"再评价 {t.Id} ({c.RegionName(t.RegionId)})", t => V(("id", t.Id)), t => u => u.Has(Role.PerformanceSection) && c.SeesRegion(u, t.RegionId)));

    /// <summary>A re-evaluated form: the organising performance section, and the evaluated unit's side once the batch is completed.</summary>
    public static readonly Owner ReEvaluationItem = new("re-evaluated form of a unit", async c =>
    {
        var rows = await (from i in c.Db.ReEvaluationItems
                          join r in c.Db.ReEvaluations on i.ReEvaluationId equals r.Id
                          select new { i.Id, i.OrganizationId, r.RegionId, Completed = r.State == ReEvaluationState.Completed }).ToListAsync();
        return c.Distinct(rows, i => $"再评价结果 {i.Id} ({c.OrgName(i.OrganizationId)})", i => V(("itemId", i.Id)),
            i => u => (u.Has(Role.PerformanceSection) && c.SeesRegion(u, i.RegionId)) || (i.Completed && c.SeesOrg(u, i.OrganizationId)));
    });

    /// <summary>A feedback letter (反馈函) to a unit: drafts and cancelled ones only for the finance side.</summary>
    public static readonly Owner FeedbackLetter = new("feedback letter to a unit", async c =>
        c.Distinct(await c.Db.FeedbackLetters.Select(l => new { l.Id, l.OrganizationId, l.State }).ToListAsync(),
            l => $"反馈函 {l.Id} ({c.OrgName(l.OrganizationId)}, {l.State})", l => V(("id", l.Id)),
            l => u => c.SeesOrg(u, l.OrganizationId) && (u.Has(Role.PerformanceSection) || u.Has(Role.AuditOffice)
                || (l.State != FeedbackLetterState.Draft && l.State != FeedbackLetterState.Cancelled))));

    /// <summary>A unit's rectification (整改).</summary>
    public static readonly Owner Rectification = new("rectification of a unit", async c =>
        c.Distinct(await c.Db.Rectifications.Select(e => new { e.Id, e.OrganizationId }).ToListAsync(),
            e => $"整改 {e.Id} ({c.OrgName(e.OrganizationId)})", e => V(("id", e.Id)), e => u => c.SeesOrg(u, e.OrganizationId)));

    /// <summary>One problem of a unit's rectification.</summary>
    public static readonly Owner RectificationItem = new("rectification item of a unit", async c =>
        c.Distinct(await (from i in c.Db.RectificationItems
                          join r in c.Db.Rectifications on i.RectificationId equals r.Id
                          select new { r.Id, ItemId = i.Id, r.OrganizationId }).ToListAsync(),
            e => $"整改 {e.Id} 事项 {e.ItemId} ({c.OrgName(e.OrganizationId)})", e => V(("id", e.Id), ("itemId", e.ItemId)), e => u => c.SeesOrg(u, e.OrganizationId)));

    /// <summary>A piece of evidence of a unit's rectification (the test uploads one as the unit before the matrix runs).</summary>
    public static readonly Owner RectificationEvidence = new("rectification evidence of a unit", async c =>
        c.Distinct(await (from e in c.Db.RectificationEvidence
                          join i in c.Db.RectificationItems on e.ItemId equals i.Id
                          join r in c.Db.Rectifications on i.RectificationId equals r.Id
                          select new { r.Id, EvidenceId = e.Id, r.OrganizationId }).ToListAsync(),
            e => $"整改 {e.Id} 佐证 {e.EvidenceId} ({c.OrgName(e.OrganizationId)})", e => V(("id", e.Id), ("evidenceId", e.EvidenceId)), e => u => c.SeesOrg(u, e.OrganizationId)));

    /// <summary>A unit's payment (支付明细).</summary>
    public static readonly Owner Payment = new("payment of a unit", async c =>
        c.Distinct(await c.Db.Payments.Select(e => new { e.Id, e.OrganizationId }).ToListAsync(),
            e => $"支付 {e.Id} ({c.OrgName(e.OrganizationId)})", e => V(("id", e.Id)), e => u => c.SeesOrg(u, e.OrganizationId)));

    /// <summary>A payments import batch of a region.</summary>
    public static readonly Owner PaymentBatch = new("payment batch of a region", async c =>
        c.Distinct(await c.Db.PaymentBatches.Select(t => new { t.Id, t.RegionId }).ToListAsync(),
            t => $"导入批次 {t.Id} ({c.RegionName(t.RegionId)})", t => V(("id", t.Id)), t => u => c.SeesRegion(u, t.RegionId)));

    /// <summary>A disclosure item (公开事项) of a region: published, seen region-wide; withdrawn, only by who sees its department.</summary>
    public static readonly Owner DisclosureItem = new("disclosure item of a region", async c =>
        c.Distinct(await c.Db.DisclosureItems.Select(t => new { t.Id, t.RegionId, t.DepartmentId, t.State }).ToListAsync(),
            t => $"公开事项 {t.Id} ({c.RegionName(t.RegionId)}, {t.State})", t => V(("id", t.Id)),
            t => u => c.SeesRegion(u, t.RegionId) && (t.State == Jixiao.Core.Disclosure.DisclosureState.Published || c.SeesOrg(u, t.DepartmentId))));

    /// <summary>A disclosure item on the public site: every caller (anonymous too) sees a published one, nobody another.</summary>
    public static readonly Owner PublishedItem = new("published disclosure item", async c =>
        c.Distinct(await c.Db.DisclosureItems.Select(t => new { t.Id, t.State }).ToListAsync(),
            t => $"公开事项 {t.Id} ({t.State})", t => V(("id", t.Id)), t => _ => t.State == Jixiao.Core.Disclosure.DisclosureState.Published));

    /// <summary>
    /// An appraisal round (年度考核): the performance section and auditors of its region and above, the budget section of its
    /// region, and its subjects (a department of a department round, a county's performance section of a county round).
    /// </summary>
    public static readonly Owner AppraisalRound = new("appraisal round of a region", async c =>
    {
        var rows = await c.Db.AppraisalRounds.Select(r => new
        {
            r.Id,
            r.RegionId,
            Sheets = c.Db.AppraisalSheets.Where(s => s.RoundId == r.Id).Select(s => new { s.SubjectKind, s.SubjectId }).ToList(),
        }).ToListAsync();
        return c.Distinct(rows, r => $"考核 {r.Id} ({c.RegionName(r.RegionId)})", r => V(("id", r.Id)),
            r => u => c.AppraisalStaff(u, r.RegionId) || r.Sheets.Any(s => c.AppraisalSubject(u, r.RegionId, s.SubjectKind, s.SubjectId)));
    });

    /// <summary>An appraisal round as its organiser side acts on it (finalise, publish): its staff readers only, not its subjects.</summary>
    public static readonly Owner AppraisalRoundStaff = new("appraisal round (organiser side)", async c =>
        c.Distinct(await c.Db.AppraisalRounds.Select(r => new { r.Id, r.RegionId }).ToListAsync(),
            r => $"考核 {r.Id} ({c.RegionName(r.RegionId)})", r => V(("id", r.Id)), r => u => c.AppraisalStaff(u, r.RegionId)));

    /// <summary>An appraisal sheet: the round's staff readers and the sheet's own subject.</summary>
    public static readonly Owner AppraisalSheet = new("appraisal sheet of a department / county", async c =>
        c.Distinct(await (from s in c.Db.AppraisalSheets
                          join r in c.Db.AppraisalRounds on s.RoundId equals r.Id
                          select new { s.Id, r.RegionId, s.SubjectKind, s.SubjectId, LineId = c.Db.AppraisalLines.Where(l => l.SheetId == s.Id).Min(l => l.Id) }).ToListAsync(),
            s => $"考核表 {s.Id} ({s.SubjectKind} {s.SubjectId} of {c.RegionName(s.RegionId)})", s => V(("sheetId", s.Id), ("lineId", s.LineId)),
            s => u => c.AppraisalStaff(u, s.RegionId) || c.AppraisalSubject(u, s.RegionId, s.SubjectKind, s.SubjectId)));

    /// <summary>An evidence file of an appraisal sheet (the test uploads one as the department before the matrix runs).</summary>
    public static readonly Owner AppraisalAttachment = new("appraisal evidence of a department", async c =>
        c.Distinct(await (from a in c.Db.AppraisalLines.SelectMany(l => l.Attachments)
                          join l in c.Db.AppraisalLines on a.LineId equals l.Id
                          join s in c.Db.AppraisalSheets on l.SheetId equals s.Id
                          join r in c.Db.AppraisalRounds on s.RoundId equals r.Id
                          select new { s.Id, AttachmentId = a.Id, r.RegionId, s.SubjectKind, s.SubjectId }).ToListAsync(),
            s => $"考核表 {s.Id} 佐证 {s.AttachmentId}", s => V(("sheetId", s.Id), ("attachmentId", s.AttachmentId)),
            s => u => c.AppraisalStaff(u, s.RegionId) || c.AppraisalSubject(u, s.RegionId, s.SubjectKind, s.SubjectId)));

    /// <summary>A county fiscal operation evaluation: holders of ViewBudgetLinkage seeing its region or one of its counties.</summary>
    public static readonly Owner FiscalEvaluation = new("fiscal operation evaluation of a region", async c =>
    {
        var rows = await c.Db.FiscalEvaluations.Select(e => new
        {
            e.Id,
            e.RegionId,
            Counties = c.Db.FiscalEvaluationSheets.Where(s => s.EvaluationId == e.Id).Select(s => s.CountyRegionId).ToList(),
        }).ToListAsync();
        return c.Distinct(rows, e => $"财政运行评价 {e.Id} ({c.RegionName(e.RegionId)})", e => V(("id", e.Id)),
            e => u => u.Can(Core.Identity.Permission.ViewBudgetLinkage) && (c.SeesRegion(u, e.RegionId) || e.Counties.Any(r => c.SeesRegion(u, r))));
    });

    /// <summary>One county's sheet of a fiscal operation evaluation.</summary>
    public static readonly Owner FiscalSheet = new("county sheet of a fiscal operation evaluation", async c =>
    {
        var rows = await (from s in c.Db.FiscalEvaluationSheets
                          join e in c.Db.FiscalEvaluations on s.EvaluationId equals e.Id
                          join r in c.Db.Regions on s.CountyRegionId equals r.Id
                          select new { e.Id, e.RegionId, s.CountyRegionId, r.Code }).ToListAsync();
        return c.Distinct(rows, s => $"财政运行评价 {s.Id} {c.RegionName(s.CountyRegionId)}", s => new Dictionary<string, string> { ["id"] = s.Id.ToString(), ["countyCode"] = s.Code },
            s => u => u.Can(Core.Identity.Permission.ViewBudgetLinkage) && (c.SeesRegion(u, s.RegionId) || c.SeesRegion(u, s.CountyRegionId)));
    });

    /// <summary>A county's rule-set filing (备案): holders of ViewFilings who see the county's region (the county itself, the city above it).</summary>
    public static readonly Owner Filing = new("rule-set filing of a county", async c =>
        c.Distinct(await c.Db.RuleSetFilings.Select(f => new { f.Id, f.RegionId }).ToListAsync(),
            f => $"备案 {f.Id} ({c.RegionName(f.RegionId)})", f => V(("id", f.Id)),
            f => u => u.Can(Core.Identity.Permission.ViewFilings) && c.SeesRegion(u, f.RegionId)));

    private static Dictionary<string, string> V(params (string Key, long Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value.ToString());
}

/// <summary>The seeded database as the expectations need it: names of organisations and regions, who the experts and agencies are.</summary>
public sealed class OwnershipContext : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private Dictionary<long, string> _orgNames = [];
    private Dictionary<long, string> _regionNames = [];
    private Dictionary<long, long?> _regionParents = [];
    private Dictionary<string, long> _expertOf = [];
    private Dictionary<string, long> _agencyOf = [];

    private OwnershipContext(IServiceProvider services)
    {
        _scope = services.CreateAsyncScope();
        Db = _scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
    }

    public JixiaoDbContext Db { get; }

    public static async Task<OwnershipContext> CreateAsync(IServiceProvider services)
    {
        var c = new OwnershipContext(services);
        c._orgNames = await c.Db.Organizations.ToDictionaryAsync(o => o.Id, o => o.Name);
        var regions = await c.Db.Regions.Select(r => new { r.Id, r.Name, r.ParentId }).ToListAsync();
        c._regionNames = regions.ToDictionary(r => r.Id, r => r.Name);
        c._regionParents = regions.ToDictionary(r => r.Id, r => r.ParentId);
        c._expertOf = await (from e in c.Db.Experts join u in c.Db.Users on e.UserId equals u.Id select new { u.UserName, e.Id })
            .ToDictionaryAsync(x => x.UserName, x => x.Id);
        c._agencyOf = await (from a in c.Db.Agencies
                             join u in c.Db.Users on a.OrganizationId equals u.OrganizationId
                             select new { u.UserName, a.Id }).ToDictionaryAsync(x => x.UserName, x => x.Id);
        return c;
    }

    public string OrgName(long id) => _orgNames.GetValueOrDefault(id, $"#{id}");

    public string RegionName(long id) => _regionNames.GetValueOrDefault(id, $"#{id}");

    public long OrgId(string name) => _orgNames.Single(o => o.Value == name).Key;

    public bool SeesOrg(DemoCaller u, long organizationId) => u.Organizations.Contains(OrgName(organizationId));

    public bool SeesRegion(DemoCaller u, long regionId) => u.Regions.Contains(RegionName(regionId));

    /// <summary>The pools of one's region and of the regions above it.</summary>
    public bool SeesPool(DemoCaller u, long regionId) =>
        u.Regions.Any(name => _regionNames.Where(r => r.Value == name).Any(r => SelfAndAbove(r.Key).Contains(regionId)));

    private IEnumerable<long> SelfAndAbove(long regionId)
    {
        for (long? r = regionId; r is { } id; r = _regionParents.GetValueOrDefault(id)) yield return id;
    }

    public long? HomeRegionId(DemoCaller u) => u.HomeRegion is { } name ? _regionNames.Single(r => r.Value == name).Key : null;

    /// <summary>Reads every sheet of an appraisal round of <paramref name="regionId"/>: its performance section and auditors (and those above), its budget section.</summary>
    public bool AppraisalStaff(DemoCaller u, long regionId) =>
        ((u.Has(Role.PerformanceSection) || u.Has(Role.AuditOffice)) && SeesRegion(u, regionId)) || (u.Has(Role.BudgetSection) && HomeRegionId(u) == regionId);

    /// <summary>The subject of a sheet: the department itself (in the round's region), or the county's performance section.</summary>
    public bool AppraisalSubject(DemoCaller u, long roundRegionId, Jixiao.Core.Appraisals.AppraisalSubjectKind kind, long subjectId) => kind switch
    {
        Jixiao.Core.Appraisals.AppraisalSubjectKind.Department => u.Has(Role.Department) && HomeRegionId(u) == roundRegionId && SeesOrg(u, subjectId),
        _ => u.Has(Role.PerformanceSection) && HomeRegionId(u) == subjectId && roundRegionId != subjectId,
    };

    public bool IsThirdParty(DemoCaller u) => u.Has(Role.Expert) || u.Has(Role.ThirdPartyAgency);

    /// <summary>An expert's or agency's own assignment.</summary>
    public bool Assigned(DemoCaller u, IEnumerable<long> experts, IEnumerable<long> agencies) =>
        (u.Has(Role.Expert) && _expertOf.TryGetValue(u.Name, out var e) && experts.Contains(e))
        || (u.Has(Role.ThirdPartyAgency) && _agencyOf.TryGetValue(u.Name, out var a) && agencies.Contains(a));

    /// <summary>One sample per distinct set of callers that may see it (the first such record by id), so every outcome is tried once.</summary>
    public IReadOnlyList<Sample> Distinct<T>(IEnumerable<T> rows, Func<T, string> label, Func<T, Dictionary<string, string>> values, Func<T, Func<DemoCaller, bool>> visible)
    {
        var seen = new HashSet<string>();
        var samples = new List<Sample>();
        foreach (var row in rows)
        {
            var v = visible(row);
            var signature = string.Join(",", DemoCallers.All.Where(v).Select(c => c.Name));
            if (seen.Add(signature)) samples.Add(new Sample(label(row), values(row), v));
        }
        return samples;
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
