using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.PriorAssessments;
using Jixiao.Core.RuleSets;
using Jixiao.Core.ThirdParties;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.PriorAssessments;

/// <summary>One dimension of the caller's scoring sheet, as typed.</summary>
public sealed class SheetRow
{
    public string? Code { get; set; }

    public decimal? Points { get; set; }

    public string? Comment { get; set; }
}

/// <summary>
/// One ex-ante assessment on one page: the project and its gate status, the unit's draft with its materials, the
/// workflow actions the caller may take, the expert draw, the scorers (scores only as the service reveals them),
/// the caller's own sheet, the result, the agency rating and the history.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
[RequestSizeLimit(UploadRequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit)]
public sealed class DetailsModel(CurrentUser me, PriorAssessmentService assessments, ThirdPartyService pools, RuleSetService rules) : PageModel, IReloadOnError
{
    /// <summary>The largest request the page takes; the material's own limit (<see cref="PriorAssessmentService.MaxAttachmentBytes"/>) is checked below it.</summary>
    public const long UploadRequestLimit = Jixiao.Core.Attachments.UploadCheck.RequestLimitBytes;

    private string? _posted;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    [BindProperty]
    public string? Rationale { get; set; }

    [BindProperty]
    public AttachmentKind Kind { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The reason of a return, or the comment of a confirmation.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public AssessmentMethod Method { get; set; }

    [BindProperty]
    public int? ExpertCount { get; set; }

    [BindProperty]
    public string? ExpertField { get; set; }

    [BindProperty]
    public long? AgencyId { get; set; }

    /// <summary>综合评估意见 at closing.</summary>
    [BindProperty]
    public string? Opinion { get; set; }

    [BindProperty]
    public string? RequiredChanges { get; set; }

    [BindProperty]
    public string? ChangesReport { get; set; }

    [BindProperty]
    public List<SheetRow> Sheet { get; set; } = [];

    [BindProperty]
    public string? SheetOpinion { get; set; }

    [BindProperty]
    public int? ScorerVersion { get; set; }

    /// <summary>The drawn expert whose paper sheet the organiser enters (代录); null for the caller's own sheet.</summary>
    [BindProperty(SupportsGet = true)]
    public long? ProxyFor { get; set; }

    [BindProperty]
    public decimal? RatingScore { get; set; }

    [BindProperty]
    public string? RatingRemarks { get; set; }

    public PriorAssessmentDetail Detail { get; private set; } = null!;

    public PriorAssessment Assessment => Detail.Assessment;

    /// <summary>The caller's own scorer entry, when they score this assessment.</summary>
    public ScorerView? Mine => Detail.Scorers.FirstOrDefault(s => s.IsMine);

    /// <summary>The expert whose paper sheet the organiser is entering (代录), when chosen.</summary>
    public ScorerView? Proxy => ProxyFor is { } id && MayEnterPaperSheets ? Detail.Scorers.FirstOrDefault(s => s.Id == id && s.Label.StartsWith("专家", StringComparison.Ordinal)) : null;

    /// <summary>The sheet the form shows: the caller's own, or the expert's being entered for them.</summary>
    public ScorerView? SheetOf => Proxy ?? (Detail.CanScore ? Mine : null);

    /// <summary>The organiser may enter the paper sheet of a drawn expert without an account while scoring is open (the service checks the rest).</summary>
    public bool MayEnterPaperSheets => Assessment.State == PriorAssessmentState.Scoring && Assessment.Method == AssessmentMethod.Experts
        && Detail.Actions.Contains(PriorAssessmentAction.CloseScoring);

    /// <summary>The agencies to choose from when organising (blacklisted ones shown, not choosable).</summary>
    public IReadOnlyList<AgencyRow> Agencies { get; private set; } = [];

    public int DefaultExpertCount { get; private set; }

    public long MaxUploadBytes => assessments.MaxAttachmentBytes;

    /// <summary>The performance section and departments organise assessments and see the draw record.</summary>
    public bool IsOrganiserSide => me.Roles.Any(r => r is Role.PerformanceSection or Role.Department);

    public async Task OnGetAsync() => await ReloadAsync();

    /// <summary>Streams one material with its original name, as a download.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(long attachmentId)
    {
        var ct = HttpContext.RequestAborted;
        var (attachment, data) = await assessments.DownloadAsync(Id, attachmentId, await me.CallerAsync(ct), ct);
        return File(data, attachment.ContentType, attachment.OriginalName);
    }

    /// <summary>下载评估报告: the closed assessment as a Word document (what the caller may see of it).</summary>
    public async Task<IActionResult> OnGetReportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var detail = await assessments.DetailAsync(Id, await me.CallerAsync(ct), ct);
        return File(PriorAssessmentReport.Build(detail), PriorAssessmentReport.ContentType, PriorAssessmentReport.FileName(detail));
    }

    public async Task<IActionResult> OnPostDraftAsync()
    {
        _posted = "Draft";
        var ct = HttpContext.RequestAborted;
        await assessments.EditDraftAsync(Id, RequireVersion(), Rationale, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "立项依据与必要性说明已保存。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostUploadAsync()
    {
        _posted = "Upload";
        if (Upload is null || Upload.Length == 0) throw new DomainException("请选择要上传的文件。");
        var name = UploadCheckName(Upload.FileName);
        if (Upload.Length > MaxUploadBytes)
            throw new DomainException($"文件“{name}”大小为{Upload.Length / 1024.0 / 1024.0:0.#}MB，超过{MaxUploadBytes / 1024 / 1024}MB的上限：请压缩或拆分后上传。");
        var ct = HttpContext.RequestAborted;
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, ct);
        var attachment = await assessments.AddAttachmentAsync(Id, Kind, Upload.FileName, buffer.ToArray(), await me.CallerAsync(ct), ct);
        TempData["Flash"] = $"已上传“{attachment.OriginalName}”（{attachment.Kind.ChineseName()}）。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(long attachmentId)
    {
        _posted = "Remove";
        var ct = HttpContext.RequestAborted;
        await assessments.RemoveAttachmentAsync(Id, attachmentId, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "材料已删除。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostActAsync(PriorAssessmentAction act)
    {
        _posted = "Act";
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        var v = RequireVersion();
        var a = act switch
        {
            PriorAssessmentAction.Submit => await assessments.SubmitAsync(Id, v, caller, ct),
            PriorAssessmentAction.Return => await assessments.ReturnAsync(Id, v, Reason ?? "", caller, ct),
            PriorAssessmentAction.Organise => await assessments.OrganiseAsync(Id, v, new OrganiseInput(Method,
                Method == AssessmentMethod.Experts ? ExpertCount : null, Method == AssessmentMethod.Experts ? ExpertField : null,
                Method == AssessmentMethod.ThirdParty ? AgencyId : null), caller, ct),
            PriorAssessmentAction.CloseScoring => await assessments.CloseAsync(Id, v, Opinion ?? "", RequiredChanges, caller, ct),
            PriorAssessmentAction.ConfirmConclusion => await assessments.ConfirmConclusionAsync(Id, v, Reason, caller, ct),
            PriorAssessmentAction.ReportChanges => await assessments.ReportChangesAsync(Id, v, ChangesReport ?? "", caller, ct),
            PriorAssessmentAction.ConfirmChanges => await assessments.ConfirmChangesAsync(Id, v, Reason, caller, ct),
        };
        TempData["Flash"] = act switch
        {
            PriorAssessmentAction.CloseScoring when a.Conclusion is { } c => $"评分已结束：总分 {Display.Number(a.TotalScore ?? 0m)}，结论为“{PriorAssessmentScoring.Text(c)}”。",
            _ => $"已{PriorAssessmentLabels.ActionName(act)}，评估现为“{PriorAssessmentLabels.StateName(a.State)}”。",
        };
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostScoreAsync()
    {
        _posted = "Score";
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        var detail = await assessments.DetailAsync(Id, caller, ct);
        var rows = new List<DimensionInput>();
        foreach (var d in detail.Dimensions)
        {
            var row = Sheet.FirstOrDefault(s => s.Code == d.Code);
            if (row?.Points is not { } points) throw new DomainException($"请填写“{d.Name}”的得分（0到{Display.Number(d.Points)}分）。");
            rows.Add(new DimensionInput(d.Code, points, row.Comment));
        }
        var scorer = await assessments.ScoreAsync(Id, new SheetInput(rows, SheetOpinion ?? "", ScorerVersion, ProxyFor), caller, ct);
        TempData["Flash"] = ProxyFor is null
            ? $"评分已提交，合计 {Display.Number(rows.Sum(r => r.Points))} 分；结束评分前仍可修改。"
            : $"已代录专家{scorer.DrawOrder}的纸质评分表，合计 {Display.Number(rows.Sum(r => r.Points))} 分。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRateAsync()
    {
        _posted = "Rate";
        var ct = HttpContext.RequestAborted;
        if (RatingScore is not { } score) throw new DomainException("请填写质量评分（0到100分）。");
        await assessments.RateAgencyAsync(Id, score, RatingRemarks ?? "", await me.CallerAsync(ct), ct);
        TempData["Flash"] = "已评价第三方机构的工作质量。";
        return RedirectToPage(new { id = Id });
    }

    /// <summary>Loads the assessment as the caller may see it; the form that was posted keeps what was typed.</summary>
    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        Detail = await assessments.DetailAsync(Id, caller, ct);
        if (_posted != "Draft") Rationale = Assessment.Rationale;
        if (Detail.Actions.Contains(PriorAssessmentAction.Organise))
        {
            DefaultExpertCount = (await rules.ResolveAsync(Assessment.RegionId, Assessment.FiscalYear, ct)).Content.PriorAssessment.DefaultExpertCount;
            if (_posted != "Act")
            {
                ExpertCount = DefaultExpertCount;
                Method = AssessmentMethod.Experts;
            }
            if (me.Can(Permission.ViewThirdParties))
                Agencies = (await pools.AgenciesAsync(caller, new AgencyFilter(), 1, Paging.MaxPageSize, ct)).Items;
        }
        if (SheetOf is { } sheet && (_posted != "Score" || Sheet.Count != Detail.Dimensions.Count))
        {
            Sheet = Detail.Dimensions.Select(d => sheet.Scores?.FirstOrDefault(s => s.Code == d.Code) is { } s
                ? new SheetRow { Code = d.Code, Points = s.Points, Comment = s.Comment }
                : new SheetRow { Code = d.Code }).ToList();
            if (_posted != "Score") SheetOpinion = sheet.Opinion;
        }
        if (SheetOf is { } m) ScorerVersion = m.Version;
    }

    /// <summary>A file size for people: 350 KB, 1.2 MB.</summary>
    public static string Size(long bytes) => bytes < 1024 * 1024
        ? $"{Math.Max(1, (bytes + 1023) / 1024)} KB"
        : $"{bytes / 1024.0 / 1024.0:0.#} MB";

    private int RequireVersion() => Version ?? throw new ConcurrencyConflictException("请刷新页面后重新操作（缺少版本号）。");

    private static string UploadCheckName(string? fileName)
    {
        try
        {
            return Jixiao.Core.Attachments.UploadCheck.CleanName(fileName);
        }
        catch (DomainException)
        {
            return "";
        }
    }
}
