namespace Jixiao.Core.Todos;

/// <summary>
/// 待办: a task waiting for a user, or for whoever holds a role in an organisation. Workflows create them
/// when a step passes to the next person and complete them when that person acts.
/// </summary>
public sealed class Todo
{
    private Todo() { }

    public Todo(long regionId, int fiscalYear, string title, string link, string subjectType, string subjectId,
        DateTime createdAt, DateTime? dueAt, long? assigneeUserId, long? assigneeOrganizationId, Identity.Role? assigneeRole)
    {
        if (assigneeUserId is null && assigneeOrganizationId is null)
            throw new ArgumentException("a to-do needs a user or an organisation");
        RegionId = regionId;
        FiscalYear = fiscalYear;
        Title = title;
        Link = link;
        SubjectType = subjectType;
        SubjectId = subjectId;
        CreatedAt = createdAt;
        DueAt = dueAt;
        AssigneeUserId = assigneeUserId;
        AssigneeOrganizationId = assigneeOrganizationId;
        AssigneeRole = assigneeRole;
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>Relative URL of the page where the work is done.</summary>
    public string Link { get; private set; } = "";

    /// <summary>What the work is about, e.g. <c>PerformanceGoal</c> and its id: completing the work completes the to-do.</summary>
    public string SubjectType { get; private set; } = "";

    public string SubjectId { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime? DueAt { get; private set; }

    public long? AssigneeUserId { get; private set; }

    public long? AssigneeOrganizationId { get; private set; }

    public Identity.Role? AssigneeRole { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    public long? CompletedByUserId { get; private set; }

    public bool IsOverdue(DateTime now) => CompletedAt is null && DueAt is { } due && due < now;

    public void Complete(DateTime now, long? userId)
    {
        if (CompletedAt is not null) return;
        CompletedAt = now;
        CompletedByUserId = userId;
    }
}
