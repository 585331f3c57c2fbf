using System.Security.Cryptography;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Jixiao.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Evaluations;

/// <summary>
/// What to sample: <see cref="ReEvaluationMethod.Random"/> draws <see cref="Count"/> (or the <see cref="Share"/> of the population,
/// rounded up) of the submitted self-evaluations of the year (of <see cref="DepartmentId"/> only, when given) with <see cref="Seed"/>
/// (a fresh one when left out); <see cref="ReEvaluationMethod.Chosen"/> takes <see cref="SelfEvaluationIds"/>.
/// </summary>
public sealed record ReEvaluationInput(string Title, ReEvaluationMethod Method, long? Seed = null, int? Count = null, decimal? Share = null,
    long? DepartmentId = null, IReadOnlyList<long>? SelfEvaluationIds = null, string? ReScorerName = null);

public sealed record ReEvaluationRow(long Id, int FiscalYear, string Title, ReEvaluationMethod Method, long? Seed, int SampleCount, ReEvaluationState State,
    string OrganizerName, string? ReScorerName, DateTime CreatedAt, DateTime? CompletedAt, int ReScored, int Flagged, int Version);

/// <summary>A sampled form with its names, as lists show it.</summary>
public sealed record ReEvaluationItemRow(long Id, long ReEvaluationId, int SampleOrder, long SelfEvaluationId, long ProjectId, string ProjectCode,
    string ProjectName, long UnitId, string UnitName, long DepartmentId, string DepartmentName, decimal SelfTotal, Grade SelfGrade, decimal? ReTotal,
    Grade? ReGrade, decimal? TotalDifference, bool Flagged, DateTime? ReScoredAt, int Version);

public sealed record ReEvaluationDetail(ReEvaluation ReEvaluation, string? DepartmentFilterName, IReadOnlyList<ReEvaluationItemRow> Items,
    IReadOnlyList<ReEvaluationAction> Actions, IReadOnlyList<WorkflowStep> History);

public sealed record ReEvaluationItemView(ReEvaluationItem Item, ReEvaluation ReEvaluation, ReEvaluationItemRow Row, SelfEvaluation SelfEvaluation,
    int RuleSetVersion, bool CanReScore);

public sealed record ReScoreIndicatorInput(long Id, decimal? Actual = null, QualitativeBand? Band = null, decimal? Points = null, string? Comment = null);

public sealed record ReScoreInput(IReadOnlyList<ReScoreIndicatorInput> Indicators, string? Comment = null);

/// <summary>
/// Re-running a random draw: <see cref="Reproduced"/> when the recorded seed over the recorded population gives the sampled forms in
/// their order; <see cref="PopulationUnchanged"/> when today's submitted forms (same filter) are still the recorded population.
/// </summary>
public sealed record SampleCheck(bool Reproduced, bool PopulationUnchanged, long Seed, int Population, IReadOnlyList<long> Expected, IReadOnlyList<long> Sampled);

/// <summary>
/// 再评价 (RULES §4) by the performance section of a region: sample submitted self-evaluations (a recorded, reproducible draw, or chosen),
/// re-score each with <see cref="SelfEvaluationScoring"/> and the rule-set version the self-evaluation was pinned to, record the
/// difference per indicator and in the total (<see cref="ReEvaluationComparison"/>) with the threshold of the rule set in force when the
/// re-evaluation was created, and complete it. Batches are the performance section's (another region's: 404); an evaluated unit (and its
/// department) sees its own form's result once the re-evaluation is completed.
/// </summary>
public sealed class ReEvaluationService(JixiaoDbContext db, RuleSetService rules, TodoService todos)
{
    public const string SubjectType = nameof(ReEvaluation);

    public async Task<ReEvaluation> CreateAsync(int fiscalYear, ReEvaluationInput input, Caller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Role.PerformanceSection) || caller.OrganizationId is not { } organizer)
            throw new DomainException("再评价由财政部门绩效管理科组织。");
        var regionId = caller.Scope.HomeRegionId;
        var ruleSet = await rules.EnsureAsync(regionId, fiscalYear, ct);
        var r = new ReEvaluation(regionId, fiscalYear, input.Title, organizer, db.Actor.Name, input.ReScorerName, ruleSet.Id,
            ruleSet.Content.Evaluation.ReEvaluationFlagDifference, db.Now);
        var t = ReEvaluationWorkflow.Machine.Check(r.State, ReEvaluationAction.Sample, caller.Roles, null);
        var submitted = Submitted(regionId, fiscalYear);
        List<long> sample;
        string comment;
        switch (input.Method)
        {
            case ReEvaluationMethod.Random:
                if (input.DepartmentId is { } dept)
                {
                    if (!await db.Organizations.AnyAsync(o => o.Id == dept && o.RegionId == regionId && o.Kind == OrganizationKind.Department, ct))
                        throw new DomainException("所选预算部门不在本区划。");
                    submitted = submitted.Where(e => e.DepartmentId == dept);
                }
                var population = await submitted.Select(e => e.Id).OrderBy(id => id).ToListAsync(ct);
                if (population.Count == 0) throw new DomainException($"{fiscalYear}年度没有可抽取的已提交自评表。");
                int count;
                if (input.Count is { } c)
                {
                    if (c < 1) throw new DomainException("抽取份数应至少为1份。");
                    count = c;
                }
                else if (input.Share is { } share)
                {
                    if (share is <= 0m or > 1m) throw new DomainException("抽取比例应大于0且不超过100%（以小数表示，如0.2）。");
                    count = Math.Max(1, (int)Math.Ceiling(share * population.Count));
                }
                else throw new DomainException("请填写抽取份数或抽取比例。");
                if (count > population.Count) throw new DomainException($"可抽取的已提交自评表只有{population.Count}份，少于拟抽取的{count}份。");
                var seed = input.Seed ?? NewSeed();
                if (seed is < 0 or > MaxSeed) throw new DomainException($"随机种子应为0到{MaxSeed}之间的整数。");
                sample = SeededSample.Pick(population, count, seed).ToList();
                r.Sampled(ReEvaluationMethod.Random, seed, count, input.Count is null ? input.Share : null, input.DepartmentId, population,
                    await ItemsAsync(sample, ct));
                comment = $"随机抽取{count}份（种子 {seed}；可抽取 {population.Count} 份）";
                break;
            case ReEvaluationMethod.Chosen:
                var ids = (input.SelfEvaluationIds ?? []).Distinct().ToList();
                if (ids.Count == 0) throw new DomainException("请选择要再评价的自评表。");
                if (ids.Count > 500) throw new DomainException("一次再评价最多500份自评表。");
                var found = await submitted.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
                if (found.Count != ids.Count) throw new DomainException("所选自评表须为本区划该年度已提交的自评表，请刷新后重选。");
                sample = ids;
                r.Sampled(ReEvaluationMethod.Chosen, null, ids.Count, null, null, null, await ItemsAsync(sample, ct));
                comment = $"指定{ids.Count}份";
                break;
            default:
                throw new DomainException("抽样方式无效。");
        }
        db.ReEvaluations.Add(r);
        await db.SaveChangesAsync(ct);
        WorkflowRecorder.Record(db, SubjectType, r.Id.ToString(), t, Role.PerformanceSection, comment);
        todos.Assign(new Todo(regionId, fiscalYear, $"再评价复核评分：{r.Title}", Link(r.Id), SubjectType, r.Id.ToString(), db.Now, null, null, organizer,
            Role.PerformanceSection));
        db.Audit("evaluation.re-sample", SubjectType, r.Id.ToString(), new { r.Method, r.Seed, r.SampleCount, sample });
        await db.SaveChangesAsync(ct);
        return r;
    }

    /// <summary>The submitted self-evaluations of the caller's region and year that may be chosen (the population of a random draw).</summary>
    public async Task<IReadOnlyList<SelfEvaluationRow>> CandidatesAsync(int fiscalYear, long? departmentId, Caller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Role.PerformanceSection)) return [];
        var q = Submitted(caller.Scope.HomeRegionId, fiscalYear);
        if (departmentId is { } d) q = q.Where(e => e.DepartmentId == d);
        return await (from e in q
                      join p in db.Projects on e.ProjectId equals p.Id
                      join u in db.Organizations on e.OrganizationId equals u.Id
                      join dp in db.Organizations on e.DepartmentId equals dp.Id
                      orderby dp.Code, p.Code
                      select new SelfEvaluationRow(e.Id, e.TaskId, p.Id, p.Code, p.Name, u.Id, u.Name, dp.Id, dp.Name, e.State, e.Total, e.Grade,
                          e.SubmittedAt, e.Version)).ToListAsync(ct);
    }

    public async Task<Page<ReEvaluationRow>> ListAsync(int? fiscalYear, Caller caller, int page, int pageSize, CancellationToken ct = default)
    {
        var q = Batches(caller).AsNoTracking();
        if (fiscalYear is { } y) q = q.Where(r => r.FiscalYear == y);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new ReEvaluationRow(r.Id, r.FiscalYear, r.Title, r.Method, r.Seed, r.SampleCount, r.State, r.OrganizerName, r.ReScorerName,
                r.CreatedAt, r.CompletedAt, r.Items.Count(i => i.ReTotal != null), r.Items.Count(i => i.Flagged), r.Version))
            .ToListAsync(ct);
        return new(items, total);
    }

    public async Task<ReEvaluationDetail> DetailAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var r = await LoadAsync(id, caller, ct);
        var items = (await ItemRows(db.ReEvaluationItems.Where(i => i.ReEvaluationId == id)).ToListAsync(ct)).OrderBy(i => i.SampleOrder).ToList();
        var dept = r.DepartmentFilterId is { } d ? await db.Organizations.Where(o => o.Id == d).Select(o => o.Name).FirstOrDefaultAsync(ct) : null;
        var history = await db.WorkflowSteps.AsNoTracking().Where(s => s.SubjectType == SubjectType && s.SubjectId == id.ToString())
            .OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);
        return new(r, dept, items, ReEvaluationWorkflow.Machine.ActionsFrom(r.State, caller.Roles).ToList(), history);
    }

    /// <summary>
    /// One re-evaluated form: the performance section's at any time, the evaluated unit's (and its department's) once the re-evaluation is
    /// completed; otherwise 404.
    /// </summary>
    public async Task<ReEvaluationItemView> ItemAsync(long itemId, Caller caller, CancellationToken ct = default)
    {
        var item = await LoadItemAsync(itemId, caller, ct);
        var r = await db.ReEvaluations.AsNoTracking().FirstAsync(x => x.Id == item.ReEvaluationId, ct);
        var row = await ItemRows(db.ReEvaluationItems.Where(i => i.Id == itemId)).FirstAsync(ct);
        var self = await db.SelfEvaluations.AsNoTracking().Include(e => e.Indicators).FirstAsync(e => e.Id == item.SelfEvaluationId, ct);
        var versionNo = await db.RuleSets.Where(x => x.Id == item.RuleSetId).Select(x => x.VersionNo).FirstAsync(ct);
        var canReScore = r.State == ReEvaluationState.ReScoring && IsOrganiserSide(r, caller);
        return new(item, r, row, self, versionNo, canReScore);
    }

    /// <summary>
    /// Saves the re-scorer's values of every indicator (with a comment where wanted) and re-scores the form: the engine of RULES §3 with the
    /// self-evaluation's pinned rule-set version and its fixed execution figures, then the differences and the flag.
    /// </summary>
    public async Task<ReEvaluationItem> ReScoreAsync(long itemId, int version, ReScoreInput input, Caller caller, CancellationToken ct = default)
    {
        var item = await LoadItemAsync(itemId, caller, ct);
        var r = await db.ReEvaluations.AsNoTracking().FirstAsync(x => x.Id == item.ReEvaluationId, ct);
        if (!IsOrganiserSide(r, caller)) throw new DomainException("再评价由财政部门绩效管理科复核评分。");
        if (r.State != ReEvaluationState.ReScoring) throw new DomainException($"再评价当前为“{r.State.ChineseName()}”，不能再评分。");
        db.ExpectVersion(item, version);
        var rows = item.Indicators.OrderBy(i => i.SortOrder).ToList();
        foreach (var x in input.Indicators)
        {
            var row = rows.FirstOrDefault(i => i.Id == x.Id) ?? throw new DomainException("指标不属于本自评表，请刷新后重试。");
            if (x.Actual is < 0m || x.Points is < 0m) throw new DomainException($"指标“{row.Name}”的实际完成值和得分不能为负数。");
            row.Enter(x.Actual, x.Band, x.Points, x.Comment);
        }
        var self = await db.SelfEvaluations.AsNoTracking().FirstAsync(e => e.Id == item.SelfEvaluationId, ct);
        var pinned = await db.RuleSets.AsNoTracking().FirstAsync(x => x.Id == item.RuleSetId, ct);
        var score = SelfEvaluationScoring.Score(new SelfEvaluationInput(self.FullYearBudget ?? 0m, Math.Max(0m, self.Executed ?? 0m),
            rows.Select(i => i.ToScoring()).ToList()), pinned.Content, pinned.Id);
        var selfFigures = new SelfEvaluationScoreFigures(item.SelfExecutionPoints, rows.Select(i => i.SelfPoints).ToList(), item.SelfTotal);
        var diff = ReEvaluationComparison.Compare(selfFigures, SelfEvaluationScoreFigures.Of(score), r.Threshold);
        item.ReScore(score, diff, input.Comment, db.Actor.Name, db.Now);
        if (db.Entry(item).State == EntityState.Unchanged) db.Entry(item).Property(x => x.Version).IsModified = true;
        db.Audit("evaluation.re-score", nameof(ReEvaluationItem), item.Id.ToString(),
            new { reEvaluation = r.Id, selfTotal = item.SelfTotal, reTotal = score.Total, difference = diff.TotalDifference, flagged = diff.Flagged });
        await db.SaveChangesAsync(ct);
        return item;
    }

    public async Task<ReEvaluation> CompleteAsync(long id, int version, string? conclusion, Caller caller, CancellationToken ct = default)
    {
        var r = await LoadAsync(id, caller, ct);
        db.ExpectVersion(r, version);
        var t = ReEvaluationWorkflow.Machine.Check(r.State, ReEvaluationAction.Complete, caller.Roles, null);
        var open = r.Items.Count(i => !i.IsReScored);
        if (open > 0) throw new DomainException($"还有{open}份自评表未复核评分，不能完成再评价。");
        r.Complete(conclusion, db.Now);
        var flagged = r.Items.Count(i => i.Flagged);
        WorkflowRecorder.Record(db, SubjectType, r.Id.ToString(), t, Role.PerformanceSection,
            $"复核{r.Items.Count}份，差异超过{r.Threshold:0.##}分的{flagged}份（自评质量较低）");
        await todos.CompleteFor(SubjectType, r.Id.ToString(), ct);
        await db.SaveChangesAsync(ct);
        return r;
    }

    /// <summary>Re-runs a random draw from its recorded seed and population (and says whether today's population is still the same).</summary>
    public async Task<SampleCheck> VerifySampleAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var r = await LoadAsync(id, caller, ct);
        if (r.Method != ReEvaluationMethod.Random || r.Seed is not { } seed) throw new DomainException("该再评价的样本为指定，不是随机抽取。");
        var population = r.PopulationIds;
        var expected = SeededSample.Pick(population, Math.Min(r.SampleCount, population.Count), seed);
        var sampled = r.Items.OrderBy(i => i.SampleOrder).Select(i => i.SelfEvaluationId).ToList();
        var now = Submitted(r.RegionId, r.FiscalYear);
        if (r.DepartmentFilterId is { } d) now = now.Where(e => e.DepartmentId == d);
        var today = await now.Select(e => e.Id).OrderBy(x => x).ToListAsync(ct);
        return new(expected.SequenceEqual(sampled), today.SequenceEqual(population), seed, population.Count, expected, sampled);
    }

    private IQueryable<SelfEvaluation> Submitted(long regionId, int fiscalYear) =>
        db.SelfEvaluations.AsNoTracking().Where(e => e.RegionId == regionId && e.FiscalYear == fiscalYear && e.Total != null && e.RuleSetId != null
            && (e.State == SelfEvaluationState.Submitted || e.State == SelfEvaluationState.DepartmentReviewed));

    private async Task<List<ReEvaluationItem>> ItemsAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        var forms = await db.SelfEvaluations.AsNoTracking().Include(e => e.Indicators).Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return ids.Select((id, n) => new ReEvaluationItem(n + 1, forms[id])).ToList();
    }

    /// <summary>The batches the caller may see: the performance section's of its region and the regions below.</summary>
    private IQueryable<ReEvaluation> Batches(Caller caller)
    {
        if (!caller.Has(Role.PerformanceSection)) return db.ReEvaluations.Where(_ => false);
        var regions = caller.Scope.RegionIds.ToList();
        return db.ReEvaluations.Where(r => regions.Contains(r.RegionId));
    }

    private async Task<ReEvaluation> LoadAsync(long id, Caller caller, CancellationToken ct) =>
        await Batches(caller).Include(r => r.Items).FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("再评价");

    private async Task<ReEvaluationItem> LoadItemAsync(long itemId, Caller caller, CancellationToken ct)
    {
        var batches = Batches(caller).Select(r => r.Id);
        var orgs = caller.Scope.OrganizationIds.ToList();
        var completed = db.ReEvaluations.Where(r => r.State == ReEvaluationState.Completed).Select(r => r.Id);
        return await db.ReEvaluationItems.Include(i => i.Indicators)
            .Where(i => batches.Contains(i.ReEvaluationId) || (orgs.Contains(i.OrganizationId) && completed.Contains(i.ReEvaluationId)))
            .FirstOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new NotFoundException("再评价结果");
    }

    private IQueryable<ReEvaluationItemRow> ItemRows(IQueryable<ReEvaluationItem> items) =>
        from i in items.AsNoTracking()
        join p in db.Projects on i.ProjectId equals p.Id
        join u in db.Organizations on i.OrganizationId equals u.Id
        join d in db.Organizations on i.DepartmentId equals d.Id
        select new ReEvaluationItemRow(i.Id, i.ReEvaluationId, i.SampleOrder, i.SelfEvaluationId, p.Id, p.Code, p.Name, u.Id, u.Name, d.Id, d.Name,
            i.SelfTotal, i.SelfGrade, i.ReTotal, i.ReGrade, i.TotalDifference, i.Flagged, i.ReScoredAt, i.Version);

    private static bool IsOrganiserSide(ReEvaluation r, Caller c) => c.Has(Role.PerformanceSection) && c.Scope.CanSeeRegion(r.RegionId);

    public static string Link(long id) => $"/Evaluations/ReEvaluation?id={id}";

    /// <summary>The largest seed: 2^53 − 1, exact in JSON and JavaScript numbers.</summary>
    public const long MaxSeed = 0x1F_FFFF_FFFF_FFFF;

    private static long NewSeed() => BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & MaxSeed;
}
