using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Imports;
using Jixiao.Core.Indicators;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Goals;

/// <summary>The outcome of a goal import: counts when it succeeded, or the errors (and then nothing was changed).</summary>
public sealed record GoalImportResult(int ProjectsUpdated, int ProjectsUnchanged, int ProjectsSkipped, int Indicators,
    IReadOnlyList<ImportError> Errors, IReadOnlyList<string> IgnoredColumns)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>A workbook to download.</summary>
public sealed record ExcelFile(string FileName, byte[] Content);

/// <summary>
/// Goals and Excel: the 项目支出绩效目标申报表 of one project, the flat template of a list of projects, and the import of
/// that template (.xlsx or .csv) for many projects at once — all-or-nothing, idempotent, through <see cref="GoalService.SaveDraftAsync"/>.
/// </summary>
public sealed partial class GoalExcelService(JixiaoDbContext db, GoalService goals, RuleSetService rules, ProjectService projects)
{
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Most projects one template export lists.</summary>
    public const int MaxProjects = 5_000;

    private const int MaxCell = 4_000;

    /// <summary>Fields of the flat template and the headings accepted for each (Chinese, data-standard V1/V2, Jixiao's English), any letter case.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        ["ProjectCode"] = ["项目代码", "pro_code", "ProjectCode", "项目编码"],
        ["ProjectName"] = ["项目名称", "pro_name", "ProjectName"],
        ["AnnualGoal"] = ["年度目标", "kpi_target", "AnnualGoal", "年度绩效目标", "绩效目标"],
        ["MediumTermGoal"] = ["中长期目标", "MediumTermGoal", "总体目标", "中长期绩效目标"],
        ["Level1"] = ["一级指标", "kpi_lv1", "lv1_perf_ind_name", "lv1_perf_ind_code", "Level1"],
        ["Level2"] = ["二级指标", "kpi_lv2", "lv2_perf_ind_name", "lv2_perf_ind_code", "Level2"],
        ["Name"] = ["三级指标", "kpi_lv3", "lv3_perf_ind_name", "Name", "IndicatorName", "指标名称"],
        ["Comparison"] = ["指标性质", "Comparison", "指标符号", "运算符号"],
        ["Value"] = ["指标值", "kpi_val", "TargetValue", "目标值"],
        ["Unit"] = ["度量单位", "Unit", "计量单位"],
        ["Weight"] = ["分值", "ind_weight", "Weight", "权重", "指标分值"],
        ["ScoringStandard"] = ["评(扣)分标准", "评（扣）分标准", "kpi_evalstd", "ScoringStandard", "评分标准"],
        ["Basis"] = ["指标值设定依据", "Basis", "设定依据", "TargetBasis"],
        ["Remark"] = ["备注", "kpi_remark", "Remark"],
        ["Direction"] = ["指标方向", "Direction"],
    };

    private static string Label(string field) => Columns[field][0];

    // ---------------------------------------------------------------- export

    /// <summary>The 申报表 of a project's current goal version (404 outside the caller's scope).</summary>
    public async Task<ExcelFile> DeclarationAsync(long projectId, OrgScope scope, CancellationToken ct = default)
    {
        var p = await projects.LoadAsync(projectId, scope, ct);
        var goal = await db.PerformanceGoals.AsNoTracking().Include(g => g.Indicators)
            .Where(g => g.ProjectId == p.Id && g.State != GoalState.Superseded).OrderByDescending(g => g.VersionNo).FirstOrDefaultAsync(ct);
        var names = await db.Organizations.AsNoTracking().Where(o => o.Id == p.OrganizationId || o.Id == p.DepartmentId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var categories = (await rules.ResolveAsync(p.RegionId, p.FiscalYear, ct)).Content.Goals.Categories;
        var indicators = (goal?.Indicators ?? []).Select(i => (i, Order: LevelOrder(categories, i.Level1, i.Level2)))
            .OrderBy(x => x.Order.L1).ThenBy(x => x.Order.L2).ThenBy(x => x.i.SortOrder)
            .Select(x => new DeclarationIndicator(Level1Name(categories, x.i.Level1), Level2Name(categories, x.i.Level1, x.i.Level2), x.i.Name, x.i.Comparison,
                x.i.TargetValue, x.i.TargetText, x.i.Unit, x.i.Weight, x.i.ScoringStandard, x.i.Basis, x.i.Remark))
            .ToList();
        var sheet = new DeclarationSheet(p.FiscalYear, p.Code, p.Name, names.GetValueOrDefault(p.DepartmentId, ""), names.GetValueOrDefault(p.OrganizationId, ""),
            p.TotalBudget, p.CurrentYearAppropriation, p.CarryOver, p.OtherFunding, goal?.MediumTermGoal, goal?.AnnualGoal, indicators);
        return new($"项目支出绩效目标申报表-{SafeFileName(p.Name)}-{p.FiscalYear}.xlsx", GoalWorkbook.Declaration(sheet));
    }

    /// <summary>The flat template of the goals of every project of a filtered list (the caller's scope only).</summary>
    public async Task<ExcelFile> TemplateAsync(OrgScope scope, ProjectFilter filter, CancellationToken ct = default)
    {
        var list = await projects.ListAsync(scope, filter, 1, MaxProjects, ct);
        var ids = list.Items.Select(r => r.Id).ToList();
        var current = (await db.PerformanceGoals.AsNoTracking().Include(g => g.Indicators)
                .Where(g => ids.Contains(g.ProjectId) && g.State != GoalState.Superseded).ToListAsync(ct))
            .GroupBy(g => g.ProjectId).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.VersionNo).First());
        var regions = await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.RegionId }).ToDictionaryAsync(p => p.Id, p => p.RegionId, ct);
        var categoryCache = new Dictionary<(long, int), List<IndicatorCategory>>();
        var rows = new List<TemplateRow>();
        foreach (var p in list.Items)
        {
            var key = (regions[p.Id], p.FiscalYear);
            if (!categoryCache.TryGetValue(key, out var categories))
                categoryCache[key] = categories = (await rules.ResolveAsync(key.Item1, key.FiscalYear, ct)).Content.Goals.Categories;
            var goal = current.GetValueOrDefault(p.Id);
            var indicators = goal?.Indicators.OrderBy(i => i.SortOrder).ToList() ?? [];
            if (indicators.Count == 0)
            {
                rows.Add(new(p.Code, p.Name, goal?.AnnualGoal, goal?.MediumTermGoal, null, null, null, null, null, null, null, null, null, null, null));
                continue;
            }
            var first = true;
            foreach (var i in indicators)
            {
                rows.Add(new(p.Code, p.Name, first ? goal!.AnnualGoal : null, first ? goal!.MediumTermGoal : null, Level1Name(categories, i.Level1),
                    Level2Name(categories, i.Level1, i.Level2), i.Name, i.Comparison, i.TargetValue, i.TargetText, i.Unit, i.Weight, i.ScoringStandard, i.Basis, i.Remark));
                first = false;
            }
        }
        return new($"绩效目标导入模板-{filter.FiscalYear}.xlsx", GoalWorkbook.Template(rows));
    }

    private static (int L1, int L2) LevelOrder(List<IndicatorCategory> categories, string level1, string level2)
    {
        var i = categories.FindIndex(c => c.Code == level1);
        var j = i < 0 ? -1 : categories[i].Subcategories.FindIndex(s => s.Code == level2);
        return (i < 0 ? int.MaxValue : i, j < 0 ? int.MaxValue : j);
    }

    private static string Level1Name(List<IndicatorCategory> categories, string code) => categories.FirstOrDefault(c => c.Code == code)?.Name ?? code;

    private static string Level2Name(List<IndicatorCategory> categories, string level1, string code) =>
        categories.FirstOrDefault(c => c.Code == level1)?.Subcategories.FirstOrDefault(s => s.Code == code)?.Name ?? code;

    private static string SafeFileName(string s)
    {
        var bad = Path.GetInvalidFileNameChars();
        var clean = new string(s.Select(c => bad.Contains(c) ? '_' : c).ToArray());
        return clean.Length > 60 ? clean[..60] : clean;
    }

    // ---------------------------------------------------------------- import

    private sealed record Line(int Row, Dictionary<string, string?> Values);

    private sealed record Parsed(int Row, IndicatorInput Input);

    /// <summary>
    /// Imports the flat template for the acting unit's projects of <paramref name="fiscalYear"/>. Every row is checked first; any
    /// error means nothing changes. Projects whose goal already equals the file's are left alone (no new version number).
    /// </summary>
    public async Task<GoalImportResult> ImportAsync(Stream file, string fileName, int fiscalYear, long? actingOrganizationId, IReadOnlyCollection<Role> roles,
        OrgScope scope, CancellationToken ct = default)
    {
        var (table, fileError) = await ReadTableAsync(file, fileName, ct);
        if (fileError is not null) return Failed([fileError], []);

        // The header row: the first of the first 10 rows that names the project code column (a title row may come first).
        HeaderMap? map = null;
        var headerAt = -1;
        for (var i = 0; i < Math.Min(10, table.Count); i++)
        {
            var candidate = new HeaderMap(table[i].Cells.Select(c => c.Text).ToList(), Columns);
            if (!candidate.Has("ProjectCode")) continue;
            map = candidate;
            headerAt = i;
            break;
        }
        if (map is null)
            return Failed([new(table.Count == 0 ? 0 : table[0].Number, Label("ProjectCode"), table.Count == 0 ? "文件为空。" : "缺少必需的列：项目代码（或 pro_code）。请使用“下载导入模板”得到的表头。")], []);
        var errors = new List<ImportError>();
        if (!map.Has("Name")) errors.Add(new(table[headerAt].Number, Label("Name"), "缺少必需的列：三级指标（或 kpi_lv3、lv3_perf_ind_name）。"));
        foreach (var f in new[] { "Level1", "Level2" })
            if (!map.Has(f)) errors.Add(new(table[headerAt].Number, Label(f), $"缺少必需的列：{Label(f)}（或 {Columns[f][1]}、{Columns[f][2]}）。"));
        var ignored = map.Ignored.Where(h => h.Length > 0).ToList();
        if (errors.Count > 0) return Failed(errors, ignored);

        var headers = table[headerAt].Cells.Select(c => c.Text.Trim()).ToList();
        string Where(string field)
        {
            var label = Label(field);
            var idx = map.IndexOf(field)!.Value;
            var h = idx < headers.Count ? headers[idx] : label;
            return string.Equals(h, label, StringComparison.OrdinalIgnoreCase) ? label : $"{label}（{h}）";
        }

        // Read every data row into field values, refusing formulas and absurd lengths.
        var lines = new List<Line>();
        foreach (var row in table.Skip(headerAt + 1))
        {
            var values = new Dictionary<string, string?>();
            foreach (var field in Columns.Keys)
            {
                if (map.IndexOf(field) is not { } idx) continue;
                var cell = idx < row.Cells.Count ? row.Cells[idx] : new XlsxCell("", false);
                if (cell.IsFormula)
                {
                    errors.Add(new(row.Number, Where(field), "单元格是公式。请在 Excel 中复制后“选择性粘贴—数值”，再导入。"));
                    continue;
                }
                var text = Unescape(cell.Text.Trim());
                if (text.Length > MaxCell)
                {
                    errors.Add(new(row.Number, Where(field), $"内容过长（{text.Length}字），不超过{MaxCell}字。"));
                    continue;
                }
                values[field] = text.Length == 0 ? null : text;
            }
            if (values.Values.All(v => v is null)) continue;
            lines.Add(new(row.Number, values));
        }
        if (lines.Count == 0 && errors.Count == 0) errors.Add(new(table[headerAt].Number, null, "文件中没有数据行。"));

        // Projects: in the caller's scope and year, declared by the caller's own organisation.
        foreach (var l in lines.Where(l => l.Values.GetValueOrDefault("ProjectCode") is null))
            errors.Add(new(l.Row, Where("ProjectCode"), "项目代码不能为空。"));
        var byCode = lines.Where(l => l.Values.GetValueOrDefault("ProjectCode") is not null)
            .GroupBy(l => l.Values["ProjectCode"]!, StringComparer.OrdinalIgnoreCase).ToList();
        var codes = byCode.Select(g => g.Key).Where(c => c.Length <= 40).ToList();
        var visible = scope.OrganizationIds.ToList();
        var found = await db.Projects.AsNoTracking().Where(p => p.FiscalYear == fiscalYear && codes.Contains(p.Code) && visible.Contains(p.OrganizationId)).ToListAsync(ct);
        var projectIds = found.Select(p => p.Id).ToList();
        var currentGoals = (await db.PerformanceGoals.AsNoTracking().Include(g => g.Indicators)
                .Where(g => projectIds.Contains(g.ProjectId) && g.State != GoalState.Superseded).ToListAsync(ct))
            .GroupBy(g => g.ProjectId).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.VersionNo).First());
        var categoryCache = new Dictionary<(long, int), List<IndicatorCategory>>();

        var plan = new List<(Project Project, PerformanceGoal? Current, GoalInput Input)>();
        var unchanged = 0;
        var skipped = 0;
        var indicatorCount = 0;
        foreach (var group in byCode)
        {
            var firstRow = group.First().Row;
            var matches = found.Where(p => string.Equals(p.Code, group.Key, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count != 1)
            {
                errors.Add(new(firstRow, Where("ProjectCode"), matches.Count == 0
                    ? $"项目代码“{Clip(group.Key)}”在{fiscalYear}年度不存在或无权导入。"
                    : $"项目代码“{Clip(group.Key)}”对应多个项目，无法确定导入哪一个。"));
                continue;
            }
            var project = matches[0];
            if (project.OrganizationId != actingOrganizationId)
            {
                errors.Add(new(firstRow, Where("ProjectCode"), $"项目“{project.Name}”不是本单位的项目：按照“谁申请资金、谁设定目标”，只能导入本单位项目的目标。"));
                continue;
            }
            var key = (project.RegionId, project.FiscalYear);
            if (!categoryCache.TryGetValue(key, out var categories))
                categoryCache[key] = categories = (await rules.ResolveAsync(project.RegionId, project.FiscalYear, ct)).Content.Goals.Categories;
            var current = currentGoals.GetValueOrDefault(project.Id);

            var before = errors.Count;
            var annual = GoalText(group, "AnnualGoal", Where, errors);
            var medium = GoalText(group, "MediumTermGoal", Where, errors);
            var parsed = new List<Parsed>();
            var seen = new Dictionary<(string, string, string), int>();
            foreach (var l in group.Where(HasIndicator))
            {
                var input = ParseIndicator(l, categories, current, Where, errors);
                if (input is null) continue;
                if (seen.TryGetValue((input.Level1, input.Level2, input.Name), out var earlier))
                {
                    errors.Add(new(l.Row, Where("Name"), $"指标“{Clip(input.Name)}”与第 {earlier} 行重复（同一项目的同一二级指标下不能有同名指标）。"));
                    continue;
                }
                seen[(input.Level1, input.Level2, input.Name)] = l.Row;
                parsed.Add(new(l.Row, input));
            }
            if (parsed.Count > 200) errors.Add(new(firstRow, Where("Name"), $"项目“{project.Name}”的指标超过200个。"));
            if (errors.Count > before) continue;

            indicatorCount += parsed.Count;
            if (parsed.Count == 0 && annual is null && medium is null)
            {
                skipped++;
                continue;
            }
            var goalInput = new GoalInput(
                medium ?? current?.MediumTermGoal,
                annual ?? current?.AnnualGoal,
                parsed.Count > 0 || current is null ? parsed.Select(p => p.Input).ToList() : current.Indicators.OrderBy(i => i.SortOrder).Select(ToInput).ToList(),
                current?.AdjustmentReason);
            if (current is not null && Same(current, goalInput))
            {
                unchanged++;
                continue;
            }
            if (current is not null && !current.State.IsEditable())
            {
                errors.Add(new(firstRow, Where("ProjectCode"),
                    $"项目“{project.Name}”的目标当前为“{current.State.ChineseName()}”，不能通过导入修改{(current.State.IsInForce() ? "；已批复的目标请先发起调整" : "")}。"));
                continue;
            }
            plan.Add((project, current, goalInput));
        }
        if (errors.Count > 0) return Failed(errors, ignored);

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            foreach (var (project, current, input) in plan)
                await goals.SaveDraftAsync(project, current?.Version, input, actingOrganizationId, roles, ct);
            db.Audit("goal.import", GoalService.SubjectType, null, new { file = Clip(fileName), updated = plan.Count, unchanged, skipped, indicators = indicatorCount });
            await db.SaveChangesAsync(ct);
            if (tx is not null) await tx.CommitAsync(ct);
        }
        catch (DomainException e) when (e is not ConcurrencyConflictException)
        {
            if (tx is not null) await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Failed([new(0, null, e.Message)], ignored);
        }
        return new(plan.Count, unchanged, skipped, indicatorCount, [], ignored);
    }

    private static GoalImportResult Failed(List<ImportError> errors, List<string> ignored) =>
        new(0, 0, 0, 0, errors.OrderBy(e => e.Row).ToList(), ignored);

    private static async Task<(List<XlsxRow> Table, ImportError? Error)> ReadTableAsync(Stream file, string fileName, CancellationToken ct)
    {
        var ext = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (ext is not (".xlsx" or ".csv"))
            return ([], new(0, null, ext == ".xls"
                ? "不支持旧版 Excel（.xls）文件，请在 Excel 中“另存为 Excel 工作簿（.xlsx）”后再导入。"
                : "只接受 Excel 工作簿（.xlsx）或 CSV 文件。"));
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await file.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxFileBytes) return ([], new(0, null, "文件超过 10 MB，请分批导入。"));
        }
        if (buffer.Length == 0) return ([], new(0, null, "文件为空。"));
        buffer.Position = 0;
        if (ext == ".xlsx")
        {
            try
            {
                return (XlsxTable.Read(buffer), null);
            }
            catch (XlsxFormatException e)
            {
                return ([], new(0, null, e.Message));
            }
        }
        if (XlsxTable.HasZipSignature(buffer.GetBuffer().AsSpan(0, (int)Math.Min(4, buffer.Length))))
            return ([], new(0, null, "文件内容是 Excel 工作簿，不是 CSV：请把扩展名改为 .xlsx，或在 Excel 中“另存为 CSV”。"));
        var rows = new List<XlsxRow>();
        var line = 0;
        await foreach (var cells in CsvTable.ReadAsync(buffer, ct))
        {
            line++;
            if (rows.Count >= XlsxTable.MaxRows) return ([], new(line, null, $"文件超过 {XlsxTable.MaxRows} 行，请分批导入。"));
            // In a CSV a spreadsheet evaluates "=SUM(…)" or "=A1" when it opens the file; a sign such as "=100%" is data.
            rows.Add(new(line, cells.Take(XlsxTable.MaxColumns).Select(c => new XlsxCell(c, CsvFormula().IsMatch(c.Trim()))).ToList()));
        }
        return (rows, null);
    }

    /// <summary>Undoes the quote the exports put before text that starts like a formula.</summary>
    private static string Unescape(string s) => FormulaText.Restore(s);

    private static bool HasIndicator(Line l) =>
        new[] { "Level1", "Level2", "Name", "Comparison", "Value", "Unit", "Weight", "ScoringStandard", "Basis", "Remark", "Direction" }
            .Any(f => l.Values.GetValueOrDefault(f) is not null);

    /// <summary>A project's goal text: the first non-empty cell of its rows; a different text on a later row is an error.</summary>
    private static string? GoalText(IEnumerable<Line> rows, string field, Func<string, string> where, List<ImportError> errors)
    {
        string? text = null;
        foreach (var l in rows)
        {
            if (l.Values.GetValueOrDefault(field) is not { } v) continue;
            if (v.Length > 2000)
            {
                errors.Add(new(l.Row, where(field), $"{Label(field)}不超过2000字（现有{v.Length}字）。"));
                return null;
            }
            if (text is null) text = v;
            else if (text != v) errors.Add(new(l.Row, where(field), $"同一项目各行的{Label(field)}不一致：只需在该项目的第一行填写。"));
        }
        return text;
    }

    private static IndicatorInput? ParseIndicator(Line l, List<IndicatorCategory> categories, PerformanceGoal? current,
        Func<string, string> where, List<ImportError> errors)
    {
        var before = errors.Count;
        string? V(string f) => l.Values.GetValueOrDefault(f);

        // Levels 1 and 2: codes or Chinese names of the rule set's list (with or without the trailing 指标).
        var l1Text = V("Level1");
        IndicatorCategory? category = null;
        if (l1Text is null) errors.Add(new(l.Row, where("Level1"), "一级指标不能为空。"));
        else if ((category = categories.FirstOrDefault(c => Matches(c.Code, c.Name, l1Text))) is null)
            errors.Add(new(l.Row, where("Level1"), $"一级指标“{Clip(l1Text)}”不在本年度规则集的指标体系中，应为：{string.Join("、", categories.Select(c => c.Name))}。"));
        var l2Text = V("Level2");
        CodeName? sub = null;
        if (l2Text is null) errors.Add(new(l.Row, where("Level2"), "二级指标不能为空。"));
        else if (category is not null && (sub = category.Subcategories.FirstOrDefault(s => Matches(s.Code, s.Name, l2Text))) is null)
            errors.Add(new(l.Row, where("Level2"), $"二级指标“{Clip(l2Text)}”不属于一级指标“{category.Name}”，应为：{string.Join("、", category.Subcategories.Select(s => s.Name))}。"));

        var name = V("Name");
        if (name is null) errors.Add(new(l.Row, where("Name"), "三级指标名称不能为空。"));
        else if (name.Length > 200) errors.Add(new(l.Row, where("Name"), $"三级指标名称不超过200字（现有{name.Length}字）。"));

        var target = ParseTarget(V("Comparison"), V("Value"), V("Unit"), V("Direction"));
        if (target.Error is { } te) errors.Add(new(l.Row, where(te.Field), te.Message));

        decimal weight = 0m;
        if (V("Weight") is { } wText)
        {
            if (!TryNumber(wText, out weight)) errors.Add(new(l.Row, where("Weight"), $"分值“{Clip(wText)}”不是数字。"));
            else if (weight < 0m) errors.Add(new(l.Row, where("Weight"), $"分值“{Clip(wText)}”不能为负数。"));
            else if (weight > 100m) errors.Add(new(l.Row, where("Weight"), $"分值“{Clip(wText)}”不能超过100分。"));
            else if (decimal.Round(weight, 2) != weight) errors.Add(new(l.Row, where("Weight"), "分值最多两位小数。"));
        }

        var basis = TargetBasis.Plan;
        if (V("Basis") is { } bText)
        {
            if (ParseBasis(bText) is { } b) basis = b;
            else errors.Add(new(l.Row, where("Basis"), $"指标值设定依据“{Clip(bText)}”无法识别，应为：计划标准、行业标准、历史标准、其他标准。"));
        }
        foreach (var (field, max) in new[] { ("ScoringStandard", 1000), ("Remark", 500) })
            if (V(field) is { } t && t.Length > max) errors.Add(new(l.Row, where(field), $"{Label(field)}不超过{max}字（现有{t.Length}字）。"));
        if (errors.Count > before || category is null || sub is null || name is null) return null;

        // An unchanged indicator keeps its target text as written and its link to the indicator library.
        var same = current?.Indicators.FirstOrDefault(i => i.Level1 == category.Code && i.Level2 == sub.Code && i.Name == name
            && i.Comparison == target.Comparison && i.TargetValue == target.Value && i.Unit == target.Unit);
        var targetText = same is not null && (target.Comparison != Comparison.Qualitative || same.TargetText == target.Text) ? same.TargetText : target.Text;
        return new IndicatorInput(category.Code, sub.Code, name, target.Comparison, target.Value, targetText, target.Unit, weight,
            V("ScoringStandard"), basis, V("Remark"), same?.LibraryIndicatorId);
    }

    private static bool Matches(string code, string name, string text)
    {
        text = text.Trim();
        return string.Equals(code, text, StringComparison.OrdinalIgnoreCase) || name == text
            || (name.EndsWith("指标", StringComparison.Ordinal) && name[..^2] == text) || name == text + "指标";
    }

    internal sealed record TargetError(string Field, string Message);

    /// <summary>The parsed target of an indicator: comparison, number, unit and the text as written.</summary>
    internal sealed record Target(Comparison Comparison, decimal? Value, string? Unit, string? Text, TargetError? Error);

    private static readonly (string Sign, Comparison Comparison)[] Signs =
    [
        (">=", Comparison.AtLeast), ("<=", Comparison.AtMost), ("＞＝", Comparison.AtLeast), ("＜＝", Comparison.AtMost),
        ("大于等于", Comparison.AtLeast), ("小于等于", Comparison.AtMost), ("不低于", Comparison.AtLeast), ("不高于", Comparison.AtMost),
        ("≥", Comparison.AtLeast), ("≧", Comparison.AtLeast), ("≤", Comparison.AtMost), ("≦", Comparison.AtMost),
        ("=", Comparison.Equal), ("═", Comparison.Equal), ("﹦", Comparison.Equal), ("＝", Comparison.Equal), ("等于", Comparison.Equal),
    ];

    /// <summary>
    /// Reads 指标值 such as "≥95%", "≤500万元", "100%" or "＝1" (DATA-STANDARD "Formats seen"): the 指标性质 column wins over the
    /// sign in the value; without either, the 指标方向 column (正向/反向) decides, else ≥. A value without sign, direction or number
    /// (e.g. "明显改善") is a qualitative target; the 度量单位 column wins over a unit written after the number.
    /// </summary>
    internal static Target ParseTarget(string? comparisonText, string? valueText, string? unitText, string? directionText)
    {
        Comparison? comparison = null;
        if (comparisonText is not null)
        {
            comparison = IndicatorNames.ParseComparison(comparisonText);
            if (comparison is null)
                return new(Comparison.AtLeast, null, null, null, new("Comparison", $"指标性质“{Clip(comparisonText)}”无法识别，应为 ≥、≤、= 或 定性。"));
        }
        var unit = unitText;
        if (unit?.Length > 20) return new(Comparison.AtLeast, null, null, null, new("Unit", $"度量单位“{Clip(unit)}”不超过20字。"));
        var v = valueText?.Trim();
        if (comparison == Comparison.Qualitative)
            return v?.Length > 200 ? new(Comparison.Qualitative, null, unit, null, new("Value", "指标值不超过200字。")) : new(Comparison.Qualitative, null, unit, v, null);
        if (v is null) return new(comparison ?? DirectionOrDefault(directionText) ?? Comparison.AtLeast, null, unit, null, null);

        var normalized = Normalize(v);
        Comparison? sign = null;
        foreach (var (s, c) in Signs)
        {
            if (!normalized.StartsWith(s, StringComparison.Ordinal)) continue;
            sign = c;
            normalized = normalized[s.Length..].TrimStart();
            break;
        }
        if (sign is not null && comparison is not null && sign != comparison)
            return new(comparison.Value, null, unit, null, new("Value", $"指标值“{Clip(v)}”的符号与指标性质“{comparison.Value.Symbol()}”不一致。"));
        if (NegativeNumber().IsMatch(normalized))
            return new(comparison ?? sign ?? Comparison.AtLeast, null, unit, null, new("Value", $"指标值“{Clip(v)}”不能为负数。"));
        var m = NumberAndUnit().Match(normalized);
        if (!m.Success)
        {
            if (sign is null && comparison is null && directionText is null)
                return v.Length > 200 ? new(Comparison.Qualitative, null, unit, null, new("Value", "指标值不超过200字。")) : new(Comparison.Qualitative, null, unit, v, null);
            return new(comparison ?? sign ?? Comparison.AtLeast, null, unit, null,
                new("Value", $"指标值“{Clip(v)}”不是数字（定量指标应填写数字，如 95 或 ≥95%；定性指标请在指标性质中填写“定性”）。"));
        }
        if (!decimal.TryParse(m.Groups["n"].Value.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            return new(Comparison.AtLeast, null, unit, null, new("Value", $"指标值“{Clip(v)}”不是有效的数字。"));
        if (number < 0m) return new(Comparison.AtLeast, null, unit, null, new("Value", "指标值不能为负数。"));
        var suffix = m.Groups["u"].Value.Trim();
        if (unit is null && suffix.Length > 0)
        {
            if (suffix.Length > 20) return new(Comparison.AtLeast, null, null, null, new("Value", $"指标值“{Clip(v)}”中的单位过长。"));
            unit = suffix;
        }
        Comparison result;
        if ((comparison ?? sign) is { } known) result = known;
        else if (directionText is null) result = Comparison.AtLeast;
        else if (DirectionOrDefault(directionText) is { } d) result = d;
        else return new(Comparison.AtLeast, null, unit, null, new("Direction", $"指标方向“{Clip(directionText)}”无法识别，应为 正向、反向、大于等于 或 小于等于。"));
        var text = sign is not null || suffix.Length > 0
            ? v
            : $"{result.Symbol()}{number.ToString("0.######", CultureInfo.InvariantCulture)}{unit}";
        if (text.Length > 200) return new(result, null, unit, null, new("Value", "指标值不超过200字。"));
        return new(result, number, unit, text, null);
    }

    private static Comparison? DirectionOrDefault(string? direction) =>
        IndicatorNames.ParseComparison(direction) is { } c && c != Comparison.Qualitative ? c : null;

    /// <summary>Full-width digits and signs (Chinese input methods) as ASCII.</summary>
    private static string Normalize(string s)
    {
        var b = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            b.Append(ch switch
            {
                >= '０' and <= '９' => (char)('0' + (ch - '０')),
                '．' => '.',
                '，' => ',',
                '％' => '%',
                _ => ch,
            });
        }
        return b.ToString().Trim();
    }

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(Normalize(text).Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    private static TargetBasis? ParseBasis(string text) => text.Trim() switch
    {
        "计划标准" or "计划" or "Plan" or "plan" => TargetBasis.Plan,
        "行业标准" or "行业" or "Industry" or "industry" => TargetBasis.Industry,
        "历史标准" or "历史" or "History" or "history" => TargetBasis.History,
        "其他标准" or "其他" or "Other" or "other" => TargetBasis.Other,
        _ => null,
    };

    private static IndicatorInput ToInput(GoalIndicator i) =>
        new(i.Level1, i.Level2, i.Name, i.Comparison, i.TargetValue, i.TargetText, i.Unit, i.Weight, i.ScoringStandard, i.Basis, i.Remark, i.LibraryIndicatorId);

    /// <summary>True when saving the input would leave the goal as it is (texts as <see cref="PerformanceGoal.Edit"/> stores them).</summary>
    private static bool Same(PerformanceGoal g, GoalInput input)
    {
        if (Norm(g.MediumTermGoal) != Norm(input.MediumTermGoal) || Norm(g.AnnualGoal) != Norm(input.AnnualGoal)) return false;
        var current = g.Indicators.OrderBy(i => i.SortOrder).ToList();
        if (current.Count != input.Indicators.Count) return false;
        for (var k = 0; k < current.Count; k++)
        {
            var a = current[k];
            var b = input.Indicators[k];
            if (a.Level1 != b.Level1 || a.Level2 != b.Level2 || a.Name != Norm(b.Name) || a.Comparison != b.Comparison || a.TargetValue != b.TargetValue
                || a.TargetText != Norm(b.TargetText) || a.Unit != Norm(b.Unit) || a.Weight != b.Weight || a.ScoringStandard != Norm(b.ScoringStandard)
                || a.Basis != b.Basis || a.Remark != Norm(b.Remark) || a.LibraryIndicatorId != b.LibraryIndicatorId)
                return false;
        }
        return true;
    }

    private static string? Norm(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Clip(string s) => s.Length > 30 ? s[..30] + "…" : s;

    [GeneratedRegex(@"^(?<n>\d[\d,]*(?:\.\d+)?|\.\d+)\s*(?<u>.*)$", RegexOptions.Singleline)]
    private static partial Regex NumberAndUnit();

    [GeneratedRegex(@"^[-−－]\s*\.?\d")]
    private static partial Regex NegativeNumber();

    [GeneratedRegex(@"^[=＝]\s*([A-Za-z_][A-Za-z0-9_.]*\s*\(|\$?[A-Za-z]{1,3}\$?\d+\b)")]
    private static partial Regex CsvFormula();
}
