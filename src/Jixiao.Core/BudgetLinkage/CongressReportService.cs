using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.BudgetLinkage;

/// <summary>One coverage line: how many projects (and how much money) of all the year's projects, with its PEFA PI-8 term for each.</summary>
public sealed record CoverageLine(string Code, string Name, int Projects, int TotalProjects, decimal Amount, decimal TotalAmount,
    PefaCoverage ProjectTerm, PefaCoverage AmountTerm)
{
    public decimal? ProjectShare => PefaRules.Share(Projects, TotalProjects);

    public decimal? AmountShare => PefaRules.Share(Amount, TotalAmount);
}

public sealed record KeyFinding(long Id, string Title, string DepartmentName, decimal Score, Grade Grade, string? Problems, string? Suggestions);

public sealed record LinkageApplied(int Decisions, int Priority, int Maintain, int StrictControl, int Cancel, decimal Reduction);

/// <summary>The figures of the report to the People's Congress for a region and year.</summary>
public sealed record CongressReportFigures(long RegionId, string RegionName, int FiscalYear, IReadOnlyList<CoverageLine> Coverage,
    IReadOnlyList<GradeDistribution> Grades, IReadOnlyList<KeyFinding> KeyFindings, LinkageRectificationFigures Rectification, LinkageApplied Linkage,
    CongressReport? Stored);

/// <summary>
/// 向同级人大报告 (Art. 13; RULES §7, §10): coverage of goals, monitoring, self-evaluation and key evaluation by projects and by money with
/// the PEFA PI-8 terms, grades per department, key evaluation findings, rectification completion and the budget linkage applied.
/// The projects counted are the region's own projects and policies of the year (not whole-spending records).
/// </summary>
public sealed class CongressReportService(JixiaoDbContext db, RuleSetService ruleSets, BudgetLinkageService linkage, ILinkageRectificationSource rectifications)
{
    public static bool CanView(Caller c) => c.Roles.Has(Permission.ViewCongressReport);

    public static bool CanGenerate(Caller c) => c.Has(Role.PerformanceSection);

    public async Task<CongressReportFigures> FiguresAsync(int year, Caller caller, CancellationToken ct = default)
    {
        if (!CanView(caller)) throw new NotFoundException("人大报告");
        var regionId = caller.Scope.HomeRegionId;
        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == regionId, ct) ?? throw new NotFoundException("区划");
        var disclosure = (await ruleSets.ResolveAsync(regionId, year, ct)).Content.Disclosure;
        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.RegionId == regionId && p.FiscalYear == year && p.Kind != ProjectKind.OverallSpending)
            .Select(p => new { p.Id, p.TotalBudget }).ToListAsync(ct);
        var budget = projects.ToDictionary(p => p.Id, p => p.TotalBudget);
        var ids = budget.Keys.ToList();
        var withGoals = await db.PerformanceGoals.AsNoTracking()
            .Where(g => ids.Contains(g.ProjectId) && (g.State == GoalState.Approved || g.State == GoalState.Published || g.State == GoalState.Adjusting
                || g.State == GoalState.Superseded))
            .Select(g => g.ProjectId).Distinct().ToListAsync(ct);
        var monitored = await db.MonitoringReports.AsNoTracking()
            .Where(m => ids.Contains(m.ProjectId) && m.State != MonitoringState.Draft && m.State != MonitoringState.Returned)
            .Select(m => m.ProjectId).Distinct().ToListAsync(ct);
        var selfEvaluated = await db.SelfEvaluations.AsNoTracking().Where(e => ids.Contains(e.ProjectId) && e.Total != null)
            .Select(e => e.ProjectId).Distinct().ToListAsync(ct);
        var keyEvaluated = await (from s in db.KeyEvaluationSubjects.AsNoTracking()
                                  join k in db.KeyEvaluations on s.EvaluationId equals k.Id
                                  where ids.Contains(s.ProjectId) && k.State == KeyEvaluationState.Completed
                                  select s.ProjectId).Distinct().ToListAsync(ct);
        var total = budget.Values.Sum();
        CoverageLine Line(string code, string name, IReadOnlyCollection<long> covered)
        {
            var amount = covered.Sum(id => budget[id]);
            return new(code, name, covered.Count, ids.Count, amount, total, PefaRules.Term(covered.Count, ids.Count, disclosure),
                PefaRules.Term(amount, total, disclosure));
        }
        var coverage = new List<CoverageLine>
        {
            Line("goals", "设定绩效目标", withGoals),
            Line("monitored", "开展绩效运行监控", monitored),
            Line("self-evaluated", "开展绩效自评", selfEvaluated),
            Line("key-evaluated", "开展重点评价", keyEvaluated),
        };

        var grades = await linkage.GradesAsync(regionId, year, year, ct);
        var depts = await (from p in db.Projects.AsNoTracking()
                           join d in db.Organizations on p.DepartmentId equals d.Id
                           where p.RegionId == regionId && p.FiscalYear == year
                           select new { p.Id, p.DepartmentId, d.Name, d.Code }).ToListAsync(ct);
        var distribution = depts.Where(p => grades.ByProject.ContainsKey(p.Id))
            .GroupBy(p => (p.DepartmentId, p.Name, p.Code)).OrderBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g =>
            {
                int N(Grade x) => g.Count(p => grades.ByProject[p.Id].Grade == x);
                return new GradeDistribution(g.Key.DepartmentId, g.Key.Name, N(Grade.Excellent), N(Grade.Good), N(Grade.Fair), N(Grade.Poor));
            }).ToList();

        var findings = await (from k in db.KeyEvaluations.AsNoTracking()
                              join d in db.Organizations on k.DepartmentId equals d.Id
                              where k.RegionId == regionId && k.FiscalYear == year && k.State == KeyEvaluationState.Completed && k.TotalScore != null && k.Grade != null
                              orderby k.Id
                              select new KeyFinding(k.Id, k.Title, d.Name, k.TotalScore!.Value, k.Grade!.Value, k.Problems, k.Suggestions)).ToListAsync(ct);
        var allProjectIds = depts.Select(d => d.Id).ToList();
        var rect = await rectifications.ForProjectsAsync(allProjectIds, DateOnly.FromDateTime(ChinaTime.FromUtc(db.Now)), ct);
        var decisions = await db.BudgetLinkageDecisions.AsNoTracking().Where(d => d.RegionId == regionId && d.BudgetYear == year + 1)
            .Select(d => new { d.Decision, d.Amount }).ToListAsync(ct);
        int C(LinkageSuggestion s) => decisions.Count(d => d.Decision == s);
        var applied = new LinkageApplied(decisions.Count, C(LinkageSuggestion.Priority), C(LinkageSuggestion.Maintain), C(LinkageSuggestion.StrictControl),
            C(LinkageSuggestion.Cancel), decisions.Sum(d => d.Amount));
        var stored = await db.CongressReports.AsNoTracking().FirstOrDefaultAsync(r => r.RegionId == regionId && r.FiscalYear == year, ct);
        return new(regionId, region.Name, year, coverage, distribution, findings, rect, applied, stored);
    }

    /// <summary>Generates the .docx from the current figures and stores it (replacing an earlier one for the region and year).</summary>
    public async Task<CongressReport> GenerateAsync(int year, Caller caller, CancellationToken ct = default)
    {
        if (!CanGenerate(caller)) throw new NotFoundException("人大报告");
        var figures = await FiguresAsync(year, caller, ct);
        var at = db.Now;
        var docx = CongressReportDocument.Build(figures, at);
        var report = await db.CongressReports.FirstOrDefaultAsync(r => r.RegionId == figures.RegionId && r.FiscalYear == year, ct);
        if (report is null)
        {
            report = new CongressReport(figures.RegionId, year);
            db.CongressReports.Add(report);
        }
        report.Store(docx, at, db.Actor.UserId, db.Actor.Name);
        await db.SaveChangesAsync(ct);
        return report;
    }

    public async Task<CongressReport> StoredAsync(int year, Caller caller, CancellationToken ct = default)
    {
        if (!CanView(caller)) throw new NotFoundException("人大报告");
        return await db.CongressReports.AsNoTracking().FirstOrDefaultAsync(r => r.RegionId == caller.Scope.HomeRegionId && r.FiscalYear == year, ct)
            ?? throw new NotFoundException("人大报告");
    }
}
