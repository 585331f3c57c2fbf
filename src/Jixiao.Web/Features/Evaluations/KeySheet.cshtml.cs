using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>One indicator of the scoring sheet, as typed.</summary>
public sealed class KeySheetRow
{
    public long IndicatorId { get; set; }

    public decimal? Points { get; set; }

    public string? Comment { get; set; }
}

/// <summary>
/// The expert's (or agency's) scoring sheet of a key evaluation: every indicator with its weight and scoring standard, points and a
/// comment each; or, with <c>scorerId</c>, the organiser entering the paper sheet of an expert without an account (代录).
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class KeySheetModel(CurrentUser me, KeyEvaluationService evaluations) : PageModel, IReloadOnError
{
    private bool _posted;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    /// <summary>The expert whose paper sheet the organiser enters (代录); null for the caller's own sheet.</summary>
    [BindProperty(SupportsGet = true)]
    public long? ScorerId { get; set; }

    [BindProperty]
    public List<KeySheetRow> Sheet { get; set; } = [];

    [BindProperty]
    public string? Opinion { get; set; }

    [BindProperty]
    public int? ScorerVersion { get; set; }

    public KeyEvaluationDetail Detail { get; private set; } = null!;

    /// <summary>The sheet being filled in: the caller's own, or the expert's being entered for them.</summary>
    public KeyScorerView? Scorer { get; private set; }

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        _posted = true;
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        var detail = await evaluations.DetailAsync(Id, caller, ct);
        var rows = new List<KeyScoreInput>();
        foreach (var i in detail.Indicators)
        {
            var row = Sheet.FirstOrDefault(s => s.IndicatorId == i.Id);
            if (row?.Points is not { } points) throw new DomainException($"请填写“{i.Name}”的得分（0到{Display.Number(i.Weight)}分）。");
            rows.Add(new KeyScoreInput(i.Id, points, row.Comment));
        }
        var scorer = await evaluations.ScoreAsync(Id, new KeySheetInput(rows, Opinion, ScorerVersion, ScorerId), caller, ct);
        TempData["Flash"] = ScorerId is null
            ? $"评分已提交，合计 {Display.Number(rows.Sum(r => r.Points))} 分；结束评分前仍可修改。"
            : $"已代录专家{scorer.DrawOrder}的纸质评分表，合计 {Display.Number(rows.Sum(r => r.Points))} 分。";
        return RedirectToPage("/Evaluations/KeyDetails", new { id = Id });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Detail = await evaluations.DetailAsync(Id, await me.CallerAsync(ct), ct);
        Scorer = ScorerId is { } sid
            ? (Detail.IsOrganiser ? Detail.Scorers.FirstOrDefault(s => s.Id == sid && !s.HasAccount) : null)
            : Detail.Scorers.FirstOrDefault(s => s.IsMine);
        if (Detail.Evaluation.State != KeyEvaluationState.Scoring || Scorer is null)
            throw new DomainException("当前没有可填写的评分表：评分未开始或已结束，或您不是本项评价的评分人。");
        if (!_posted || Sheet.Count != Detail.Indicators.Count)
        {
            Sheet = Detail.Indicators.Select(i => Scorer.Scores?.FirstOrDefault(s => s.IndicatorId == i.Id) is { } s
                ? new KeySheetRow { IndicatorId = i.Id, Points = s.Points, Comment = s.Comment }
                : new KeySheetRow { IndicatorId = i.Id }).ToList();
            if (!_posted) Opinion = Scorer.Opinion;
        }
        ScorerVersion = Scorer.Version;
    }
}
