using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Results;

namespace Jixiao.Core.Tests.Results;

/// <summary>
/// The pure rules of feedback and rectification (RULES §7): overdue and reminder edges against a deadline, the default deadline, the 文号,
/// the default title without doubled words, and the two workflows (return needs a reason; who may act).
/// </summary>
public sealed class RectificationRulesTests
{
    private static readonly DateOnly Deadline = new(2026, 12, 28);

    [Theory]
    [InlineData("2026-12-27", RectificationState.InProgress, false)]
    [InlineData("2026-12-28", RectificationState.InProgress, false)] // the deadline day itself is still in time
    [InlineData("2026-12-29", RectificationState.InProgress, true)]
    [InlineData("2026-12-29", RectificationState.Returned, true)]
    [InlineData("2026-12-29", RectificationState.Submitted, true)] // submitted late and not yet accepted: still overdue
    [InlineData("2026-12-29", RectificationState.Accepted, false)]
    [InlineData("2027-03-01", RectificationState.Accepted, false)]
    public void Overdue_AfterTheDeadlineDay_UnlessAccepted(string today, RectificationState state, bool overdue) =>
        Assert.Equal(overdue, RectificationRules.IsOverdue(Deadline, state, DateOnly.Parse(today)));

    [Theory]
    [InlineData("2026-12-20", 7, RectificationState.InProgress, false)] // 8 days before
    [InlineData("2026-12-21", 7, RectificationState.InProgress, true)] // 7 days before: the first reminder day
    [InlineData("2026-12-28", 7, RectificationState.InProgress, true)] // the deadline day
    [InlineData("2026-12-29", 7, RectificationState.InProgress, false)] // overdue instead
    [InlineData("2026-12-21", 7, RectificationState.Returned, true)]
    [InlineData("2026-12-21", 7, RectificationState.Submitted, false)]
    [InlineData("2026-12-21", 7, RectificationState.Accepted, false)]
    [InlineData("2026-12-25", 3, RectificationState.InProgress, true)]
    [InlineData("2026-12-24", 3, RectificationState.InProgress, false)]
    [InlineData("2026-12-28", 0, RectificationState.InProgress, true)]
    public void Reminder_FromTheRuleSetsDaysBefore_ToTheDeadline(string today, int days, RectificationState state, bool due) =>
        Assert.Equal(due, RectificationRules.ReminderDue(Deadline, state, DateOnly.Parse(today), days));

    [Theory]
    [InlineData("2026-11-28", 30, "2026-12-28")]
    [InlineData("2026-12-31", 30, "2027-01-30")]
    [InlineData("2028-02-01", 28, "2028-02-29")]
    public void DefaultDeadline_IsDaysAfter(string day, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), RectificationRules.DefaultDeadline(DateOnly.Parse(day), days));

    [Fact]
    public void DueAt_IsTheEndOfTheDeadlineDayInChina()
    {
        var due = ResultService.DueAt(Deadline);
        Assert.Equal(new DateTime(2026, 12, 28, 16, 0, 0, DateTimeKind.Utc), due); // 29 Dec 00:00 in China
        Assert.Equal(Deadline.AddDays(1), DateOnly.FromDateTime(ChinaTime.FromUtc(due)));
    }

    [Theory]
    [InlineData("长治市", 2026, 1, "长财绩函〔2026〕1号")]
    [InlineData("长治市", 2027, 12, "长财绩函〔2027〕12号")]
    [InlineData("潞州区", 2026, 3, "潞财绩函〔2026〕3号")]
    public void Number_PrefixFromTheRegion(string region, int year, int n, string expected) =>
        Assert.Equal(expected, ResultService.FormatNumber(region, year, n));

    [Theory]
    [InlineData(FeedbackSourceKind.KeyEvaluation, "学生营养改善计划绩效评价", "关于学生营养改善计划绩效评价结果的反馈函")]
    [InlineData(FeedbackSourceKind.KeyEvaluation, "学生营养改善计划重点绩效评价", "关于学生营养改善计划绩效评价结果的反馈函")]
    [InlineData(FeedbackSourceKind.KeyEvaluation, "学生营养改善计划", "关于学生营养改善计划绩效评价结果的反馈函")]
    [InlineData(FeedbackSourceKind.SelfEvaluation, "校园文化建设", "关于校园文化建设绩效自评结果的反馈函")]
    [InlineData(FeedbackSourceKind.SelfEvaluation, "校园文化建设绩效自评", "关于校园文化建设绩效自评结果的反馈函")]
    [InlineData(FeedbackSourceKind.ReEvaluation, "学生资助", "关于学生资助绩效自评再评价结果的反馈函")]
    [InlineData(FeedbackSourceKind.MonitoringFinding, "耕地质量监测", "关于耕地质量监测绩效运行监控发现问题的反馈函")]
    public void DefaultTitle_NoDoubledWords(FeedbackSourceKind kind, string subject, string expected)
    {
        var title = ResultService.DefaultTitle(kind, subject);
        Assert.Equal(expected, title);
        Assert.DoesNotContain("评价绩效评价", title);
        Assert.DoesNotContain("自评绩效自评", title);
    }

    [Theory]
    [InlineData(1, "一")]
    [InlineData(9, "九")]
    [InlineData(10, "十")]
    [InlineData(11, "十一")]
    [InlineData(20, "二十")]
    [InlineData(35, "三十五")]
    public void ChineseNumber_OfProblems(int n, string expected) => Assert.Equal(expected, FeedbackLetterDocument.ChineseNumber(n));

    [Fact]
    public void LetterWorkflow_DraftToSentDirectlyOrThroughViews_CancelNeedsReason_NothingAfterSent()
    {
        var m = FeedbackLetterWorkflow.Machine;
        Role[] perf = [Role.PerformanceSection];
        Assert.Equal(FeedbackLetterState.Sent, m.Check(FeedbackLetterState.Draft, FeedbackLetterAction.Send, perf, null).To);
        Assert.Equal(FeedbackLetterState.AwaitingViews, m.Check(FeedbackLetterState.Draft, FeedbackLetterAction.RequestViews, perf, null).To);
        Assert.Equal(FeedbackLetterState.AwaitingViews, m.Check(FeedbackLetterState.AwaitingViews, FeedbackLetterAction.StateViews, [Role.BudgetUnit], null).To);
        Assert.Equal(FeedbackLetterState.Sent, m.Check(FeedbackLetterState.AwaitingViews, FeedbackLetterAction.Send, perf, null).To);
        Assert.Throws<DomainException>(() => m.Check(FeedbackLetterState.Draft, FeedbackLetterAction.Cancel, perf, " "));
        Assert.Equal(FeedbackLetterState.Cancelled, m.Check(FeedbackLetterState.Draft, FeedbackLetterAction.Cancel, perf, "来源有误").To);
        Assert.Throws<DomainException>(() => m.Check(FeedbackLetterState.Sent, FeedbackLetterAction.Cancel, perf, "来源有误"));
        Assert.Throws<DomainException>(() => m.Check(FeedbackLetterState.Draft, FeedbackLetterAction.Send, [Role.BudgetUnit], null));
        Assert.Throws<DomainException>(() => m.Check(FeedbackLetterState.AwaitingViews, FeedbackLetterAction.StateViews, perf, null));
    }

    [Fact]
    public void RectificationWorkflow_ReturnNeedsReason_PartySubmitsAgain()
    {
        var m = RectificationWorkflow.Machine;
        Role[] perf = [Role.PerformanceSection];
        Assert.Equal(RectificationState.Submitted, m.Check(RectificationState.InProgress, RectificationAction.Submit, [Role.BudgetUnit], null).To);
        var e = Assert.Throws<DomainException>(() => m.Check(RectificationState.Submitted, RectificationAction.Return, perf, null));
        Assert.Contains("理由", e.Message);
        Assert.Equal(RectificationState.Returned, m.Check(RectificationState.Submitted, RectificationAction.Return, perf, "佐证不足").To);
        Assert.Equal(RectificationState.Submitted, m.Check(RectificationState.Returned, RectificationAction.Submit, [Role.Department], null).To);
        Assert.Equal(RectificationState.Accepted, m.Check(RectificationState.Submitted, RectificationAction.Accept, perf, null).To);
        Assert.Throws<DomainException>(() => m.Check(RectificationState.Submitted, RectificationAction.Accept, [Role.BudgetUnit], null));
        Assert.Throws<DomainException>(() => m.Check(RectificationState.Accepted, RectificationAction.Return, perf, "再看看"));
    }
}
