using System.Globalization;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Imports;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.BudgetLinkage;

public sealed record LinkageProjectRow(long ProjectId, string Code, string Name, ProjectKind Kind, string UnitName, decimal Budget, decimal? Score, Grade? Grade,
    string? GradeSource, int PoorYearsInRow, LinkageRectification Rectification, LinkageResult Result, LinkageDecisionView? Decision);

public sealed record LinkageDecisionView(long Id, LinkageSuggestion Decision, decimal Amount, string Reason, string DecidedByName, DateTime DecidedAt, int Version);

public sealed record LinkageDepartment(long DepartmentId, string Code, string Name, LinkageProjectRow? Overall, IReadOnlyList<LinkageProjectRow> Projects)
{
    public decimal SuggestedReduction => Projects.Sum(p => p.Result.SuggestedReduction);
}

public sealed record LinkageCounty(long RegionId, string Code, string Name, IReadOnlyList<TransferPayment> Payments, FiscalOperationResult? FiscalOperation)
{
    public decimal Total => Payments.Sum(p => p.Amount);
}

/// <summary>The budget linkage list of an evaluated year for next year's budget: per department its projects, and per county its transfer payments.</summary>
public sealed record LinkageList(long RegionId, int EvaluatedYear, int BudgetYear, IReadOnlyList<LinkageDepartment> Departments, IReadOnlyList<LinkageCounty> Counties);

public sealed record LinkageDecisionInput(long ProjectId, LinkageSuggestion Decision, decimal? Amount, string? Reason, int? Version);

public sealed record TransferPaymentInput(string CountyCode, int FiscalYear, string Code, string Name, decimal Amount);

public sealed record TransferPaymentImportResult(int Created, int Updated, int Unchanged, IReadOnlyList<ImportError> Errors);

/// <summary>
/// 预算挂钩 (Art. 32, 35; RULES §7): the list the budget section prepares next year's budget from, the decisions taken on it, and the
/// counties' transfer payments. Grades: a completed re-evaluation's, else a completed key evaluation's, else the self-evaluation's.
/// </summary>
public sealed class BudgetLinkageService(JixiaoDbContext db, RuleSetService ruleSets, ILinkageRectificationSource rectifications,
    IFiscalOperationResults fiscalOperations)
{
    public static bool CanView(Caller c) => c.Roles.Has(Permission.ViewBudgetLinkage);

    public static bool CanDecide(Caller c) => c.Has(Role.BudgetSection);

    public static bool CanEditTransfers(Caller c) => c.Has(Role.BudgetSection) || c.Has(Role.PerformanceSection);

    public async Task<LinkageList> ListAsync(int evaluatedYear, long? departmentId, Caller caller, CancellationToken ct = default)
    {
        if (!CanView(caller)) throw new NotFoundException("预算挂钩清单");
        var regionId = caller.Scope.HomeRegionId;
        var rules = (await ruleSets.ResolveAsync(regionId, evaluatedYear, ct)).Content.Results;
        var deptIds = caller.Scope.OrganizationIds.ToList();
        var departments = await db.Organizations.AsNoTracking()
            .Where(o => o.RegionId == regionId && o.Kind == OrganizationKind.Department && deptIds.Contains(o.Id) && (departmentId == null || o.Id == departmentId))
            .OrderBy(o => o.Code).ToListAsync(ct);
        if (departmentId is not null && departments.Count == 0) throw new NotFoundException("部门");
        var ids = departments.Select(d => d.Id).ToList();
        var projects = await (from p in db.Projects.AsNoTracking()
                              join u in db.Organizations on p.OrganizationId equals u.Id
                              where p.RegionId == regionId && p.FiscalYear == evaluatedYear && ids.Contains(p.DepartmentId)
                              orderby p.Code
                              select new { p, Unit = u.Name }).ToListAsync(ct);
        var grades = await GradesAsync(regionId, evaluatedYear - 6, evaluatedYear, ct);
        var rect = await rectifications.ForProjectsAsync(projects.Select(x => x.p.Id).ToList(), DateOnly.FromDateTime(ChinaTime.FromUtc(db.Now)), ct);
        var decisions = await db.BudgetLinkageDecisions.AsNoTracking().Where(d => d.RegionId == regionId && d.BudgetYear == evaluatedYear + 1)
            .ToDictionaryAsync(d => d.ProjectId, ct);
        LinkageProjectRow Row(Project p, string unit)
        {
            var g = grades.ByProject.GetValueOrDefault(p.Id);
            var poor = g?.Grade == Grade.Poor ? BudgetLinkageRules.PoorYearsInRow(grades.ByCode.GetValueOrDefault(p.Code) ?? new Dictionary<int, Grade>(), evaluatedYear) : 0;
            var r = rect.ByProject.GetValueOrDefault(p.Id, LinkageRectification.None);
            var result = BudgetLinkageRules.Suggest(g?.Grade, poor, r, p.TotalBudget, rules);
            var d = decisions.GetValueOrDefault(p.Id);
            return new(p.Id, p.Code, p.Name, p.Kind, unit, p.TotalBudget, g?.Score, g?.Grade, g?.Source, poor, r, result,
                d is null ? null : new(d.Id, d.Decision, d.Amount, d.Reason, d.DecidedByName, d.DecidedAt, d.Version));
        }
        var list = departments.Select(d =>
        {
            var mine = projects.Where(x => x.p.DepartmentId == d.Id).ToList();
            var overall = mine.FirstOrDefault(x => x.p.Kind == ProjectKind.OverallSpending && x.p.OrganizationId == d.Id);
            return new LinkageDepartment(d.Id, d.Code, d.Name, overall is null ? null : Row(overall.p, overall.Unit),
                mine.Where(x => x.p.Kind != ProjectKind.OverallSpending).Select(x => Row(x.p, x.Unit)).ToList());
        }).ToList();
        var counties = departmentId is null ? await CountiesAsync(regionId, evaluatedYear, ct) : [];
        return new(regionId, evaluatedYear, evaluatedYear + 1, list, counties);
    }

    private async Task<IReadOnlyList<LinkageCounty>> CountiesAsync(long regionId, int evaluatedYear, CancellationToken ct)
    {
        var counties = await db.Regions.AsNoTracking().Where(r => r.ParentId == regionId).OrderBy(r => r.Code).ToListAsync(ct);
        var ids = counties.Select(c => c.Id).ToList();
        var payments = await db.TransferPayments.AsNoTracking().Where(t => t.RegionId == regionId && t.FiscalYear == evaluatedYear + 1)
            .OrderBy(t => t.Code).ToListAsync(ct);
        var results = await fiscalOperations.ForCountiesAsync(ids, evaluatedYear, ct);
        return counties.Select(c => new LinkageCounty(c.Id, c.Code, c.Name, payments.Where(p => p.CountyRegionId == c.Id).ToList(), results.GetValueOrDefault(c.Id))).ToList();
    }

    public sealed record ProjectGrade(decimal Score, Grade Grade, string Source);

    public sealed record GradeMaps(IReadOnlyDictionary<long, ProjectGrade> ByProject, IReadOnlyDictionary<string, Dictionary<int, Grade>> ByCode);

    /// <summary>The grade of every evaluated project of a region in the years: re-evaluation over key evaluation over self-evaluation.</summary>
    public async Task<GradeMaps> GradesAsync(long regionId, int fromYear, int toYear, CancellationToken ct = default)
    {
        var byProject = new Dictionary<long, ProjectGrade>();
        var self = await db.SelfEvaluations.AsNoTracking()
            .Where(e => e.RegionId == regionId && e.FiscalYear >= fromYear && e.FiscalYear <= toYear && e.Total != null && e.Grade != null)
            .Select(e => new { e.ProjectId, e.Total, e.Grade }).ToListAsync(ct);
        foreach (var s in self) byProject[s.ProjectId] = new(s.Total!.Value, s.Grade!.Value, "自评");
        var key = await (from k in db.KeyEvaluations.AsNoTracking()
                         join s in db.KeyEvaluationSubjects on k.Id equals s.EvaluationId
                         where k.RegionId == regionId && k.FiscalYear >= fromYear && k.FiscalYear <= toYear && k.State == KeyEvaluationState.Completed
                               && k.TotalScore != null && k.Grade != null
                         select new { s.ProjectId, k.TotalScore, k.Grade }).ToListAsync(ct);
        foreach (var k in key) byProject[k.ProjectId] = new(k.TotalScore!.Value, k.Grade!.Value, "重点评价");
        var re = await (from i in db.ReEvaluationItems.AsNoTracking()
                        join r in db.ReEvaluations on i.ReEvaluationId equals r.Id
                        where r.RegionId == regionId && r.FiscalYear >= fromYear && r.FiscalYear <= toYear && r.State == ReEvaluationState.Completed
                              && i.ReTotal != null && i.ReGrade != null
                        select new { i.ProjectId, i.ReTotal, i.ReGrade }).ToListAsync(ct);
        foreach (var r in re) byProject[r.ProjectId] = new(r.ReTotal!.Value, r.ReGrade!.Value, "再评价");
        var ids = byProject.Keys.ToList();
        var codes = await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Code, p.FiscalYear }).ToListAsync(ct);
        var byCode = new Dictionary<string, Dictionary<int, Grade>>(StringComparer.Ordinal);
        foreach (var c in codes)
        {
            if (!byCode.TryGetValue(c.Code, out var years)) byCode[c.Code] = years = [];
            years[c.FiscalYear] = byProject[c.Id].Grade;
        }
        return new(byProject, byCode);
    }

    /// <summary>Records (or changes) the decision on a project for the budget year after its evaluated year; the suggestion is recomputed now.</summary>
    public async Task<BudgetLinkageDecision> DecideAsync(LinkageDecisionInput input, Caller caller, CancellationToken ct = default)
    {
        if (!CanDecide(caller)) throw new NotFoundException("预算挂钩清单");
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.ProjectId, ct);
        if (project is null || project.RegionId != caller.Scope.HomeRegionId || !caller.Scope.CanSeeOrganization(project.DepartmentId))
            throw new NotFoundException("项目");
        var list = await ListAsync(project.FiscalYear, project.DepartmentId, caller, ct);
        var dept = list.Departments.Single();
        var row = dept.Projects.Concat(dept.Overall is { } o ? [o] : []).Single(r => r.ProjectId == project.Id);
        var budgetYear = project.FiscalYear + 1;
        var decision = await db.BudgetLinkageDecisions.FirstOrDefaultAsync(d => d.BudgetYear == budgetYear && d.ProjectId == project.Id, ct);
        if (decision is null)
        {
            decision = new BudgetLinkageDecision(project.RegionId, budgetYear, project.DepartmentId, project.Id);
            db.BudgetLinkageDecisions.Add(decision);
        }
        else if (input.Version is { } v && v != decision.Version) throw new ConcurrencyConflictException();
        var amount = input.Amount ?? (input.Decision == row.Result.Suggestion ? row.Result.SuggestedReduction
            : input.Decision == LinkageSuggestion.Cancel ? row.Budget : input.Decision == LinkageSuggestion.StrictControl ? row.Result.SuggestedReduction : 0m);
        if (amount > row.Budget) throw new DomainException("压减金额不能超过项目预算。");
        decision.Record(row.Result, input.Decision, amount, input.Reason, db.Actor.UserId, db.Actor.Name, db.Now);
        await db.SaveChangesAsync(ct);
        return decision;
    }

    // ---- transfer payments ----

    public async Task<IReadOnlyList<(TransferPayment Payment, string CountyCode, string CountyName)>> TransferPaymentsAsync(int fiscalYear, Caller caller,
        CancellationToken ct = default)
    {
        if (!CanView(caller)) throw new NotFoundException("转移支付");
        var regionId = caller.Scope.HomeRegionId;
        var rows = await (from t in db.TransferPayments.AsNoTracking()
                          join r in db.Regions on t.CountyRegionId equals r.Id
                          where t.RegionId == regionId && t.FiscalYear == fiscalYear
                          orderby r.Code, t.Code
                          select new { t, r.Code, r.Name }).ToListAsync(ct);
        return rows.Select(x => (x.t, x.Code, x.Name)).ToList();
    }

    public static readonly IReadOnlyDictionary<string, string[]> ImportColumns = new Dictionary<string, string[]>
    {
        ["county"] = ["mof_div_code", "财政区划代码", "县区代码", "county_code"],
        ["year"] = ["fiscal_year", "年度", "set_year"],
        ["code"] = ["tp_code", "pro_code", "项目代码", "转移支付代码"],
        ["name"] = ["tp_name", "pro_name", "项目名称", "转移支付项目"],
        ["amount"] = ["amount", "cur_amt", "金额", "金额（元）", "金额(元)"],
    };

    /// <summary>The largest transfer payment accepted (yuan, exclusive): 1万亿元, as for payments; the column holds 18 digits.</summary>
    public const decimal MaxTransferAmount = 1_000_000_000_000m;

    /// <summary>Enters or updates transfer payments: all rows are checked first; any error changes nothing. Re-sending the same rows changes nothing.</summary>
    public async Task<TransferPaymentImportResult> SaveTransferPaymentsAsync(IReadOnlyList<TransferPaymentInput> rows, Caller caller, int firstRowNumber = 1,
        CancellationToken ct = default)
    {
        if (!CanEditTransfers(caller)) throw new NotFoundException("转移支付");
        var regionId = caller.Scope.HomeRegionId;
        var counties = await db.Regions.AsNoTracking().Where(r => r.ParentId == regionId).ToDictionaryAsync(r => r.Code, r => r.Id, ct);
        var errors = new List<ImportError>();
        var seen = new HashSet<(long, int, string)>();
        var valid = new List<(long County, TransferPaymentInput Row)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var n = firstRowNumber + i;
            if (!counties.TryGetValue(r.CountyCode.Trim(), out var county)) { errors.Add(new(n, "mof_div_code", $"“{r.CountyCode}”不是本级所辖县区的财政区划代码。")); continue; }
            if (r.FiscalYear is < 2000 or > 2100) { errors.Add(new(n, "fiscal_year", "年度无效。")); continue; }
            var code = r.Code.Trim();
            if (code.Length is 0 or > 40) { errors.Add(new(n, "tp_code", "项目代码不能为空，且不超过40字。")); continue; }
            if (r.Name.Trim().Length is 0 or > 200) { errors.Add(new(n, "tp_name", "项目名称不能为空，且不超过200字。")); continue; }
            if (r.Amount < 0m) { errors.Add(new(n, "amount", "金额不能为负数。")); continue; }
            if (r.Amount >= MaxTransferAmount || decimal.Round(r.Amount, 2) != r.Amount)
            {
                errors.Add(new(n, "amount", "金额超出范围：应为以元为单位、最多两位小数、小于1万亿元的金额。"));
                continue;
            }
            if (!seen.Add((county, r.FiscalYear, code))) { errors.Add(new(n, "tp_code", $"同一县区、年度的项目代码“{code}”重复。")); continue; }
            valid.Add((county, r with { Code = code }));
        }
        if (errors.Count > 0) return new(0, 0, 0, errors);
        var years = valid.Select(v => v.Row.FiscalYear).Distinct().ToList();
        var existing = await db.TransferPayments.Where(t => t.RegionId == regionId && years.Contains(t.FiscalYear)).ToListAsync(ct);
        var byKey = existing.ToDictionary(t => (t.CountyRegionId, t.FiscalYear, t.Code));
        int created = 0, updated = 0, unchanged = 0;
        foreach (var (county, r) in valid)
        {
            if (byKey.TryGetValue((county, r.FiscalYear, r.Code), out var t))
            {
                if (t.Name == r.Name.Trim() && t.Amount == decimal.Round(r.Amount, 2)) { unchanged++; continue; }
                t.Update(r.Name, r.Amount);
                updated++;
            }
            else
            {
                db.TransferPayments.Add(new TransferPayment(regionId, county, r.FiscalYear, r.Code, r.Name, r.Amount));
                created++;
            }
        }
        await db.SaveChangesAsync(ct);
        return new(created, updated, unchanged, []);
    }

    /// <summary>Imports a CSV (UTF-8 or GB18030) or .xlsx file with the DATA-STANDARD headers (or their Chinese headings); all or nothing.</summary>
    public async Task<TransferPaymentImportResult> ImportTransferPaymentsAsync(Stream file, string? fileName, Caller caller, CancellationToken ct = default)
    {
        if (!CanEditTransfers(caller)) throw new NotFoundException("转移支付");
        var (table, formulas) = await UploadedTable.ReadAsync(file, fileName, ct);
        if (formulas.Count > 0) return new(0, 0, 0, formulas);
        if (table.Count == 0) throw new DomainException("文件为空。");
        var map = new HeaderMap(table[0], ImportColumns);
        var missing = ImportColumns.Keys.Where(k => !map.Has(k)).ToList();
        if (missing.Count > 0)
            throw new DomainException($"缺少列：{string.Join("、", missing.Select(m => ImportColumns[m][0]))}。");
        var errors = new List<ImportError>();
        var rows = new List<TransferPaymentInput>();
        for (var i = 1; i < table.Count; i++)
        {
            var c = table[i];
            if (c.All(string.IsNullOrWhiteSpace)) continue;
            var yearText = map.Get(c, "year");
            var amountText = map.Get(c, "amount")?.Replace(",", "");
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year)) { errors.Add(new(i + 1, "fiscal_year", "年度无效。")); continue; }
            if (!decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)) { errors.Add(new(i + 1, "amount", "金额无效。")); continue; }
            rows.Add(new(map.Get(c, "county") ?? "", year, map.Get(c, "code") ?? "", map.Get(c, "name") ?? "", amount));
        }
        if (errors.Count > 0) return new(0, 0, 0, errors);
        if (rows.Count == 0) throw new DomainException("文件没有数据行。");
        return await SaveTransferPaymentsAsync(rows, caller, 2, ct);
    }
}
