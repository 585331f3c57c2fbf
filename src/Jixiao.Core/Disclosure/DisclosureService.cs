using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Disclosure;

/// <summary>What a publish request names: the source entity and its id.</summary>
public sealed record DisclosureKey(string SourceType, long SourceId);

/// <summary>
/// Something the performance section may publish for a year: its kind, the source, department, title and grade, the snapshot it would
/// get, and the item if it was published before (published or unpublished).
/// </summary>
public sealed record DisclosureCandidate(DisclosureKind Kind, string SourceType, long SourceId, int FiscalYear, long DepartmentId, string DepartmentName,
    string Title, Grade? Grade, decimal? Score, string Snapshot, long? ItemId, DisclosureState? ItemState);

public sealed record DisclosureFilter(int? FiscalYear = null, DisclosureKind? Kind = null, long? DepartmentId = null, Grade? Grade = null,
    DisclosureState? State = null, string? Text = null);

/// <summary>An item as staff see it: with who published and unpublished it.</summary>
public sealed record DisclosureRow(long Id, long RegionId, string RegionName, int FiscalYear, DisclosureKind Kind, string SourceType, long SourceId,
    long DepartmentId, string DepartmentName, Grade? Grade, string Title, DisclosureState State, DateTime PublishedAt, string PublishedBy,
    DateTime? UnpublishedAt, string? UnpublishedBy, string? UnpublishReason, int Version);

/// <summary>The public search: year, department (name contains), grade, kind, text (title or department contains).</summary>
public sealed record PublicFilter(int? FiscalYear = null, string? Department = null, Grade? Grade = null, DisclosureKind? Kind = null, string? Text = null);

/// <summary>A published item as the public sees it: the public item id, what it is, and its snapshot. No internal id or staff name.</summary>
public sealed record PublicItem(long Id, DisclosureKind Kind, int FiscalYear, string Region, string Department, Grade? Grade, string Title,
    DateTime PublishedAt, string Snapshot);

/// <summary>A department with published items, and how many of each kind.</summary>
public sealed record PublicDepartment(string Region, string Department, string DepartmentCode, int Goals, int EvaluationResults, int Rectifications);

/// <summary>
/// 信息公开 (Art. 13, 31): the performance section of a region lists what it may publish (goals in force of its projects and policies,
/// completed evaluation results, rectifications of sent feedback letters), publishes with a whitelisted snapshot, unpublishes with a reason (off the portal at once) and republishes.
/// Staff of the region (and the regions above it) see the published items; a withdrawn item only those who see its department; anything else is a 404. The public queries read published items only.
/// </summary>
public sealed class DisclosureService(JixiaoDbContext db, EvaluationCatalog catalog, RuleSetService rules)
{
    public const string SubjectType = nameof(DisclosureItem);

    private static void RequirePerformanceSection(Caller caller)
    {
        if (!caller.Has(Role.PerformanceSection)) throw new DomainException("信息公开由财政部门绩效管理科办理。");
    }

    public async Task<IReadOnlyList<DisclosureCandidate>> CandidatesAsync(int fiscalYear, DisclosureKind? kind, Caller caller, CancellationToken ct = default)
    {
        RequirePerformanceSection(caller);
        var regionId = caller.Scope.HomeRegionId;
        var region = await db.Regions.AsNoTracking().Where(r => r.Id == regionId).Select(r => r.Name).FirstAsync(ct);
        var names = await db.Organizations.AsNoTracking().Where(o => o.RegionId == regionId).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var list = new List<DisclosureCandidate>();
        if (kind is null or DisclosureKind.Goal) list.AddRange(await GoalCandidatesAsync(regionId, fiscalYear, region, names, ct));
        if (kind is null or DisclosureKind.EvaluationResult) list.AddRange(await EvaluationCandidatesAsync(fiscalYear, region, names, caller, ct));
        if (kind is null or DisclosureKind.Rectification) list.AddRange(await RectificationCandidatesAsync(regionId, fiscalYear, region, names, ct));
        var existing = await db.DisclosureItems.AsNoTracking().Where(i => i.RegionId == regionId && i.FiscalYear == fiscalYear)
            .Select(i => new { i.SourceType, i.SourceId, i.Id, i.State }).ToListAsync(ct);
        var byKey = existing.ToDictionary(i => (i.SourceType, i.SourceId));
        return list.Select(c => byKey.TryGetValue((c.SourceType, c.SourceId), out var e) ? c with { ItemId = e.Id, ItemState = e.State } : c)
            .OrderBy(c => c.Kind).ThenBy(c => c.DepartmentName, StringComparer.Ordinal).ThenBy(c => c.Title, StringComparer.Ordinal).ToList();
    }

    private async Task<IReadOnlyList<DisclosureCandidate>> GoalCandidatesAsync(long regionId, int fiscalYear, string region,
        IReadOnlyDictionary<long, string> names, CancellationToken ct)
    {
        var goals = await db.PerformanceGoals.AsNoTracking().Include(g => g.Indicators)
            .Where(g => g.RegionId == regionId && g.FiscalYear == fiscalYear && (g.State == GoalState.Approved || g.State == GoalState.Published))
            .ToListAsync(ct);
        if (goals.Count == 0) return [];
        var ids = goals.Select(g => g.ProjectId).ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id) && p.Kind != ProjectKind.OverallSpending).ToDictionaryAsync(p => p.Id, ct);
        var categories = (await rules.ResolveAsync(regionId, fiscalYear, ct)).Content.Goals.Categories;
        return goals.Where(g => projects.ContainsKey(g.ProjectId)).Select(g =>
        {
            var p = projects[g.ProjectId];
            var snapshot = DisclosureSnapshots.Goal(g, p, region, names.GetValueOrDefault(g.DepartmentId, ""), names.GetValueOrDefault(g.OrganizationId, ""), categories);
            return new DisclosureCandidate(DisclosureKind.Goal, nameof(PerformanceGoal), g.Id, fiscalYear, g.DepartmentId, snapshot.Department,
                $"{p.Name}（{fiscalYear}年度绩效目标）", null, null, DisclosureSnapshots.Serialize(snapshot), null, null);
        }).ToList();
    }

    /// <summary>Scored self-evaluations, completed key evaluations and completed re-evaluations of the region's departments.</summary>
    private async Task<IReadOnlyList<DisclosureCandidate>> EvaluationCandidatesAsync(int fiscalYear, string region, IReadOnlyDictionary<long, string> names,
        Caller caller, CancellationToken ct)
    {
        var completedKey = KeyEvaluationWorkflow.ChineseName(KeyEvaluationState.Completed);
        var completedRe = ReEvaluationState.Completed.ChineseName();
        var rows = (await catalog.RowsAsync(new EvaluationCatalogFilter(FiscalYear: fiscalYear), caller, ct))
            .Where(r => names.ContainsKey(r.DepartmentId)
                && (r.Type == EvaluationType.Self || (r.Type == EvaluationType.Key && r.StateName == completedKey) || (r.Type == EvaluationType.Re && r.StateName == completedRe)));
        return rows.Select(r => new DisclosureCandidate(DisclosureKind.EvaluationResult, SourceTypeOf(r.Type), r.Id, fiscalYear, r.DepartmentId, r.DepartmentName,
            $"{r.SubjectName}（{r.Type.ChineseName()}结果）", r.Grade, r.Score, DisclosureSnapshots.Serialize(DisclosureSnapshots.EvaluationResult(r, region)),
            null, null)).ToList();
    }

    /// <summary>The rectifications of the region's sent feedback letters of the year, in whatever state (the status is published as it is).</summary>
    private async Task<IReadOnlyList<DisclosureCandidate>> RectificationCandidatesAsync(long regionId, int fiscalYear, string region,
        IReadOnlyDictionary<long, string> names, CancellationToken ct)
    {
        var rows = await (from r in db.Rectifications.AsNoTracking().Include(r => r.Items)
                          join l in db.FeedbackLetters.AsNoTracking() on r.LetterId equals l.Id
                          where r.RegionId == regionId && r.FiscalYear == fiscalYear
                          select new { r, l }).ToListAsync(ct);
        var today = DateOnly.FromDateTime(ChinaTime.FromUtc(db.Now));
        return rows.Select(x =>
        {
            var snapshot = DisclosureSnapshots.Rectification(x.r, x.l, region, names.GetValueOrDefault(x.r.DepartmentId, ""),
                x.r.OrganizationId == x.r.DepartmentId ? null : names.GetValueOrDefault(x.r.OrganizationId), today);
            return new DisclosureCandidate(DisclosureKind.Rectification, nameof(Results.Rectification), x.r.Id, fiscalYear, x.r.DepartmentId,
                snapshot.Department, $"{x.l.SubjectName}（整改情况）", x.l.Grade, x.l.Score, DisclosureSnapshots.Serialize(snapshot), null, null);
        }).ToList();
    }

    private static string SourceTypeOf(EvaluationType t) => t switch
    {
        EvaluationType.Self => nameof(SelfEvaluation),
        EvaluationType.Key => nameof(KeyEvaluation),
        EvaluationType.Re => nameof(ReEvaluationItem),
    };

    /// <summary>
    /// Publishes the named candidates of the year (all or nothing): a new item with its snapshot, or an unpublished one republished with a
    /// fresh snapshot; one already published stays as it is. Returns the items' ids.
    /// </summary>
    public async Task<IReadOnlyList<long>> PublishAsync(int fiscalYear, IReadOnlyList<DisclosureKey> keys, Caller caller, CancellationToken ct = default)
    {
        RequirePerformanceSection(caller);
        if (keys.Count == 0) throw new DomainException("请选择要公开的事项。");
        if (keys.Count > 500) throw new DomainException("一次最多公开500项。");
        var candidates = (await CandidatesAsync(fiscalYear, null, caller, ct)).ToDictionary(c => (c.SourceType, c.SourceId));
        var chosen = new List<DisclosureCandidate>();
        foreach (var k in keys.Distinct())
        {
            if (!candidates.TryGetValue((k.SourceType, k.SourceId), out var c))
                throw new DomainException($"所选事项（{k.SourceType} {k.SourceId}）不是本区划{fiscalYear}年度可公开的事项。");
            chosen.Add(c);
        }
        var regionId = caller.Scope.HomeRegionId;
        var role = Role.PerformanceSection;
        var items = new List<DisclosureItem>();
        foreach (var c in chosen)
        {
            if (c.ItemId is { } id)
            {
                var item = await db.DisclosureItems.FirstAsync(i => i.Id == id, ct);
                if (item.State == DisclosureState.Unpublished)
                {
                    var t = DisclosureNames.Machine.Check(item.State, DisclosureAction.Republish, caller.Roles, null);
                    item.Publish(c.Grade, c.Title, c.Snapshot, db.Now, db.Actor.Name);
                    WorkflowRecorder.Record(db, SubjectType, item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t, role, null);
                }
                items.Add(item);
                continue;
            }
            var created = new DisclosureItem(regionId, fiscalYear, c.Kind, c.SourceType, c.SourceId, c.DepartmentId, c.Grade, c.Title, c.Snapshot, db.Now, db.Actor.Name);
            db.Add(created);
            items.Add(created);
        }
        await db.SaveChangesAsync(ct);
        return items.Select(i => i.Id).ToList();
    }

    /// <summary>Takes a published item off the portal and the open data at once, with the reason.</summary>
    public async Task<DisclosureItem> UnpublishAsync(long id, int version, string? reason, Caller caller, CancellationToken ct = default)
    {
        RequirePerformanceSection(caller);
        var item = await OwnAsync(id, caller, ct);
        db.ExpectVersion(item, version);
        reason = reason?.Trim();
        if (reason?.Length > 500) throw new DomainException("撤回原因不超过500字。");
        var t = DisclosureNames.Machine.Check(item.State, DisclosureAction.Unpublish, caller.Roles, reason);
        item.Unpublish(reason!, db.Now, db.Actor.Name);
        WorkflowRecorder.Record(db, SubjectType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), t, Role.PerformanceSection, reason);
        await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>Publishes an unpublished item again, with a fresh snapshot of its source (which must still be publishable).</summary>
    public async Task<DisclosureItem> RepublishAsync(long id, int version, Caller caller, CancellationToken ct = default)
    {
        RequirePerformanceSection(caller);
        var item = await OwnAsync(id, caller, ct);
        db.ExpectVersion(item, version);
        DisclosureNames.Machine.Check(item.State, DisclosureAction.Republish, caller.Roles, null);
        await PublishAsync(item.FiscalYear, [new DisclosureKey(item.SourceType, item.SourceId)], caller, ct);
        return item;
    }

    /// <summary>An item of the caller's own region (the performance section acts on its own region's items only).</summary>
    private async Task<DisclosureItem> OwnAsync(long id, Caller caller, CancellationToken ct) =>
        await db.DisclosureItems.FirstOrDefaultAsync(i => i.Id == id && i.RegionId == caller.Scope.HomeRegionId, ct)
        ?? throw new NotFoundException("公开事项不存在。");

    /// <summary>An item with its region's and department's names, as a member-init projection EF Core filters and sorts on.</summary>
    private sealed class Joined
    {
        public required DisclosureItem Item { get; init; }

        public required string Region { get; init; }

        public required string Department { get; init; }

        public required string DepartmentCode { get; init; }

        public DisclosureRow ToRow() => new(Item.Id, Item.RegionId, Region, Item.FiscalYear, Item.Kind, Item.SourceType, Item.SourceId, Item.DepartmentId,
            Department, Item.Grade, Item.Title, Item.State, Item.PublishedAt, Item.PublishedBy, Item.UnpublishedAt, Item.UnpublishedBy, Item.UnpublishReason,
            Item.Version);

        public PublicItem ToPublic() => new(Item.Id, Item.Kind, Item.FiscalYear, Region, Department, Item.Grade, Item.Title, Item.PublishedAt, Item.Snapshot);
    }

    private IQueryable<Joined> Join(IQueryable<DisclosureItem> items) =>
        from i in items
        join r in db.Regions on i.RegionId equals r.Id
        join d in db.Organizations on i.DepartmentId equals d.Id
        select new Joined { Item = i, Region = r.Name, Department = d.Name, DepartmentCode = d.Code };

    /// <summary>
    /// What a caller sees of the staff list: items of the regions in its scope that are published (public anyway), and withdrawn items
    /// only of the departments it sees — a unit or another department does not read why another department's item was withdrawn.
    /// </summary>
    private IQueryable<DisclosureItem> Visible(Caller caller)
    {
        var regions = caller.Scope.RegionIds.ToList();
        var orgs = caller.Scope.OrganizationIds.ToList();
        return db.DisclosureItems.AsNoTracking()
            .Where(i => regions.Contains(i.RegionId) && (i.State == DisclosureState.Published || orgs.Contains(i.DepartmentId)));
    }

    /// <summary>Items the caller sees (<see cref="Visible"/>), newest first.</summary>
    public async Task<Page<DisclosureRow>> ListAsync(DisclosureFilter f, Caller caller, int page, int pageSize, CancellationToken ct = default)
    {
        var q = Visible(caller);
        if (f.FiscalYear is { } y) q = q.Where(i => i.FiscalYear == y);
        if (f.Kind is { } k) q = q.Where(i => i.Kind == k);
        if (f.DepartmentId is { } d) q = q.Where(i => i.DepartmentId == d);
        if (f.Grade is { } g) q = q.Where(i => i.Grade == g);
        if (f.State is { } s) q = q.Where(i => i.State == s);
        var rows = Join(q);
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var text = f.Text.Trim();
            rows = rows.Where(r => r.Item.Title.Contains(text) || r.Department.Contains(text));
        }
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(r => r.Item.FiscalYear).ThenBy(r => r.Item.Kind).ThenBy(r => r.DepartmentCode).ThenBy(r => r.Item.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new(items.Select(r => r.ToRow()).ToList(), total);
    }

    public async Task<DisclosureRow> GetAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var row = await Join(Visible(caller).Where(i => i.Id == id)).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("公开事项不存在。");
        return row.ToRow();
    }

    private IQueryable<Joined> Published(PublicFilter f)
    {
        var q = db.DisclosureItems.AsNoTracking().Where(i => i.State == DisclosureState.Published);
        if (f.FiscalYear is { } y) q = q.Where(i => i.FiscalYear == y);
        if (f.Grade is { } g) q = q.Where(i => i.Grade == g);
        if (f.Kind is { } k) q = q.Where(i => i.Kind == k);
        var rows = Join(q);
        if (!string.IsNullOrWhiteSpace(f.Department))
        {
            var dept = f.Department.Trim();
            rows = rows.Where(r => r.Department.Contains(dept));
        }
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var text = f.Text.Trim();
            rows = rows.Where(r => r.Item.Title.Contains(text) || r.Department.Contains(text));
        }
        return rows;
    }

    /// <summary>Published items only, newest year first.</summary>
    public async Task<Page<PublicItem>> PublicListAsync(PublicFilter f, int page, int pageSize, CancellationToken ct = default)
    {
        var rows = Published(f);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(r => r.Item.FiscalYear).ThenBy(r => r.Item.Kind).ThenBy(r => r.DepartmentCode).ThenBy(r => r.Item.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new(items.Select(r => r.ToPublic()).ToList(), total);
    }

    /// <summary>Every published item of a kind (the open data), in id order.</summary>
    public async Task<IReadOnlyList<PublicItem>> PublicAllAsync(DisclosureKind kind, int? fiscalYear, CancellationToken ct = default) =>
        (await Published(new PublicFilter(fiscalYear, Kind: kind)).OrderBy(r => r.Item.Id).ToListAsync(ct)).Select(r => r.ToPublic()).ToList();

    /// <summary>A published item, or 404 (also for an unpublished one).</summary>
    public async Task<PublicItem> PublicItemAsync(long id, CancellationToken ct = default) =>
        (await Published(new PublicFilter()).FirstOrDefaultAsync(r => r.Item.Id == id, ct))?.ToPublic()
        ?? throw new NotFoundException("公开事项不存在或已撤回。");

    /// <summary>The departments with published items.</summary>
    public async Task<IReadOnlyList<PublicDepartment>> PublicDepartmentsAsync(CancellationToken ct = default)
    {
        var rows = await (from i in db.DisclosureItems.AsNoTracking().Where(i => i.State == DisclosureState.Published)
                          join r in db.Regions on i.RegionId equals r.Id
                          join d in db.Organizations on i.DepartmentId equals d.Id
                          select new { Region = r.Name, Department = d.Name, d.Code, i.Kind }).ToListAsync(ct);
        return rows.GroupBy(x => (x.Region, x.Department, x.Code))
            .OrderBy(g => g.Key.Region, StringComparer.Ordinal).ThenBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => new PublicDepartment(g.Key.Region, g.Key.Department, g.Key.Code, g.Count(x => x.Kind == DisclosureKind.Goal),
                g.Count(x => x.Kind == DisclosureKind.EvaluationResult), g.Count(x => x.Kind == DisclosureKind.Rectification)))
            .ToList();
    }

    /// <summary>The years with published items, newest first (the portal's year filter).</summary>
    public async Task<IReadOnlyList<int>> PublicYearsAsync(CancellationToken ct = default) =>
        await db.DisclosureItems.AsNoTracking().Where(i => i.State == DisclosureState.Published).Select(i => i.FiscalYear).Distinct()
            .OrderByDescending(y => y).ToListAsync(ct);
}
