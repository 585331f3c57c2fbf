using Jixiao.Core.BudgetLinkage;
using Jixiao.Core.Results;

namespace Jixiao.Core.Tests.BudgetLinkage;

/// <summary>A rectification's standing for next year's budget (Art. 32), at the deadline's edge and for each workflow state.</summary>
public sealed class RectificationLinkageStatusTests
{
    private static readonly DateOnly Deadline = new(2026, 6, 30);

    [Theory]
    // Accepted: all items done → 已整改, whatever the date; anything not done → 整改不到位.
    [InlineData(RectificationState.Accepted, "D,D", "2026-07-31", LinkageRectification.Rectified)]
    [InlineData(RectificationState.Accepted, "D,P", "2026-06-01", LinkageRectification.Incomplete)]
    [InlineData(RectificationState.Accepted, "D,O", "2026-07-31", LinkageRectification.Incomplete)]
    // Not accepted, on the deadline day: still in time.
    [InlineData(RectificationState.InProgress, "O", "2026-06-30", LinkageRectification.InProgress)]
    [InlineData(RectificationState.Submitted, "D,D", "2026-06-30", LinkageRectification.InProgress)]
    [InlineData(RectificationState.Returned, "D,P", "2026-06-30", LinkageRectification.Incomplete)]
    // The day after the deadline, not accepted: 未整改, even when submitted or items are done.
    [InlineData(RectificationState.InProgress, "O", "2026-07-01", LinkageRectification.NotRectified)]
    [InlineData(RectificationState.Submitted, "D,D", "2026-07-01", LinkageRectification.NotRectified)]
    [InlineData(RectificationState.Returned, "D,P", "2026-07-01", LinkageRectification.NotRectified)]
    public void Status_ByStateItemsAndDeadline(RectificationState state, string items, string today, LinkageRectification expected)
    {
        var states = items.Split(',').Select(s => s switch
        {
            "D" => RectificationItemState.Done,
            "P" => RectificationItemState.PartlyDone,
            _ => RectificationItemState.Open,
        }).ToList();
        Assert.Equal(expected, RectificationLinkageSource.Status(state, states, Deadline, DateOnly.Parse(today)));
    }

    [Fact]
    public void Severity_Order_TheWorstWinsForAProject()
    {
        LinkageRectification[] all = [LinkageRectification.InProgress, LinkageRectification.NotRectified, LinkageRectification.Rectified, LinkageRectification.Incomplete];
        Assert.Equal(LinkageRectification.NotRectified, all.Max());
        Assert.Equal(LinkageRectification.Incomplete, all.Where(x => x != LinkageRectification.NotRectified).Max());
        Assert.Equal(LinkageRectification.Rectified, new[] { LinkageRectification.None, LinkageRectification.Rectified }.Max());
    }
}
