using Jixiao.Core.Attachments;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Results;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Jixiao.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Appraisals;

public sealed record AppraisalRoundInput(int FiscalYear, AppraisalSubjectKind Kind, DateOnly SelfScoreDeadline, string? Title = null);

public sealed record AppraisalFilter(int? FiscalYear = null, AppraisalSubjectKind? Kind = null, AppraisalRoundState? State = null);

public sealed record AppraisalRoundRow(long Id, long RegionId, int FiscalYear, AppraisalSubjectKind Kind, string Title, AppraisalRoundState State,
    DateOnly SelfScoreDeadline, int Sheets, int Submitted, int Reviewed, DateTime CreatedAt, DateTime? FinalisedAt, DateTime? PublishedAt, int Version);

/// <summary>One sheet as the round and the ranking show it.</summary>
public sealed record AppraisalSheetRow(long Id, long RoundId, AppraisalSubjectKind SubjectKind, long SubjectId, string SubjectName,
    AppraisalSheetState State, decimal? SelfTotal, decimal? ReviewTotal, int? Rank, Grade? Grade, int Commendations, int Talks, int Version);

public sealed record AppraisalRoundDetail(AppraisalRound Round, string RegionName, int RuleSetVersionNo, IReadOnlyList<AppraisalSheetRow> Sheets,
    IReadOnlyList<AppraisalRoundAction> Actions, bool IsOrganiser, IReadOnlyList<WorkflowStep> History);

public sealed record AppraisalSheetView(AppraisalSheet Sheet, AppraisalRound Round, IReadOnlyList<AppraisalSheetAction> Actions, bool CanSelfScore,
    bool CanReview, bool CanFollowUp, bool CanRemeasure, IReadOnlyList<WorkflowStep> History);

/// <summary>A self-score of one line: the score (not for computed lines), the findings declared (deduction item) and the explanation.</summary>
public sealed record SelfScoreLineInput(long LineId, decimal? Score = null, int? Findings = null, string? Explanation = null);

/// <summary>A review of one line: the score (default: the subject's), the findings counted (deduction item) and the reason of an adjustment.</summary>
public sealed record ReviewLineInput(long LineId, decimal? Score = null, int? Findings = null, string? Reason = null);

public sealed record FollowUpInput(AppraisalFollowUpKind Kind, DateOnly Date, string Text, DateOnly? ImprovementDeadline = null);

/// <summary>
/// 考核 (RULES §8, Art. 10 and 36) of a region's performance section: rounds of the department sheet or of the county sheet, one sheet per
/// subject with the sub-items of the pinned rule set; measured sub-items from <see cref="IAppraisalMeasures"/> with their evidence;
/// self-scoring by the subject (a department, or a county's performance section for its own county's sheet only), review with a reason
/// for every adjustment, finalisation (ranks, grades), internal publication, commendations and talks. Anything outside the caller's
/// reach answers <see cref="NotFoundException"/>.
/// </summary>
public sealed class AppraisalService(JixiaoDbContext db, RuleSetService rules, TodoService todos, IAppraisalMeasures measures)
{
    public const string RoundSubject = nameof(AppraisalRound);
    public const string SheetSubject = nameof(AppraisalSheet);

    public async Task<AppraisalRound> CreateAsync(AppraisalRoundInput input, Caller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Role.PerformanceSection) || caller.OrganizationId is null)
            throw new DomainException("年度考核由财政部门绩效管理科组织。");
        var regionId = caller.Scope.HomeRegionId;
        if (!Enum.IsDefined(input.Kind)) throw new DomainException("考核对象类型无效。");
        if (await db.AppraisalRounds.AnyAsync(r => r.RegionId == regionId && r.FiscalYear == input.FiscalYear && r.Kind == input.Kind, ct))
            throw new DomainException($"{input.FiscalYear}年度的{input.Kind.ChineseName()}考核已经建立。");
        List<(long Id, string Name)> subjects = input.Kind == AppraisalSubjectKind.Department
            ? (await db.Organizations.AsNoTracking().Where(o => o.RegionId == regionId && o.Kind == OrganizationKind.Department && o.IsActive)
                .OrderBy(o => o.Code).Select(o => new { o.Id, o.Name }).ToListAsync(ct)).Select(x => (x.Id, x.Name)).ToList()
            : (await db.Regions.AsNoTracking().Where(r => r.ParentId == regionId).OrderBy(r => r.Code).Select(r => new { r.Id, r.Name })
                .ToListAsync(ct)).Select(x => (x.Id, x.Name)).ToList();
        if (subjects.Count == 0)
            throw new DomainException(input.Kind == AppraisalSubjectKind.Department ? "本区划没有预算部门，无法建立考核。" : "本区划没有下级县区，无法建立考核。");
        var ruleSet = await rules.EnsureAsync(regionId, input.FiscalYear, ct);
        var regionName = await db.Regions.Where(r => r.Id == regionId).Select(r => r.Name).FirstAsync(ct);
        var title = string.IsNullOrWhiteSpace(input.Title) ? $"{regionName}{input.FiscalYear}年度{input.Kind.ChineseName()}预算绩效管理工作考核" : input.Title;
        var round = new AppraisalRound(regionId, input.FiscalYear, input.Kind, title, ruleSet, input.SelfScoreDeadline, db.Actor.Name, db.Now);
        var sheet = ruleSet.Content.Appraisal.SheetFor(input.Kind == AppraisalSubjectKind.County);
        foreach (var (id, name) in subjects)
        {
            var n = 0;
            var lines = sheet.SelectMany(item => item.SubItems.Select(sub => new AppraisalLine(++n, item, sub))).ToList();
            var s = new AppraisalSheet(input.Kind, id, name, lines);
            s.Measure(await measures.MeasureAsync(regionId, input.FiscalYear, s.Subject, ct), db.Now);
            round.AddSheet(s);
        }
        db.AppraisalRounds.Add(round);
        await db.SaveChangesAsync(ct);
        db.Audit("appraisal.create", RoundSubject, round.Id.ToString(), new { round.FiscalYear, round.Kind, round.RuleSetId, sheets = round.Sheets.Count });
        foreach (var s in round.Sheets) await AssignToSubjectAsync(round, s, $"年度考核自评：{round.Title}", ResultService.DueAt(round.SelfScoreDeadline), ct);
        await db.SaveChangesAsync(ct);
        return round;
    }

    public async Task<Page<AppraisalRoundRow>> ListAsync(AppraisalFilter filter, Caller caller, int page, int pageSize, CancellationToken ct = default)
    {
        var q = Visible(caller);
        if (filter.FiscalYear is { } y) q = q.Where(r => r.FiscalYear == y);
        if (filter.Kind is { } k) q = q.Where(r => r.Kind == k);
        if (filter.State is { } st) q = q.Where(r => r.State == st);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(r => r.FiscalYear).ThenBy(r => r.Kind).ThenByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new AppraisalRoundRow(r.Id, r.RegionId, r.FiscalYear, r.Kind, r.Title, r.State, r.SelfScoreDeadline, r.Sheets.Count,
                r.Sheets.Count(s => s.State == AppraisalSheetState.Submitted || s.State == AppraisalSheetState.Reviewed),
                r.Sheets.Count(s => s.State == AppraisalSheetState.Reviewed), r.CreatedAt, r.FinalisedAt, r.PublishedAt, r.Version))
            .ToListAsync(ct);
        return new(items, total);
    }

    public async Task<AppraisalRoundDetail> DetailAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var round = await Visible(caller).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("考核");
        var staff = IsStaffReader(round, caller);
        var published = round.State == AppraisalRoundState.Published;
        var sheetsQ = db.AppraisalSheets.AsNoTracking().Where(s => s.RoundId == id);
        var rows = await sheetsQ.Select(s => new AppraisalSheetRow(s.Id, s.RoundId, s.SubjectKind, s.SubjectId, s.SubjectName, s.State, s.SelfTotal,
            s.ReviewTotal, s.Rank, s.Grade, s.FollowUps.Count(f => f.Kind == AppraisalFollowUpKind.Commendation),
            s.FollowUps.Count(f => f.Kind == AppraisalFollowUpKind.Talk), s.Version)).ToListAsync(ct);
        // A subject sees its own sheet, and the whole result list once it is published.
        if (!staff && !published) rows = rows.Where(r => IsSubject(round, r.SubjectKind, r.SubjectId, caller)).ToList();
        rows = rows.OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.SubjectName, StringComparer.Ordinal).ToList();
        var regionName = await db.Regions.Where(r => r.Id == round.RegionId).Select(r => r.Name).FirstAsync(ct);
        var history = staff ? await HistoryAsync(RoundSubject, id, ct) : [];
        var organiser = IsOrganiser(round, caller);
        var actions = organiser ? AppraisalWorkflow.Round.ActionsFrom(round.State, caller.Roles).ToList() : [];
        return new(round, regionName, round.RuleSetVersionNo, rows, actions, organiser, history);
    }

    public async Task<AppraisalSheetView> SheetAsync(long sheetId, Caller caller, CancellationToken ct = default)
    {
        var (sheet, round) = await LoadSheetAsync(sheetId, caller, tracking: false, ct);
        return await ViewAsync(sheet, round, caller, ct);
    }

    /// <summary>Measures the sheet's measured sub-items again (while it is not reviewed and the round is open).</summary>
    public async Task<AppraisalSheet> RemeasureAsync(long sheetId, int version, Caller caller, CancellationToken ct = default)
    {
        var (sheet, round) = await LoadSheetAsync(sheetId, caller, tracking: true, ct);
        if (!IsOrganiser(round, caller) && !IsSubject(round, sheet.SubjectKind, sheet.SubjectId, caller))
            throw new DomainException("只有考核组织方或被考核对象可以重新计算。");
        if (round.State != AppraisalRoundState.Open || sheet.State == AppraisalSheetState.Reviewed)
            throw new DomainException("考核表已复核或考核已定案，系统计算结果已固定。");
        db.ExpectVersion(sheet, version);
        sheet.Measure(await measures.MeasureAsync(round.RegionId, round.FiscalYear, sheet.Subject, ct), db.Now);
        Touch(sheet);
        db.Audit("appraisal.measure", SheetSubject, sheet.Id.ToString(), new { sheet.SelfTotal });
        await db.SaveChangesAsync(ct);
        return sheet;
    }

    /// <summary>Saves the subject's self-scores (Issued or Returned → SelfScoring on the first save).</summary>
    public async Task<AppraisalSheet> SelfScoreAsync(long sheetId, int version, IReadOnlyList<SelfScoreLineInput> lines, Caller caller,
        CancellationToken ct = default)
    {
        var (sheet, round) = await SubjectEditAsync(sheetId, version, caller, ct);
        if (sheet.State is AppraisalSheetState.Issued or AppraisalSheetState.Returned)
        {
            var t = AppraisalWorkflow.Sheet.Check(sheet.State, AppraisalSheetAction.StartSelfScoring, caller.Roles, null);
            sheet.Transition(t.To, db.Now);
            WorkflowRecorder.Record(db, SheetSubject, sheet.Id.ToString(), t, SubjectRole(sheet), null);
        }
        else if (sheet.State != AppraisalSheetState.SelfScoring)
            throw new DomainException($"考核表当前为“{sheet.State.ChineseName()}”，不能修改自评。");
        foreach (var x in lines)
        {
            var line = sheet.Lines.FirstOrDefault(l => l.Id == x.LineId) ?? throw new DomainException("子项不属于本考核表，请刷新后重试。");
            line.SelfScoreWith(x.Score, x.Findings, x.Explanation, round.DeductionPerFinding);
        }
        sheet.SelfScored();
        Touch(sheet);
        await db.SaveChangesAsync(ct);
        return sheet;
    }

    public async Task<AppraisalAttachment> AddAttachmentAsync(long sheetId, int version, long lineId, string? fileName, byte[] data, Caller caller,
        long maxBytes = UploadCheck.DefaultMaxBytes, CancellationToken ct = default)
    {
        var (sheet, _) = await SubjectEditAsync(sheetId, version, caller, ct);
        if (sheet.State is not (AppraisalSheetState.Issued or AppraisalSheetState.SelfScoring or AppraisalSheetState.Returned))
            throw new DomainException($"考核表当前为“{sheet.State.ChineseName()}”，不能上传佐证材料。");
        var line = sheet.Lines.FirstOrDefault(l => l.Id == lineId) ?? throw new NotFoundException("考核子项");
        if (line.Attachments.Count >= 20) throw new DomainException("每个子项最多上传20个佐证材料。");
        var file = UploadCheck.Check(fileName, data, maxBytes);
        db.AttachmentContents.Add(new AttachmentContent(file.StoredName, file.Data));
        var a = new AppraisalAttachment(file.DisplayName, file.StoredName, file.ContentType, file.Size, file.Sha256, db.Actor.Name, db.Now);
        line.AddAttachment(a);
        Touch(sheet);
        await db.SaveChangesAsync(ct);
        return a;
    }

    public async Task<(AppraisalAttachment Attachment, byte[] Data)> AttachmentAsync(long sheetId, long attachmentId, Caller caller, CancellationToken ct = default)
    {
        var (sheet, _) = await LoadSheetAsync(sheetId, caller, tracking: false, ct);
        var a = sheet.Lines.SelectMany(l => l.Attachments).FirstOrDefault(x => x.Id == attachmentId) ?? throw new NotFoundException("佐证材料");
        var data = await db.AttachmentContents.AsNoTracking().Where(c => c.StoredName == a.StoredName).Select(c => c.Data).FirstAsync(ct);
        return (a, data);
    }

    public async Task<AppraisalSheet> SubmitAsync(long sheetId, int version, Caller caller, CancellationToken ct = default)
    {
        var (sheet, round) = await SubjectEditAsync(sheetId, version, caller, ct);
        var t = AppraisalWorkflow.Sheet.Check(sheet.State, AppraisalSheetAction.Submit, caller.Roles, null);
        var missing = sheet.Lines.Where(l => l.SelfValue is null && l.Measure is null).Select(l => l.Name).ToList();
        if (missing.Count > 0) throw new DomainException($"以下子项尚未自评：{string.Join("、", missing)}。");
        sheet.Transition(t.To, db.Now);
        sheet.SelfScored();
        WorkflowRecorder.Record(db, SheetSubject, sheet.Id.ToString(), t, SubjectRole(sheet), null);
        await todos.CompleteFor(SheetSubject, sheet.Id.ToString(), ct);
        var organiser = await db.Organizations.Where(o => o.RegionId == round.RegionId && o.Kind == OrganizationKind.PerformanceSection)
            .Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);
        if (organiser is { } org)
            todos.Assign(new Todo(round.RegionId, round.FiscalYear, $"年度考核复核：{sheet.SubjectName}", Link(sheet.Id), SheetSubject, sheet.Id.ToString(),
                db.Now, null, null, org, Role.PerformanceSection));
        await db.SaveChangesAsync(ct);
        return sheet;
    }

    public async Task<AppraisalSheet> ReturnAsync(long sheetId, int version, string? reason, Caller caller, CancellationToken ct = default)
    {
        var (sheet, round) = await OrganiserEditAsync(sheetId, version, caller, ct);
        var t = AppraisalWorkflow.Sheet.Check(sheet.State, AppraisalSheetAction.Return, caller.Roles, reason);
        sheet.Transition(t.To, db.Now);
        WorkflowRecorder.Record(db, SheetSubject, sheet.Id.ToString(), t, Role.PerformanceSection, reason);
        await todos.CompleteFor(SheetSubject, sheet.Id.ToString(), ct);
        await AssignToSubjectAsync(round, sheet, $"年度考核表被退回，请修改后重新提交：{round.Title}", ResultService.DueAt(round.SelfScoreDeadline), ct);
        await db.SaveChangesAsync(ct);
        return sheet;
    }

    /// <summary>
    /// The performance section's review of every line (a line left out keeps the subject's score); an adjusted score needs a reason, else
    /// nothing is saved. The sheet becomes Reviewed with its review total.
    /// </summary>
    public async Task<AppraisalSheet> ReviewAsync(long sheetId, int version, IReadOnlyList<ReviewLineInput> lines, Caller caller, CancellationToken ct = default)
    {
        var (sheet, round) = await OrganiserEditAsync(sheetId, version, caller, ct);
        var t = AppraisalWorkflow.Sheet.Check(sheet.State, AppraisalSheetAction.Review, caller.Roles, null);
        foreach (var x in lines)
            if (sheet.Lines.All(l => l.Id != x.LineId)) throw new DomainException("子项不属于本考核表，请刷新后重试。");
        foreach (var line in sheet.Lines.OrderBy(l => l.SortOrder))
        {
            var x = lines.FirstOrDefault(i => i.LineId == line.Id);
            line.Review(x?.Score, x?.Findings, x?.Reason, round.DeductionPerFinding);
        }
        sheet.Reviewed(db.Actor.Name, db.Now);
        var adjusted = sheet.Lines.Count(l => l.ReviewReason is not null);
        WorkflowRecorder.Record(db, SheetSubject, sheet.Id.ToString(), t, Role.PerformanceSection,
            $"复核得分{sheet.ReviewTotal:0.##}分（自评{sheet.SelfTotal:0.##}分），调整{adjusted}项");
        await todos.CompleteFor(SheetSubject, sheet.Id.ToString(), ct);
        await db.SaveChangesAsync(ct);
        return sheet;
    }

    public async Task<AppraisalRound> FinaliseAsync(long roundId, int version, Caller caller, CancellationToken ct = default)
    {
        var round = await OrganiserRoundAsync(roundId, version, caller, ct);
        var t = AppraisalWorkflow.Round.Check(round.State, AppraisalRoundAction.Finalise, caller.Roles, null);
        round.Finalise(db.Now);
        foreach (var s in round.Sheets) Touch(s);
        WorkflowRecorder.Record(db, RoundSubject, round.Id.ToString(), t, Role.PerformanceSection, $"{round.Sheets.Count}张考核表定案，排名和等级已确定");
        await db.SaveChangesAsync(ct);
        return round;
    }

    public async Task<AppraisalRound> PublishAsync(long roundId, int version, Caller caller, CancellationToken ct = default)
    {
        var round = await OrganiserRoundAsync(roundId, version, caller, ct);
        var t = AppraisalWorkflow.Round.Check(round.State, AppraisalRoundAction.Publish, caller.Roles, null);
        round.Publish(db.Now);
        WorkflowRecorder.Record(db, RoundSubject, round.Id.ToString(), t, Role.PerformanceSection, "考核结果在系统内通报");
        await db.SaveChangesAsync(ct);
        return round;
    }

    /// <summary>Records a commendation or a talk (with the deadline for improvement) on a sheet of a finalised round; a to-do for the subject.</summary>
    public async Task<AppraisalFollowUp> AddFollowUpAsync(long sheetId, int version, FollowUpInput input, Caller caller, CancellationToken ct = default)
    {
        var (sheet, round) = await LoadSheetAsync(sheetId, caller, tracking: true, ct);
        if (!IsOrganiser(round, caller)) throw new DomainException("通报表扬和约谈由考核组织方绩效管理科记录。");
        if (round.State == AppraisalRoundState.Open) throw new DomainException("考核定案后才能记录通报表扬或约谈。");
        if (!Enum.IsDefined(input.Kind)) throw new DomainException("记录类型应为通报表扬或约谈。");
        db.ExpectVersion(sheet, version);
        var f = new AppraisalFollowUp(input.Kind, input.Date, input.Text, input.ImprovementDeadline, db.Actor.Name, db.Now);
        sheet.AddFollowUp(f);
        Touch(sheet);
        var title = input.Kind == AppraisalFollowUpKind.Talk
            ? $"年度考核约谈：请于{input.ImprovementDeadline:yyyy年M月d日}前完成整改提升"
            : $"年度考核通报表扬：{round.Title}";
        await AssignToSubjectAsync(round, sheet, title, input.Kind == AppraisalFollowUpKind.Talk ? ResultService.DueAt(input.ImprovementDeadline!.Value) : null, ct,
            subjectType: nameof(AppraisalFollowUp));
        db.Audit($"appraisal.{input.Kind.ToString().ToLowerInvariant()}", SheetSubject, sheet.Id.ToString(), new { input.Date, input.ImprovementDeadline });
        await db.SaveChangesAsync(ct);
        return f;
    }

    /// <summary>The result list of a round (ranked), as the ranking table and the export show it.</summary>
    public async Task<IReadOnlyList<AppraisalSheetRow>> RankingAsync(long roundId, Caller caller, CancellationToken ct = default) =>
        (await DetailAsync(roundId, caller, ct)).Sheets;

    // ---- scope ----

    /// <summary>The rounds the caller may see: staff of the appraising region (and the regions above it), and subjects of the round.</summary>
    private IQueryable<AppraisalRound> Visible(Caller caller)
    {
        var regions = caller.Scope.RegionIds.ToList();
        var home = caller.Scope.HomeRegionId;
        var wide = caller.Has(Role.PerformanceSection) || caller.Has(Role.AuditOffice);
        var budget = caller.Has(Role.BudgetSection);
        var depts = caller.Has(Role.Department) ? caller.Scope.OrganizationIds.ToList() : [];
        var county = caller.Has(Role.PerformanceSection);
        return db.AppraisalRounds.Where(r =>
            (wide && regions.Contains(r.RegionId))
            || (budget && r.RegionId == home)
            || r.Sheets.Any(s => (s.SubjectKind == AppraisalSubjectKind.Department && r.RegionId == home && depts.Contains(s.SubjectId))
                                 || (county && s.SubjectKind == AppraisalSubjectKind.County && s.SubjectId == home)));
    }

    private static bool IsOrganiser(AppraisalRound r, Caller c) => c.Has(Role.PerformanceSection) && c.Scope.HomeRegionId == r.RegionId;

    /// <summary>Reads every sheet of the round: the appraising region's staff (performance section, budget section, auditors) and those above.</summary>
    private static bool IsStaffReader(AppraisalRound r, Caller c) =>
        ((c.Has(Role.PerformanceSection) || c.Has(Role.AuditOffice)) && c.Scope.CanSeeRegion(r.RegionId))
        || (c.Has(Role.BudgetSection) && c.Scope.HomeRegionId == r.RegionId);

    /// <summary>The subject itself: the department (role Department) of a department sheet, the county's performance section of its county's sheet.</summary>
    private static bool IsSubject(AppraisalRound r, AppraisalSubjectKind kind, long subjectId, Caller c) => kind switch
    {
        AppraisalSubjectKind.Department => c.Has(Role.Department) && r.RegionId == c.Scope.HomeRegionId && c.Scope.CanSeeOrganization(subjectId),
        AppraisalSubjectKind.County => c.Has(Role.PerformanceSection) && c.Scope.HomeRegionId == subjectId && r.RegionId != subjectId,
    };

    private static Role SubjectRole(AppraisalSheet s) => s.SubjectKind == AppraisalSubjectKind.Department ? Role.Department : Role.PerformanceSection;

    private async Task<(AppraisalSheet Sheet, AppraisalRound Round)> LoadSheetAsync(long sheetId, Caller caller, bool tracking, CancellationToken ct)
    {
        var q = db.AppraisalSheets.Include(s => s.Lines).ThenInclude(l => l.Attachments).Include(s => s.FollowUps).AsSplitQuery();
        if (!tracking) q = q.AsNoTracking();
        var sheet = await q.FirstOrDefaultAsync(s => s.Id == sheetId, ct) ?? throw new NotFoundException("考核表");
        var round = await db.AppraisalRounds.AsNoTracking().FirstAsync(r => r.Id == sheet.RoundId, ct);
        if (!IsStaffReader(round, caller) && !IsSubject(round, sheet.SubjectKind, sheet.SubjectId, caller)) throw new NotFoundException("考核表");
        return (sheet, round);
    }

    private async Task<(AppraisalSheet, AppraisalRound)> SubjectEditAsync(long sheetId, int version, Caller caller, CancellationToken ct)
    {
        var (sheet, round) = await LoadSheetAsync(sheetId, caller, tracking: true, ct);
        if (!IsSubject(round, sheet.SubjectKind, sheet.SubjectId, caller))
            throw new DomainException(sheet.SubjectKind == AppraisalSubjectKind.Department ? "考核表由被考核部门自评。" : "考核表由被考核县区财政部门绩效管理科自评。");
        if (round.State != AppraisalRoundState.Open) throw new DomainException("考核已定案，不能再修改。");
        db.ExpectVersion(sheet, version);
        return (sheet, round);
    }

    private async Task<(AppraisalSheet, AppraisalRound)> OrganiserEditAsync(long sheetId, int version, Caller caller, CancellationToken ct)
    {
        var (sheet, round) = await LoadSheetAsync(sheetId, caller, tracking: true, ct);
        if (!IsOrganiser(round, caller)) throw new DomainException("考核表由考核组织方绩效管理科复核。");
        if (round.State != AppraisalRoundState.Open) throw new DomainException("考核已定案，不能再修改。");
        db.ExpectVersion(sheet, version);
        return (sheet, round);
    }

    private async Task<AppraisalRound> OrganiserRoundAsync(long roundId, int version, Caller caller, CancellationToken ct)
    {
        var round = await db.AppraisalRounds.Include(r => r.Sheets).FirstOrDefaultAsync(r => r.Id == roundId, ct) ?? throw new NotFoundException("考核");
        if (!IsStaffReader(round, caller)) throw new NotFoundException("考核");
        if (!IsOrganiser(round, caller)) throw new DomainException("考核由本级财政部门绩效管理科定案和通报。");
        db.ExpectVersion(round, version);
        return round;
    }

    private async Task<AppraisalSheetView> ViewAsync(AppraisalSheet sheet, AppraisalRound round, Caller caller, CancellationToken ct)
    {
        var organiser = IsOrganiser(round, caller);
        var subject = IsSubject(round, sheet.SubjectKind, sheet.SubjectId, caller);
        var open = round.State == AppraisalRoundState.Open;
        var actions = AppraisalWorkflow.Sheet.ActionsFrom(sheet.State, caller.Roles)
            .Where(a => open && (a is AppraisalSheetAction.Return or AppraisalSheetAction.Review ? organiser : subject)).ToList();
        var canSelf = open && subject && sheet.State is AppraisalSheetState.Issued or AppraisalSheetState.SelfScoring or AppraisalSheetState.Returned;
        var canReview = open && organiser && sheet.State == AppraisalSheetState.Submitted;
        var canRemeasure = open && (organiser || subject) && sheet.State != AppraisalSheetState.Reviewed;
        var history = await HistoryAsync(SheetSubject, sheet.Id, ct);
        return new(sheet, round, actions, canSelf, canReview, organiser && !open, canRemeasure, history);
    }

    private async Task<List<WorkflowStep>> HistoryAsync(string type, long id, CancellationToken ct) =>
        await db.WorkflowSteps.AsNoTracking().Where(s => s.SubjectType == type && s.SubjectId == id.ToString()).OrderBy(s => s.At).ThenBy(s => s.Id)
            .ToListAsync(ct);

    /// <summary>A to-do for the subject: the department (role Department), or the county's performance section.</summary>
    private async Task AssignToSubjectAsync(AppraisalRound round, AppraisalSheet sheet, string title, DateTime? due, CancellationToken ct,
        string subjectType = SheetSubject)
    {
        if (sheet.SubjectKind == AppraisalSubjectKind.Department)
        {
            todos.Assign(new Todo(round.RegionId, round.FiscalYear, title, Link(sheet.Id), subjectType, sheet.Id.ToString(), db.Now, due, null, sheet.SubjectId,
                Role.Department));
            return;
        }
        var section = await db.Organizations.Where(o => o.RegionId == sheet.SubjectId && o.Kind == OrganizationKind.PerformanceSection)
            .Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);
        if (section is { } org)
            todos.Assign(new Todo(sheet.SubjectId, round.FiscalYear, title, Link(sheet.Id), subjectType, sheet.Id.ToString(), db.Now, due, null, org,
                Role.PerformanceSection));
    }

    /// <summary>Bumps the sheet's version when only its lines changed (a line change is a change of the sheet).</summary>
    private void Touch(AppraisalSheet sheet)
    {
        if (db.Entry(sheet).State == EntityState.Unchanged) db.Entry(sheet).Property(x => x.Version).IsModified = true;
    }

    public static string Link(long sheetId) => $"/Appraisals/Sheet?id={sheetId}";

    public static string RoundLink(long roundId) => $"/Appraisals/Round?id={roundId}";
}
