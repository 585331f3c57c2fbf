using System.Text.Json;
using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;
using Jixiao.Core.ThirdParties;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>One framework row of the editor (draft only): level 1, level 2, name, weight and scoring standard.</summary>
public sealed class FrameworkEditRow
{
    public string? Level1 { get; set; }

    public string? Level2 { get; set; }

    public string? Name { get; set; }

    public decimal? Weight { get; set; }

    public string? Standard { get; set; }
}

/// <summary>
/// One key evaluation on one page: the subject, the framework (rows added, removed and edited in the draft, its check shown: output +
/// benefit for projects and policies, the six dimensions for a department's whole spending), the
/// draw or engagement, the scorers (scores only as the service reveals them, 代录 links for paper sheets), closing, the conclusions,
/// completion, the score sheet with its chart, the report download, the agency rating and the history.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class KeyDetailsModel(CurrentUser me, KeyEvaluationService evaluations, ThirdPartyService pools, RuleSetService rules) : PageModel, IReloadOnError
{
    private string? _posted;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    [BindProperty]
    public List<FrameworkEditRow> Framework { get; set; } = [];

    /// <summary>The editor's row operation: "add", or "remove-{index}" (nothing is saved until 保存指标体系).</summary>
    [BindProperty]
    public string? RowAction { get; set; }

    /// <summary>The problems of the rows being edited (after a row operation or a refused save), in Chinese; null when showing the stored framework.</summary>
    public IReadOnlyList<string>? EditProblems { get; private set; }

    /// <summary>The level-1 choices of the editor: 决策/过程/产出/效益, or the six dimensions for a department's whole spending.</summary>
    public IReadOnlyList<(string Code, string Name)> Level1Options =>
        (Detail.Evaluation.SubjectKind == KeyEvaluationSubjectKind.DepartmentOverall ? DepartmentDimensions.Codes : KeyEvaluationScoring.Level1Codes)
        .Select(c => (c, KeyEvaluationScoring.Level1Name(c))).ToList();

    public bool IsDepartmentOverall => Detail.Evaluation.SubjectKind == KeyEvaluationSubjectKind.DepartmentOverall;

    [BindProperty]
    public KeyEvaluationMethod Method { get; set; } = KeyEvaluationMethod.Experts;

    [BindProperty]
    public int? ExpertCount { get; set; }

    [BindProperty]
    public string? ExpertField { get; set; }

    [BindProperty]
    public long? AgencyId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Conclusions { get; set; }

    [BindProperty]
    public string? Experience { get; set; }

    [BindProperty]
    public string? Problems { get; set; }

    [BindProperty]
    public string? Suggestions { get; set; }

    [BindProperty]
    public string? OtherNotes { get; set; }

    [BindProperty]
    public decimal? RatingScore { get; set; }

    [BindProperty]
    public string? RatingRemarks { get; set; }

    public KeyEvaluationDetail Detail { get; private set; } = null!;

    public KeyEvaluation Evaluation => Detail.Evaluation;

    public IReadOnlyList<AgencyRow> Agencies { get; private set; } = [];

    public int DefaultExpertCount { get; private set; }

    /// <summary>The level-1 groups as JSON for the chart script (data attribute; no inline script).</summary>
    public string ChartJson => JsonSerializer.Serialize(Detail.Groups?.Select(g => new { name = g.Name, weight = g.Weight, score = g.Score }) ?? []);

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnGetReportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var d = await evaluations.DetailAsync(Id, await me.CallerAsync(ct), ct);
        return File(KeyEvaluationReport.Build(d), KeyEvaluationReport.ContentType, KeyEvaluationReport.FileName(d));
    }

    public async Task<IActionResult> OnPostFrameworkAsync()
    {
        _posted = "Framework";
        var ct = HttpContext.RequestAborted;
        var rows = Framework.Select(r => new FrameworkRowInput(r.Level1 ?? "", r.Level2 ?? "", r.Name ?? "",
            r.Weight ?? throw new DomainException($"请填写“{r.Name}”的权重。"), r.Standard)).ToList();
        await evaluations.SaveFrameworkAsync(Id, RequireVersion(), rows, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "指标体系已保存。";
        return RedirectToPage(new { id = Id });
    }

    /// <summary>Adds an empty row or removes one from the rows being edited and shows them again with their check; nothing is saved.</summary>
    public async Task<IActionResult> OnPostFrameworkRowsAsync()
    {
        _posted = "Framework";
        await ReloadAsync();
        if (!Detail.CanEditFramework) throw new DomainException("评价人员已选定或无权修改，指标体系不能再修改。");
        if (RowAction == "add")
        {
            if (Framework.Count >= 100) throw new DomainException("评价指标不超过100个。");
            Framework.Add(new FrameworkEditRow { Level1 = Framework.LastOrDefault()?.Level1 ?? Level1Options[0].Code, Level2 = Framework.LastOrDefault()?.Level2 });
        }
        else if (RowAction?.StartsWith("remove-", StringComparison.Ordinal) == true && int.TryParse(RowAction["remove-".Length..], out var index)
                 && index >= 0 && index < Framework.Count)
        {
            Framework.RemoveAt(index);
        }
        else
        {
            throw new DomainException("无效的操作，请刷新页面后重试。");
        }
        EditProblems = EditedProblems(Framework);
        return Page();
    }

    public async Task<IActionResult> OnPostAssignAsync()
    {
        _posted = "Assign";
        var ct = HttpContext.RequestAborted;
        var e = await evaluations.AssignAsync(Id, RequireVersion(), new KeyAssignInput(Method, Method == KeyEvaluationMethod.Experts ? ExpertCount : null,
            Method == KeyEvaluationMethod.Experts ? ExpertField : null, Method == KeyEvaluationMethod.Agency ? AgencyId : null), await me.CallerAsync(ct), ct);
        TempData["Flash"] = e.Method == KeyEvaluationMethod.Experts ? $"已随机抽取专家{e.ExpertCount}名，评分开始。" : "已委托第三方机构，评分开始。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        _posted = "Close";
        var ct = HttpContext.RequestAborted;
        var e = await evaluations.CloseAsync(Id, RequireVersion(), await me.CallerAsync(ct), ct);
        TempData["Flash"] = $"评分已结束：得分 {e.TotalScore:0.00}，等级“{e.Grade?.ChineseName()}”。请撰写评价结论。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostReopenAsync()
    {
        _posted = "Reopen";
        var ct = HttpContext.RequestAborted;
        await evaluations.ReopenAsync(Id, RequireVersion(), Reason ?? "", await me.CallerAsync(ct), ct);
        TempData["Flash"] = "已重新开启评分。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostConclusionsAsync(bool complete)
    {
        _posted = "Conclusions";
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        var e = await evaluations.WriteConclusionsAsync(Id, RequireVersion(), new KeyConclusionsInput(Conclusions, Experience, Problems, Suggestions, OtherNotes), caller, ct);
        if (complete) await evaluations.CompleteAsync(Id, e.Version, caller, ct);
        TempData["Flash"] = complete ? "评价已完成，被评价部门和单位可以查看结果。" : "评价结论已保存。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRateAsync()
    {
        _posted = "Rate";
        var ct = HttpContext.RequestAborted;
        if (RatingScore is not { } score) throw new DomainException("请填写质量评分（0到100分）。");
        await evaluations.RateAgencyAsync(Id, score, RatingRemarks ?? "", await me.CallerAsync(ct), ct);
        TempData["Flash"] = "已评价第三方机构的工作质量。";
        return RedirectToPage(new { id = Id });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        Detail = await evaluations.DetailAsync(Id, caller, ct);
        var e = Detail.Evaluation;
        if (_posted != "Framework")
            Framework = Detail.Indicators.Select(i => new FrameworkEditRow { Level1 = i.Level1, Level2 = i.Level2, Name = i.Name, Weight = i.Weight, Standard = i.Standard }).ToList();
        else
            EditProblems = EditedProblems(Framework);
        if (_posted != "Conclusions")
        {
            Conclusions = e.Conclusions;
            Experience = e.Experience;
            Problems = e.Problems;
            Suggestions = e.Suggestions;
            OtherNotes = e.OtherNotes;
        }
        if (Detail.Actions.Contains(KeyEvaluationAction.Assign))
        {
            DefaultExpertCount = (await rules.ResolveAsync(e.RegionId, e.FiscalYear, ct)).Content.Evaluation.DefaultExpertCount;
            if (_posted != "Assign") ExpertCount = DefaultExpertCount;
            if (me.Can(Permission.ViewThirdParties))
                Agencies = (await pools.AgenciesAsync(caller, new AgencyFilter(), 1, Paging.MaxPageSize, ct)).Items;
        }
    }

    private IReadOnlyList<string> EditedProblems(IEnumerable<FrameworkEditRow> rows) =>
        KeyEvaluationScoring.FrameworkProblems(Detail.Evaluation.SubjectKind,
            rows.Select(r => new FrameworkRow(r.Level1?.Trim() ?? "", r.Level2 ?? "", r.Name ?? "", r.Weight ?? 0m)).ToList(),
            new EvaluationRules { OutputPlusBenefitMinimum = Detail.OutputPlusBenefitMinimum });

    private int RequireVersion() => Version ?? throw new ConcurrencyConflictException("请刷新页面后重新操作（缺少版本号）。");
}
