using Jixiao.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Jobs;

/// <summary>
/// The database lease of background jobs: a conditional UPDATE of the job's row takes the lease only when it has expired (or was released)
/// and the day has not been run yet, so of several app nodes on one database exactly one runs a daily job per day.
/// </summary>
public sealed class JobLeaseService(JixiaoDbContext db)
{
    /// <summary>Takes the lease of <paramref name="name"/> for <paramref name="runFor"/>; false when another holder has it or the day is done.</summary>
    public async Task<bool> TryAcquireAsync(string name, string holder, DateOnly runFor, TimeSpan leaseFor, bool force = false, CancellationToken ct = default)
    {
        if (!await db.JobLeases.AnyAsync(l => l.Name == name, ct))
        {
            try
            {
                db.JobLeases.Add(new JobLease(name));
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node created the row first.
            }
            db.ChangeTracker.Clear();
        }
        var now = db.Now;
        var until = now + leaseFor;
        var q = db.JobLeases.Where(l => l.Name == name && (l.LeaseUntil == null || l.LeaseUntil < now));
        if (!force) q = q.Where(l => l.LastRunFor == null || l.LastRunFor < runFor);
        var n = await q.ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.LeaseUntil, until), ct);
        return n == 1;
    }

    /// <summary>Ends the lease; a successful run records its day so no node runs it again.</summary>
    public async Task ReleaseAsync(string name, string holder, DateOnly? completedFor, CancellationToken ct = default)
    {
        var q = db.JobLeases.Where(l => l.Name == name && l.Holder == holder);
        if (completedFor is { } d)
            await q.ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseUntil, (DateTime?)null).SetProperty(l => l.LastRunFor, d), ct);
        else
            await q.ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseUntil, (DateTime?)null), ct);
    }
}
