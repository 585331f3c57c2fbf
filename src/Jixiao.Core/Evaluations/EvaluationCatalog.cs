using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Evaluations;

/// <summary>The kinds of evaluation the results list brings together.</summary>
public enum EvaluationType
{
    /// <summary>绩效自评</summary>
    Self,
    /// <summary>重点评价</summary>
    Key,
    /// <summary>再评价</summary>
    Re,
}

public static class EvaluationTypes
{
    public static string ChineseName(this EvaluationType t) => t switch
    {
        EvaluationType.Self => "自评",
        EvaluationType.Key => "重点评价",
        EvaluationType.Re => "再评价",
    };

    /// <summary>The API's name: self, key, re.</summary>
    public static string WireName(this EvaluationType t) => t switch
    {
        EvaluationType.Self => "self",
        EvaluationType.Key => "key",
        EvaluationType.Re => "re",
    };

    public static EvaluationType? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "self" or "自评" => EvaluationType.Self,
        "key" or "重点评价" => EvaluationType.Key,
        "re" or "再评价" => EvaluationType.Re,
        _ => null,
    };
}

public sealed record EvaluationCatalogFilter(int? FiscalYear = null, long? DepartmentId = null, Grade? Grade = null, EvaluationType? Type = null);

/// <summary>
/// One scored evaluation of any kind: its score and the grade it got through the bands of the rule-set version of its region and year it
/// was scored with (a self-evaluation's at submission; a re-evaluation's, the self-evaluation's pinned version), the state, and for a
/// re-evaluation whether it flagged the self-evaluation.
/// </summary>
public sealed record EvaluationCatalogRow(EvaluationType Type, long Id, int FiscalYear, long DepartmentId, string DepartmentName, string DepartmentCode,
    long? UnitId, string? UnitName, string SubjectName, decimal Score, Grade Grade, string StateName, bool Flagged, string Link);

/// <summary>Per department, how many evaluations got each grade.</summary>
public sealed record GradeDistribution(long DepartmentId, string DepartmentName, int Excellent, int Good, int Fair, int Poor)
{
    public int Total => Excellent + Good + Fair + Poor;
}

/// <summary>
/// 评价结果: the scored evaluations of every kind in the caller's scope as one list (filter by year, department, grade and type), and the
/// grade distribution per department. A union of per-type sources: each kind says which of its records are scored and visible to the caller.
/// </summary>
public sealed class EvaluationCatalog(JixiaoDbContext db, KeyEvaluationService keys)
{
    public async Task<IReadOnlyList<EvaluationCatalogRow>> RowsAsync(EvaluationCatalogFilter f, Caller caller, CancellationToken ct = default)
    {
        var rows = new List<EvaluationCatalogRow>();
        if (f.Type is null or EvaluationType.Self) rows.AddRange(await SelfRowsAsync(f, caller, ct));
        if (f.Type is null or EvaluationType.Key) rows.AddRange(await KeyRowsAsync(f, caller, ct));
        if (f.Type is null or EvaluationType.Re) rows.AddRange(await ReRowsAsync(f, caller, ct));
        return rows.Where(r => f.Grade is null || r.Grade == f.Grade)
            .OrderByDescending(r => r.FiscalYear).ThenBy(r => r.DepartmentCode, StringComparer.Ordinal).ThenBy(r => r.Type)
            .ThenBy(r => r.SubjectName, StringComparer.Ordinal).ThenBy(r => r.Id)
            .ToList();
    }

    public async Task<Page<EvaluationCatalogRow>> ListAsync(EvaluationCatalogFilter f, Caller caller, int page, int pageSize, CancellationToken ct = default)
    {
        var rows = await RowsAsync(f, caller, ct);
        return new(rows.Skip((page - 1) * pageSize).Take(pageSize).ToList(), rows.Count);
    }

    /// <summary>The grades per department of <paramref name="rows"/>, departments in code order.</summary>
    public static IReadOnlyList<GradeDistribution> Distribution(IEnumerable<EvaluationCatalogRow> rows) =>
        rows.GroupBy(r => (r.DepartmentId, r.DepartmentName, r.DepartmentCode))
            .OrderBy(g => g.Key.DepartmentCode, StringComparer.Ordinal)
            .Select(g => new GradeDistribution(g.Key.DepartmentId, g.Key.DepartmentName, g.Count(r => r.Grade == Grade.Excellent),
                g.Count(r => r.Grade == Grade.Good), g.Count(r => r.Grade == Grade.Fair), g.Count(r => r.Grade == Grade.Poor)))
            .ToList();

    /// <summary>Self-evaluations with a fixed score (submitted or reviewed) of organisations in scope.</summary>
    private async Task<IReadOnlyList<EvaluationCatalogRow>> SelfRowsAsync(EvaluationCatalogFilter f, Caller caller, CancellationToken ct)
    {
        var q = db.SelfEvaluations.AsNoTracking().InScope(caller.Scope).Where(e => e.Total != null && e.Grade != null);
        if (f.FiscalYear is { } y) q = q.Where(e => e.FiscalYear == y);
        if (f.DepartmentId is { } d) q = q.Where(e => e.DepartmentId == d);
        if (f.Grade is { } g) q = q.Where(e => e.Grade == g);
        var rows = await (from e in q
                          join p in db.Projects on e.ProjectId equals p.Id
                          join u in db.Organizations on e.OrganizationId equals u.Id
                          join dp in db.Organizations on e.DepartmentId equals dp.Id
                          select new { e.Id, e.FiscalYear, e.DepartmentId, Dept = dp.Name, DeptCode = dp.Code, UnitId = u.Id, Unit = u.Name, p.Name, e.Total, e.Grade, e.State })
            .ToListAsync(ct);
        return rows.Select(r => new EvaluationCatalogRow(EvaluationType.Self, r.Id, r.FiscalYear, r.DepartmentId, r.Dept, r.DeptCode, r.UnitId, r.Unit, r.Name,
            r.Total!.Value, r.Grade!.Value, r.State.ChineseName(), false, $"/Evaluations/SelfEvaluation?id={r.Id}")).ToList();
    }

    /// <summary>Scored key evaluations the caller may see (the key evaluation service decides: organisers, experts, and the evaluated party once completed).</summary>
    private async Task<IReadOnlyList<EvaluationCatalogRow>> KeyRowsAsync(EvaluationCatalogFilter f, Caller caller, CancellationToken ct)
    {
        var rows = (await keys.SummaryRowsAsync(caller, f.FiscalYear, ct))
            .Where(r => r.Score is not null && r.Grade is not null && (f.DepartmentId is null || r.DepartmentId == f.DepartmentId))
            .ToList();
        var ids = rows.Select(r => r.DepartmentId).Distinct().ToList();
        var codes = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Code, ct);
        return rows.Select(r => new EvaluationCatalogRow(EvaluationType.Key, r.Id, r.FiscalYear, r.DepartmentId, r.DepartmentName, codes[r.DepartmentId], null, null,
            r.SubjectName, r.Score!.Value, r.Grade!.Value, r.StateName, false, $"/Evaluations/KeyDetails?id={r.Id}")).ToList();
    }

    /// <summary>Re-scored forms: all of the performance section's batches; a unit's (or department's) own once the batch is completed.</summary>
    private async Task<IReadOnlyList<EvaluationCatalogRow>> ReRowsAsync(EvaluationCatalogFilter f, Caller caller, CancellationToken ct)
    {
        var regions = caller.Has(Role.PerformanceSection) ? caller.Scope.RegionIds.ToList() : [];
        var orgs = caller.Scope.OrganizationIds.ToList();
        var q = from i in db.ReEvaluationItems.AsNoTracking()
                join r in db.ReEvaluations on i.ReEvaluationId equals r.Id
                where i.ReTotal != null && i.ReGrade != null
                      && (regions.Contains(r.RegionId) || (r.State == ReEvaluationState.Completed && orgs.Contains(i.OrganizationId)))
                select new { i, r };
        if (f.FiscalYear is { } y) q = q.Where(x => x.r.FiscalYear == y);
        if (f.DepartmentId is { } d) q = q.Where(x => x.i.DepartmentId == d);
        if (f.Grade is { } g) q = q.Where(x => x.i.ReGrade == g);
        var rows = await (from x in q
                          join p in db.Projects on x.i.ProjectId equals p.Id
                          join u in db.Organizations on x.i.OrganizationId equals u.Id
                          join dp in db.Organizations on x.i.DepartmentId equals dp.Id
                          select new
                          {
                              x.i.Id,
                              x.r.FiscalYear,
                              x.i.DepartmentId,
                              Dept = dp.Name,
                              DeptCode = dp.Code,
                              UnitId = u.Id,
                              Unit = u.Name,
                              p.Name,
                              x.i.ReTotal,
                              x.i.ReGrade,
                              x.r.State,
                              x.i.Flagged,
                          })
            .ToListAsync(ct);
        return rows.Select(r => new EvaluationCatalogRow(EvaluationType.Re, r.Id, r.FiscalYear, r.DepartmentId, r.Dept, r.DeptCode, r.UnitId, r.Unit, r.Name,
            r.ReTotal!.Value, r.ReGrade!.Value, r.State.ChineseName(), r.Flagged, $"/Evaluations/ReEvaluationItem?id={r.Id}")).ToList();
    }
}
