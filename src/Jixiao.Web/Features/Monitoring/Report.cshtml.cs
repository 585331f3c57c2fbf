using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
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
public sealed class ReportModel(CurrentUser me, MonitoringService monitoring) : PageModel, IReloadOnError
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

    /// <summary>This project's 项目支出绩效运行监控表 as .xlsx: one row per indicator with the project's figures.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        await ReloadAsync();
        var v = View;
        var m = v.Round.Month;
        var rows = v.Report.Indicators.OrderBy(i => i.SortOrder).Select((i, n) => (i, Color: v.Warning.IndicatorColors[n])).ToList();
        return XlsxExport.File<(MonitoringIndicator I, WarningColor Color)>($"项目支出绩效运行监控表-{v.Project.Code}-{v.Round.FiscalYear}-{m}月.xlsx",
        [
            ("项目名称", _ => v.Project.Name),
            ("主管部门", _ => v.DepartmentName),
            ("实施单位", _ => v.UnitName),
            ("全年预算数（万元）", _ => decimal.Round(v.Budget / 10_000m, 6)),
            ($"1-{m}月执行数（万元）", _ => decimal.Round(v.Executed / 10_000m, 6)),
            ("时间进度", _ => decimal.Round(v.Warning.TimeProgress, 4)),
            ("执行率", _ => decimal.Round(v.Warning.ExecutionRate, 4)),
            ("预算执行预警", _ => v.Warning.BudgetColor.ChineseName()),
            ("一级指标", x => x.I.Level1),
            ("二级指标", x => x.I.Level2),
            ("三级指标", x => x.I.Name),
            ("年度指标值", x => TargetText(x.I)),
            ($"1-{m}月执行情况", x => x.I.Comparison == Comparison.Qualitative ? x.I.Band?.ChineseName() : x.I.ToDate),
            ("全年预计完成情况", x => x.I.ExpectedFullYear),
            ("偏差原因", x => x.I.DeviationReason?.ChineseName()),
            ("完成目标可能性", x => x.I.Likelihood?.ChineseName()),
            ("原因说明", x => x.I.Explanation),
            ("指标预警", x => x.Color.ChineseName()),
            ("项目预警", _ => v.Warning.ProjectColor.ChineseName()),
            ("情况说明", _ => v.Report.Explanation),
        ], rows);
    }

    public static string TargetText(MonitoringIndicator i) =>
        i.TargetText is { Length: > 0 } t ? t : i.Target is { } v ? $"{i.Comparison.Symbol()}{Display.Number(v)}{i.Unit}" : "";

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        View = await monitoring.ReportAsync(Id, await me.CallerAsync(ct), ct);
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
