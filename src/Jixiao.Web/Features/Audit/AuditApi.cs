using Jixiao.Core.Audit;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Features.Audit;

public sealed record AuditRecordDto(long Sequence, DateTime OccurredAt, long? UserId, string UserName, string? Role, long? OrganizationId,
    string? ClientAddress, string Action, string TargetType, string? TargetId, string? Summary, string Hash);

public sealed record AuditFilter(DateTime? From, DateTime? To, string? User, string? Action, string? TargetType, string? TargetId);

/// <summary>Queries of the audit log, for the 审计管理员's page and API.</summary>
public static class AuditQueries
{
    public static IQueryable<AuditRecord> Filter(this IQueryable<AuditRecord> q, AuditFilter f)
    {
        if (f.From is { } from) q = q.Where(r => r.OccurredAt >= from);
        if (f.To is { } to) q = q.Where(r => r.OccurredAt < to);
        if (!string.IsNullOrWhiteSpace(f.User)) q = q.Where(r => r.UserName.Contains(f.User.Trim().ToLower()));
        if (!string.IsNullOrWhiteSpace(f.Action)) q = q.Where(r => r.Action.StartsWith(f.Action.Trim()));
        if (!string.IsNullOrWhiteSpace(f.TargetType)) q = q.Where(r => r.TargetType == f.TargetType.Trim());
        if (!string.IsNullOrWhiteSpace(f.TargetId)) q = q.Where(r => r.TargetId == f.TargetId.Trim());
        return q;
    }

    public static IQueryable<AuditRecordDto> ToDto(this IQueryable<AuditRecord> q) =>
        q.Select(r => new AuditRecordDto(r.Sequence, r.OccurredAt, r.UserId, r.UserName, r.Role, r.OrganizationId, r.ClientAddress, r.Action, r.TargetType, r.TargetId, r.Summary, r.Hash));
}

public static class AuditApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/audit").WithTags("审计日志").RequireAuthorization(nameof(Permission.ReadAuditLog));
        g.MapGet("/records", async ([AsParameters] AuditFilter filter, int? page, int? pageSize, JixiaoDbContext db, CancellationToken ct) =>
        {
            var (p, s) = Paging.Normalize(page, pageSize, 50);
            var q = db.AuditRecords.AsNoTracking().Filter(filter);
            var total = await q.CountAsync(ct);
            var items = await q.OrderByDescending(r => r.Sequence).Skip((p - 1) * s).Take(s).ToDto().ToListAsync(ct);
            return new Page<AuditRecordDto>(items, total);
        }).WithSummary("审计记录（仅审计管理员）");

        g.MapPost("/verify", async (JixiaoDbContext db, KeyRing keys, CancellationToken ct) =>
            await AuditVerifier.VerifyAsync(db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable(), keys.AuditChainKey, ct))
            .WithSummary("校验哈希链（仅审计管理员）");
    }
}
