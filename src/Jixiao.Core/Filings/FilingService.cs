using Jixiao.Core.Attachments;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Jixiao.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Filings;

public sealed record FilingFilter(int? FiscalYear = null, FilingState? State = null, long? RegionId = null, string? Search = null);

public sealed record FilingRow(long Id, long RegionId, string RegionName, int FiscalYear, long RuleSetId, int RuleSetVersionNo, string DocumentName,
    string? Note, FilingState State, string? Number, DateTime SubmittedAt, string SubmittedByName, int Submissions, DateTime? FiledAt, int Version);

/// <summary>A filing with the county's pinned rules beside the city's rules of the same year: every rule item, the changed ones flagged.</summary>
public sealed record FilingDetail(RuleSetFiling Filing, string RegionName, string CityRegionName, RuleSet CountyRuleSet, RuleSet? CityRuleSet,
    string CityRuleSetLabel, IReadOnlyList<RuleSetDiff.Row> Rows, int ChangedCount, IReadOnlyList<FilingAction> Actions, IReadOnlyList<WorkflowStep> History);

/// <summary>A rule-set version of the caller's own region that can be filed.</summary>
public sealed record FilableRuleSet(long Id, int FiscalYear, int VersionNo, DateTime CreatedAt, string CreatedByName, string? Comment);

/// <summary>
/// 备案 of county implementation rules (Art. 38). A county's performance section files its own rule-set version of a year with the
/// document and a note; the performance section of the city above files it (备案号 gapless per city and year, unique index and retry) or
/// returns it with comments; the county resubmits. Visible to the performance sections and the audit office whose regions include the
/// county (a county sees only its own; another county's id is 404); acting is for the county's (submit, resubmit) or the city's (file,
/// return) performance section.
/// </summary>
public sealed class FilingService(JixiaoDbContext db, RuleSetService rules, TodoService todos)
{
    public const string Subject = nameof(RuleSetFiling);

    /// <summary>The to-do the demo (and a city) leaves the county before it files: "Filing", "{regionId}/{year}".</summary>
    public const string PendingSubject = "Filing";

    public const int NumberRetries = 8;

    public static string Link(long id) => $"/Filings/Detail/{id}";

    /// <summary>备案号 of a city: the first character of its name, 绩备, the year, the sequence (长治市 → 长绩备〔2026〕1号).</summary>
    public static string FormatNumber(string cityName, int year, int sequence) =>
        $"{(cityName.Trim() is { Length: > 0 } n ? n[..1] : "")}绩备〔{year}〕{sequence}号";

    private static bool CanRead(Caller caller) => caller.Has(Role.PerformanceSection) || caller.Has(Role.AuditOffice);

    private IQueryable<RuleSetFiling> Filings(Caller caller)
    {
        if (!CanRead(caller)) return db.RuleSetFilings.Where(_ => false);
        var regions = caller.Scope.RegionIds.ToList();
        return db.RuleSetFilings.Where(f => regions.Contains(f.RegionId));
    }

    private async Task<RuleSetFiling> FilingAsync(long id, Caller caller, CancellationToken ct) =>
        await Filings(caller).FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("备案");

    private static bool IsCounty(RuleSetFiling f, Caller caller) => caller.Has(Role.PerformanceSection) && caller.Scope.HomeRegionId == f.RegionId;

    private static bool IsCity(RuleSetFiling f, Caller caller) => caller.Has(Role.PerformanceSection) && caller.Scope.HomeRegionId == f.CityRegionId;

    public static IReadOnlyList<FilingAction> ActionsFor(RuleSetFiling f, Caller caller) =>
        FilingWorkflow.Machine.ActionsFrom(f.State, caller.Roles)
            .Where(a => a == FilingAction.Resubmit ? IsCounty(f, caller) : IsCity(f, caller)).ToList();

    // ---------------------------------------------------------------- lists

    public async Task<Page<FilingRow>> ListAsync(FilingFilter filter, Caller caller, int page, int pageSize, CancellationToken ct = default)
    {
        var q = Filings(caller).AsNoTracking();
        if (filter.FiscalYear is { } y) q = q.Where(f => f.FiscalYear == y);
        if (filter.State is { } s) q = q.Where(f => f.State == s);
        if (filter.RegionId is { } r) q = q.Where(f => f.RegionId == r);
        var joined = from f in q
                     join region in db.Regions on f.RegionId equals region.Id
                     join rs in db.RuleSets on f.RuleSetId equals rs.Id
                     select new { f, region, rs };
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var text = filter.Search.Trim();
            joined = joined.Where(x => x.region.Name.Contains(text) || x.f.DocumentName.Contains(text) || (x.f.Number != null && x.f.Number.Contains(text))
                || (x.f.Note != null && x.f.Note.Contains(text)));
        }
        var total = await joined.CountAsync(ct);
        var rows = await joined.OrderByDescending(x => x.f.SubmittedAt).ThenByDescending(x => x.f.Id)
            .Select(x => new FilingRow(x.f.Id, x.f.RegionId, x.region.Name, x.f.FiscalYear, x.f.RuleSetId, x.rs.VersionNo, x.f.DocumentName, x.f.Note,
                x.f.State, x.f.Number, x.f.SubmittedAt, x.f.SubmittedByName, x.f.Submissions, x.f.FiledAt, x.f.Version))
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new(rows, total);
    }

    /// <summary>The regions whose filings the caller sees (for the list's filter): the counties below the caller's region, or its own.</summary>
    public async Task<List<(long Id, string Name)>> RegionsAsync(Caller caller, CancellationToken ct = default)
    {
        if (!CanRead(caller)) return [];
        var ids = caller.Scope.RegionIds.ToList();
        return (await db.Regions.AsNoTracking().Where(r => ids.Contains(r.Id) && r.ParentId != null).OrderBy(r => r.Code)
            .Select(r => new { r.Id, r.Name }).ToListAsync(ct)).Select(r => (r.Id, r.Name)).ToList();
    }

    /// <summary>The caller's own rule-set versions of a year that can be filed (newest first); empty when the region uses the city's rules.</summary>
    public async Task<List<FilableRuleSet>> FilableAsync(int fiscalYear, Caller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Role.PerformanceSection)) return [];
        return (await rules.VersionsAsync(caller.Scope.HomeRegionId, fiscalYear, ct))
            .Select(v => new FilableRuleSet(v.Id, v.FiscalYear, v.VersionNo, v.CreatedAt, v.CreatedByName, v.Comment)).ToList();
    }

    /// <summary>Whether the caller files (a county's performance section: its region has a region above).</summary>
    public async Task<bool> CanSubmitAsync(Caller caller, CancellationToken ct = default) =>
        caller.Has(Role.PerformanceSection)
        && await db.Regions.AnyAsync(r => r.Id == caller.Scope.HomeRegionId && r.ParentId != null, ct);

    // ---------------------------------------------------------------- detail and the side-by-side difference

    public async Task<FilingDetail> DetailAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var f = await FilingAsync(id, caller, ct);
        var names = await db.Regions.AsNoTracking().Where(r => r.Id == f.RegionId || r.Id == f.CityRegionId).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var county = await db.RuleSets.AsNoTracking().FirstAsync(r => r.Id == f.RuleSetId, ct);
        var city = f.CityRuleSetId is { } c ? await db.RuleSets.AsNoTracking().FirstAsync(r => r.Id == c, ct) : null;
        var cityLabel = city is null ? "国家默认规则" : $"{names[f.CityRegionId]} {city.FiscalYear} 年度第 {city.VersionNo} 版";
        var rows = RuleSetDiff.SideBySide(city?.Content ?? new RuleSetContent(), county.Content);
        var history = await db.WorkflowSteps.AsNoTracking().Where(s => s.SubjectType == Subject && s.SubjectId == id.ToString())
            .OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);
        return new(f, names[f.RegionId], names[f.CityRegionId], county, city, cityLabel, rows, rows.Count(r => r.Changed), ActionsFor(f, caller), history);
    }

    public async Task<(FilingDocument Document, byte[] Data)> DocumentAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var f = await FilingAsync(id, caller, ct);
        var data = await db.AttachmentContents.AsNoTracking().Where(c => c.StoredName == f.DocumentStoredName).Select(c => c.Data).FirstAsync(ct);
        return (f.Document, data);
    }

    // ---------------------------------------------------------------- the county

    /// <summary>The county's own version to file: the given one (of the caller's region and the year), else its latest of the year.</summary>
    private async Task<RuleSet> OwnRuleSetAsync(long regionId, int fiscalYear, long? ruleSetId, CancellationToken ct)
    {
        if (ruleSetId is { } rid)
        {
            var v = await rules.FindAsync(rid, ct);
            if (v is null || v.RegionId != regionId) throw new DomainException("只能报备本区划制定的规则，所选规则不属于本区划。");
            if (v.FiscalYear != fiscalYear) throw new DomainException($"所选规则是 {v.FiscalYear} 年度的，与备案年度 {fiscalYear} 不一致。");
            return v;
        }
        var latest = (await rules.VersionsAsync(regionId, fiscalYear, ct)).FirstOrDefault();
        return latest ?? throw new DomainException($"本区划尚未制定 {fiscalYear} 年度的本级规则（现沿用上级规则），请先在“规则设置”中保存本级规则后再报备。");
    }

    /// <summary>The city's rule-set version in force for the year (null: the national defaults).</summary>
    private async Task<long?> CityRuleSetIdAsync(long cityRegionId, int fiscalYear, CancellationToken ct) =>
        (await rules.ResolveAsync(cityRegionId, fiscalYear, ct)).Stored?.Id;

    private FilingDocument StoreDocument(string? fileName, byte[] data, long maxBytes)
    {
        var file = UploadCheck.Check(fileName, data, UploadCheck.Documents, UploadCheck.DocumentsText, maxBytes);
        db.AttachmentContents.Add(new AttachmentContent(file.StoredName, file.Data));
        return new(file.DisplayName, file.StoredName, file.ContentType, file.Size, file.Sha256);
    }

    private async Task<Organization> CityPerformanceSectionAsync(long cityRegionId, CancellationToken ct) =>
        await db.Organizations.AsNoTracking().Where(o => o.RegionId == cityRegionId && o.Kind == OrganizationKind.PerformanceSection)
            .OrderBy(o => o.Id).FirstOrDefaultAsync(ct)
        ?? throw new DomainException("上级财政部门尚未设置绩效管理科，无法报送备案。");

    /// <summary>报送备案: the county's performance section files its own rule-set version of the year with the document and a note.</summary>
    public async Task<RuleSetFiling> SubmitAsync(int fiscalYear, long? ruleSetId, string? fileName, byte[] data, string? note, Caller caller,
        long maxBytes = UploadCheck.DefaultMaxBytes, CancellationToken ct = default)
    {
        if (!caller.Has(Role.PerformanceSection) || caller.OrganizationId is not { } org)
            throw new DomainException("实施细则由县区财政部门绩效管理机构报市财政局备案。");
        var region = await db.Regions.AsNoTracking().FirstAsync(r => r.Id == caller.Scope.HomeRegionId, ct);
        if (region.ParentId is not { } cityId) throw new DomainException("本级没有上级财政部门，无需报备实施细则。");
        if (fiscalYear is < 2000 or > 2100) throw new DomainException("预算年度无效。");
        var ruleSet = await OwnRuleSetAsync(region.Id, fiscalYear, ruleSetId, ct);
        if (await db.RuleSetFilings.AnyAsync(f => f.RegionId == region.Id && f.FiscalYear == fiscalYear && f.State != FilingState.Filed, ct))
            throw new DomainException($"{region.Name} {fiscalYear} 年度已有未办结的备案，请在该备案中修改后重新报送。");
        var cityPerf = await CityPerformanceSectionAsync(cityId, ct);
        var document = StoreDocument(fileName, data, maxBytes);
        var filing = new RuleSetFiling(region.Id, cityId, fiscalYear, org, ruleSet.Id, await CityRuleSetIdAsync(cityId, fiscalYear, ct), document, note,
            db.Actor.Name, db.Now);
        db.RuleSetFilings.Add(filing);
        await db.SaveChangesAsync(ct);
        WorkflowRecorder.Record(db, Subject, filing.Id.ToString(), FilingWorkflow.Submit, Role.PerformanceSection,
            $"规则第 {ruleSet.VersionNo} 版，{document.Name}");
        await todos.CompleteFor(PendingSubject, $"{region.Id}/{fiscalYear}", ct);
        todos.Assign(new Todo(cityId, fiscalYear, $"备案审核：{region.Name}{fiscalYear}年度预算绩效管理实施细则", Link(filing.Id), Subject, filing.Id.ToString(),
            db.Now, null, null, cityPerf.Id, Role.PerformanceSection));
        await db.SaveChangesAsync(ct);
        return filing;
    }

    /// <summary>重新报送 after a return: another own rule-set version of the year and/or a new document (at least one), and the note.</summary>
    public async Task<RuleSetFiling> ResubmitAsync(long id, int version, long? ruleSetId, string? fileName, byte[]? data, string? note, Caller caller,
        long maxBytes = UploadCheck.DefaultMaxBytes, CancellationToken ct = default)
    {
        var f = await FilingAsync(id, caller, ct);
        if (!IsCounty(f, caller)) throw new DomainException("退回的备案由报送的县区财政部门修改后重新报送。");
        CheckVersion(f, version);
        var t = FilingWorkflow.Machine.Check(f.State, FilingAction.Resubmit, caller.Roles, null);
        var ruleSet = ruleSetId is null ? await db.RuleSets.AsNoTracking().FirstAsync(r => r.Id == f.RuleSetId, ct)
            : await OwnRuleSetAsync(f.RegionId, f.FiscalYear, ruleSetId, ct);
        var document = data is null ? null : StoreDocument(fileName, data, maxBytes); // an empty upload is a bad file, not "no new file"
        f.Resubmit(ruleSet.Id, await CityRuleSetIdAsync(f.CityRegionId, f.FiscalYear, ct), document, note, db.Actor.Name, db.Now);
        WorkflowRecorder.Record(db, Subject, f.Id.ToString(), t, Role.PerformanceSection,
            $"规则第 {ruleSet.VersionNo} 版，{f.DocumentName}{(document is null ? "" : "（新文件）")}");
        await todos.CompleteFor(Subject, f.Id.ToString(), ct);
        var regionName = await db.Regions.Where(r => r.Id == f.RegionId).Select(r => r.Name).FirstAsync(ct);
        var cityPerf = await CityPerformanceSectionAsync(f.CityRegionId, ct);
        todos.Assign(new Todo(f.CityRegionId, f.FiscalYear, $"备案审核（重新报送）：{regionName}{f.FiscalYear}年度预算绩效管理实施细则", Link(f.Id), Subject,
            f.Id.ToString(), db.Now, null, null, cityPerf.Id, Role.PerformanceSection));
        await db.SaveChangesAsync(ct);
        return f;
    }

    // ---------------------------------------------------------------- the city

    /// <summary>退回 with comments (required): nothing changes without them; the county gets a to-do.</summary>
    public async Task<RuleSetFiling> ReturnAsync(long id, int version, string? comments, Caller caller, CancellationToken ct = default)
    {
        var f = await FilingAsync(id, caller, ct);
        if (!IsCity(f, caller)) throw new DomainException("备案由上级财政部门绩效管理科办理。");
        CheckVersion(f, version);
        var t = FilingWorkflow.Machine.Check(f.State, FilingAction.Return, caller.Roles, comments);
        f.Return(comments!, db.Actor.Name, db.Now);
        WorkflowRecorder.Record(db, Subject, f.Id.ToString(), t, Role.PerformanceSection, f.ReturnComments);
        await todos.CompleteFor(Subject, f.Id.ToString(), ct);
        var regionName = await db.Regions.Where(r => r.Id == f.RegionId).Select(r => r.Name).FirstAsync(ct);
        todos.Assign(new Todo(f.RegionId, f.FiscalYear, $"备案被退回，请修改后重新报送：{regionName}{f.FiscalYear}年度实施细则", Link(f.Id), Subject,
            f.Id.ToString(), db.Now, null, null, f.SubmitterOrganizationId, Role.PerformanceSection));
        await db.SaveChangesAsync(ct);
        return f;
    }

    /// <summary>
    /// 备案: the next 备案号 of the city and the filing's year, in one save with the step. A concurrent filing that took the same number fails
    /// on the unique index; it is retried with the next number (gapless: only saved numbers count).
    /// </summary>
    public async Task<RuleSetFiling> FileAsync(long id, int version, string? comment, Caller caller, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var f = await FilingAsync(id, caller, ct);
            if (!IsCity(f, caller)) throw new DomainException("备案由上级财政部门绩效管理科办理。");
            CheckVersion(f, version);
            var t = FilingWorkflow.Machine.Check(f.State, FilingAction.File, caller.Roles, comment);
            var city = await db.Regions.AsNoTracking().FirstAsync(r => r.Id == f.CityRegionId, ct);
            var last = await db.RuleSetFilings.Where(x => x.CityRegionId == f.CityRegionId && x.NumberYear == f.FiscalYear).MaxAsync(x => x.Sequence, ct) ?? 0;
            f.File(f.FiscalYear, last + 1, FormatNumber(city.Name, f.FiscalYear, last + 1), comment, db.Actor.Name, db.Now);
            WorkflowRecorder.Record(db, Subject, f.Id.ToString(), t, Role.PerformanceSection,
                f.FilingComment is null ? f.Number : $"{f.Number}：{f.FilingComment}");
            await todos.CompleteFor(Subject, f.Id.ToString(), ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return f;
            }
            catch (DbUpdateException) when (attempt < NumberRetries)
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 40) * attempt, ct);
            }
        }
    }

    private void CheckVersion(RuleSetFiling f, int version)
    {
        if (f.Version != version) throw new ConcurrencyConflictException();
        db.Entry(f).Property(e => e.Version).OriginalValue = version;
    }
}
