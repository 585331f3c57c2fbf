using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Todos;

public sealed record TodoItem(long Id, string Title, string Link, DateTime CreatedAt, DateTime? DueAt, bool IsOverdue, int FiscalYear);

/// <summary>To-dos: later workflows call <see cref="Assign"/> when a step passes on and <see cref="CompleteFor"/> when it is done.</summary>
public sealed class TodoService(JixiaoDbContext db)
{
    public void Assign(Todo todo) => db.Todos.Add(todo);

    /// <summary>Completes the open to-dos about a subject (the step was taken, by whoever).</summary>
    public async Task CompleteFor(string subjectType, string subjectId, CancellationToken ct = default)
    {
        var open = await db.Todos.Where(t => t.SubjectType == subjectType && t.SubjectId == subjectId && t.CompletedAt == null).ToListAsync(ct);
        foreach (var t in open) t.Complete(db.Now, db.Actor.UserId);
    }

    /// <summary>The user's open to-dos: addressed to them, or to their organisation (for a role they hold).</summary>
    public async Task<List<TodoItem>> OpenForAsync(long userId, long organizationId, IReadOnlyCollection<Role> roles, int? fiscalYear, CancellationToken ct = default)
    {
        var roleList = roles.Cast<Role?>().ToList();
        var q = db.Todos.AsNoTracking().Where(t => t.CompletedAt == null &&
            (t.AssigneeUserId == userId ||
             (t.AssigneeUserId == null && t.AssigneeOrganizationId == organizationId && (t.AssigneeRole == null || roleList.Contains(t.AssigneeRole)))));
        if (fiscalYear is { } y) q = q.Where(t => t.FiscalYear == y);
        var rows = await q.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt).Take(500).ToListAsync(ct);
        var now = db.Now;
        return rows.Select(t => new TodoItem(t.Id, t.Title, t.Link, t.CreatedAt, t.DueAt, t.IsOverdue(now), t.FiscalYear)).ToList();
    }
}
