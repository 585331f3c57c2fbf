using System.Globalization;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Imports;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Jixiao.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.FiscalEvaluations;

public sealed record FiscalEvaluationRow(long Id, int FiscalYear, string Title, FiscalEvaluationState State, int Counties, DateTime CreatedAt,
    DateTime? FinalisedAt, int Version);

/// <summary>One county's sheet as the caller may see it: the values, what is missing, the score computed from the values (live while a
/// draft, equal to the stored one once scored), and the stored score, grade and rank.</summary>
public sealed record FiscalSheetView(long Id, long CountyRegionId, string CountyCode, string CountyName, IReadOnlyDictionary<string, decimal> Values,
    IReadOnlyList<string> Missing, FiscalOperationScore? Computed, decimal? Score, Grade? Grade, int? Rank, int Version);

public sealed record FiscalEvaluationDetail(FiscalEvaluation Evaluation, string RegionName, IReadOnlyList<FiscalIndicator> Framework, GradeBands Grades,
    IReadOnlyList<FiscalSheetView> Sheets, bool SeesAllCounties, IReadOnlyList<FiscalEvaluationAction> Actions, bool CanManage, bool CanEditValues,
    IReadOnlyList<WorkflowStep> History);

public sealed record FiscalImportResult(int Updated, int Unchanged, IReadOnlyList<ImportError> Errors);

/// <summary>
/// County fiscal operation evaluations (财政运行综合绩效评价) through <see cref="FiscalEvaluationWorkflow"/>. Scope: the performance section of
/// the city manages its evaluations; the city's budget section and the audit office read them; a county's performance section (and the
/// auditors of a county) see the evaluations that have a sheet of their county, and only that sheet; everyone else gets 404.
/// </summary>
public sealed class FiscalEvaluationService(JixiaoDbContext db, RuleSetService ruleSets, TodoService todos)
{
    public const string SubjectType = nameof(FiscalEvaluation);

    /// <summary>Who may open the feature at all: the roles that see the budget linkage list (performance section, budget section, auditors).</summary>
    public static bool CanView(Caller c) => c.Roles.Has(Permission.ViewBudgetLinkage);

    public static bool CanCreate(Caller c) => c.Has(Role.PerformanceSection) && c.OrganizationId is not null;

    public static string Link(long id) => $"/FiscalEvaluations/Details?id={id}";

    private IQueryable<FiscalEvaluation> Visible(Caller caller)
    {
        if (!CanView(caller)) return db.FiscalEvaluations.Where(e => false);
        var regions = caller.Scope.RegionIds.ToList();
        return db.FiscalEvaluations.Where(e => regions.Contains(e.RegionId)
            || db.FiscalEvaluationSheets.Any(s => s.EvaluationId == e.Id && regions.Contains(s.CountyRegionId)));
    }

    public async Task<Page<FiscalEvaluationRow>> ListAsync(Caller caller, int? fiscalYear, int page, int pageSize, CancellationToken ct = default)
    {
        var q = Visible(caller).AsNoTracking();
        if (fiscalYear is { } y) q = q.Where(e => e.FiscalYear == y);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(e => e.FiscalYear).ThenByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(e => new FiscalEvaluationRow(e.Id, e.FiscalYear, e.Title, e.State, db.FiscalEvaluationSheets.Count(s => s.EvaluationId == e.Id),
                e.CreatedAt, e.FinalisedAt, e.Version))
            .ToListAsync(ct);
        return new(items, total);
    }

    /// <summary>An evaluation the caller may see (tracked), else 404.</summary>
    public async Task<FiscalEvaluation> LoadAsync(long id, Caller caller, CancellationToken ct = default) =>
        await Visible(caller).FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("财政运行综合绩效评价");

    private static bool Manages(FiscalEvaluation e, Caller caller) => caller.Has(Role.PerformanceSection) && caller.Scope.HomeRegionId == e.RegionId;

    private static void EnsureManager(FiscalEvaluation e, Caller caller)
    {
        if (!Manages(e, caller)) throw new DomainException("财政运行综合绩效评价由本级财政部门绩效管理科组织和录入，您只能查看。");
    }

    /// <summary>The city's performance section starts the evaluation of a year: one sheet per county below it, the framework of the rule set pinned.</summary>
    public async Task<FiscalEvaluation> CreateAsync(int fiscalYear, string? title, Caller caller, CancellationToken ct = default)
    {
        if (!CanCreate(caller)) throw new DomainException("财政运行综合绩效评价由财政部门绩效管理科组织。");
        var regionId = caller.Scope.HomeRegionId;
        var region = await db.Regions.AsNoTracking().FirstAsync(r => r.Id == regionId, ct);
        var counties = await db.Regions.AsNoTracking().Where(r => r.ParentId == regionId).OrderBy(r => r.Code).ToListAsync(ct);
        if (counties.Count == 0) throw new DomainException($"{region.Name}没有下辖县区，无需开展对下财政运行综合绩效评价。");
        if (fiscalYear is < 2000 or > 2100) throw new DomainException("评价年度无效。");
        if (await db.FiscalEvaluations.AnyAsync(e => e.RegionId == regionId && e.FiscalYear == fiscalYear, ct))
            throw new DomainException($"{fiscalYear}年度的县区财政运行综合绩效评价已经建立。");
        var ruleSet = await ruleSets.EnsureAsync(regionId, fiscalYear, ct);
        var problems = FiscalOperationScoring.FrameworkProblems(ruleSet.Content.FiscalOperation.Indicators);
        if (problems.Count > 0) throw new DomainException($"规则中的财政运行评价指标体系有误：{string.Join("", problems)}");
        var e = new FiscalEvaluation(regionId, fiscalYear,
            string.IsNullOrWhiteSpace(title) ? $"{region.Name}{fiscalYear}年度县区财政运行综合绩效评价" : title, caller.OrganizationId!.Value, ruleSet, db.Now);
        db.FiscalEvaluations.Add(e);
        await db.SaveChangesAsync(ct);
        foreach (var c in counties) db.FiscalEvaluationSheets.Add(new FiscalEvaluationSheet(e.Id, c.Id));
        todos.Assign(new Todo(regionId, fiscalYear, $"录入各县区财政运行指标数据并计算得分：{e.Title}", Link(e.Id), SubjectType, e.Id.ToString(), db.Now, null,
            null, caller.OrganizationId, Role.PerformanceSection));
        db.Audit("fiscal-evaluation.create", SubjectType, e.Id.ToString(), new { e.FiscalYear, e.Title, ruleSet = e.RuleSetId, counties = counties.Count });
        await db.SaveChangesAsync(ct);
        return e;
    }

    public async Task<FiscalEvaluationDetail> DetailAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var e = await Visible(caller).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("财政运行综合绩效评价");
        var seesAll = caller.Scope.CanSeeRegion(e.RegionId);
        var regions = caller.Scope.RegionIds.ToList();
        var sheets = await (from s in db.FiscalEvaluationSheets.AsNoTracking()
                            join r in db.Regions on s.CountyRegionId equals r.Id
                            where s.EvaluationId == id && (seesAll || regions.Contains(s.CountyRegionId))
                            orderby r.Code
                            select new { s, r.Code, r.Name }).ToListAsync(ct);
        var framework = e.Framework;
        var grades = e.Grades;
        var views = sheets.Select(x =>
        {
            var values = x.s.Values;
            var missing = FiscalOperationScoring.Missing(framework, values);
            var computed = missing.Count == 0 ? FiscalOperationScoring.Score(framework, values, grades) : null;
            return new FiscalSheetView(x.s.Id, x.s.CountyRegionId, x.Code, x.Name, values, missing.Select(m => m.Code).ToList(), computed, x.s.Score,
                x.s.Grade, x.s.Rank, x.s.Version);
        }).ToList();
        var regionName = await db.Regions.Where(r => r.Id == e.RegionId).Select(r => r.Name).FirstAsync(ct);
        var manages = Manages(e, caller);
        var actions = manages ? FiscalEvaluationWorkflow.Machine.ActionsFrom(e.State, caller.Roles).ToList() : [];
        var history = await db.WorkflowSteps.AsNoTracking().Where(w => w.SubjectType == SubjectType && w.SubjectId == id.ToString())
            .OrderBy(w => w.At).ThenBy(w => w.Id).ToListAsync(ct);
        return new(e, regionName, framework, grades, views, seesAll, actions, manages, manages && e.State == FiscalEvaluationState.Draft, history);
    }

    /// <summary>Replaces one county's values (code → value; null or absent clears it). Only in the draft, by the managing performance section.</summary>
    public async Task<FiscalEvaluationSheet> SaveValuesAsync(long id, string countyCode, IReadOnlyDictionary<string, decimal?> values, int version, Caller caller,
        CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        var sheet = await SheetAsync(e, countyCode, caller, ct);
        EnsureEditable(e, caller);
        db.ExpectVersion(sheet, version);
        var framework = e.Framework;
        var clean = new Dictionary<string, decimal>();
        foreach (var (code, value) in values)
        {
            var indicator = framework.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase))
                ?? throw new DomainException($"指标“{code}”不在本次评价的指标体系中。");
            if (value is not { } v) continue;
            CheckValue(indicator, v);
            clean[indicator.Code] = v;
        }
        sheet.SetValues(clean, framework);
        await db.SaveChangesAsync(ct);
        return sheet;
    }

    private async Task<FiscalEvaluationSheet> SheetAsync(FiscalEvaluation e, string countyCode, Caller caller, CancellationToken ct)
    {
        var code = countyCode.Trim();
        var sheet = await (from s in db.FiscalEvaluationSheets
                           join r in db.Regions on s.CountyRegionId equals r.Id
                           where s.EvaluationId == e.Id && r.Code == code
                           select s).FirstOrDefaultAsync(ct);
        if (sheet is null || !(caller.Scope.CanSeeRegion(e.RegionId) || caller.Scope.CanSeeRegion(sheet.CountyRegionId))) throw new NotFoundException("县区");
        return sheet;
    }

    private static void EnsureEditable(FiscalEvaluation e, Caller caller)
    {
        EnsureManager(e, caller);
        if (e.State != FiscalEvaluationState.Draft)
            throw new DomainException($"评价{FiscalEvaluationWorkflow.ChineseName(e.State)}，不能修改数据；如需更正请先退回修改。");
    }

    private static void CheckValue(FiscalIndicator i, decimal v)
    {
        if (Math.Abs(v) > FiscalOperationScoring.MaxValue) throw new DomainException($"“{i.Name}”的数值超出范围。");
        if (decimal.Round(v, 4) != v) throw new DomainException($"“{i.Name}”的数值最多保留四位小数。");
    }

    /// <summary>The columns of the import: the county's code and name (DATA-STANDARD), then one column per indicator, headed by its code or name.</summary>
    public static IReadOnlyDictionary<string, string[]> ImportColumns(IReadOnlyList<FiscalIndicator> framework)
    {
        var map = new Dictionary<string, string[]>
        {
            ["county"] = ["mof_div_code", "区划代码", "财政区划代码"],
            ["countyName"] = ["mof_div_name", "区划名称", "财政区划名称"],
        };
        foreach (var i in framework) map["i:" + i.Code] = [i.Code, i.Name, $"{i.Name}（{i.Unit}）", $"{i.Name}({i.Unit})"];
        return map;
    }

    /// <summary>The template's header (what the import reads and the export writes first).</summary>
    public static IReadOnlyList<string> TemplateHeader(IReadOnlyList<FiscalIndicator> framework) =>
        ["区划代码", "区划名称", .. framework.Select(i => i.Name)];

    /// <summary>
    /// Imports a CSV (UTF-8 or GB18030) or .xlsx file, one row per county: every row is checked first and any error changes nothing; a blank
    /// cell or a missing column leaves that value as it is; the same file again changes nothing.
    /// </summary>
    public async Task<FiscalImportResult> ImportAsync(long id, Stream file, string? fileName, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        EnsureEditable(e, caller);
        var framework = e.Framework;
        var (table, formulas) = await UploadedTable.ReadAsync(file, fileName, ct);
        if (formulas.Count > 0) return new(0, 0, formulas);
        if (table.Count == 0) throw new DomainException("文件为空。");
        var columns = ImportColumns(framework);
        var map = new HeaderMap(table[0], columns);
        if (!map.Has("county")) throw new DomainException("缺少列：区划代码（mof_div_code）。");
        var indicatorColumns = framework.Where(i => map.Has("i:" + i.Code)).ToList();
        if (indicatorColumns.Count == 0) throw new DomainException("文件中没有任何评价指标列：表头应为指标代码或指标名称。");

        var sheets = await (from s in db.FiscalEvaluationSheets
                            join r in db.Regions on s.CountyRegionId equals r.Id
                            where s.EvaluationId == e.Id
                            select new { s, r.Code, r.Name }).ToListAsync(ct);
        var byCode = sheets.ToDictionary(x => x.Code, StringComparer.Ordinal);
        var errors = new List<ImportError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var updates = new List<(FiscalEvaluationSheet Sheet, Dictionary<string, decimal> Values)>();
        for (var n = 1; n < table.Count; n++)
        {
            var row = table[n];
            var rowNo = n + 1;
            if (row.All(string.IsNullOrWhiteSpace)) continue;
            var code = map.Get(row, "county");
            if (code is null) { errors.Add(new(rowNo, "mof_div_code", "区划代码不能为空。")); continue; }
            if (!byCode.TryGetValue(code, out var target)) { errors.Add(new(rowNo, "mof_div_code", $"“{code}”不是本次评价的县区区划代码。")); continue; }
            if (!seen.Add(code)) { errors.Add(new(rowNo, "mof_div_code", $"县区“{target.Name}”重复出现。")); continue; }
            var name = map.Get(row, "countyName");
            if (name is not null && name != target.Name)
            { errors.Add(new(rowNo, "mof_div_name", $"区划名称“{name}”与区划代码{code}（{target.Name}）不符。")); continue; }
            var values = new Dictionary<string, decimal>(target.s.Values);
            var rowOk = true;
            foreach (var i in indicatorColumns)
            {
                var text = map.Get(row, "i:" + i.Code);
                if (text is null) continue;
                var t = text.Replace(",", "").Replace("，", "").Trim();
                if (t.EndsWith('%')) t = t[..^1].Trim();
                if (!decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var v))
                {
                    errors.Add(new(rowNo, i.Code, $"“{i.Name}”的值“{text}”不是数字。"));
                    rowOk = false;
                    continue;
                }
                try
                {
                    CheckValue(i, v);
                }
                catch (DomainException ex)
                {
                    errors.Add(new(rowNo, i.Code, ex.Message));
                    rowOk = false;
                    continue;
                }
                values[i.Code] = v;
            }
            if (rowOk) updates.Add((target.s, values));
        }
        if (errors.Count > 0) return new(0, 0, errors);
        if (updates.Count == 0) throw new DomainException("文件没有数据行。");
        int updated = 0, unchanged = 0;
        foreach (var (sheet, values) in updates)
        {
            if (sheet.SetValues(values, framework)) updated++;
            else unchanged++;
        }
        db.Audit("fiscal-evaluation.import", SubjectType, e.Id.ToString(), new { rows = updates.Count, updated, unchanged });
        await db.SaveChangesAsync(ct);
        return new(updated, unchanged, []);
    }

    /// <summary>Scores every county (all values complete), ranks them and fixes the result.</summary>
    public Task<FiscalEvaluation> ScoreAsync(long id, int version, Caller caller, CancellationToken ct = default) =>
        MoveAsync(id, version, FiscalEvaluationAction.Score, null, caller, ct);

    public Task<FiscalEvaluation> FinaliseAsync(long id, int version, Caller caller, CancellationToken ct = default) =>
        MoveAsync(id, version, FiscalEvaluationAction.Finalise, null, caller, ct);

    public Task<FiscalEvaluation> ReopenAsync(long id, int version, string? reason, Caller caller, CancellationToken ct = default) =>
        MoveAsync(id, version, FiscalEvaluationAction.Reopen, reason, caller, ct);

    private async Task<FiscalEvaluation> MoveAsync(long id, int version, FiscalEvaluationAction action, string? reason, Caller caller, CancellationToken ct)
    {
        var e = await LoadAsync(id, caller, ct);
        EnsureManager(e, caller);
        db.ExpectVersion(e, version);
        var t = FiscalEvaluationWorkflow.Machine.Check(e.State, action, caller.Roles, reason);
        if (reason?.Trim().Length > 500) throw new DomainException("理由不超过500字。");
        var sheets = await (from s in db.FiscalEvaluationSheets
                            join r in db.Regions on s.CountyRegionId equals r.Id
                            where s.EvaluationId == e.Id
                            orderby r.Code
                            select new { s, r.Name }).ToListAsync(ct);
        switch (action)
        {
            case FiscalEvaluationAction.Score:
                var framework = e.Framework;
                var incomplete = sheets.Select(x => (x.Name, Missing: FiscalOperationScoring.Missing(framework, x.s.Values))).Where(x => x.Missing.Count > 0).ToList();
                if (incomplete.Count > 0)
                    throw new DomainException("以下县区的数据尚未填写完整，不能计算得分：" +
                        string.Join("；", incomplete.Select(x => $"{x.Name}缺{x.Missing.Count}项（{string.Join("、", x.Missing.Take(3).Select(m => m.Name))}{(x.Missing.Count > 3 ? "等" : "")}）")) + "。");
                var grades = e.Grades;
                var scores = sheets.ToDictionary(x => x.s, x => FiscalOperationScoring.Score(framework, x.s.Values, grades));
                var ranks = FiscalOperationScoring.Rank(scores.ToDictionary(kv => kv.Key, kv => kv.Value.Total));
                foreach (var (sheet, score) in scores) sheet.Scored(score.Total, score.Grade, ranks[sheet]);
                await todos.CompleteFor(SubjectType, e.Id.ToString(), ct);
                break;
            case FiscalEvaluationAction.Reopen:
                foreach (var x in sheets) x.s.ClearScore();
                todos.Assign(new Todo(e.RegionId, e.FiscalYear, $"更正县区财政运行指标数据并重新计算得分：{e.Title}", Link(e.Id), SubjectType, e.Id.ToString(),
                    db.Now, null, null, e.OrganizerOrganizationId, Role.PerformanceSection));
                break;
        }
        e.Move(t, reason, db.Now);
        WorkflowRecorder.Record(db, SubjectType, e.Id.ToString(), t, Role.PerformanceSection, reason);
        await db.SaveChangesAsync(ct);
        return e;
    }
}

/// <summary>The finalised county results the budget linkage list shows beside the transfer payments (Art. 35).</summary>
public sealed class FiscalOperationResults(JixiaoDbContext db) : BudgetLinkage.IFiscalOperationResults
{
    public async Task<IReadOnlyDictionary<long, BudgetLinkage.FiscalOperationResult>> ForCountiesAsync(IReadOnlyCollection<long> countyRegionIds, int fiscalYear,
        CancellationToken ct = default)
    {
        var ids = countyRegionIds.ToList();
        var rows = await (from s in db.FiscalEvaluationSheets.AsNoTracking()
                          join e in db.FiscalEvaluations on s.EvaluationId equals e.Id
                          where e.FiscalYear == fiscalYear && e.State == FiscalEvaluationState.Finalised && ids.Contains(s.CountyRegionId)
                                && s.Score != null && s.Grade != null
                          select new { s.CountyRegionId, s.Score, s.Grade, e.FinalisedAt, e.Id }).ToListAsync(ct);
        return rows.OrderBy(r => r.FinalisedAt).ThenBy(r => r.Id)
            .GroupBy(r => r.CountyRegionId)
            .ToDictionary(g => g.Key, g => new BudgetLinkage.FiscalOperationResult(g.Key, fiscalYear, g.Last().Score!.Value, g.Last().Grade!.Value));
    }
}
