using Jixiao.Core.Attachments;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Jixiao.Core.ThirdParties;
using Jixiao.Core.Todos;
using Jixiao.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.PriorAssessments;

public sealed record PriorAssessmentFilter(int? FiscalYear = null, PriorAssessmentState? State = null, PriorConclusion? Conclusion = null,
    long? DepartmentId = null, string? Text = null);

public sealed record PriorAssessmentRow
{
    public long Id { get; init; }
    public long ProjectId { get; init; }
    public string ProjectCode { get; init; } = "";
    public string Title { get; init; } = "";
    public long UnitId { get; init; }
    public string UnitName { get; init; } = "";
    public long DepartmentId { get; init; }
    public string DepartmentName { get; init; } = "";
    public int FiscalYear { get; init; }
    public decimal TotalBudget { get; init; }
    public PriorAssessmentState State { get; init; }
    public AssessmentMethod? Method { get; init; }
    public decimal? TotalScore { get; init; }
    public PriorConclusion? Conclusion { get; init; }
    public DateTime? SubmittedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public int Version { get; init; }
}

/// <param name="Method">How the assessment is carried out.</param>
/// <param name="ExpertCount">How many experts to draw (default: the rule set's number).</param>
/// <param name="ExpertField">Draw only experts whose field contains this (e.g. 卫生), or the whole pool.</param>
/// <param name="AgencyId">The agency to engage.</param>
public sealed record OrganiseInput(AssessmentMethod Method, int? ExpertCount = null, string? ExpertField = null, long? AgencyId = null);

public sealed record DimensionInput(string Code, decimal Points, string? Comment = null);

/// <param name="Dimensions">Points and comment per dimension.</param>
/// <param name="Opinion">The scorer's overall opinion.</param>
/// <param name="Version">The sheet's version when correcting a submitted sheet.</param>
/// <param name="ScorerId">Only for the organiser entering the paper sheet of an expert who has no account (代录).</param>
public sealed record SheetInput(IReadOnlyList<DimensionInput> Dimensions, string Opinion, int? Version = null, long? ScorerId = null);

public sealed record ScoreView(string Code, string Name, decimal MaxPoints, decimal Points, string? Comment);

/// <summary>
/// One scorer as the caller may see it: before scoring closes, only the caller's own sheet carries points and
/// comments; the others show at most whether they have submitted.
/// </summary>
public sealed record ScorerView(long Id, int DrawOrder, string Label, string? Name, bool Submitted, DateTime? SubmittedAt,
    string? SubmittedByName, string? Opinion, IReadOnlyList<ScoreView>? Scores, bool IsMine, int Version);

public sealed record PriorAssessmentDetail(
    PriorAssessment Assessment, Project Project, string UnitName, string DepartmentName, string? OrganizerName, string? AgencyName,
    IReadOnlyList<PriorAssessmentAttachment> Attachments, IReadOnlyList<ScorerView> Scorers, IReadOnlyList<ScoredItem> Dimensions,
    PriorAssessmentResult? Result, string? RuleSetLabel, IReadOnlyList<PriorAssessmentAction> Actions, bool CanEdit, bool CanScore,
    bool CanRate, AgencyRating? Rating, GateStatus Gate, IReadOnlyList<WorkflowStep> History);

/// <summary>
/// Ex-ante assessments (Art. 14) through their workflow (<see cref="PriorAssessmentWorkflow"/>): the unit's request with its
/// materials; organisation by the performance section or the department (self-assessment, a recorded expert draw, or an
/// engaged agency that is neither blacklisted nor conflicted); isolated scoring sheets; the conclusion by the rule set;
/// confirmation of self-assessments and of the changes after 调整完善后支持; the commissioning party's rating of the agency.
/// </summary>
public sealed class PriorAssessmentService(JixiaoDbContext db, RuleSetService rules, TodoService todos, ThirdPartyService pools)
{
    public const string SubjectType = nameof(PriorAssessment);
    public const string ScorerSubjectType = nameof(PriorAssessmentScorer);

    private readonly Engagement _engagement = new(db);

    /// <summary>The largest material a unit may upload; configurable by the host.</summary>
    public long MaxAttachmentBytes { get; set; } = UploadCheck.DefaultMaxBytes;

    public async Task<Page<PriorAssessmentRow>> ListAsync(Caller caller, PriorAssessmentFilter f, int page, int pageSize, CancellationToken ct = default)
    {
        var q = Rows(await VisibleAsync(caller, ct));
        if (f.FiscalYear is { } y) q = q.Where(r => r.FiscalYear == y);
        if (f.State is { } s) q = q.Where(r => r.State == s);
        if (f.Conclusion is { } c) q = q.Where(r => r.Conclusion == c);
        if (f.DepartmentId is { } d) q = q.Where(r => r.DepartmentId == d);
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var t = f.Text.Trim();
            q = q.Where(r => r.Title.Contains(t) || r.ProjectCode.Contains(t) || r.UnitName.Contains(t));
        }
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new(items, total);
    }

    /// <summary>An assessment the caller may see (its scope, or an assignment of the expert or agency), else 404.</summary>
    public async Task<PriorAssessment> LoadAsync(long id, Caller caller, CancellationToken ct = default) =>
        await (await VisibleAsync(caller, ct)).FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("事前绩效评估");

    /// <summary>The projects of the caller's unit that need an assessment and may start one now (for the "start" page).</summary>
    public async Task<IReadOnlyList<Project>> StartableProjectsAsync(Caller caller, int fiscalYear, CancellationToken ct = default)
    {
        if (!caller.Has(Role.BudgetUnit) || caller.OrganizationId is not { } org) return [];
        var projects = await db.Projects.AsNoTracking().Where(p => p.OrganizationId == org && p.FiscalYear == fiscalYear
            && p.Kind != ProjectKind.OverallSpending && (p.IsNewMajor || p.IsRenewal)).OrderBy(p => p.Code).ToListAsync(ct);
        var gate = new PriorAssessmentGate(db);
        var result = new List<Project>();
        foreach (var p in projects)
            if (PriorAssessmentGateRules.MayStartNew((await gate.StatusAsync(p.Id, ct)).Status)) result.Add(p);
        return result;
    }

    /// <summary>The unit starts an assessment of its new major (or renewal) project.</summary>
    public async Task<PriorAssessment> StartAsync(long projectId, string? rationale, Caller caller, CancellationToken ct = default)
    {
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null || !caller.Scope.CanSeeOrganization(project.OrganizationId)) throw new NotFoundException("项目");
        if (!caller.Has(Role.BudgetUnit) || caller.OrganizationId != project.OrganizationId)
            throw new DomainException("事前绩效评估由申请资金的预算单位发起。");
        if (!project.NeedsPriorAssessment)
            throw new DomainException("只有新增重大政策和项目、到期申请续设的项目需要开展事前绩效评估；请先在项目信息中标明。");
        var (status, existing) = await new PriorAssessmentGate(db).StatusAsync(project.Id, ct);
        if (!PriorAssessmentGateRules.MayStartNew(status))
            throw new DomainException($"该项目已有事前绩效评估（第{existing}号，{status.ChineseName()}），不能重复发起。");
        var a = new PriorAssessment(project.Id, project.RegionId, project.FiscalYear, project.OrganizationId, project.DepartmentId, project.Name);
        a.EditDraft(rationale);
        db.PriorAssessments.Add(a);
        await db.SaveChangesAsync(ct);
        return a;
    }

    public async Task<PriorAssessment> EditDraftAsync(long id, int version, string? rationale, Caller caller, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, caller, ct);
        EnsureUnit(a, caller);
        db.ExpectVersion(a, version);
        a.EditDraft(rationale);
        Touch(a);
        await db.SaveChangesAsync(ct);
        return a;
    }

    public async Task<PriorAssessmentAttachment> AddAttachmentAsync(long id, AttachmentKind kind, string? fileName, byte[] data, Caller caller, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, caller, ct);
        EnsureUnit(a, caller);
        if (a.State != PriorAssessmentState.Draft) throw new DomainException("评估已提交，不能再上传材料；如需补充，请由组织方退回。");
        if (await db.PriorAssessmentAttachments.CountAsync(x => x.AssessmentId == id, ct) >= 30) throw new DomainException("每项评估最多上传30个材料。");
        var file = UploadCheck.Check(fileName, data, MaxAttachmentBytes);
        db.AttachmentContents.Add(new AttachmentContent(file.StoredName, file.Data));
        var attachment = new PriorAssessmentAttachment(a.Id, kind, file.DisplayName, file.StoredName, file.ContentType, file.Size, file.Sha256, db.Actor.Name, db.Now);
        db.PriorAssessmentAttachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        return attachment;
    }

    public async Task RemoveAttachmentAsync(long id, long attachmentId, Caller caller, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, caller, ct);
        EnsureUnit(a, caller);
        if (a.State != PriorAssessmentState.Draft) throw new DomainException("评估已提交，材料不能删除。");
        var attachment = await db.PriorAssessmentAttachments.FirstOrDefaultAsync(x => x.Id == attachmentId && x.AssessmentId == id, ct)
            ?? throw new NotFoundException("材料");
        db.PriorAssessmentAttachments.Remove(attachment);
        await db.SaveChangesAsync(ct);
        db.AttachmentContents.Remove(await db.AttachmentContents.FirstAsync(c => c.StoredName == attachment.StoredName, ct));
        await db.SaveChangesAsync(ct);
    }

    public async Task<(PriorAssessmentAttachment Attachment, byte[] Data)> DownloadAsync(long id, long attachmentId, Caller caller, CancellationToken ct = default)
    {
        await LoadAsync(id, caller, ct);
        var attachment = await db.PriorAssessmentAttachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId && x.AssessmentId == id, ct)
            ?? throw new NotFoundException("材料");
        var data = await db.AttachmentContents.AsNoTracking().Where(c => c.StoredName == attachment.StoredName).Select(c => c.Data).FirstAsync(ct);
        return (attachment, data);
    }

    public async Task<PriorAssessment> SubmitAsync(long id, int version, Caller caller, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, caller, ct);
        EnsureUnit(a, caller);
        db.ExpectVersion(a, version);
        var t = PriorAssessmentWorkflow.Machine.Check(a.State, PriorAssessmentAction.Submit, caller.Roles, null);
        var kinds = await db.PriorAssessmentAttachments.Where(x => x.AssessmentId == id).Select(x => x.Kind).Distinct().ToListAsync(ct);
        var missing = new[] { AttachmentKind.FeasibilityStudy, AttachmentKind.BudgetEstimate, AttachmentKind.ImplementationPlan }.Except(kinds).ToList();
        var problems = new List<string>();
        if (a.Rationale is null) problems.Add("填写立项依据与必要性说明");
        if (missing.Count > 0) problems.Add("上传" + string.Join("、", missing.Select(k => k.ChineseName())));
        if (problems.Count > 0) throw new DomainException($"申报材料不全，请{string.Join("，并", problems)}后再提交。");
        a.Submitted(db.Now);
        Record(a, t, caller, null);
        var section = await PerformanceSectionOfAsync(a.RegionId, ct);
        Remind(a, $"组织事前绩效评估：{a.Title}", section ?? a.DepartmentId, section is null ? Role.Department : Role.PerformanceSection);
        await db.SaveChangesAsync(ct);
        return a;
    }

    public async Task<PriorAssessment> ReturnAsync(long id, int version, string reason, Caller caller, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, caller, ct);
        EnsureOrganiserSide(a, caller);
        db.ExpectVersion(a, version);
        var t = PriorAssessmentWorkflow.Machine.Check(a.State, PriorAssessmentAction.Return, caller.Roles, reason);
        a.Returned(reason.Trim());
        Record(a, t, caller, reason);
        Remind(a, $"补充事前绩效评估材料：{a.Title}", a.OrganizationId, Role.BudgetUnit);
        await db.SaveChangesAsync(ct);
        return a;
    }

    /// <summary>Organises the assessment: self-assessment, a recorded random draw of experts, or an engaged agency.</summary>
    public async Task<PriorAssessment> OrganiseAsync(long id, int version, OrganiseInput input, Caller caller, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, caller, ct);
        EnsureOrganiserSide(a, caller);
        db.ExpectVersion(a, version);
        var t = PriorAssessmentWorkflow.Machine.Check(a.State, PriorAssessmentAction.Organise, caller.Roles, null);
        var organiser = caller.OrganizationId ?? throw new DomainException("组织方须属于某一机构。");
        var excluded = await _engagement.ExcludedOrganizationsAsync([a.OrganizationId, a.DepartmentId], ct);
        // The organiser's earlier to-do ("organise") is done whatever the method; the scorers' to-dos follow.
        await todos.CompleteFor(SubjectType, a.Id.ToString(), ct);
        string comment;
        switch (input.Method)
        {
            case AssessmentMethod.SelfAssessment:
                a.Organised(AssessmentMethod.SelfAssessment, organiser, db.Now, null, null);
                db.PriorAssessmentScorers.Add(PriorAssessmentScorer.ForUnit(a.Id, a.OrganizationId));
                Remind(a, $"事前绩效评估自评打分：{a.Title}", a.OrganizationId, Role.BudgetUnit, subject: (ScorerSubjectType, ScorerKey(a, 1)));
                comment = "单位自评（结论须经组织方确认）";
                break;
            case AssessmentMethod.Experts:
                var rule = (await rules.ResolveAsync(a.RegionId, a.FiscalYear, ct)).Content.PriorAssessment;
                var count = input.ExpertCount ?? rule.DefaultExpertCount;
                var (draw, record) = await _engagement.DrawAsync(a.RegionId, count, input.ExpertField, excluded, ct);
                a.Organised(AssessmentMethod.Experts, organiser, db.Now, record, null);
                var users = await db.Experts.AsNoTracking().Where(e => draw.Drawn.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.UserId, ct);
                for (var i = 0; i < draw.Drawn.Count; i++)
                {
                    var scorer = PriorAssessmentScorer.ForExpert(a.Id, i + 1, draw.Drawn[i]);
                    db.PriorAssessmentScorers.Add(scorer);
                    if (users[draw.Drawn[i]] is { } userId)
                        Remind(a, $"事前绩效评估评审打分：{a.Title}", null, null, userId: userId, subject: (ScorerSubjectType, ScorerKey(a, i + 1)));
                }
                comment = Engagement.DrawComment(record);
                break;
            case AssessmentMethod.ThirdParty:
                if (input.AgencyId is not { } agencyId) throw new DomainException("请选择受托的第三方机构。");
                var agency = await pools.AgencyAsync(agencyId, caller, ct);
                Engagement.EnsureEngageable(agency, excluded);
                a.Organised(AssessmentMethod.ThirdParty, organiser, db.Now, null, agency.Id);
                db.PriorAssessmentScorers.Add(PriorAssessmentScorer.ForAgency(a.Id, agency.Id));
                Remind(a, $"受托开展事前绩效评估：{a.Title}", agency.OrganizationId, Role.ThirdPartyAgency, subject: (ScorerSubjectType, ScorerKey(a, 1)));
                comment = await _engagement.EngagementCommentAsync(agency, ct);
                break;
            default:
                throw new DomainException("评估方式无效。");
        }
        Record(a, t, caller, comment);
        await db.SaveChangesAsync(ct);
        return a;
    }

    /// <summary>Re-runs the recorded draw and tells whether it gives the experts that were assigned.</summary>
    public async Task<bool> VerifyDrawAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, caller, ct);
        if (a.Method != AssessmentMethod.Experts || a.DrawSeed is not { } seed || a.ExpertCount is not { } count) throw new DomainException("该评估不是随机抽取专家方式。");
        var assigned = await db.PriorAssessmentScorers.Where(s => s.AssessmentId == id).OrderBy(s => s.DrawOrder).Select(s => s.ExpertId!.Value).ToListAsync(ct);
        return Engagement.DrawReproduces(a.DrawEligibleIds, count, seed, assigned);
    }

    /// <summary>
    /// The caller fills in (or corrects, until scoring closes) their own sheet; or the organiser enters the paper sheet of
    /// a drawn expert who has no account (recorded as 代录 by whom).
    /// </summary>
    public async Task<PriorAssessmentScorer> ScoreAsync(long id, SheetInput input, Caller caller, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, caller, ct);
        if (a.State != PriorAssessmentState.Scoring) throw new DomainException($"评估当前为“{PriorAssessmentWorkflow.ChineseName(a.State)}”，不能评分。");
        var me = await IdentityOfAsync(caller, ct);
        var scorers = await db.PriorAssessmentScorers.Include(s => s.Scores).Where(s => s.AssessmentId == id).ToListAsync(ct);
        PriorAssessmentScorer mine;
        var byName = db.Actor.Name;
        if (input.ScorerId is { } scorerId)
        {
            mine = scorers.FirstOrDefault(s => s.Id == scorerId) ?? throw new NotFoundException("评分人");
            if (!IsOrganiser(a, caller) || !await _engagement.MayEnterPaperSheetAsync(mine.ExpertId, ct))
                throw new DomainException("只有组织方可以代录评分，且只能代录未开通系统账号的专家的纸质评分表。");
            byName = $"{db.Actor.Name}（代录）";
        }
        else
        {
            mine = scorers.FirstOrDefault(s => IsMine(s, me, caller)) ?? throw new DomainException("您不是本项评估的评分人。");
        }
        if (input.Version is { } v) db.ExpectVersion(mine, v);
        else if (mine.SubmittedAt is not null) throw new ConcurrencyConflictException("请基于已提交的评分修改（缺少版本号）。");
        var rule = (await rules.ResolveAsync(a.RegionId, a.FiscalYear, ct)).Content.PriorAssessment;
        PriorAssessmentScoring.Validate(input.Dimensions.Select(d => new DimensionPoints(d.Code, d.Points)).ToList(), rule);
        var noComment = rule.Dimensions.Where(d => string.IsNullOrWhiteSpace(input.Dimensions.First(x => x.Code == d.Code).Comment)).ToList();
        if (noComment.Count > 0) throw new DomainException($"请填写“{string.Join("”“", noComment.Select(d => d.Name))}”的评分说明。");
        mine.Score(input.Dimensions.Select(d => new PriorAssessmentScore(d.Code, d.Points, d.Comment)), input.Opinion, byName, db.Now);
        Touch(mine);
        db.Audit("prior.score", ScorerSubjectType, mine.Id.ToString(), new { assessment = a.Id, total = input.Dimensions.Sum(d => d.Points) });
        await todos.CompleteFor(ScorerSubjectType, ScorerKey(a, mine.DrawOrder), ct);
        var allIn = scorers.All(s => s.SubmittedAt is not null);
        if (allIn && !await db.Todos.AnyAsync(t => t.SubjectType == SubjectType && t.SubjectId == a.Id.ToString() && t.CompletedAt == null && t.AssigneeOrganizationId == a.OrganizerOrganizationId, ct))
            Remind(a, $"事前绩效评估评分已齐，待结束评分：{a.Title}", a.OrganizerOrganizationId, null);
        await db.SaveChangesAsync(ct);
        return mine;
    }

    /// <summary>The organiser closes scoring: every sheet in, the conclusion by the rule set in force, pinned.</summary>
    public async Task<PriorAssessment> CloseAsync(long id, int version, string opinion, string? requiredChanges, Caller caller, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, caller, ct);
        EnsureOrganiser(a, caller);
        db.ExpectVersion(a, version);
        var t = PriorAssessmentWorkflow.Machine.Check(a.State, PriorAssessmentAction.CloseScoring, caller.Roles, null);
        opinion = opinion?.Trim() ?? "";
        if (opinion.Length is 0 or > 4000) throw new DomainException("请填写综合评估意见（不超过4000字）。");
        var scorers = await db.PriorAssessmentScorers.AsNoTracking().Include(s => s.Scores).Where(s => s.AssessmentId == id).ToListAsync(ct);
        var waiting = scorers.Count(s => s.SubmittedAt is null);
        if (waiting > 0) throw new DomainException($"尚有{waiting}位评分人未提交评分，不能结束评分。");
        var ruleSet = await rules.EnsureAsync(a.RegionId, a.FiscalYear, ct);
        var result = PriorAssessmentScoring.Score(Sheets(scorers), ruleSet.Content.PriorAssessment);
        requiredChanges = string.IsNullOrWhiteSpace(requiredChanges) ? null : requiredChanges.Trim();
        if (result.Conclusion == PriorConclusion.SupportAfterRevision && requiredChanges is null)
            throw new DomainException($"评估总分{result.Total:0.##}分，结论为“调整完善后支持”：请写明需要调整完善的内容。");
        if (requiredChanges?.Length > 4000) throw new DomainException("调整完善要求不超过4000字。");
        a.Closed(ruleSet.Id, result, opinion, result.Conclusion == PriorConclusion.SupportAfterRevision ? requiredChanges : null, db.Now);
        Record(a, t, caller, $"总分 {result.Total:0.##}，{PriorAssessmentScoring.Text(result.Conclusion)}");
        await todos.CompleteFor(SubjectType, a.Id.ToString(), ct);
        if (a.Method == AssessmentMethod.SelfAssessment && result.Conclusion != PriorConclusion.NotSupported)
            Remind(a, $"确认事前绩效评估自评结论：{a.Title}", a.OrganizerOrganizationId, null);
        else if (result.Conclusion == PriorConclusion.SupportAfterRevision)
            Remind(a, $"按事前绩效评估意见调整完善：{a.Title}", a.OrganizationId, Role.BudgetUnit);
        if (a.Method == AssessmentMethod.ThirdParty)
            Remind(a, $"评价第三方机构工作质量：{a.Title}", a.OrganizerOrganizationId, null, subject: (nameof(AgencyRating), a.Id.ToString()));
        await db.SaveChangesAsync(ct);
        return a;
    }

    public async Task<PriorAssessment> ConfirmConclusionAsync(long id, int version, string? comment, Caller caller, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, caller, ct);
        EnsureOrganiser(a, caller);
        db.ExpectVersion(a, version);
        var t = PriorAssessmentWorkflow.Machine.Check(a.State, PriorAssessmentAction.ConfirmConclusion, caller.Roles, null);
        if (a.Method != AssessmentMethod.SelfAssessment) throw new DomainException("只有单位自评的结论需要确认；专家评审和第三方评估的结论在结束评分时即已确定。");
        if (a.ConclusionConfirmedAt is not null) throw new DomainException("该自评结论已经确认。");
        if (a.Conclusion == PriorConclusion.NotSupported) throw new DomainException("结论为“不予支持”，无需确认。");
        a.ConclusionConfirmed(db.Now);
        Record(a, t, caller, comment);
        await todos.CompleteFor(SubjectType, a.Id.ToString(), ct);
        if (a.Conclusion == PriorConclusion.SupportAfterRevision)
            Remind(a, $"按事前绩效评估意见调整完善：{a.Title}", a.OrganizationId, Role.BudgetUnit);
        await db.SaveChangesAsync(ct);
        return a;
    }

    public async Task<PriorAssessment> ReportChangesAsync(long id, int version, string report, Caller caller, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, caller, ct);
        EnsureUnit(a, caller);
        db.ExpectVersion(a, version);
        var t = PriorAssessmentWorkflow.Machine.Check(a.State, PriorAssessmentAction.ReportChanges, caller.Roles, report);
        if (a.Conclusion != PriorConclusion.SupportAfterRevision) throw new DomainException("只有结论为“调整完善后支持”的评估需要报告调整完善情况。");
        if (a.Method == AssessmentMethod.SelfAssessment && a.ConclusionConfirmedAt is null) throw new DomainException("自评结论尚待组织方确认。");
        if (a.ChangesConfirmedAt is not null) throw new DomainException("调整完善情况已经确认。");
        if (report.Trim().Length > 4000) throw new DomainException("调整完善情况不超过4000字。");
        a.ChangesReported(report.Trim(), db.Now);
        Record(a, t, caller, report);
        await todos.CompleteFor(SubjectType, a.Id.ToString(), ct);
        Remind(a, $"确认调整完善情况：{a.Title}", a.OrganizerOrganizationId, null);
        await db.SaveChangesAsync(ct);
        return a;
    }

    public async Task<PriorAssessment> ConfirmChangesAsync(long id, int version, string? comment, Caller caller, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, caller, ct);
        EnsureOrganiser(a, caller);
        db.ExpectVersion(a, version);
        var t = PriorAssessmentWorkflow.Machine.Check(a.State, PriorAssessmentAction.ConfirmChanges, caller.Roles, null);
        if (a.ChangesReportedAt is null) throw new DomainException("单位尚未报告调整完善情况。");
        if (a.ChangesConfirmedAt is not null) throw new DomainException("调整完善情况已经确认。");
        a.ChangesConfirmed(db.Now);
        Record(a, t, caller, comment);
        await todos.CompleteFor(SubjectType, a.Id.ToString(), ct);
        await db.SaveChangesAsync(ct);
        return a;
    }

    /// <summary>The commissioning party rates the agency's work on this engagement (once).</summary>
    public async Task<AgencyRating> RateAgencyAsync(long id, decimal score, string remarks, Caller caller, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, caller, ct);
        if (a.Method != AssessmentMethod.ThirdParty || a.AgencyId is not { } agencyId) throw new DomainException("该评估未委托第三方机构。");
        if (a.State != PriorAssessmentState.Closed) throw new DomainException("评估结束后才能评价第三方机构的工作质量。");
        if (caller.OrganizationId != a.OrganizerOrganizationId) throw new DomainException("第三方机构的工作质量由委托方评价。");
        if (await db.AgencyRatings.AnyAsync(r => r.SubjectType == SubjectType && r.SubjectId == a.Id.ToString(), ct))
            throw new DomainException("本次委托已经评价过第三方机构。");
        var rating = new AgencyRating(agencyId, SubjectType, a.Id.ToString(), a.OrganizerOrganizationId!.Value, db.Actor.Name, score, remarks, db.Now);
        db.AgencyRatings.Add(rating);
        await todos.CompleteFor(nameof(AgencyRating), a.Id.ToString(), ct);
        await db.SaveChangesAsync(ct);
        return rating;
    }

    public async Task<PriorAssessmentDetail> DetailAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, caller, ct);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == a.ProjectId, ct);
        var names = await db.Organizations.AsNoTracking()
            .Where(o => o.Id == a.OrganizationId || o.Id == a.DepartmentId || o.Id == a.OrganizerOrganizationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var agencyName = a.AgencyId is { } ag
            ? await (from x in db.Agencies join o in db.Organizations on x.OrganizationId equals o.Id where x.Id == ag select o.Name).FirstAsync(ct)
            : null;
        // Kinds are stored by name: sort in memory by the enum's order (可研, 测算, 方案, 其他).
        var attachments = (await db.PriorAssessmentAttachments.AsNoTracking().Where(x => x.AssessmentId == id).ToListAsync(ct))
            .OrderBy(x => x.Kind).ThenBy(x => x.Id).ToList();
        RuleSetContent content;
        string? ruleLabel = null;
        if (a.RuleSetId is { } rsId)
        {
            var rs = await db.RuleSets.AsNoTracking().FirstAsync(r => r.Id == rsId, ct);
            content = rs.Content;
            ruleLabel = $"{rs.FiscalYear}年度规则第{rs.VersionNo}版";
        }
        else
        {
            content = (await rules.ResolveAsync(a.RegionId, a.FiscalYear, ct)).Content;
        }
        var dims = content.PriorAssessment.Dimensions;
        var scorerRows = await db.PriorAssessmentScorers.AsNoTracking().Include(s => s.Scores).Where(s => s.AssessmentId == id).OrderBy(s => s.DrawOrder).ToListAsync(ct);
        var me = await IdentityOfAsync(caller, ct);
        var seesNames = caller.Roles.Has(Permission.ViewThirdParties);
        var expertNames = await db.Experts.AsNoTracking().Where(e => scorerRows.Select(s => s.ExpertId).Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var closed = a.State == PriorAssessmentState.Closed;
        var scorers = scorerRows.Select(s =>
        {
            var mine = IsMine(s, me, caller);
            var (label, name) = s.ExpertId is { } e ? ($"专家{s.DrawOrder}", seesNames || mine ? expertNames[e] : null)
                : s.AgencyId is not null ? ("第三方机构", agencyName) : ("单位自评", names.GetValueOrDefault(a.OrganizationId));
            var open = closed || mine;
            return new ScorerView(s.Id, s.DrawOrder, label, name, s.SubmittedAt is not null, s.SubmittedAt, open ? s.SubmittedByName : null,
                open ? s.Opinion : null, open && s.SubmittedAt is not null ? dims.Select(d => s.Scores.FirstOrDefault(x => x.DimensionCode == d.Code) is { } x
                    ? new ScoreView(d.Code, d.Name, d.Points, x.Points, x.Comment) : new ScoreView(d.Code, d.Name, d.Points, 0m, null)).ToList() : null,
                mine, s.Version);
        }).ToList();
        var result = closed && scorerRows.Count > 0 ? PriorAssessmentScoring.Score(Sheets(scorerRows), content.PriorAssessment) : null;
        var actions = PriorAssessmentWorkflow.Machine.ActionsFrom(a.State, caller.Roles).Where(x => MayTake(a, x, caller)).ToList();
        var rating = await db.AgencyRatings.AsNoTracking().FirstOrDefaultAsync(r => r.SubjectType == SubjectType && r.SubjectId == a.Id.ToString(), ct);
        var gate = (await new PriorAssessmentGate(db).StatusAsync(a.ProjectId, ct)).Status;
        var history = await db.WorkflowSteps.AsNoTracking().Where(s => s.SubjectType == SubjectType && s.SubjectId == a.Id.ToString())
            .OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);
        var canEdit = a.State == PriorAssessmentState.Draft && caller.Has(Role.BudgetUnit) && caller.OrganizationId == a.OrganizationId;
        var canScore = a.State == PriorAssessmentState.Scoring && scorers.Any(s => s.IsMine);
        var canRate = closed && a.Method == AssessmentMethod.ThirdParty && rating is null && caller.OrganizationId == a.OrganizerOrganizationId;
        return new(a, project, names.GetValueOrDefault(a.OrganizationId, ""), names.GetValueOrDefault(a.DepartmentId, ""),
            a.OrganizerOrganizationId is { } og ? names.GetValueOrDefault(og) : null, agencyName, attachments, scorers, dims, result, ruleLabel,
            actions, canEdit, canScore, canRate, rating, gate, history);
    }

    /// <summary>Whether the caller may take a declared action on this assessment, beyond its role (for the buttons).</summary>
    private static bool MayTake(PriorAssessment a, PriorAssessmentAction action, Caller c) => action switch
    {
        PriorAssessmentAction.Submit => c.OrganizationId == a.OrganizationId,
        PriorAssessmentAction.Return or PriorAssessmentAction.Organise => IsOrganiserSide(a, c),
        PriorAssessmentAction.CloseScoring => IsOrganiser(a, c),
        PriorAssessmentAction.ConfirmConclusion => IsOrganiser(a, c) && a.Method == AssessmentMethod.SelfAssessment
            && a.ConclusionConfirmedAt is null && a.Conclusion != PriorConclusion.NotSupported,
        PriorAssessmentAction.ReportChanges => c.OrganizationId == a.OrganizationId && a.Conclusion == PriorConclusion.SupportAfterRevision
            && a.ChangesConfirmedAt is null && (a.Method != AssessmentMethod.SelfAssessment || a.ConclusionConfirmedAt is not null),
        PriorAssessmentAction.ConfirmChanges => IsOrganiser(a, c) && a.ChangesReportedAt is not null && a.ChangesConfirmedAt is null,
    };

    private static bool IsOrganiserSide(PriorAssessment a, Caller c) =>
        c.Has(Role.PerformanceSection) || (c.Has(Role.Department) && c.OrganizationId == a.DepartmentId);

    private static bool IsOrganiser(PriorAssessment a, Caller c) =>
        c.Has(Role.PerformanceSection) || (c.Has(Role.Department) && c.OrganizationId == a.OrganizerOrganizationId);

    private static void EnsureOrganiserSide(PriorAssessment a, Caller c)
    {
        if (!IsOrganiserSide(a, c)) throw new DomainException("事前绩效评估由财政部门绩效管理科组织，部门可组织本部门所属单位的评估。");
    }

    private static void EnsureOrganiser(PriorAssessment a, Caller c)
    {
        if (!IsOrganiser(a, c)) throw new DomainException("只有本次评估的组织方（或财政部门绩效管理科）可以办理。");
    }

    private static void EnsureUnit(PriorAssessment a, Caller c)
    {
        if (!c.Has(Role.BudgetUnit) || c.OrganizationId != a.OrganizationId) throw new DomainException("只有申请资金的预算单位可以办理。");
    }

    private static IReadOnlyList<IReadOnlyList<DimensionPoints>> Sheets(IEnumerable<PriorAssessmentScorer> scorers) =>
        scorers.Select(s => (IReadOnlyList<DimensionPoints>)s.Scores.Select(x => new DimensionPoints(x.DimensionCode, x.Points)).ToList()).ToList();

    private Task<ScorerIdentity> IdentityOfAsync(Caller c, CancellationToken ct) => _engagement.IdentityOfAsync(c, ct);

    private static bool IsMine(PriorAssessmentScorer s, ScorerIdentity me, Caller c) =>
        (s.ExpertId is not null && s.ExpertId == me.ExpertId)
        || (s.AgencyId is not null && s.AgencyId == me.AgencyId)
        || (s.UnitOrganizationId is not null && c.Has(Role.BudgetUnit) && s.UnitOrganizationId == c.OrganizationId);

    /// <summary>What the caller may see: assessments of organisations in scope, and an expert's or agency's own assignments.</summary>
    private async Task<IQueryable<PriorAssessment>> VisibleAsync(Caller c, CancellationToken ct)
    {
        var me = await IdentityOfAsync(c, ct);
        var orgs = c.Roles.Any(r => r is Role.Expert or Role.ThirdPartyAgency) ? [] : c.Scope.OrganizationIds.ToList();
        var expert = me.ExpertId ?? -1;
        var agency = me.AgencyId ?? -1;
        return db.PriorAssessments.Where(a => orgs.Contains(a.OrganizationId)
            || db.PriorAssessmentScorers.Any(s => s.AssessmentId == a.Id && (s.ExpertId == expert || s.AgencyId == agency)));
    }

    private IQueryable<PriorAssessmentRow> Rows(IQueryable<PriorAssessment> visible) =>
        from a in visible.AsNoTracking()
        join p in db.Projects on a.ProjectId equals p.Id
        join u in db.Organizations on a.OrganizationId equals u.Id
        join d in db.Organizations on a.DepartmentId equals d.Id
        select new PriorAssessmentRow
        {
            Id = a.Id,
            ProjectId = p.Id,
            ProjectCode = p.Code,
            Title = a.Title,
            UnitId = u.Id,
            UnitName = u.Name,
            DepartmentId = d.Id,
            DepartmentName = d.Name,
            FiscalYear = a.FiscalYear,
            TotalBudget = p.TotalBudget,
            State = a.State,
            Method = a.Method,
            TotalScore = a.TotalScore,
            Conclusion = a.Conclusion,
            SubmittedAt = a.SubmittedAt,
            ClosedAt = a.ClosedAt,
            Version = a.Version,
        };

    private Task<long?> PerformanceSectionOfAsync(long regionId, CancellationToken ct) =>
        db.Organizations.Where(o => o.RegionId == regionId && o.Kind == OrganizationKind.PerformanceSection).Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);

    private void Record(PriorAssessment a, Transition<PriorAssessmentState, PriorAssessmentAction> t, Caller caller, string? comment) =>
        WorkflowRecorder.Record(db, SubjectType, a.Id.ToString(), t, caller.Roles.First(t.Roles.Contains), comment);

    private void Touch(object entity)
    {
        var entry = db.Entry(entity);
        if (entry.State == EntityState.Unchanged) entry.Property(nameof(IVersioned.Version)).IsModified = true;
    }

    private static string Link(PriorAssessment a) => $"/PriorAssessments/Details?id={a.Id}";

    /// <summary>Puts the next step on someone's to-do list: an organisation (and role), or one user.</summary>
    private void Remind(PriorAssessment a, string title, long? organizationId, Role? role, long? userId = null, (string Type, string Id)? subject = null) =>
        todos.Assign(new Todo(a.RegionId, a.FiscalYear, title, Link(a), subject?.Type ?? SubjectType, subject?.Id ?? a.Id.ToString(), db.Now, null, userId,
            userId is null ? organizationId : null, userId is null ? role : null));

    private static string ScorerKey(PriorAssessment a, int drawOrder) => $"{a.Id}-{drawOrder}";
}
