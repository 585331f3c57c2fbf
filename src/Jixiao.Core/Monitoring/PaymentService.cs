using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Monitoring;

/// <summary>Filters of the payment list; dates inclusive.</summary>
public sealed record PaymentFilter(int? FiscalYear, string? ProjectCode, long? UnitId, DateOnly? From, DateOnly? To, long? BatchId = null);

public sealed record PaymentRow(long Id, string PaymentNo, DateOnly PaymentDate, int FiscalYear, long ProjectId, string ProjectCode, string ProjectName,
    long UnitId, string UnitCode, string UnitName, decimal Amount, string? FundingSource, string? EconomicClassification, string? Purpose,
    long BatchId, bool IsException, string? ExceptionReason);

public sealed record PaymentBatchRow(long Id, string RegionName, PaymentBatchSource Source, string BatchKey, string ContentHash, string? FileName,
    int RowCount, int NewRowCount, decimal TotalAmount, string ImportedByName, DateTime ImportedAt, PaymentBatchStatus Status);

/// <summary>Payments and batches as the lists show them, always within the caller's scope.</summary>
public sealed class PaymentService(JixiaoDbContext db)
{
    /// <summary>Payments of organisations in scope, newest first.</summary>
    public async Task<(List<PaymentRow> Items, int Total, decimal Sum)> ListAsync(OrgScope scope, PaymentFilter filter, int page, int pageSize,
        CancellationToken ct = default)
    {
        var q = Query(scope, filter);
        var total = await q.CountAsync(ct);
        var sum = total == 0 ? 0m : await q.SumAsync(x => x.P.Amount, ct);
        var items = await q.OrderByDescending(x => x.P.PaymentDate).ThenByDescending(x => x.P.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).Select(Row).ToListAsync(ct);
        return (items, total, sum);
    }

    public async Task<PaymentRow> LoadAsync(long id, OrgScope scope, CancellationToken ct = default)
    {
        return await Query(scope, new(null, null, null, null, null)).Where(x => x.P.Id == id).Select(Row).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("支付明细");
    }

    public async Task<Page<PaymentBatchRow>> BatchesAsync(OrgScope scope, int page, int pageSize, CancellationToken ct = default)
    {
        var regions = scope.RegionIds.ToList();
        var q = db.PaymentBatches.AsNoTracking().Where(b => regions.Contains(b.RegionId));
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(b => b.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Join(db.Regions, b => b.RegionId, r => r.Id, (b, r) => new PaymentBatchRow(b.Id, r.Name, b.Source, b.BatchKey, b.ContentHash, b.FileName,
                b.RowCount, b.NewRowCount, b.TotalAmount, b.ImportedByName, b.ImportedAt, b.Status))
            .ToListAsync(ct);
        return new(items, total);
    }

    /// <summary>A batch of a region in scope (404 otherwise).</summary>
    public async Task<PaymentBatchRow> BatchAsync(long id, OrgScope scope, CancellationToken ct = default)
    {
        var regions = scope.RegionIds.ToList();
        return await db.PaymentBatches.AsNoTracking().Where(b => b.Id == id && regions.Contains(b.RegionId))
            .Join(db.Regions, b => b.RegionId, r => r.Id, (b, r) => new PaymentBatchRow(b.Id, r.Name, b.Source, b.BatchKey, b.ContentHash, b.FileName,
                b.RowCount, b.NewRowCount, b.TotalAmount, b.ImportedByName, b.ImportedAt, b.Status))
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("导入批次");
    }

    private sealed class Joined
    {
        public required Payment P { get; init; }

        public required Projects.Project Pr { get; init; }

        public required Organization U { get; init; }
    }

    private IQueryable<Joined> Query(OrgScope scope, PaymentFilter f)
    {
        var q = db.Payments.AsNoTracking().InScope(scope);
        if (f.FiscalYear is { } y) q = q.Where(p => p.FiscalYear == y);
        if (f.UnitId is { } unit) q = q.Where(p => p.OrganizationId == unit);
        if (f.From is { } from) q = q.Where(p => p.PaymentDate >= from);
        if (f.To is { } to) q = q.Where(p => p.PaymentDate <= to);
        if (f.BatchId is { } batch) q = q.Where(p => p.BatchId == batch);
        var joined = q.Join(db.Projects, p => p.ProjectId, pr => pr.Id, (p, pr) => new { p, pr })
            .Join(db.Organizations, x => x.p.OrganizationId, u => u.Id, (x, u) => new Joined { P = x.p, Pr = x.pr, U = u });
        if (!string.IsNullOrWhiteSpace(f.ProjectCode))
        {
            var code = f.ProjectCode.Trim();
            joined = joined.Where(x => x.Pr.Code == code);
        }
        return joined;
    }

    private static readonly System.Linq.Expressions.Expression<Func<Joined, PaymentRow>> Row = x => new PaymentRow(x.P.Id, x.P.PaymentNo, x.P.PaymentDate,
        x.P.FiscalYear, x.P.ProjectId, x.Pr.Code, x.Pr.Name, x.P.OrganizationId, x.U.Code, x.U.Name, x.P.Amount, x.P.FundingSource,
        x.P.EconomicClassification, x.P.Purpose, x.P.BatchId, x.P.IsException, x.P.ExceptionReason);
}
