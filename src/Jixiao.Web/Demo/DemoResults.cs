using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Results;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Demo;

/// <summary>
/// Feedback letters of <c>fiscalYear</c> in every state, made through <see cref="ResultService"/> by the people who act: a draft, a cancelled
/// one, one awaiting the unit's views, one sent after the unit's views (its rectification in progress, on time), and the completed key
/// evaluation's letter sent, rectified by the department and returned with a reason. The passed self-evaluations of 长治市第一中学校 are left
/// for the user to try. The flagged re-evaluation's letter was sent <see cref="OverdueSentDaysAgo"/> days ago (the services run on a clock
/// set back that far, so the letter, its number, its audit records and its deadline all carry that date) and nothing was done: it is overdue.
/// </summary>
internal static class DemoResults
{
    private const int OverdueSentDaysAgo = 45;

    public static async Task SeedAsync(Func<AuditActor, JixiaoDbContext> contextFor, Func<AuditActor, TimeProvider, JixiaoDbContext> contextAt,
        TimeProvider time, int fiscalYear, CancellationToken ct)
    {
        await using var read = contextFor(AuditActor.System);
        var city = await read.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.ParentId == null, ct);
        if (city is null) return;
        var perf = await read.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.RegionId == city.Id && o.Kind == OrganizationKind.PerformanceSection, ct);
        if (perf is null) return;
        var passed = await (from e in read.SelfEvaluations
                            join o in read.Organizations on e.OrganizationId equals o.Id
                            where e.FiscalYear == fiscalYear && e.State == SelfEvaluationState.DepartmentReviewed && o.Kind == OrganizationKind.BudgetUnit
                                && o.Name != "长治市第一中学校"
                            orderby e.Id
                            select e.Id).ToListAsync(ct);
        if (passed.Count < 4) return;
        var key = await read.KeyEvaluations.AsNoTracking().Where(k => k.FiscalYear == fiscalYear && k.State == KeyEvaluationState.Completed)
            .Select(k => (long?)k.Id).FirstOrDefaultAsync(ct);

        var flaggedItem = await (from i in read.ReEvaluationItems
                                 join r in read.ReEvaluations on i.ReEvaluationId equals r.Id
                                 where r.FiscalYear == fiscalYear && r.State == ReEvaluationState.Completed && i.ReTotal != null
                                 orderby i.Flagged descending, i.Id
                                 select (long?)i.Id).FirstOrDefaultAsync(ct);

        var perfActor = await DemoGoals.ActorAsync(read, perf, Role.PerformanceSection, ct);
        async Task<T> AsPerf<T>(Func<ResultService, Caller, Task<T>> act, TimeProvider? at = null)
        {
            await using var db = at is null ? contextFor(perfActor) : contextAt(perfActor, at);
            var caller = new Caller(perfActor.UserId, perf.Id, [Role.PerformanceSection],
                await new ScopeService(db).ScopeForAsync(perf.Id, [Role.PerformanceSection], ct));
            return await act(new ResultService(db, new RuleSetService(db), new TodoService(db)), caller);
        }
        async Task<T> AsParty<T>(long orgId, Func<ResultService, Caller, Task<T>> act)
        {
            var org = await read.Organizations.AsNoTracking().FirstAsync(o => o.Id == orgId, ct);
            var role = org.Kind == OrganizationKind.Department ? Role.Department : Role.BudgetUnit;
            var actor = await DemoGoals.ActorAsync(read, org, role, ct);
            await using var db = contextFor(actor);
            var caller = new Caller(actor.UserId, org.Id, [role], await new ScopeService(db).ScopeForAsync(org.Id, [role], ct));
            return await act(new ResultService(db, new RuleSetService(db), new TodoService(db)), caller);
        }

        // 已逾期 (first, so that its number comes before today's letters): the re-evaluation's letter, sent 45 days ago with the default 30-day deadline; the unit has not reported.
        if (flaggedItem is { } itemId)
        {
            var past = new ShiftedClock(time, TimeSpan.FromDays(-OverdueSentDaysAgo));
            var late = await AsPerf((s, c) => s.DraftAsync(FeedbackSourceKind.ReEvaluation, itemId, c, ct), past);
            await AsPerf((s, c) => s.SendAsync(late.Id, late.Version, c, ct), past);
        }
        // 草稿
        await AsPerf((s, c) => s.DraftAsync(FeedbackSourceKind.SelfEvaluation, passed[0], c, ct));
        // 已作废
        var cancelled = await AsPerf((s, c) => s.DraftAsync(FeedbackSourceKind.SelfEvaluation, passed[1], c, ct));
        await AsPerf((s, c) => s.CancelAsync(cancelled.Id, cancelled.Version, "来源选择有误，重新拟稿。", c, ct));
        // 征求意见中
        var asking = await AsPerf((s, c) => s.DraftAsync(FeedbackSourceKind.SelfEvaluation, passed[2], c, ct));
        await AsPerf((s, c) => s.RequestViewsAsync(asking.Id, asking.Version, c, ct));
        // 已印发 after the unit's views; the rectification in progress, one item done.
        var sent = await AsPerf((s, c) => s.DraftAsync(FeedbackSourceKind.SelfEvaluation, passed[3], c, ct));
        sent = await AsPerf((s, c) => s.RequestViewsAsync(sent.Id, sent.Version, c, ct));
        sent = await AsParty(sent.OrganizationId, (s, c) => s.StateViewsAsync(sent.Id, sent.Version, "对反馈的问题无异议，将按期整改。", c, ct));
        sent = await AsPerf((s, c) => s.SendAsync(sent.Id, sent.Version, c, ct));
        var rect = await AsPerf(async (s, c) => (await s.ListRectificationsAsync(new(), c, 1, 1000, ct)).Items.First(r => r.LetterId == sent.Id));
        await AsParty(sent.OrganizationId, async (s, c) =>
        {
            var d = await s.RectificationDetailAsync(rect.Id, c, ct);
            return await s.RecordItemAsync(rect.Id, d.Rectification.Version, d.Rectification.Items.OrderBy(i => i.SortOrder).First().Id,
                "已修订项目管理办法，细化绩效指标。", RectificationItemState.Done, c, ct);
        });
        if (key is not { } keyId) return;
        // The key evaluation's letter: sent, rectified by the department, returned with a reason.
        var keyLetter = await AsPerf((s, c) => s.DraftAsync(FeedbackSourceKind.KeyEvaluation, keyId, c, ct));
        if (keyLetter.ProblemList.Count == 0) return;
        keyLetter = await AsPerf((s, c) => s.SendAsync(keyLetter.Id, keyLetter.Version, c, ct));
        var keyRect = await AsPerf(async (s, c) => (await s.ListRectificationsAsync(new(), c, 1, 1000, ct)).Items.First(r => r.LetterId == keyLetter.Id));
        var submitted = await AsParty(keyLetter.OrganizationId, async (s, c) =>
        {
            var d = await s.RectificationDetailAsync(keyRect.Id, c, ct);
            var r = d.Rectification;
            foreach (var i in r.Items.OrderBy(i => i.SortOrder).ToList())
                r = await s.RecordItemAsync(keyRect.Id, r.Version, i.Id, "已制定整改方案并组织实施。", RectificationItemState.PartlyDone, c, ct);
            r = await s.SaveReportAsync(keyRect.Id, r.Version, "关于学生营养改善计划绩效评价发现问题整改情况的报告：已制定整改方案，部分问题已整改到位。", c, ct);
            return await s.SubmitAsync(keyRect.Id, r.Version, c, ct);
        });
        await AsPerf((s, c) => s.ReviewAsync(keyRect.Id, submitted.Version, false, "部分问题仅有措施、缺少整改完成的佐证材料，请补充后重新报送。", c, ct));
    }
}

/// <summary>A clock <c>by</c> away from another: the demo's way to have done something in the past through the real services.</summary>
internal sealed class ShiftedClock(TimeProvider inner, TimeSpan by) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + by;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
}
