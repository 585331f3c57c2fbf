using Jixiao.Core.Data;
using Jixiao.Core.Goals;
using Jixiao.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.PriorAssessments;

/// <summary>Where a project stands at the budget gate of Art. 14.</summary>
public enum GateStatus
{
    /// <summary>No assessment yet.</summary>
    None,
    /// <summary>An assessment is being prepared, organised or scored.</summary>
    InProgress,
    /// <summary>The last assessment concluded 不予支持.</summary>
    NotSupported,
    /// <summary>A self-assessment awaits the organiser's confirmation.</summary>
    AwaitingConfirmation,
    /// <summary>调整完善后支持, and the changes are not yet reported and confirmed.</summary>
    AwaitingChanges,
    /// <summary>May ask for money.</summary>
    Passed,
}

/// <summary>The facts of a project's latest assessment that the gate reads.</summary>
public sealed record GateFacts(PriorAssessmentState State, AssessmentMethod? Method, PriorConclusion? Conclusion,
    bool ConclusionConfirmed, bool ChangesReported, bool ChangesConfirmed);

/// <summary>
/// The budget gate of Art. 14 as a pure function: a new major project (or one proposed for renewal) may submit its goal
/// only when its latest ex-ante assessment concluded 予以支持, or 调整完善后支持 with the changes reported by the unit and
/// confirmed by the organiser; a unit's self-assessment counts only once the performance section (or the department)
/// has confirmed its conclusion.
/// </summary>
public static class PriorAssessmentGateRules
{
    public static GateStatus Status(GateFacts? latest)
    {
        if (latest is null) return GateStatus.None;
        if (latest.State != PriorAssessmentState.Closed) return GateStatus.InProgress;
        if (latest.Conclusion is not { } c || c == PriorConclusion.NotSupported) return GateStatus.NotSupported;
        if (latest.Method == AssessmentMethod.SelfAssessment && !latest.ConclusionConfirmed) return GateStatus.AwaitingConfirmation;
        if (c == PriorConclusion.SupportAfterRevision && !latest.ChangesConfirmed) return GateStatus.AwaitingChanges;
        return GateStatus.Passed;
    }

    /// <summary>A new assessment may start only when there is none, or the last one did not support the project.</summary>
    public static bool MayStartNew(GateStatus s) => s is GateStatus.None or GateStatus.NotSupported;

    private const string Prefix = "该项目为新增重大项目或到期续设项目，须先通过事前绩效评估（结论为“予以支持”，或“调整完善后支持”且已完成调整）才能申报目标（第十四条）。";

    /// <summary>Why the goal cannot be submitted, in Chinese, or null when it can.</summary>
    public static string? BlockReason(GateStatus s, long? assessmentId) => s switch
    {
        GateStatus.Passed => null,
        GateStatus.None => Prefix + "尚未开展事前绩效评估：请在“事前绩效评估”中发起评估。",
        GateStatus.InProgress => Prefix + $"事前绩效评估（第{assessmentId}号）尚未得出结论。",
        GateStatus.NotSupported => Prefix + $"事前绩效评估（第{assessmentId}号）结论为“不予支持”，不得申请预算；如重新论证，可再次发起评估。",
        GateStatus.AwaitingConfirmation => Prefix + $"单位自评结论（第{assessmentId}号）尚待财政部门绩效管理科（或主管部门）确认。",
        GateStatus.AwaitingChanges => Prefix + $"事前绩效评估（第{assessmentId}号）结论为“调整完善后支持”，须报告调整完善情况并经组织方确认。",
    };

    public static string ChineseName(this GateStatus s) => s switch
    {
        GateStatus.None => "未评估",
        GateStatus.InProgress => "评估中",
        GateStatus.NotSupported => "不予支持",
        GateStatus.AwaitingConfirmation => "自评结论待确认",
        GateStatus.AwaitingChanges => "待完成调整完善",
        GateStatus.Passed => "已通过",
    };
}

/// <summary>The gate over the database: the latest assessment of the project.</summary>
public sealed class PriorAssessmentGate(JixiaoDbContext db) : IPriorAssessmentGate
{
    public async Task<(GateStatus Status, long? AssessmentId)> StatusAsync(long projectId, CancellationToken ct = default)
    {
        var latest = await db.PriorAssessments.AsNoTracking().Where(a => a.ProjectId == projectId).OrderByDescending(a => a.Id)
            .Select(a => new
            {
                a.Id,
                Facts = new GateFacts(a.State, a.Method, a.Conclusion, a.ConclusionConfirmedAt != null, a.ChangesReportedAt != null, a.ChangesConfirmedAt != null),
            })
            .FirstOrDefaultAsync(ct);
        return (PriorAssessmentGateRules.Status(latest?.Facts), latest?.Id);
    }

    public async Task<string?> BlockReasonAsync(Project project, CancellationToken ct)
    {
        var (status, id) = await StatusAsync(project.Id, ct);
        return PriorAssessmentGateRules.BlockReason(status, id);
    }
}
