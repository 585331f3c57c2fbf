using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Features.Goals;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Monitoring;

/// <summary>One indicator row of the monitoring form, as typed.</summary>
public sealed class IndicatorReportRow
{
    public long Id { get; set; }

    public decimal? ToDate { get; set; }

    public decimal? ExpectedFullYear { get; set; }

    public QualitativeBand? Band { get; set; }

    public DeviationReason? DeviationReason { get; set; }

    public Likelihood? Likelihood { get; set; }

    public string? Explanation { get; set; }

    public IndicatorReportInput ToInput() => new(Id, ToDate, ExpectedFullYear, Band, DeviationReason, Likelihood, Explanation);
}

/// <summary>
/// 项目支出绩效运行监控表 of one project: execution from the payments (read-only), the unit's report per indicator, save and
/// submit; the department and the budget section pass or return it with a reason; the history below; .xlsx of the table.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class ReportModel(CurrentUser me, MonitoringService monitoring, RuleSetService rules) : PageModel, IReloadOnError
{
    private bool _posted;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Explanation { get; set; }

    [BindProperty]
    public List<IndicatorReportRow> Indicators { get; set; } = [];

    /// <summary>Review opinion; required to return.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    public ReportView View { get; private set; } = null!;

    /// <summary>The indicator categories of the project's rule set, for the level names.</summary>
    public IReadOnlyList<IndicatorCategory> Categories { get; private set; } = [];

    public string Level1Name(MonitoringIndicator i) => GoalLabels.Level1Name(Categories, i.Level1);

    public string Level2Name(MonitoringIndicator i) => GoalLabels.Level2Name(Categories, i.Level1, i.Level2);

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostSaveAsync()
    {
        _posted = true;
        await ReloadAsync();
        if (!ModelState.IsValid) return Page();
        var ct = HttpContext.RequestAborted;
        await monitoring.SaveReportAsync(Id, Version, Input(), await me.CallerAsync(ct), ct);
        TempData["Flash"] = "监控表已保存。";
        return RedirectToPage(new { id = Id });
    }

    /// <summary>Saves what was typed, then submits it (偏离目标的指标须填写偏差原因、完成可能性和说明).</summary>
    public async Task<IActionResult> OnPostSubmitAsync()
    {
        _posted = true;
        await ReloadAsync();
        if (!ModelState.IsValid) return Page();
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        var saved = await monitoring.SaveReportAsync(Id, Version, Input(), caller, ct);
        var report = await monitoring.ActAsync(Id, saved.Version, MonitoringAction.Submit, null, caller, ct);
        TempData["Flash"] = $"监控表已报送，现为“{report.State.ChineseName()}”。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostActAsync(MonitoringAction act)
    {
        var posted = Version;
        await ReloadAsync();
        var ct = HttpContext.RequestAborted;
        var report = await monitoring.ActAsync(Id, posted, act, Reason, await me.CallerAsync(ct), ct);
        TempData["Flash"] = $"已{act.ChineseName()}，监控表现为“{report.State.ChineseName()}”。";
        return RedirectToPage(new { id = Id });
    }

    /// <summary>This project's 项目支出绩效运行监控表 as .xlsx in the usual layout (万元, reasons and likelihoods ticked).</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        await ReloadAsync();
        var v = View;
        var indicators = v.Report.Indicators.OrderBy(i => i.SortOrder).ToList();
        var sheet = new MonitoringSheet(v.Round.FiscalYear, v.Round.Month, v.Project.Code, v.Project.Name, v.DepartmentName, v.UnitName, v.Budget, v.Executed,
            v.Warning.TimeProgress, v.Warning.ExecutionRate, v.Warning.BudgetColor, v.Warning.ProjectColor, v.Funding, v.Report.State.ChineseName(),
            v.Report.Explanation,
            indicators.Select((i, n) => new MonitoringSheetRow(Level1Name(i), Level2Name(i), i.Name, TargetText(i),
                i.Comparison == Comparison.Qualitative ? i.Band?.ChineseName() ?? "" : i.ToDate is { } t ? Display.Number(t) + i.Unit : "",
                i.ExpectedFullYear, i.DeviationReason, i.Likelihood, i.Explanation, v.Warning.IndicatorColors[n])).ToList());
        return File(MonitoringWorkbook.Report(sheet), XlsxExport.ContentType, $"项目支出绩效运行监控表-{v.Project.Code}-{v.Round.FiscalYear}年1-{v.Round.Month}月.xlsx");
    }

    public static string TargetText(MonitoringIndicator i) =>
        i.TargetText is { Length: > 0 } t ? t : i.Target is { } v ? $"{i.Comparison.Symbol()}{Display.Number(v)}{i.Unit}" : "";

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        View = await monitoring.ReportAsync(Id, await me.CallerAsync(ct), ct);
        Categories = (await rules.ResolveAsync(View.Project.RegionId, View.Project.FiscalYear, ct)).Content.Goals.Categories;
        if (_posted) return;
        Version = View.Report.Version;
        Explanation = View.Report.Explanation;
        Indicators = View.Report.Indicators.OrderBy(i => i.SortOrder).Select(i => new IndicatorReportRow
        {
            Id = i.Id,
            ToDate = i.ToDate,
            ExpectedFullYear = i.ExpectedFullYear,
            Band = i.Band,
            DeviationReason = i.DeviationReason,
            Likelihood = i.Likelihood,
            Explanation = i.Explanation,
        }).ToList();
    }

    private ReportInput Input()
    {
        if (Indicators.Count == 0 && View.Report.Indicators.Count > 0) throw new DomainException("请填写各指标的完成情况。");
        return new ReportInput(Explanation, Indicators.Select(i => i.ToInput()).ToList());
    }
}
