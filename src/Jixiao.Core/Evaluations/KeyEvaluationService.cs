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

namespace Jixiao.Core.Evaluations;

public sealed record KeyEvaluationFilter(int? FiscalYear = null, long? DepartmentId = null, Grade? Grade = null, KeyEvaluationState? State = null, string? Text = null);

public sealed record KeyEvaluationRow
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public KeyEvaluationSubjectKind SubjectKind { get; init; }
    public int FiscalYear { get; init; }
    public long DepartmentId { get; init; }
    public string DepartmentName { get; init; } = "";
    public KeyEvaluationState State { get; init; }
    public KeyEvaluationMethod? Method { get; init; }
    public decimal? TotalScore { get; init; }
    public Grade? Grade { get; init; }
    public DateOnly? ScoringDeadline { get; init; }
    public DateTime? CompletedAt { get; init; }
    public int Version { get; init; }
}

/// <summary>One evaluation as the cross-type evaluation list joins it (type "Key").</summary>
public sealed record EvaluationSummaryRow(long Id, string Type, int FiscalYear, long DepartmentId, string DepartmentName, string SubjectName,
    decimal? Score, Grade? Grade, string State, string StateName);

/// <param name="SubjectKind">Projects, Policy or DepartmentOverall.</param>
/// <param name="ProjectIds">The projects (one department's), or the one policy.</param>
/// <param name="DepartmentId">For DepartmentOverall: the department.</param>
/// <param name="FiscalYear">The year evaluated (the projects' year; default the caller's selected year).</param>
/// <param name="Title">Default: from the subject.</param>
/// <param name="Background">基本情况.</param>
/// <param name="ScoringDeadline">Experts score by this day.</param>
/// <param name="ReportDeadline">The report is due on this day.</param>
public sealed record KeyEvaluationInput(KeyEvaluationSubjectKind SubjectKind, IReadOnlyList<long>? ProjectIds = null, long? DepartmentId = null,
    int? FiscalYear = null, string? Title = null, string? Background = null, DateOnly? ScoringDeadline = null, DateOnly? ReportDeadline = null);

public sealed record FrameworkRowInput(string Level1, string Level2, string Name, decimal Weight, string? Standard = null);

/// <param name="Method">Experts (drawn at random) or Agency.</param>
/// <param name="ExpertCount">Default: the rule set's number.</param>
/// <param name="ExpertField">Draw only experts whose field contains this.</param>
/// <param name="AgencyId">The agency to engage.</param>
public sealed record KeyAssignInput(KeyEvaluationMethod Method, int? ExpertCount = null, string? ExpertField = null, long? AgencyId = null);

public sealed record KeyScoreInput(long IndicatorId, decimal Points, string? Comment = null);

/// <param name="Scores">Points and comment (required) per indicator.</param>
/// <param name="Opinion">The scorer's overall opinion (optional).</param>
/// <param name="Version">The sheet's version when correcting a submitted sheet.</param>
/// <param name="ScorerId">Only for the organiser entering the paper sheet of an expert without an account (代录).</param>
public sealed record KeySheetInput(IReadOnlyList<KeyScoreInput> Scores, string? Opinion = null, int? Version = null, long? ScorerId = null);

public sealed record KeyConclusionsInput(string? Conclusions, string? Experience, string? Problems, string? Suggestions, string? OtherNotes);

public sealed record KeySubjectOption(long Id, string Code, string Name, ProjectKind Kind, long DepartmentId, string DepartmentName, string UnitName, decimal TotalBudget);

public sealed record KeySubjectView(long ProjectId, string Code, string Name, string UnitName, decimal TotalBudget);

public sealed record KeyIndicatorView(long Id, int Order, string Level1, string Level1Name, string Level2, string Name, decimal Weight, string? Standard,
    decimal? Score, string? Explanation);

public sealed record KeyScoreView(long IndicatorId, decimal Points, string Comment);

/// <summary>One scorer as the caller may see it: before scoring closes only the caller's own sheet carries points and comments.</summary>
public sealed record KeyScorerView(long Id, int DrawOrder, string Label, string? Name, bool HasAccount, bool Submitted, DateTime? SubmittedAt,
    string? SubmittedByName, string? Opinion, IReadOnlyList<KeyScoreView>? Scores, bool IsMine, int Version);

public sealed record KeyEvaluationDetail(KeyEvaluation Evaluation, string DepartmentName, string OrganizerName, string? AgencyName,
    IReadOnlyList<KeySubjectView> Subjects, IReadOnlyList<KeyIndicatorView> Indicators, IReadOnlyList<Level1Result>? Groups, IReadOnlyList<KeyScorerView> Scorers,
    string? RuleSetLabel, decimal OutputPlusBenefitMinimum, IReadOnlyList<string> FrameworkProblems, IReadOnlyList<KeyEvaluationAction> Actions,
    bool IsOrganiser, bool CanEditFramework, bool CanScore, bool CanWriteConclusions, bool CanRate, AgencyRating? Rating, IReadOnlyList<WorkflowStep> History);

/// <summary>
/// Key evaluations (重点评价, RULES §4) through <see cref="KeyEvaluationWorkflow"/>. Scope: the performance section of the region
/// organises (its region and the regions below see them); a drawn expert or an engaged agency sees only its own assignments and,
/// until scoring closes, only its own sheet; the evaluated department and units see the completed result; everyone else gets 404.
/// </summary>
public sealed class KeyEvaluationService(JixiaoDbContext db, RuleSetService rules, TodoService todos, ThirdPartyService pools)
{
    public const string SubjectType = nameof(KeyEvaluation);
    public const string ScorerSubjectType = nameof(KeyEvaluationScorer);

    /// <summary>The organiser's to-do of entering paper sheets (代录).</summary>
    public const string PaperSubjectType = "KeyEvaluationPaperSheets";

    private readonly Engagement _engagement = new(db);

    public async Task<Page<KeyEvaluationRow>> ListAsync(Caller caller, KeyEvaluationFilter f, int page, int pageSize, CancellationToken ct = default)
    {
        var q = Rows(await VisibleAsync(caller, ct));
        if (f.FiscalYear is { } y) q = q.Where(r => r.FiscalYear == y);
        if (f.DepartmentId is { } d) q = q.Where(r => r.DepartmentId == d);
        if (f.Grade is { } g) q = q.Where(r => r.Grade == g);
        if (f.State is { } s) q = q.Where(r => r.State == s);
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var t = f.Text.Trim();
            q = q.Where(r => r.Title.Contains(t) || r.DepartmentName.Contains(t));
        }
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new(items, total);
    }

    /// <summary>The caller's key evaluations as rows of the cross-type evaluation list (type "Key").</summary>
    public async Task<IReadOnlyList<EvaluationSummaryRow>> SummaryRowsAsync(Caller caller, int? fiscalYear, CancellationToken ct = default)
    {
        var q = Rows(await VisibleAsync(caller, ct));
        if (fiscalYear is { } y) q = q.Where(r => r.FiscalYear == y);
        return (await q.OrderBy(r => r.Id).ToListAsync(ct)).Select(r => new EvaluationSummaryRow(r.Id, "Key", r.FiscalYear, r.DepartmentId, r.DepartmentName,
            r.Title, r.TotalScore, r.Grade, r.State.ToString(), KeyEvaluationWorkflow.ChineseName(r.State))).ToList();
    }

    /// <summary>An evaluation the caller may see, else 404.</summary>
    public async Task<KeyEvaluation> LoadAsync(long id, Caller caller, CancellationToken ct = default) =>
        await (await VisibleAsync(caller, ct)).FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("重点评价");

    /// <summary>The performance section starts a key evaluation of projects, a policy or a department's whole spending, with the rule set's reference framework.</summary>
    public async Task<KeyEvaluation> CreateAsync(KeyEvaluationInput input, int defaultYear, Caller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Role.PerformanceSection) || caller.OrganizationId is not { } organiser)
            throw new DomainException("重点评价由财政部门绩效管理科组织。");
        var regionId = await db.Organizations.Where(o => o.Id == organiser).Select(o => o.RegionId).FirstAsync(ct);
        var ids = (input.ProjectIds ?? []).Distinct().ToList();
        long departmentId;
        int year;
        string title;
        var projects = new List<Project>();
        switch (input.SubjectKind)
        {
            case KeyEvaluationSubjectKind.Projects:
            case KeyEvaluationSubjectKind.Policy:
                if (ids.Count == 0) throw new DomainException(input.SubjectKind == KeyEvaluationSubjectKind.Policy ? "请选择评价的政策。" : "请选择评价的项目。");
                if (input.SubjectKind == KeyEvaluationSubjectKind.Policy && ids.Count > 1) throw new DomainException("一次重点评价只评价一项政策。");
                if (ids.Count > 50) throw new DomainException("一次重点评价最多选择50个项目。");
                projects = await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id) && p.RegionId == regionId).ToListAsync(ct);
                if (projects.Count != ids.Count) throw new NotFoundException("项目");
                if (input.SubjectKind == KeyEvaluationSubjectKind.Policy && projects[0].Kind != ProjectKind.Policy)
                    throw new DomainException($"“{projects[0].Name}”不是政策，请按项目评价。");
                if (input.SubjectKind == KeyEvaluationSubjectKind.Projects && projects.Any(p => p.Kind != ProjectKind.Project))
                    throw new DomainException("按项目评价时只能选择项目（政策、整体支出请选择相应的评价对象）。");
                if (projects.Select(p => p.DepartmentId).Distinct().Count() > 1) throw new DomainException("一次重点评价的项目应属于同一部门。");
                if (projects.Select(p => p.FiscalYear).Distinct().Count() > 1) throw new DomainException("一次重点评价的项目应属于同一预算年度。");
                departmentId = projects[0].DepartmentId;
                year = projects[0].FiscalYear;
                var ordered = projects.OrderBy(p => p.Code).ToList();
                title = ordered.Count == 1 ? ordered[0].Name : $"{ordered[0].Name}等{ordered.Count}个项目";
                break;
            case KeyEvaluationSubjectKind.DepartmentOverall:
                if (input.DepartmentId is not { } d) throw new DomainException("请选择评价的部门。");
                var dept = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == d && o.RegionId == regionId && o.Kind == OrganizationKind.Department, ct)
                    ?? throw new NotFoundException("部门");
                departmentId = dept.Id;
                year = input.FiscalYear ?? defaultYear;
                title = $"{dept.Name}部门整体支出";
                break;
            default:
                throw new DomainException("评价对象类型无效。");
        }
        if (input.FiscalYear is { } fy && fy != year) throw new DomainException($"所选项目属于{year}年度，评价年度应为{year}年。");
        var e = new KeyEvaluation(regionId, year, input.SubjectKind, departmentId, string.IsNullOrWhiteSpace(input.Title) ? $"{title}重点绩效评价" : input.Title,
            organiser, input.Background, input.ScoringDeadline, input.ReportDeadline);
        db.KeyEvaluations.Add(e);
        await db.SaveChangesAsync(ct);
        foreach (var p in projects) db.KeyEvaluationSubjects.Add(new KeyEvaluationSubject(e.Id, p.Id, p.OrganizationId));
        var evaluationRules = (await rules.ResolveAsync(regionId, year, ct)).Content.Evaluation;
        var framework = input.SubjectKind == KeyEvaluationSubjectKind.DepartmentOverall ? evaluationRules.DepartmentKeyFramework : evaluationRules.KeyFramework;
        var order = 0;
        foreach (var k in framework)
            db.KeyEvaluationIndicators.Add(new KeyEvaluationIndicator(e.Id, ++order, k.Level1, k.Level2, k.Name, k.Weight, k.Standard));
        Remind(e, $"设置重点评价指标体系并选定评价人员：{e.Title}", e.OrganizerOrganizationId, Role.PerformanceSection, null, Due(e.ScoringDeadline));
        db.Audit("evaluation.key.create", SubjectType, e.Id.ToString(), new { e.Title, subject = e.SubjectKind.ToString(), projects = ids });
        await db.SaveChangesAsync(ct);
        return e;
    }

    /// <summary>The organiser edits the description and deadlines (until completed).</summary>
    public async Task<KeyEvaluation> EditPlanAsync(long id, int version, string? background, DateOnly? scoringDeadline, DateOnly? reportDeadline, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        EnsureOrganiser(e, caller);
        db.ExpectVersion(e, version);
        e.EditPlan(background, scoringDeadline, reportDeadline);
        await db.SaveChangesAsync(ct);
        return e;
    }

    /// <summary>
    /// The organiser replaces the framework (draft only): rows added, removed or reweighted; weights sum to 100 and output + benefit ≥ the
    /// rule set's minimum, or, for a department's whole spending, all six dimensions present.
    /// </summary>
    public async Task<KeyEvaluation> SaveFrameworkAsync(long id, int version, IReadOnlyList<FrameworkRowInput> rows, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        EnsureOrganiser(e, caller);
        db.ExpectVersion(e, version);
        if (e.State != KeyEvaluationState.Draft) throw new DomainException("评价人员已选定，指标体系不能再修改。");
        var rule = (await rules.ResolveAsync(e.RegionId, e.FiscalYear, ct)).Content.Evaluation;
        KeyEvaluationScoring.ValidateFramework(e.SubjectKind, rows.Select(r => new FrameworkRow(r.Level1?.Trim() ?? "", r.Level2 ?? "", r.Name ?? "", r.Weight)).ToList(), rule);
        var old = await db.KeyEvaluationIndicators.Where(i => i.EvaluationId == id).ToListAsync(ct);
        db.KeyEvaluationIndicators.RemoveRange(old);
        var order = 0;
        foreach (var r in rows)
            db.KeyEvaluationIndicators.Add(new KeyEvaluationIndicator(e.Id, ++order, r.Level1.Trim(), r.Level2, r.Name, r.Weight, r.Standard));
        Touch(e);
        db.Audit("evaluation.key.framework", SubjectType, e.Id.ToString(), rows.Select(r => new { r.Level1, r.Name, r.Weight }));
        await db.SaveChangesAsync(ct);
        return e;
    }

    /// <summary>
    /// Draws the experts at random (conflicts with the evaluated units, the department and agencies tied to them excluded; seed
    /// recorded) or engages an agency (blacklisted or tied ones refused); opens scoring.
    /// </summary>
    public async Task<KeyEvaluation> AssignAsync(long id, int version, KeyAssignInput input, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        EnsureOrganiser(e, caller);
        db.ExpectVersion(e, version);
        var t = KeyEvaluationWorkflow.Machine.Check(e.State, KeyEvaluationAction.Assign, caller.Roles, null);
        var rule = (await rules.ResolveAsync(e.RegionId, e.FiscalYear, ct)).Content.Evaluation;
        var indicators = await db.KeyEvaluationIndicators.AsNoTracking().Where(i => i.EvaluationId == id).ToListAsync(ct);
        KeyEvaluationScoring.ValidateFramework(e.SubjectKind, indicators.Select(i => new FrameworkRow(i.Level1, i.Level2, i.Name, i.Weight)).ToList(), rule);
        var units = await db.KeyEvaluationSubjects.Where(s => s.EvaluationId == id).Select(s => s.OrganizationId).ToListAsync(ct);
        var excluded = await _engagement.ExcludedOrganizationsAsync([e.DepartmentId, .. units], ct);
        await todos.CompleteFor(SubjectType, e.Id.ToString(), ct);
        string comment;
        var due = Due(e.ScoringDeadline);
        switch (input.Method)
        {
            case KeyEvaluationMethod.Experts:
                var count = input.ExpertCount ?? rule.DefaultExpertCount;
                var (draw, record) = await _engagement.DrawAsync(e.RegionId, count, input.ExpertField, excluded, ct);
                e.Assigned(KeyEvaluationMethod.Experts, db.Now, record, null);
                var users = await db.Experts.AsNoTracking().Where(x => draw.Drawn.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.UserId, ct);
                for (var i = 0; i < draw.Drawn.Count; i++)
                {
                    db.KeyEvaluationScorers.Add(KeyEvaluationScorer.ForExpert(e.Id, i + 1, draw.Drawn[i]));
                    if (users[draw.Drawn[i]] is { } userId)
                        Remind(e, $"重点评价专家评分：{e.Title}", null, null, userId, due, (ScorerSubjectType, ScorerKey(e, i + 1)));
                }
                if (users.Values.Any(u => u is null))
                    Remind(e, $"代录未开通账号专家的纸质评分表：{e.Title}", e.OrganizerOrganizationId, Role.PerformanceSection, null, due,
                        (PaperSubjectType, e.Id.ToString()));
                comment = Engagement.DrawComment(record);
                break;
            case KeyEvaluationMethod.Agency:
                if (input.AgencyId is not { } agencyId) throw new DomainException("请选择受托的第三方机构。");
                var agency = await pools.AgencyAsync(agencyId, caller, ct);
                Engagement.EnsureEngageable(agency, excluded);
                e.Assigned(KeyEvaluationMethod.Agency, db.Now, null, agency.Id);
                db.KeyEvaluationScorers.Add(KeyEvaluationScorer.ForAgency(e.Id, agency.Id));
                Remind(e, $"受托开展重点绩效评价：{e.Title}", agency.OrganizationId, Role.ThirdPartyAgency, null, due, (ScorerSubjectType, ScorerKey(e, 1)));
                comment = await _engagement.EngagementCommentAsync(agency, ct);
                break;
            default:
                throw new DomainException("评价方式无效。");
        }
        Record(e, t, caller, comment);
        await db.SaveChangesAsync(ct);
        return e;
    }

    /// <summary>Re-runs the recorded draw and tells whether it gives the experts that were assigned.</summary>
    public async Task<bool> VerifyDrawAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        if (e.Method != KeyEvaluationMethod.Experts || e.DrawSeed is not { } seed || e.ExpertCount is not { } count) throw new DomainException("该评价不是随机抽取专家方式。");
        var assigned = await db.KeyEvaluationScorers.Where(s => s.EvaluationId == id).OrderBy(s => s.DrawOrder).Select(s => s.ExpertId!.Value).ToListAsync(ct);
        return Engagement.DrawReproduces(e.DrawEligibleIds, count, seed, assigned);
    }

    /// <summary>A scorer fills in (or corrects, until scoring closes) their sheet; or the organiser enters the paper sheet of an expert without an account (代录).</summary>
    public async Task<KeyEvaluationScorer> ScoreAsync(long id, KeySheetInput input, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        if (e.State != KeyEvaluationState.Scoring) throw new DomainException($"评价当前为“{KeyEvaluationWorkflow.ChineseName(e.State)}”，不能评分。");
        var me = await _engagement.IdentityOfAsync(caller, ct);
        var scorers = await db.KeyEvaluationScorers.Include(s => s.Scores).Where(s => s.EvaluationId == id).ToListAsync(ct);
        KeyEvaluationScorer mine;
        var byName = db.Actor.Name;
        if (input.ScorerId is { } scorerId)
        {
            mine = scorers.FirstOrDefault(s => s.Id == scorerId) ?? throw new NotFoundException("评分人");
            if (!IsOrganiser(e, caller) || !await _engagement.MayEnterPaperSheetAsync(mine.ExpertId, ct))
                throw new DomainException("只有组织方可以代录评分，且只能代录未开通系统账号的专家的纸质评分表。");
            byName = $"{db.Actor.Name}（代录）";
        }
        else
        {
            mine = scorers.FirstOrDefault(s => IsMine(s, me)) ?? throw new DomainException("您不是本项评价的评分人。");
        }
        if (input.Version is { } v) db.ExpectVersion(mine, v);
        else if (mine.SubmittedAt is not null) throw new ConcurrencyConflictException("请基于已提交的评分修改（缺少版本号）。");
        var indicators = await db.KeyEvaluationIndicators.AsNoTracking().Where(i => i.EvaluationId == id).OrderBy(i => i.Order).ToListAsync(ct);
        var scores = input.Scores ?? [];
        KeyEvaluationScoring.ValidateSheet(scores.Select(s => new IndicatorPoints(s.IndicatorId, s.Points)).ToList(), Framework(indicators));
        var noComment = indicators.Where(i => string.IsNullOrWhiteSpace(scores.First(s => s.IndicatorId == i.Id).Comment)).ToList();
        if (noComment.Count > 0) throw new DomainException($"请填写“{string.Join("”“", noComment.Take(5).Select(i => i.Name))}”{(noComment.Count > 5 ? $"等{noComment.Count}个指标" : "")}的评分说明。");
        var tooLong = scores.FirstOrDefault(s => s.Comment!.Trim().Length > 1000);
        if (tooLong is not null) throw new DomainException($"“{indicators.First(i => i.Id == tooLong.IndicatorId).Name}”的评分说明不超过1000字。");
        mine.Score(scores.Select(s => new KeyEvaluationScore(s.IndicatorId, s.Points, s.Comment!.Trim())), input.Opinion, byName, db.Now);
        Touch(mine);
        db.Audit("evaluation.key.score", ScorerSubjectType, mine.Id.ToString(), new { evaluation = e.Id, total = scores.Sum(s => s.Points) });
        await todos.CompleteFor(ScorerSubjectType, ScorerKey(e, mine.DrawOrder), ct);
        if (input.ScorerId is not null)
        {
            var withoutAccount = await db.Experts.Where(x => x.UserId == null && scorers.Select(s => s.ExpertId).Contains(x.Id)).Select(x => x.Id).ToListAsync(ct);
            if (scorers.Where(s => s.ExpertId is { } x && withoutAccount.Contains(x)).All(s => s.SubmittedAt is not null))
                await todos.CompleteFor(PaperSubjectType, e.Id.ToString(), ct);
        }
        if (scorers.All(s => s.SubmittedAt is not null))
        {
            await todos.CompleteFor(SubjectType, e.Id.ToString(), ct);
            Remind(e, $"重点评价评分已齐，待结束评分：{e.Title}", e.OrganizerOrganizationId, Role.PerformanceSection, null, Due(e.ScoringDeadline));
        }
        await db.SaveChangesAsync(ct);
        return mine;
    }

    /// <summary>The organiser closes scoring: every sheet in; the mean per indicator, the total and grade by the rule set in force, pinned.</summary>
    public async Task<KeyEvaluation> CloseAsync(long id, int version, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        EnsureOrganiser(e, caller);
        db.ExpectVersion(e, version);
        var t = KeyEvaluationWorkflow.Machine.Check(e.State, KeyEvaluationAction.CloseScoring, caller.Roles, null);
        var scorers = await db.KeyEvaluationScorers.AsNoTracking().Include(s => s.Scores).Where(s => s.EvaluationId == id).ToListAsync(ct);
        var waiting = scorers.Count(s => s.SubmittedAt is null);
        if (waiting > 0) throw new DomainException($"尚有{waiting}位评分人未提交评分，不能结束评分。");
        var ruleSet = await rules.EnsureAsync(e.RegionId, e.FiscalYear, ct);
        var indicators = await db.KeyEvaluationIndicators.Where(i => i.EvaluationId == id).OrderBy(i => i.Order).ToListAsync(ct);
        var result = KeyEvaluationScoring.Score(Framework(indicators), Sheets(scorers), ruleSet.Content.Evaluation, ruleSet.Content.Grades);
        foreach (var i in indicators)
        {
            var r = result.Indicators.Single(x => x.Key == i.Id);
            i.Scored(r.Score, r.Explanation);
        }
        e.Closed(ruleSet.Id, result, db.Now);
        Record(e, t, caller, $"总分 {result.Total:0.00}，{result.Grade.ChineseName()}");
        await todos.CompleteFor(SubjectType, e.Id.ToString(), ct);
        await todos.CompleteFor(PaperSubjectType, e.Id.ToString(), ct);
        Remind(e, $"撰写重点评价结论并完成评价：{e.Title}", e.OrganizerOrganizationId, Role.PerformanceSection, null, Due(e.ReportDeadline));
        await db.SaveChangesAsync(ct);
        return e;
    }

    public async Task<KeyEvaluation> ReopenAsync(long id, int version, string reason, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        EnsureOrganiser(e, caller);
        db.ExpectVersion(e, version);
        var t = KeyEvaluationWorkflow.Machine.Check(e.State, KeyEvaluationAction.Reopen, caller.Roles, reason);
        reason = reason.Trim();
        if (reason.Length > 2000) throw new DomainException("理由不超过2000字。");
        foreach (var i in await db.KeyEvaluationIndicators.Where(i => i.EvaluationId == id).ToListAsync(ct)) i.Scored(null, null);
        e.Reopened(reason);
        Record(e, t, caller, reason);
        await todos.CompleteFor(SubjectType, e.Id.ToString(), ct);
        Remind(e, $"重点评价重新开启评分，修改后结束评分：{e.Title}", e.OrganizerOrganizationId, Role.PerformanceSection, null, Due(e.ScoringDeadline));
        await db.SaveChangesAsync(ct);
        return e;
    }

    /// <summary>The organiser writes (and rewrites) the conclusions, experience, problems, suggestions and other notes after closing.</summary>
    public async Task<KeyEvaluation> WriteConclusionsAsync(long id, int version, KeyConclusionsInput input, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        EnsureOrganiser(e, caller);
        db.ExpectVersion(e, version);
        e.WriteConclusions(input.Conclusions, input.Experience, input.Problems, input.Suggestions, input.OtherNotes);
        await db.SaveChangesAsync(ct);
        return e;
    }

    /// <summary>Completes the evaluation: the conclusions, problems and suggestions are written; the result becomes visible to the evaluated.</summary>
    public async Task<KeyEvaluation> CompleteAsync(long id, int version, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        EnsureOrganiser(e, caller);
        db.ExpectVersion(e, version);
        var t = KeyEvaluationWorkflow.Machine.Check(e.State, KeyEvaluationAction.Complete, caller.Roles, null);
        e.Completed(db.Now);
        Record(e, t, caller, $"总分 {e.TotalScore:0.00}，{e.Grade?.ChineseName()}");
        await todos.CompleteFor(SubjectType, e.Id.ToString(), ct);
        if (e.Method == KeyEvaluationMethod.Agency)
            Remind(e, $"评价第三方机构工作质量：{e.Title}", e.CommissioningOrganizationId, null, null, null, (nameof(AgencyRating), RatingKey(e)));
        await db.SaveChangesAsync(ct);
        return e;
    }

    /// <summary>The commissioning party rates the agency's work on this engagement (once, after completion).</summary>
    public async Task<AgencyRating> RateAgencyAsync(long id, decimal score, string remarks, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        if (e.Method != KeyEvaluationMethod.Agency || e.AgencyId is not { } agencyId) throw new DomainException("该评价未委托第三方机构。");
        if (e.State != KeyEvaluationState.Completed) throw new DomainException("评价完成后才能评价第三方机构的工作质量。");
        if (caller.OrganizationId != e.CommissioningOrganizationId) throw new DomainException("第三方机构的工作质量由委托方评价。");
        if (await db.AgencyRatings.AnyAsync(r => r.SubjectType == SubjectType && r.SubjectId == e.Id.ToString(), ct))
            throw new DomainException("本次委托已经评价过第三方机构。");
        var rating = new AgencyRating(agencyId, SubjectType, e.Id.ToString(), e.CommissioningOrganizationId!.Value, db.Actor.Name, score, remarks, db.Now);
        db.AgencyRatings.Add(rating);
        await todos.CompleteFor(nameof(AgencyRating), RatingKey(e), ct);
        await db.SaveChangesAsync(ct);
        return rating;
    }

    public async Task<KeyEvaluationDetail> DetailAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var e = await LoadAsync(id, caller, ct);
        var names = await db.Organizations.AsNoTracking().Where(o => o.Id == e.DepartmentId || o.Id == e.OrganizerOrganizationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var agencyName = e.AgencyId is { } ag
            ? await (from x in db.Agencies join o in db.Organizations on x.OrganizationId equals o.Id where x.Id == ag select o.Name).FirstAsync(ct)
            : null;
        var subjects = await (from s in db.KeyEvaluationSubjects.AsNoTracking()
                              join p in db.Projects on s.ProjectId equals p.Id
                              join u in db.Organizations on s.OrganizationId equals u.Id
                              where s.EvaluationId == id
                              orderby p.Code
                              select new KeySubjectView(p.Id, p.Code, p.Name, u.Name, p.TotalBudget)).ToListAsync(ct);
        var indicatorRows = await db.KeyEvaluationIndicators.AsNoTracking().Where(i => i.EvaluationId == id).OrderBy(i => i.Order).ToListAsync(ct);
        RuleSetContent content;
        string? ruleLabel = null;
        if (e.RuleSetId is { } rsId)
        {
            var rs = await db.RuleSets.AsNoTracking().FirstAsync(r => r.Id == rsId, ct);
            content = rs.Content;
            ruleLabel = $"{rs.FiscalYear}年度规则第{rs.VersionNo}版";
        }
        else
        {
            content = (await rules.ResolveAsync(e.RegionId, e.FiscalYear, ct)).Content;
        }
        var closed = e.State is KeyEvaluationState.Closed or KeyEvaluationState.Completed;
        var indicators = indicatorRows.Select(i => new KeyIndicatorView(i.Id, i.Order, i.Level1, KeyEvaluationScoring.Level1Name(i.Level1), i.Level2, i.Name, i.Weight,
            i.Standard, closed ? i.Score : null, closed ? i.Explanation : null)).ToList();
        IReadOnlyList<Level1Result>? groups = closed
            ? KeyEvaluationScoring.GroupCodes.Where(c => indicatorRows.Any(i => i.Level1 == c)).Select(c => new Level1Result(c, KeyEvaluationScoring.Level1Name(c),
                indicatorRows.Where(i => i.Level1 == c).Sum(i => i.Weight), KeyEvaluationScoring.Round(indicatorRows.Where(i => i.Level1 == c).Sum(i => i.Score ?? 0m)))).ToList()
            : null;
        var scorerRows = await db.KeyEvaluationScorers.AsNoTracking().Include(s => s.Scores).Where(s => s.EvaluationId == id).OrderBy(s => s.DrawOrder).ToListAsync(ct);
        var me = await _engagement.IdentityOfAsync(caller, ct);
        var isOrganiser = IsOrganiser(e, caller);
        var seesNames = caller.Roles.Has(Permission.ViewThirdParties);
        var experts = await db.Experts.AsNoTracking().Where(x => scorerRows.Select(s => s.ExpertId).Contains(x.Id))
            .ToDictionaryAsync(x => x.Id, x => new { x.Name, HasAccount = x.UserId != null }, ct);
        var scorers = scorerRows.Select(s =>
        {
            var mine = IsMine(s, me);
            var (label, name, hasAccount) = s.ExpertId is { } x
                ? ($"专家{s.DrawOrder}", seesNames || mine ? experts[x].Name : null, experts[x].HasAccount)
                : ("第三方机构", agencyName, true);
            var open = closed || mine;
            return new KeyScorerView(s.Id, s.DrawOrder, label, name, hasAccount, s.SubmittedAt is not null, s.SubmittedAt, open ? s.SubmittedByName : null,
                open ? s.Opinion : null, open && s.SubmittedAt is not null ? s.Scores.Select(c => new KeyScoreView(c.IndicatorId, c.Points, c.Comment)).ToList() : null,
                mine, s.Version);
        }).ToList();
        var actions = isOrganiser ? KeyEvaluationWorkflow.Machine.ActionsFrom(e.State, caller.Roles).ToList() : [];
        var rating = await db.AgencyRatings.AsNoTracking().FirstOrDefaultAsync(r => r.SubjectType == SubjectType && r.SubjectId == e.Id.ToString(), ct);
        var history = await db.WorkflowSteps.AsNoTracking().Where(s => s.SubjectType == SubjectType && s.SubjectId == e.Id.ToString())
            .OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);
        var problems = e.State == KeyEvaluationState.Draft
            ? KeyEvaluationScoring.FrameworkProblems(e.SubjectKind, indicatorRows.Select(i => new FrameworkRow(i.Level1, i.Level2, i.Name, i.Weight)).ToList(), content.Evaluation)
            : [];
        var canRate = e.State == KeyEvaluationState.Completed && e.Method == KeyEvaluationMethod.Agency && rating is null && caller.OrganizationId == e.CommissioningOrganizationId;
        return new(e, names.GetValueOrDefault(e.DepartmentId, ""), names.GetValueOrDefault(e.OrganizerOrganizationId, ""), agencyName, subjects, indicators, groups,
            scorers, ruleLabel, content.Evaluation.OutputPlusBenefitMinimum, problems, actions, isOrganiser,
            isOrganiser && e.State == KeyEvaluationState.Draft, e.State == KeyEvaluationState.Scoring && (scorers.Any(s => s.IsMine) || isOrganiser),
            isOrganiser && e.State == KeyEvaluationState.Closed, canRate, rating, history);
    }

    /// <summary>The performance sections' departments of the caller's region (for the create page).</summary>
    public async Task<IReadOnlyList<Organization>> DepartmentsAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Role.PerformanceSection) || caller.OrganizationId is not { } org) return [];
        var region = await db.Organizations.Where(o => o.Id == org).Select(o => o.RegionId).FirstAsync(ct);
        return await db.Organizations.AsNoTracking().Where(o => o.RegionId == region && o.Kind == OrganizationKind.Department).OrderBy(o => o.Code).ToListAsync(ct);
    }

    /// <summary>The projects and policies of the caller's region and a year that may be selected for key evaluation (for the create page).</summary>
    public async Task<IReadOnlyList<KeySubjectOption>> SelectableProjectsAsync(Caller caller, int fiscalYear, CancellationToken ct = default)
    {
        if (!caller.Has(Role.PerformanceSection) || caller.OrganizationId is not { } org) return [];
        var region = await db.Organizations.Where(o => o.Id == org).Select(o => o.RegionId).FirstAsync(ct);
        return await (from p in db.Projects.AsNoTracking()
                      join u in db.Organizations on p.OrganizationId equals u.Id
                      join d in db.Organizations on p.DepartmentId equals d.Id
                      where p.RegionId == region && p.FiscalYear == fiscalYear && p.Kind != ProjectKind.OverallSpending
                      orderby d.Code, p.Code
                      select new KeySubjectOption(p.Id, p.Code, p.Name, p.Kind, d.Id, d.Name, u.Name, p.TotalBudget)).ToListAsync(ct);
    }

    private static IReadOnlyList<ScoredIndicator> Framework(IEnumerable<KeyEvaluationIndicator> indicators) =>
        indicators.Select(i => new ScoredIndicator(i.Id, i.Level1, i.Name, i.Weight)).ToList();

    private static IReadOnlyList<IReadOnlyList<IndicatorPoints>> Sheets(IEnumerable<KeyEvaluationScorer> scorers) =>
        scorers.Select(s => (IReadOnlyList<IndicatorPoints>)s.Scores.Select(x => new IndicatorPoints(x.IndicatorId, x.Points)).ToList()).ToList();

    private static bool IsOrganiser(KeyEvaluation e, Caller c) => c.Has(Role.PerformanceSection) && c.OrganizationId == e.OrganizerOrganizationId;

    private static void EnsureOrganiser(KeyEvaluation e, Caller c)
    {
        if (!IsOrganiser(e, c)) throw new DomainException("只有组织本次重点评价的财政部门绩效管理科可以办理。");
    }

    private static bool IsMine(KeyEvaluationScorer s, ScorerIdentity me) =>
        (s.ExpertId is not null && s.ExpertId == me.ExpertId) || (s.AgencyId is not null && s.AgencyId == me.AgencyId);

    /// <summary>
    /// What the caller may see: the performance section and auditors their regions' evaluations; an expert or agency its own
    /// assignments; the evaluated department and units (and the budget sections over them) a completed evaluation.
    /// </summary>
    private async Task<IQueryable<KeyEvaluation>> VisibleAsync(Caller c, CancellationToken ct)
    {
        var me = await _engagement.IdentityOfAsync(c, ct);
        var expert = me.ExpertId ?? -1;
        var agency = me.AgencyId ?? -1;
        var regions = c.Roles.Any(r => r is Role.PerformanceSection or Role.AuditOffice) ? c.Scope.RegionIds.ToList() : [];
        var orgs = c.Roles.Any(r => r is Role.Department or Role.BudgetUnit or Role.BudgetSection) ? c.Scope.OrganizationIds.ToList() : [];
        return db.KeyEvaluations.Where(e => regions.Contains(e.RegionId)
            || db.KeyEvaluationScorers.Any(s => s.EvaluationId == e.Id && (s.ExpertId == expert || s.AgencyId == agency))
            || (e.State == KeyEvaluationState.Completed && (orgs.Contains(e.DepartmentId)
                || db.KeyEvaluationSubjects.Any(s => s.EvaluationId == e.Id && orgs.Contains(s.OrganizationId)))));
    }

    private IQueryable<KeyEvaluationRow> Rows(IQueryable<KeyEvaluation> visible) =>
        from e in visible.AsNoTracking()
        join d in db.Organizations on e.DepartmentId equals d.Id
        select new KeyEvaluationRow
        {
            Id = e.Id,
            Title = e.Title,
            SubjectKind = e.SubjectKind,
            FiscalYear = e.FiscalYear,
            DepartmentId = d.Id,
            DepartmentName = d.Name,
            State = e.State,
            Method = e.Method,
            TotalScore = e.TotalScore,
            Grade = e.Grade,
            ScoringDeadline = e.ScoringDeadline,
            CompletedAt = e.CompletedAt,
            Version = e.Version,
        };

    private void Record(KeyEvaluation e, Transition<KeyEvaluationState, KeyEvaluationAction> t, Caller caller, string? comment) =>
        WorkflowRecorder.Record(db, SubjectType, e.Id.ToString(), t, caller.Roles.First(t.Roles.Contains), comment);

    private void Touch(object entity)
    {
        var entry = db.Entry(entity);
        if (entry.State == EntityState.Unchanged) entry.Property(nameof(IVersioned.Version)).IsModified = true;
    }

    /// <summary>The end of a deadline day in China time, as UTC.</summary>
    private static DateTime? Due(DateOnly? d) => d?.ToDateTime(new TimeOnly(23, 59)).AddHours(-8);

    private static string Link(KeyEvaluation e) => $"/Evaluations/KeyDetails?id={e.Id}";

    private void Remind(KeyEvaluation e, string title, long? organizationId, Role? role, long? userId, DateTime? due, (string Type, string Id)? subject = null) =>
        todos.Assign(new Todo(e.RegionId, e.FiscalYear, title, Link(e), subject?.Type ?? SubjectType, subject?.Id ?? e.Id.ToString(), db.Now, due, userId,
            userId is null ? organizationId : null, userId is null ? role : null));

    private static string ScorerKey(KeyEvaluation e, int drawOrder) => $"{e.Id}-{drawOrder}";

    private static string RatingKey(KeyEvaluation e) => $"{SubjectType}-{e.Id}";
}
