using Jixiao.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Workflows;

/// <summary>
/// One recorded transition of any workflow: who (user, role, organisation) moved what from which state to
/// which, when, and why. Append-only; <see cref="WorkflowRecorder"/> writes the audit record for it.
/// </summary>
[NotAuditedEntity]
public sealed class WorkflowStep
{
    private WorkflowStep() { }

    public WorkflowStep(string subjectType, string subjectId, string fromState, string action, string toState,
        long? actorUserId, string actorName, string role, long? actorOrganizationId, DateTime at, string? comment)
    {
        SubjectType = subjectType;
        SubjectId = subjectId;
        FromState = fromState;
        Action = action;
        ToState = toState;
        ActorUserId = actorUserId;
        ActorName = actorName;
        Role = role;
        ActorOrganizationId = actorOrganizationId;
        At = at;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }

    public long Id { get; private set; }

    /// <summary>e.g. <c>PerformanceGoal</c>.</summary>
    public string SubjectType { get; private set; } = "";

    public string SubjectId { get; private set; } = "";

    public string FromState { get; private set; } = "";

    public string Action { get; private set; } = "";

    public string ToState { get; private set; } = "";

    public long? ActorUserId { get; private set; }

    public string ActorName { get; private set; } = "";

    public string Role { get; private set; } = "";

    public long? ActorOrganizationId { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>The reason of a return or rejection (always present then), or a reviewer's remark.</summary>
    public string? Comment { get; private set; }
}

internal sealed class WorkflowStepConfiguration : IEntityTypeConfiguration<WorkflowStep>
{
    public void Configure(EntityTypeBuilder<WorkflowStep> b)
    {
        b.Property(x => x.SubjectType).HasMaxLength(60);
        b.Property(x => x.SubjectId).HasMaxLength(60);
        b.Property(x => x.FromState).HasMaxLength(40);
        b.Property(x => x.Action).HasMaxLength(40);
        b.Property(x => x.ToState).HasMaxLength(40);
        b.Property(x => x.ActorName).HasMaxLength(50);
        b.Property(x => x.Role).HasMaxLength(40);
        b.Property(x => x.Comment).HasMaxLength(2000);
        b.HasIndex(x => new { x.SubjectType, x.SubjectId, x.At });
    }
}

/// <summary>Records transitions in the same save as the state change, with the audit record alongside.</summary>
public static class WorkflowRecorder
{
    public static WorkflowStep Record<TState, TAction>(Data.JixiaoDbContext db, string subjectType, string subjectId,
        Transition<TState, TAction> t, Identity.Role actingRole, string? comment)
        where TState : struct, Enum
        where TAction : struct, Enum
    {
        var actor = db.Actor;
        var step = new WorkflowStep(subjectType, subjectId, t.From.ToString(), t.Action.ToString(), t.To.ToString(),
            actor.UserId, actor.Name, actingRole.ToString(), actor.OrganizationId, db.Now, comment);
        db.Add(step);
        db.Audit($"workflow.{t.Action.ToString().ToLowerInvariant()}", subjectType, subjectId,
            new { from = t.From.ToString(), to = t.To.ToString(), role = actingRole.ToString(), comment = step.Comment });
        return step;
    }
}
