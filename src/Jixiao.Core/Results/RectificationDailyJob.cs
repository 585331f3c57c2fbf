using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Jobs;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Results;

public sealed record JobOutcome(bool Ran, string Message, long? RunId = null, int Reminded = 0, int MarkedOverdue = 0);

/// <summary>
/// The daily rectification job (RULES §7): reminds the evaluated party from the rule set's number of days before the deadline (once per
/// rectification and deadline) and marks overdue the rectifications whose deadline has passed and that are not accepted (a to-do for the organiser, an audit
/// record). Runs under the <see cref="JobLeaseService"/> lease, so with several app nodes it runs once a day; each run is a <see cref="JobRun"/>.
/// </summary>
public sealed class RectificationDailyJob(JixiaoDbContext db, JobLeaseService leases, RuleSetService rules, TodoService todos)
{
    public const string Name = "rectification-daily";

    public static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(30);

    public async Task<JobOutcome> RunAsync(string holder, bool force = false, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(ChinaTime.FromUtc(db.Now));
        if (!await leases.TryAcquireAsync(Name, holder, today, LeaseFor, force, ct))
            return new(false, $"{today:yyyy-MM-dd} 的整改日常任务已由其他节点执行或正在执行。");
        var run = new JobRun(Name, holder, today, db.Now);
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(ct);
        try
        {
            var (reminded, overdue) = await WorkAsync(today, ct);
            var summary = $"提醒 {reminded} 项，标记逾期 {overdue} 项。";
            run.Finish(true, summary, db.Now);
            await db.SaveChangesAsync(ct);
            await leases.ReleaseAsync(Name, holder, today, ct);
            return new(true, summary, run.Id, reminded, overdue);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            db.Attach(run);
            run.Finish(false, ex.Message, db.Now);
            await db.SaveChangesAsync(CancellationToken.None);
            await leases.ReleaseAsync(Name, holder, null, CancellationToken.None);
            throw;
        }
    }

    private async Task<(int Reminded, int Overdue)> WorkAsync(DateOnly today, CancellationToken ct)
    {
        var open = await db.Rectifications.Where(r => r.State != RectificationState.Accepted).ToListAsync(ct);
        var letters = await db.FeedbackLetters.AsNoTracking().Where(l => open.Select(r => r.LetterId).Contains(l.Id))
            .ToDictionaryAsync(l => l.Id, ct);
        var days = new Dictionary<(long, int), int>();
        int reminded = 0, overdue = 0;
        foreach (var r in open)
        {
            var l = letters[r.LetterId];
            if (!days.TryGetValue((r.RegionId, r.FiscalYear), out var before))
                days[(r.RegionId, r.FiscalYear)] = before = (await rules.ResolveAsync(r.RegionId, r.FiscalYear, ct)).Content.Results.RectificationReminderDays;
            if (RectificationRules.IsOverdue(r.Deadline, r.State, today) && r.OverdueMarkedAt is null)
            {
                r.MarkOverdue(db.Now);
                todos.Assign(new Todo(r.RegionId, r.FiscalYear, $"整改已逾期：{l.Title}（{l.Number}），期限{r.Deadline:yyyy-MM-dd}", ResultService.RectificationLink(r.Id),
                    ResultService.RectificationSubject + ".Overdue", r.Id.ToString(), db.Now, ResultService.DueAt(r.Deadline), null,
                    r.OrganizerOrganizationId, Identity.Role.PerformanceSection));
                db.Audit("result.rectification-overdue", ResultService.RectificationSubject, r.Id.ToString(), new { r.Deadline });
                overdue++;
            }
            else if (RectificationRules.ReminderDue(r.Deadline, r.State, today, before)
                     && (r.LastReminderOn is null || r.LastReminderOn < r.Deadline.AddDays(-before)))
            {
                r.Reminded(today);
                todos.Assign(new Todo(r.RegionId, r.FiscalYear, $"整改即将到期（{r.Deadline:yyyy-MM-dd}）：{l.Title}（{l.Number}）", ResultService.RectificationLink(r.Id),
                    ResultService.RectificationSubject + ".Reminder", r.Id.ToString(), db.Now, ResultService.DueAt(r.Deadline), null, r.OrganizationId, null));
                reminded++;
            }
        }
        await db.SaveChangesAsync(ct);
        return (reminded, overdue);
    }
}
