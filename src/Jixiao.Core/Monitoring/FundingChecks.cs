using Jixiao.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Monitoring;

/// <summary>Payments against blocked funding (Art. 22): a suspended, stopped or cancelled project takes no new payments.</summary>
public static class FundingChecks
{
    /// <summary>
    /// Flags the payments of the given projects made while their funding was blocked (on or after the blocking action's date);
    /// called after a finance action and after every payment import, inside their transactions.
    /// </summary>
    public static async Task<int> FlagPaymentsAsync(JixiaoDbContext db, IReadOnlyCollection<long> projectIds, CancellationToken ct = default)
    {
        var actions = await db.FinanceActions.AsNoTracking().Where(a => projectIds.Contains(a.ProjectId)).OrderBy(a => a.Id).ToListAsync(ct);
        var flagged = 0;
        foreach (var group in actions.GroupBy(a => a.ProjectId))
        {
            var current = group.Last();
            if (!current.ResultingState.BlocksPayments()) continue;
            var since = group.Reverse().TakeWhile(a => a.ResultingState.BlocksPayments()).Last().EffectiveFrom;
            var reason = $"项目已{current.ResultingState.ChineseName()}（{since:yyyy-MM-dd}起），该笔支付为异常支付，请核实。";
            var payments = await db.Payments.Where(p => p.ProjectId == group.Key && p.PaymentDate >= since && !p.IsException).ToListAsync(ct);
            foreach (var p in payments) p.MarkException(reason);
            flagged += payments.Count;
        }
        if (flagged > 0)
        {
            db.Audit("payments.flag", nameof(Payment), null, new { projects = projectIds.Count, flagged });
            await db.SaveChangesAsync(ct);
        }
        return flagged;
    }

}
