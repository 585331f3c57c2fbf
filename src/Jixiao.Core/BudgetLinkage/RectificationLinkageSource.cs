using Jixiao.Core.Data;
using Jixiao.Core.Results;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.BudgetLinkage;

/// <summary>
/// The linkage list's and the congress report's view of rectification (Art. 32: 整改不到位 or 不进行整改 → 从严控制), read from the
/// feedback feature's rectifications. Only rectifications of sent letters exist, so every one counts.
/// </summary>
public sealed class RectificationLinkageSource(JixiaoDbContext db) : ILinkageRectificationSource
{
    public async Task<LinkageRectificationFigures> ForProjectsAsync(IReadOnlyCollection<long> projectIds, DateOnly today, CancellationToken ct = default)
    {
        var ids = projectIds.Distinct().ToList();
        var rows = await (from r in db.Rectifications.AsNoTracking()
                          join i in db.RectificationItems.AsNoTracking() on r.Id equals i.RectificationId
                          where r.ProjectId != null && ids.Contains(r.ProjectId.Value)
                          select new { r.Id, ProjectId = r.ProjectId!.Value, r.State, r.Deadline, Item = i.State }).ToListAsync(ct);
        var byRectification = rows.GroupBy(x => (x.Id, x.ProjectId, x.State, x.Deadline))
            .Select(g => (g.Key.ProjectId, g.Key.State, g.Key.Deadline, Items: g.Select(x => x.Item).ToList()))
            .ToList();
        var byProject = byRectification.GroupBy(r => r.ProjectId)
            .ToDictionary(g => g.Key, g => g.Max(r => Status(r.State, r.Items, r.Deadline, today)));
        var overdue = byRectification.Where(r => RectificationRules.IsOverdue(r.Deadline, r.State, today))
            .Sum(r => r.Items.Count(s => s != RectificationItemState.Done));
        return new LinkageRectificationFigures(byProject, rows.Count, rows.Count(x => x.Item == RectificationItemState.Done), overdue);
    }

    /// <summary>
    /// One rectification's standing for the budget: accepted with every item done → 已整改; accepted with items open or partly done,
    /// or returned → 整改不到位; past the deadline and not accepted → 未整改; otherwise 整改中. A project with several takes the worst
    /// (the enum is ordered by severity).
    /// </summary>
    public static LinkageRectification Status(RectificationState state, IReadOnlyCollection<RectificationItemState> items, DateOnly deadline, DateOnly today)
    {
        if (state == RectificationState.Accepted)
            return items.All(s => s == RectificationItemState.Done) ? LinkageRectification.Rectified : LinkageRectification.Incomplete;
        if (RectificationRules.IsOverdue(deadline, state, today)) return LinkageRectification.NotRectified;
        return state == RectificationState.Returned ? LinkageRectification.Incomplete : LinkageRectification.InProgress;
    }
}
