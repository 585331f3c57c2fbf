using Jixiao.Core.Attachments;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Jixiao.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Results;

public sealed record LetterInput(string Title, string Recipient, string Issuer, string SubjectName, decimal? Score, Grade? Grade, string Problems,
    string Requirements, DateOnly Deadline);

public sealed record LetterFilter(int? FiscalYear = null, FeedbackLetterState? State = null, FeedbackSourceKind? SourceKind = null,
    long? OrganizationId = null, string? Search = null);

public sealed record LetterRow(long Id, int FiscalYear, FeedbackSourceKind SourceKind, long SourceId, string? Number, string Title, long OrganizationId,
    string OrganizationName, string SubjectName, decimal? Score, Grade? Grade, DateOnly Deadline, FeedbackLetterState State, DateTime CreatedAt,
    DateTime? SentAt, int Version);

public sealed record LetterDetail(FeedbackLetter Letter, string OrganizationName, long? RectificationId, IReadOnlyList<FeedbackLetterAction> Actions,
    IReadOnlyList<WorkflowStep> History);

public sealed record RectificationFilter(int? FiscalYear = null, RectificationState? State = null, bool? Overdue = null, long? OrganizationId = null,
    string? Search = null);

public sealed record RectificationRow(long Id, long LetterId, int FiscalYear, string? LetterNumber, string Title, long OrganizationId,
    string OrganizationName, DateOnly Deadline, RectificationState State, int Items, int ItemsDone, int ItemsPartlyDone, bool Overdue,
    DateTime? SubmittedAt, int Version);

public sealed record RectificationDetail(Rectification Rectification, FeedbackLetter Letter, string OrganizationName, bool Overdue, bool CanEdit,
    IReadOnlyList<RectificationAction> Actions, IReadOnlyList<WorkflowStep> History);

/// <summary>A draft's prefill taken from its source (what the organiser sees before editing).</summary>
public sealed record LetterSource(FeedbackSourceKind Kind, long SourceId, long RegionId, int FiscalYear, long? ProjectId, long OrganizationId,
    long DepartmentId, string OrganizationName, string SubjectName, decimal? Score, Grade? Grade, string Problems);

/// <summary>
/// 反馈函 and 整改 (Art. 28-30, RULES §7). The performance section of a region drafts a letter from a completed key evaluation, a re-evaluated
/// form, a monitoring report with yellow or red lights, or a passed self-evaluation; the evaluated party may state its views; sending numbers it
/// gaplessly per region and year (unique index, retried on conflict), stores the .docx unchanged with its SHA-256 and creates the
/// rectification with one item per problem. The party records measures and evidence and submits its report; the organiser accepts or returns
/// it with a reason. Out-of-scope ids are 404s; drafts are the organiser's own until views are asked for.
/// </summary>
public sealed class ResultService(JixiaoDbContext db, RuleSetService rules, TodoService todos)
{
    public const string LetterSubject = nameof(FeedbackLetter);
    public const string RectificationSubject = nameof(Rectification);

    /// <summary>How often a send is retried when a concurrent send took the same number.</summary>
    public const int NumberRetries = 8;

    public static string LetterLink(long id) => $"/Results/Letter/{id}";

    public static string RectificationLink(long id) => $"/Results/Rectification/{id}";

    /// <summary>The 文号 prefix of a region: the first character of its name (长治市 → 长) and 财绩函.</summary>
    public static string NumberPrefix(string regionName) => $"{(regionName.Trim() is { Length: > 0 } n ? n[..1] : "")}财绩函";

    public static string FormatNumber(string regionName, int year, int sequence) => $"{NumberPrefix(regionName)}〔{year}〕{sequence}号";

    private static readonly string[] SubjectSuffixes = ["绩效评价报告", "重点绩效评价", "绩效评价", "重点评价", "绩效自评", "再评价", "评价"];

    /// <summary>The default title, without doubled words: a subject already ending in 绩效评价 is not followed by 绩效评价 again.</summary>
    public static string DefaultTitle(FeedbackSourceKind kind, string subject)
    {
        subject = subject.Trim();
        foreach (var s in SubjectSuffixes)
            if (subject.Length > s.Length && subject.EndsWith(s, StringComparison.Ordinal)) { subject = subject[..^s.Length]; break; }
        var what = kind switch
        {
            FeedbackSourceKind.KeyEvaluation => "绩效评价结果",
            FeedbackSourceKind.ReEvaluation => "绩效自评再评价结果",
            FeedbackSourceKind.MonitoringFinding => "绩效运行监控发现问题",
            FeedbackSourceKind.SelfEvaluation => "绩效自评结果",
        };
        return $"关于{subject}{what}的反馈函";
    }

    public static string DefaultRequirements(int days) =>
        $"请你单位针对上述问题认真研究整改措施，于收到本函之日起{days}日内完成整改，并将整改情况以正式文件形式报送财政部门绩效管理科，同时在系统中填报整改措施并上传佐证材料。";

    // ---------------------------------------------------------------- sources

    /// <summary>The prefill of a letter from its source, checked (completed / passed / with findings, in the caller's region).</summary>
    public async Task<LetterSource> SourceAsync(FeedbackSourceKind kind, long sourceId, Caller caller, CancellationToken ct = default)
    {
        LetterSource? s = kind switch
        {
            FeedbackSourceKind.KeyEvaluation => await KeySourceAsync(sourceId, ct),
            FeedbackSourceKind.ReEvaluation => await ReSourceAsync(sourceId, ct),
            FeedbackSourceKind.MonitoringFinding => await MonitoringSourceAsync(sourceId, ct),
            FeedbackSourceKind.SelfEvaluation => await SelfSourceAsync(sourceId, ct),
        };
        if (s is null || s.RegionId != caller.Scope.HomeRegionId || !caller.Scope.CanSeeOrganization(s.OrganizationId))
            throw new NotFoundException("反馈来源");
        return s;
    }

    private async Task<LetterSource?> KeySourceAsync(long id, CancellationToken ct)
    {
        var e = await db.KeyEvaluations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return null;
        if (e.State != KeyEvaluationState.Completed) throw new DomainException("重点评价完成后才能拟反馈函。");
        var dept = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == e.DepartmentId, ct);
        var projects = await db.KeyEvaluationSubjects.AsNoTracking().Where(s => s.EvaluationId == id).Select(s => s.ProjectId).ToListAsync(ct);
        var problems = string.Join('\n', FeedbackLetter.SplitLines(e.Problems));
        return new(FeedbackSourceKind.KeyEvaluation, id, e.RegionId, e.FiscalYear, projects.Count == 1 ? projects[0] : null, dept.Id, dept.Id, dept.Name,
            e.Title, e.TotalScore, e.Grade, problems);
    }

    private async Task<LetterSource?> ReSourceAsync(long id, CancellationToken ct)
    {
        var i = await db.ReEvaluationItems.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (i is null) return null;
        var r = await db.ReEvaluations.AsNoTracking().FirstAsync(x => x.Id == i.ReEvaluationId, ct);
        if (r.State != ReEvaluationState.Completed || i.ReTotal is null) throw new DomainException("再评价完成后才能拟反馈函。");
        var p = await db.Projects.AsNoTracking().FirstAsync(x => x.Id == i.ProjectId, ct);
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == i.OrganizationId, ct);
        var problems = new List<string>();
        if (i.Flagged) problems.Add($"自评得分{i.SelfTotal:0.##}分，再评价得分{i.ReTotal:0.##}分，相差{Math.Abs(i.TotalDifference ?? 0):0.##}分，自评质量不高。");
        problems.AddRange(FeedbackLetter.SplitLines(i.Comment));
        return new(FeedbackSourceKind.ReEvaluation, id, r.RegionId, r.FiscalYear, p.Id, org.Id, i.DepartmentId, org.Name, p.Name, i.ReTotal, i.ReGrade,
            string.Join('\n', problems));
    }

    private async Task<LetterSource?> MonitoringSourceAsync(long id, CancellationToken ct)
    {
        var m = await db.MonitoringReports.AsNoTracking().Include(x => x.Indicators).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return null;
        if (m.State is not (MonitoringState.DepartmentReviewed or MonitoringState.FinanceReviewed)) throw new DomainException("监控表审核后才能拟反馈函。");
        var flagged = m.Indicators.Where(i => i.Color is WarningColor.Yellow or WarningColor.Red).OrderBy(i => i.SortOrder).ToList();
        if (flagged.Count == 0 && m.BudgetColor is not (WarningColor.Yellow or WarningColor.Red) && m.ProjectColor is not (WarningColor.Yellow or WarningColor.Red))
            throw new DomainException("该监控表没有黄灯或红灯预警，无需反馈整改。");
        var p = await db.Projects.AsNoTracking().FirstAsync(x => x.Id == m.ProjectId, ct);
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == m.OrganizationId, ct);
        var problems = new List<string>();
        if (m.BudgetColor is WarningColor.Yellow or WarningColor.Red)
            problems.Add($"预算执行进度偏慢（{(m.BudgetColor == WarningColor.Red ? "红灯" : "黄灯")}预警）。");
        problems.AddRange(flagged.Select(i => $"绩效指标“{i.Name}”进度偏离目标（{(i.Color == WarningColor.Red ? "红灯" : "黄灯")}预警）{(string.IsNullOrWhiteSpace(i.Explanation) ? "" : "：" + i.Explanation.Trim())}。"));
        return new(FeedbackSourceKind.MonitoringFinding, id, m.RegionId, m.FiscalYear, p.Id, org.Id, m.DepartmentId, org.Name, p.Name, null, null,
            string.Join('\n', problems));
    }

    private async Task<LetterSource?> SelfSourceAsync(long id, CancellationToken ct)
    {
        var e = await db.SelfEvaluations.AsNoTracking().Include(x => x.Indicators).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return null;
        if (e.State != SelfEvaluationState.DepartmentReviewed) throw new DomainException("自评表审核通过后才能拟反馈函。");
        var task = await db.SelfEvaluationTasks.AsNoTracking().FirstAsync(t => t.Id == e.TaskId, ct);
        var p = await db.Projects.AsNoTracking().FirstAsync(x => x.Id == e.ProjectId, ct);
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == e.OrganizationId, ct);
        var problems = e.Indicators.Where(i => !string.IsNullOrWhiteSpace(i.DeviationReason)).OrderBy(i => i.SortOrder)
            .Select(i => $"绩效指标“{i.Name}”未完成目标：{i.DeviationReason!.Trim()}").ToList();
        return new(FeedbackSourceKind.SelfEvaluation, id, task.RegionId, e.FiscalYear, p.Id, org.Id, e.DepartmentId, org.Name, p.Name, e.Total, e.Grade,
            string.Join('\n', problems));
    }

    // ---------------------------------------------------------------- letters

    /// <summary>Drafts a letter prefilled from its source; a second letter for a source while one is not cancelled is refused.</summary>
    public async Task<FeedbackLetter> DraftAsync(FeedbackSourceKind kind, long sourceId, Caller caller, CancellationToken ct = default)
    {
        if (!caller.Has(Role.PerformanceSection) || caller.OrganizationId is not { } organizer)
            throw new DomainException("反馈函由财政部门绩效管理科拟稿。");
        var s = await SourceAsync(kind, sourceId, caller, ct);
        if (await db.FeedbackLetters.AnyAsync(l => l.SourceKind == kind && l.SourceId == sourceId && l.State != FeedbackLetterState.Cancelled, ct))
            throw new DomainException($"该{kind.ChineseName()}已有未作废的反馈函，不能重复拟稿。");
        var content = (await rules.ResolveAsync(s.RegionId, s.FiscalYear, ct)).Content.Results;
        var letter = new FeedbackLetter(s.RegionId, s.FiscalYear, kind, sourceId, s.ProjectId, s.OrganizationId, s.DepartmentId, organizer,
            db.Actor.Name, db.Now);
        var today = DateOnly.FromDateTime(ChinaTime.FromUtc(db.Now));
        var problems = string.IsNullOrWhiteSpace(s.Problems) ? "（请填写发现的问题，每行一条）" : s.Problems;
        letter.Edit(DefaultTitle(kind, s.SubjectName), s.OrganizationName, await IssuerAsync(organizer, ct), s.SubjectName, s.Score, s.Grade, problems,
            DefaultRequirements(content.RectificationDeadlineDays), RectificationRules.DefaultDeadline(today, content.RectificationDeadlineDays));
        db.FeedbackLetters.Add(letter);
        await db.SaveChangesAsync(ct);
        db.Audit("result.letter-draft", LetterSubject, letter.Id.ToString(), new { kind, sourceId });
        await db.SaveChangesAsync(ct);
        return letter;
    }

    private async Task<string> IssuerAsync(long organizerId, CancellationToken ct)
    {
        var o = await db.Organizations.AsNoTracking().FirstAsync(x => x.Id == organizerId, ct);
        if (o.ParentId is { } p && await db.Organizations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == p, ct) is { } parent) return parent.Name;
        return o.Name;
    }

    private IQueryable<FeedbackLetter> Letters(Caller caller)
    {
        var q = db.FeedbackLetters.InScope(caller.Scope);
        // Drafts are the organiser's until the evaluated party is asked for its views.
        if (!caller.Has(Role.PerformanceSection) && !caller.Has(Role.AuditOffice))
            q = q.Where(l => l.State != FeedbackLetterState.Draft && l.State != FeedbackLetterState.Cancelled);
        return q;
    }

    public async Task<Page<LetterRow>> ListLettersAsync(LetterFilter f, Caller caller, int page, int pageSize, CancellationToken ct = default)
    {
        var q = Letters(caller).AsNoTracking();
        if (f.FiscalYear is { } y) q = q.Where(l => l.FiscalYear == y);
        if (f.State is { } st) q = q.Where(l => l.State == st);
        if (f.SourceKind is { } k) q = q.Where(l => l.SourceKind == k);
        if (f.OrganizationId is { } o) q = q.Where(l => l.OrganizationId == o);
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var s = f.Search.Trim();
            q = q.Where(l => l.Title.Contains(s) || l.SubjectName.Contains(s) || l.Recipient.Contains(s) || (l.Number != null && l.Number.Contains(s)));
        }
        var total = await q.CountAsync(ct);
        var rows = await (from l in q
                          join org in db.Organizations on l.OrganizationId equals org.Id
                          orderby l.CreatedAt descending, l.Id descending
                          select new LetterRow(l.Id, l.FiscalYear, l.SourceKind, l.SourceId, l.Number, l.Title, l.OrganizationId, org.Name, l.SubjectName,
                              l.Score, l.Grade, l.Deadline, l.State, l.CreatedAt, l.SentAt, l.Version))
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new(rows, total);
    }

    private async Task<FeedbackLetter> LetterAsync(long id, Caller caller, CancellationToken ct) =>
        await Letters(caller).FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException("反馈函");

    public async Task<LetterDetail> LetterDetailAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var l = await LetterAsync(id, caller, ct);
        var org = await db.Organizations.AsNoTracking().Where(o => o.Id == l.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        var rect = await db.Rectifications.Where(r => r.LetterId == id).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        var history = await db.WorkflowSteps.AsNoTracking().Where(s => s.SubjectType == LetterSubject && s.SubjectId == id.ToString())
            .OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);
        return new(l, org, rect, LetterActions(l, caller), history);
    }

    /// <summary>The moves the caller may make on the letter (the page's buttons).</summary>
    public static IReadOnlyList<FeedbackLetterAction> LetterActions(FeedbackLetter l, Caller caller) =>
        FeedbackLetterWorkflow.Machine.ActionsFrom(l.State, caller.Roles)
            .Where(a => a == FeedbackLetterAction.StateViews ? IsEvaluatedParty(l.OrganizationId, caller) : IsOrganiser(l.RegionId, caller))
            .ToList();

    private static bool IsOrganiser(long regionId, Caller caller) => caller.Has(Role.PerformanceSection) && caller.Scope.HomeRegionId == regionId;

    /// <summary>The evaluated unit itself, or its department.</summary>
    private static bool IsEvaluatedParty(long organizationId, Caller caller) =>
        (caller.Has(Role.BudgetUnit) && caller.OrganizationId == organizationId)
        || (caller.Has(Role.Department) && caller.Scope.CanSeeOrganization(organizationId));

    public async Task<FeedbackLetter> EditLetterAsync(long id, int version, LetterInput input, Caller caller, CancellationToken ct = default)
    {
        var l = await LetterAsync(id, caller, ct);
        if (!IsOrganiser(l.RegionId, caller)) throw new DomainException("反馈函由财政部门绩效管理科修改。");
        CheckVersion(l, version);
        l.Edit(input.Title, input.Recipient, input.Issuer, input.SubjectName, input.Score, input.Grade, input.Problems, input.Requirements, input.Deadline);
        await db.SaveChangesAsync(ct);
        return l;
    }

    private void CheckVersion<T>(T entity, int version) where T : class, IVersioned
    {
        if (entity.Version != version) throw new ConcurrencyConflictException();
        db.Entry(entity).Property(e => e.Version).OriginalValue = version;
    }

    private static Role ActingRole<TS, TA>(Transition<TS, TA> t, Caller caller) where TS : struct, Enum where TA : struct, Enum =>
        t.Roles.First(caller.Roles.Contains);

    public async Task<FeedbackLetter> RequestViewsAsync(long id, int version, Caller caller, CancellationToken ct = default)
    {
        var l = await LetterAsync(id, caller, ct);
        if (!IsOrganiser(l.RegionId, caller)) throw new NotFoundException("反馈函");
        CheckVersion(l, version);
        var t = FeedbackLetterWorkflow.Machine.Check(l.State, FeedbackLetterAction.RequestViews, caller.Roles, null);
        l.RequestViews();
        WorkflowRecorder.Record(db, LetterSubject, l.Id.ToString(), t, ActingRole(t, caller), null);
        todos.Assign(new Todo(l.RegionId, l.FiscalYear, $"反馈意见：{l.Title}", LetterLink(l.Id), LetterSubject, l.Id.ToString(), db.Now, null, null,
            l.OrganizationId, null));
        await db.SaveChangesAsync(ct);
        return l;
    }

    public async Task<FeedbackLetter> StateViewsAsync(long id, int version, string views, Caller caller, CancellationToken ct = default)
    {
        var l = await LetterAsync(id, caller, ct);
        if (!IsEvaluatedParty(l.OrganizationId, caller)) throw new DomainException("意见由被评价单位（或其主管部门）反馈。");
        CheckVersion(l, version);
        var t = FeedbackLetterWorkflow.Machine.Check(l.State, FeedbackLetterAction.StateViews, caller.Roles, null);
        l.StateViews(views, db.Actor.Name, db.Now);
        WorkflowRecorder.Record(db, LetterSubject, l.Id.ToString(), t, ActingRole(t, caller), l.Views);
        await todos.CompleteFor(LetterSubject, l.Id.ToString(), ct);
        todos.Assign(new Todo(l.RegionId, l.FiscalYear, $"被评价单位已反馈意见，请印发：{l.Title}", LetterLink(l.Id), LetterSubject, l.Id.ToString(), db.Now,
            null, null, l.OrganizerOrganizationId, Role.PerformanceSection));
        await db.SaveChangesAsync(ct);
        return l;
    }

    public async Task<FeedbackLetter> CancelAsync(long id, int version, string? reason, Caller caller, CancellationToken ct = default)
    {
        var l = await LetterAsync(id, caller, ct);
        if (!IsOrganiser(l.RegionId, caller)) throw new NotFoundException("反馈函");
        CheckVersion(l, version);
        var t = FeedbackLetterWorkflow.Machine.Check(l.State, FeedbackLetterAction.Cancel, caller.Roles, reason);
        l.Cancel(reason!, db.Now);
        WorkflowRecorder.Record(db, LetterSubject, l.Id.ToString(), t, ActingRole(t, caller), l.CancelReason);
        await todos.CompleteFor(LetterSubject, l.Id.ToString(), ct);
        await db.SaveChangesAsync(ct);
        return l;
    }

    /// <summary>
    /// Sends the letter: the next number of the region and year (the year sent), the .docx with that number stored unchanged with its
    /// SHA-256, the rectification with one item per problem and the evaluated party's to-do, in one save. A concurrent send that took the
    /// same number fails on the unique index; the send is then retried with the next number (gapless: only saved numbers count).
    /// </summary>
    public async Task<FeedbackLetter> SendAsync(long id, int version, Caller caller, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var l = await LetterAsync(id, caller, ct);
            if (!IsOrganiser(l.RegionId, caller)) throw new NotFoundException("反馈函");
            CheckVersion(l, version);
            var t = FeedbackLetterWorkflow.Machine.Check(l.State, FeedbackLetterAction.Send, caller.Roles, null);
            var sentAt = ChinaTime.FromUtc(db.Now);
            if (l.Deadline < DateOnly.FromDateTime(sentAt)) throw new DomainException("整改期限早于印发日期，请先修改整改期限。");
            var region = await db.Regions.AsNoTracking().FirstAsync(r => r.Id == l.RegionId, ct);
            var year = sentAt.Year;
            var last = await db.FeedbackLetters.Where(x => x.RegionId == l.RegionId && x.NumberYear == year).MaxAsync(x => x.Sequence, ct) ?? 0;
            l.AssignNumber(year, last + 1, FormatNumber(region.Name, year, last + 1));
            var bytes = FeedbackLetterDocument.Build(l, DateOnly.FromDateTime(sentAt));
            var stored = $"{Guid.NewGuid():N}.docx";
            db.AttachmentContents.Add(new AttachmentContent(stored, bytes));
            l.Sent(stored, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), db.Actor.Name, db.Now);
            WorkflowRecorder.Record(db, LetterSubject, l.Id.ToString(), t, ActingRole(t, caller), l.Number);
            await todos.CompleteFor(LetterSubject, l.Id.ToString(), ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt < NumberRetries)
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 40) * attempt, ct);
                continue;
            }
            var r = new Rectification(l, db.Now);
            db.Rectifications.Add(r);
            await db.SaveChangesAsync(ct);
            todos.Assign(new Todo(l.RegionId, l.FiscalYear, $"整改：{l.Title}（{l.Number}）", RectificationLink(r.Id), RectificationSubject, r.Id.ToString(),
                db.Now, DueAt(r.Deadline), null, l.OrganizationId, null));
            db.Audit("result.letter-send", LetterSubject, l.Id.ToString(), new { l.Number, l.DocxSha256, rectification = r.Id });
            await db.SaveChangesAsync(ct);
            return l;
        }
    }

    /// <summary>The end of the deadline day in China, as UTC.</summary>
    public static DateTime DueAt(DateOnly deadline) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(deadline.AddDays(1).ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), ChinaTime.Zone);

    /// <summary>The stored .docx of a sent letter, byte for byte as sent.</summary>
    public async Task<(string FileName, byte[] Data)> DocxAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var l = await LetterAsync(id, caller, ct);
        if (l.DocxStoredName is not { } name) throw new DomainException("反馈函印发后才能下载正式文本。");
        var data = await db.AttachmentContents.AsNoTracking().Where(c => c.StoredName == name).Select(c => c.Data).FirstAsync(ct);
        return ($"{l.Number}{l.Title}.docx", data);
    }

    // ---------------------------------------------------------------- rectifications

    private IQueryable<Rectification> RectificationsQ(Caller caller) => db.Rectifications.InScope(caller.Scope);

    private DateOnly Today => DateOnly.FromDateTime(ChinaTime.FromUtc(db.Now));

    public async Task<Page<RectificationRow>> ListRectificationsAsync(RectificationFilter f, Caller caller, int page, int pageSize,
        CancellationToken ct = default)
    {
        var today = Today;
        var q = RectificationsQ(caller).AsNoTracking();
        if (f.FiscalYear is { } y) q = q.Where(r => r.FiscalYear == y);
        if (f.State is { } st) q = q.Where(r => r.State == st);
        if (f.OrganizationId is { } o) q = q.Where(r => r.OrganizationId == o);
        if (f.Overdue is true) q = q.Where(r => r.State != RectificationState.Accepted && r.Deadline < today);
        if (f.Overdue is false) q = q.Where(r => r.State == RectificationState.Accepted || r.Deadline >= today);
        var joined = from r in q
                     join l in db.FeedbackLetters on r.LetterId equals l.Id
                     join org in db.Organizations on r.OrganizationId equals org.Id
                     select new { r, l, org };
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var s = f.Search.Trim();
            joined = joined.Where(x => x.l.Title.Contains(s) || x.org.Name.Contains(s) || (x.l.Number != null && x.l.Number.Contains(s)));
        }
        var total = await joined.CountAsync(ct);
        var rows = await joined.OrderBy(x => x.r.Deadline).ThenBy(x => x.r.Id)
            .Select(x => new RectificationRow(x.r.Id, x.r.LetterId, x.r.FiscalYear, x.l.Number, x.l.Title, x.r.OrganizationId, x.org.Name, x.r.Deadline,
                x.r.State, x.r.Items.Count, x.r.Items.Count(i => i.State == RectificationItemState.Done),
                x.r.Items.Count(i => i.State == RectificationItemState.PartlyDone),
                x.r.State != RectificationState.Accepted && x.r.Deadline < today, x.r.SubmittedAt, x.r.Version))
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new(rows, total);
    }

    private async Task<Rectification> RectificationAsync(long id, Caller caller, CancellationToken ct) =>
        await RectificationsQ(caller).Include(r => r.Items).ThenInclude(i => i.Evidence).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, ct)
        ?? throw new NotFoundException("整改");

    public async Task<RectificationDetail> RectificationDetailAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var r = await RectificationAsync(id, caller, ct);
        var l = await db.FeedbackLetters.AsNoTracking().FirstAsync(x => x.Id == r.LetterId, ct);
        var org = await db.Organizations.AsNoTracking().Where(o => o.Id == r.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        var history = await db.WorkflowSteps.AsNoTracking().Where(s => s.SubjectType == RectificationSubject && s.SubjectId == id.ToString())
            .OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);
        var actions = RectificationWorkflow.Machine.ActionsFrom(r.State, caller.Roles)
            .Where(a => a == RectificationAction.Submit ? IsEvaluatedParty(r.OrganizationId, caller) : IsOrganiser(r.RegionId, caller)).ToList();
        return new(r, l, org, RectificationRules.IsOverdue(r.Deadline, r.State, Today), r.IsEditableByParty && IsEvaluatedParty(r.OrganizationId, caller),
            actions, history);
    }

    private async Task<Rectification> PartyEditAsync(long id, int version, Caller caller, CancellationToken ct)
    {
        var r = await RectificationAsync(id, caller, ct);
        if (!IsEvaluatedParty(r.OrganizationId, caller)) throw new DomainException("整改情况由被评价单位（或其主管部门）填报。");
        if (!r.IsEditableByParty) throw new DomainException($"整改当前状态为“{r.State.ChineseName()}”，不能修改。");
        CheckVersion(r, version);
        return r;
    }

    public async Task<Rectification> SaveReportAsync(long id, int version, string? report, Caller caller, CancellationToken ct = default)
    {
        var r = await PartyEditAsync(id, version, caller, ct);
        r.WriteReport(report);
        await db.SaveChangesAsync(ct);
        return r;
    }

    /// <summary>Records an item's measures and state (done, partly done, open); the rectification's version guards it.</summary>
    public async Task<Rectification> RecordItemAsync(long id, int version, long itemId, string? measures, RectificationItemState state, Caller caller,
        CancellationToken ct = default)
    {
        var r = await PartyEditAsync(id, version, caller, ct);
        var item = r.Items.FirstOrDefault(i => i.Id == itemId) ?? throw new NotFoundException("整改事项");
        item.Record(measures, state, db.Now);
        db.Entry(r).State = EntityState.Modified; // bump the version: an item change is a change of the rectification
        await db.SaveChangesAsync(ct);
        return r;
    }

    public async Task<RectificationEvidence> AddEvidenceAsync(long id, int version, long itemId, string? fileName, byte[] data, Caller caller,
        long maxBytes = UploadCheck.DefaultMaxBytes, CancellationToken ct = default)
    {
        var r = await PartyEditAsync(id, version, caller, ct);
        var item = r.Items.FirstOrDefault(i => i.Id == itemId) ?? throw new NotFoundException("整改事项");
        if (item.Evidence.Count >= 20) throw new DomainException("每个问题最多上传20个佐证材料。");
        var file = UploadCheck.Check(fileName, data, maxBytes);
        db.AttachmentContents.Add(new AttachmentContent(file.StoredName, file.Data));
        var e = new RectificationEvidence(file.DisplayName, file.StoredName, file.ContentType, file.Size, file.Sha256, db.Actor.Name, db.Now);
        item.AddEvidence(e);
        db.Entry(r).State = EntityState.Modified;
        await db.SaveChangesAsync(ct);
        return e;
    }

    public async Task<(RectificationEvidence Evidence, byte[] Data)> EvidenceAsync(long id, long evidenceId, Caller caller, CancellationToken ct = default)
    {
        var r = await RectificationAsync(id, caller, ct);
        var e = r.Items.SelectMany(i => i.Evidence).FirstOrDefault(x => x.Id == evidenceId) ?? throw new NotFoundException("佐证材料");
        var data = await db.AttachmentContents.AsNoTracking().Where(c => c.StoredName == e.StoredName).Select(c => c.Data).FirstAsync(ct);
        return (e, data);
    }

    public async Task<Rectification> SubmitAsync(long id, int version, Caller caller, CancellationToken ct = default)
    {
        var r = await RectificationAsync(id, caller, ct);
        if (!IsEvaluatedParty(r.OrganizationId, caller)) throw new DomainException("整改报告由被评价单位（或其主管部门）报送。");
        CheckVersion(r, version);
        var t = RectificationWorkflow.Machine.Check(r.State, RectificationAction.Submit, caller.Roles, null);
        r.Submit(db.Actor.Name, db.Now);
        WorkflowRecorder.Record(db, RectificationSubject, r.Id.ToString(), t, ActingRole(t, caller), null);
        await todos.CompleteFor(RectificationSubject, r.Id.ToString(), ct);
        var l = await db.FeedbackLetters.AsNoTracking().FirstAsync(x => x.Id == r.LetterId, ct);
        todos.Assign(new Todo(r.RegionId, r.FiscalYear, $"验收整改：{l.Title}（{l.Number}）", RectificationLink(r.Id), RectificationSubject, r.Id.ToString(),
            db.Now, null, null, r.OrganizerOrganizationId, Role.PerformanceSection));
        await db.SaveChangesAsync(ct);
        return r;
    }

    public async Task<Rectification> ReviewAsync(long id, int version, bool accept, string? reason, Caller caller, CancellationToken ct = default)
    {
        var r = await RectificationAsync(id, caller, ct);
        if (!IsOrganiser(r.RegionId, caller)) throw new DomainException("整改由财政部门绩效管理科验收。");
        CheckVersion(r, version);
        var t = RectificationWorkflow.Machine.Check(r.State, accept ? RectificationAction.Accept : RectificationAction.Return, caller.Roles, reason);
        if (reason?.Trim().Length > 2000) throw new DomainException("退回理由不超过2000字。");
        r.Review(accept, reason, db.Actor.Name, db.Now);
        WorkflowRecorder.Record(db, RectificationSubject, r.Id.ToString(), t, ActingRole(t, caller), reason?.Trim());
        await todos.CompleteFor(RectificationSubject, r.Id.ToString(), ct);
        if (!accept)
        {
            var l = await db.FeedbackLetters.AsNoTracking().FirstAsync(x => x.Id == r.LetterId, ct);
            todos.Assign(new Todo(r.RegionId, r.FiscalYear, $"整改被退回，请继续整改：{l.Title}（{l.Number}）", RectificationLink(r.Id), RectificationSubject,
                r.Id.ToString(), db.Now, DueAt(r.Deadline), null, r.OrganizationId, null));
        }
        await db.SaveChangesAsync(ct);
        return r;
    }
}
