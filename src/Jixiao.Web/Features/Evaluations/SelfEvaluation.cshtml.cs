using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>One indicator row of the form, as typed.</summary>
public sealed class SelfRowInput
{
    public long Id { get; set; }

    public decimal? Actual { get; set; }

    public QualitativeBand? Band { get; set; }

    public decimal? Points { get; set; }

    public string? DeviationReason { get; set; }

    public string? Measures { get; set; }
}

/// <summary>The live score of what is typed, as the form's script shows it.</summary>
public sealed record LiveScoreRow(long Id, string Points, string Explanation, string? Error, bool NeedsExplanation, bool OverAchieved);

public sealed record LiveScoreResponse(string? ExecutionPoints, string ExecutionExplanation, string Total, string Grade, string GradeName, bool Complete,
    IReadOnlyList<LiveScoreRow> Indicators, IReadOnlyList<string> Warnings, string? Error);

/// <summary>
/// 项目支出绩效自评表 on one page: the header with the execution figures from the payments, the goal's indicators with what the unit
/// reports and each row's score (updated as the unit types, by posting the form to the Score handler), the total, grade and rule-set
/// version; save, submit, the department's pass or return with a reason, and the history. Read-only for anyone who may not edit.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class SelfEvaluationModel(CurrentUser me, SelfEvaluationService evaluations, RuleSetService rules) : PageModel, IReloadOnError
{
    private string? _posted;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    [BindProperty]
    public string? ActualOutcome { get; set; }

    [BindProperty]
    public List<SelfRowInput> Rows { get; set; } = [];

    /// <summary>The reason of a return, or the comment of a pass.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    public SelfEvaluationView View { get; private set; } = null!;

    public Jixiao.Core.Evaluations.SelfEvaluation Evaluation => View.Evaluation;

    /// <summary>The indicator categories (Chinese names of the levels) of the record's rule set.</summary>
    public IReadOnlyList<IndicatorCategory> Categories { get; private set; } = [];

    /// <summary>The self-evaluation rules in force (the qualitative bands' ranges shown next to each qualitative row).</summary>
    public SelfEvaluationRules SelfRules { get; private set; } = new();

    public string Level1Name(SelfEvaluationIndicator i) => Goals.GoalLabels.Level1Name(Categories, i.Level1);

    public string Level2Name(SelfEvaluationIndicator i) => Goals.GoalLabels.Level2Name(Categories, i.Level1, i.Level2);

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostSaveAsync()
    {
        _posted = "Save";
        var ct = HttpContext.RequestAborted;
        await evaluations.SaveAsync(Id, RequireVersion(), Input(), await me.CallerAsync(ct), ct);
        TempData["Flash"] = "自评表已保存。";
        return RedirectToPage(new { id = Id });
    }

    /// <summary>Saves what is typed, then submits it: the score is fixed with the rules in force.</summary>
    public async Task<IActionResult> OnPostSubmitAsync()
    {
        _posted = "Save";
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        var saved = await evaluations.SaveAsync(Id, RequireVersion(), Input(), caller, ct);
        var e = await evaluations.ActAsync(Id, saved.Version, SelfEvaluationAction.Submit, null, caller, ct);
        TempData["Flash"] = $"自评表已提交：总分 {e.Total:0.00}，等级“{e.Grade?.ChineseName()}”，等待{(e.IsDepartmentWide ? "财政部门绩效管理科" : "主管部门")}审核。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostActAsync(SelfEvaluationAction act)
    {
        _posted = "Act";
        var ct = HttpContext.RequestAborted;
        if (act == SelfEvaluationAction.Submit) return await OnPostSubmitAsync();
        var e = await evaluations.ActAsync(Id, RequireVersion(), act, string.IsNullOrWhiteSpace(Reason) ? null : Reason, await me.CallerAsync(ct), ct);
        TempData["Flash"] = $"已{act.ChineseName()}，自评表现为“{e.State.ChineseName()}”。";
        return RedirectToPage(new { id = Id });
    }

    /// <summary>The score of what is typed, not saved: posted by the form's script as the unit types.</summary>
    public async Task<IActionResult> OnPostScoreAsync()
    {
        var ct = HttpContext.RequestAborted;
        try
        {
            var (s, ids) = await evaluations.PreviewAsync(Id, Input(), await me.CallerAsync(ct), ct);
            return new JsonResult(new LiveScoreResponse(s.ExecutionPoints is { } x ? Display.Number(Round4(x)) : null, s.ExecutionExplanation,
                s.Total.ToString("0.00", Display.ZhCn), s.Grade.ToString(), s.Grade.ChineseName(), s.Complete,
                ids.Select((id, n) => new LiveScoreRow(id, s.Indicators[n].Points is { } p ? Display.Number(Round4(p)) : "—",
                    s.Indicators[n].Explanation, s.Indicators[n].Error, s.Indicators[n].NeedsExplanation, s.Indicators[n].OverAchieved)).ToList(), s.Warnings, null));
        }
        catch (DomainException ex) when (ex is not ConcurrencyConflictException)
        {
            return new JsonResult(new LiveScoreResponse(null, "", "—", "", "", false, [], [], ex.Message));
        }
    }

    /// <summary>下载自评表: the form as it stands, as .xlsx in the layout of 附件1.</summary>
    public async Task<IActionResult> OnGetDownloadAsync()
    {
        await ReloadAsync();
        var e = Evaluation;
        var sc = View.Score;
        var wide = e.IsDepartmentWide;
        var rows = e.Indicators.OrderBy(i => i.SortOrder).ToList();
        var order = Enumerable.Range(0, rows.Count).OrderBy(n => wide ? DepartmentDimensions.Order(rows[n].Level1, rows[n].Level2) : 0).ThenBy(n => n);
        var sheet = new SelfEvaluationSheet(wide ? "部门整体支出绩效自评表" : "项目支出绩效自评表", e.FiscalYear, SelfEvaluationWorkflow.StateName(e.State, wide),
            View.Project.Code, View.Project.Name, View.DepartmentName, wide ? "部门整体" : View.UnitName, e.YearStartBudget, View.FullYearBudget, View.Executed,
            sc.ExecutionRate, sc.ExecutionPoints, e.ExpectedOutcome, e.ActualOutcome,
            order.Select(n =>
            {
                var i = rows[n];
                var actual = i.Comparison == Comparison.Qualitative
                    ? (i.Band is { } b ? b.ChineseName() + (i.EnteredPoints is { } ep ? $"（{Display.Number(ep)}分）" : "") : "")
                    : i.Actual is { } a ? Display.Number(a) + i.Unit : "";
                return new SelfEvaluationSheetRow(wide ? DepartmentDimensions.Of(i.Level1, i.Level2) : null, Level1Name(i), Level2Name(i), i.Name, TargetText(i),
                    actual, i.Weight, sc.Indicators[n].Points, i.DeviationReason, i.Measures);
            }).ToList(),
            sc.Total, sc.Grade.ChineseName(), RuleSetText(View));
        return File(SelfEvaluationWorkbook.Build(sheet), XlsxExport.ContentType,
            $"{(wide ? "部门整体支出绩效自评表" : "项目支出绩效自评表")}-{View.Project.Code}-{e.FiscalYear}.xlsx");
    }

    public static string TargetText(SelfEvaluationIndicator i) =>
        i.TargetText ?? (i.Target is { } t ? $"{i.Comparison.Symbol()}{Display.Number(t)}{i.Unit}" : "—");

    /// <summary>Which rules the score is computed with: the version fixed at submission, or the version in force while editable.</summary>
    public static string RuleSetText(SelfEvaluationView v) => v.Score.RuleSetVersion is { } rv
        ? $"{(v.Evaluation.IsEditable ? "按现行" : "按提交时")}规则第 {rv} 版计算"
        : "按国家默认规则计算";

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        View = await evaluations.EvaluationAsync(Id, await me.CallerAsync(ct), ct);
        var content = (await rules.ResolveAsync(Evaluation.RegionId, Evaluation.FiscalYear, ct)).Content;
        Categories = content.Goals.Categories;
        SelfRules = content.SelfEvaluation;
        var rows = Evaluation.Indicators.OrderBy(i => i.SortOrder).ToList();
        if (_posted != "Save" || Rows.Count != rows.Count)
        {
            Rows = rows.Select(i => new SelfRowInput
            {
                Id = i.Id,
                Actual = i.Actual,
                Band = i.Band,
                Points = i.EnteredPoints,
                DeviationReason = i.DeviationReason,
                Measures = i.Measures,
            }).ToList();
            ActualOutcome = Evaluation.ActualOutcome;
        }
    }

    /// <summary>The rows of the form in the order of the indicators (the score's rows are in that order).</summary>
    private SelfEvaluationInputForm Input()
    {
        var byId = Rows.Where(r => r is not null).GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First());
        var ids = View?.Evaluation.Indicators.OrderBy(i => i.SortOrder).Select(i => i.Id).ToList();
        var ordered = ids is null ? byId.Values.ToList() : ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        return new(ActualOutcome, ordered.Select(r => new SelfEvaluationIndicatorInput(r.Id, r.Actual, r.Band, r.Points, r.DeviationReason, r.Measures)).ToList());
    }

    private static decimal Round4(decimal v) => Math.Round(v, 4, MidpointRounding.AwayFromZero);

    private int RequireVersion() => Version ?? throw new ConcurrencyConflictException("请刷新页面后重新操作（缺少版本号）。");
}
