using Jixiao.Core.Common;

namespace Jixiao.Core.Jobs;

/// <summary>
/// The lease of one background job (one row per job name): a node runs the job only after winning a conditional UPDATE that sets
/// it as holder while the lease has expired and the day has not been run, so several app nodes run a daily job once.
/// </summary>
[NotAuditedEntity]
public sealed class JobLease
{
    private JobLease() { }

    public JobLease(string name) => Name = name;

    public string Name { get; private set; } = "";

    public string? Holder { get; private set; }

    public DateTime? LeaseUntil { get; private set; }

    /// <summary>The last day (China time) a run completed for.</summary>
    public DateOnly? LastRunFor { get; private set; }
}

/// <summary>One run of a background job: who ran it, for which day, and what it did.</summary>
[NotAuditedEntity]
public sealed class JobRun
{
    private JobRun() { }

    public JobRun(string jobName, string holder, DateOnly runFor, DateTime startedAt)
    {
        JobName = jobName;
        Holder = holder;
        RunFor = runFor;
        StartedAt = startedAt;
    }

    public long Id { get; private set; }

    public string JobName { get; private set; } = "";

    public string Holder { get; private set; } = "";

    public DateOnly RunFor { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    public bool Succeeded { get; private set; }

    public string? Summary { get; private set; }

    public void Finish(bool succeeded, string summary, DateTime at)
    {
        Succeeded = succeeded;
        Summary = summary.Length > 2000 ? summary[..2000] : summary;
        FinishedAt = at;
    }
}
