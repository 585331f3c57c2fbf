using System.Data.Common;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Security;
using Jixiao.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Infrastructure;

/// <summary>
/// What "nothing changed" means for the whole database: the row count of every table of the model and the head of the
/// audit chain (its last sequence and hash), with the chain verified. Two snapshots are equal when a request wrote nothing.
/// </summary>
public sealed record DbSnapshot(IReadOnlyDictionary<string, long> RowCounts, long AuditHeadSequence, string AuditHeadHash)
{
    public static async Task<DbSnapshot> TakeAsync(JixiaoFactory factory)
    {
        await using var db = OpenContext(factory);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var tables = db.Model.GetEntityTypes()
            .Select(e => (Schema: e.GetSchema(), Table: e.GetTableName()))
            .Where(t => t.Table is not null)
            .Distinct()
            .ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var (schema, table) in tables)
        {
            await using DbCommand cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*) FROM {(schema is null ? "" : $"\"{schema}\".")}\"{table}\"";
            counts[(schema is null ? "" : schema + ".") + table] = Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var head = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence).Select(r => new { r.Sequence, r.Hash }).FirstOrDefaultAsync();
        return new DbSnapshot(counts, head?.Sequence ?? 0, head?.Hash ?? AuditChain.GenesisHash);
    }

    /// <summary>The audit chain, walked from the first record, holds.</summary>
    public static async Task AssertAuditChainIntactAsync(JixiaoFactory factory)
    {
        await using var db = OpenContext(factory);
        var keys = factory.Services.GetRequiredService<KeyRing>();
        var result = await AuditVerifier.VerifyAsync(db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable(), keys.AuditChainKey);
        Assert.True(result.Intact, $"audit chain broken at {result.FirstBrokenSequence}: {result.Problem}");
    }

    /// <summary>Fails naming every table whose row count moved, and the audit head if it moved.</summary>
    public void AssertSame(DbSnapshot after, string what)
    {
        var moved = RowCounts.Keys.Union(after.RowCounts.Keys)
            .Where(t => RowCounts.GetValueOrDefault(t) != after.RowCounts.GetValueOrDefault(t))
            .Select(t => $"{t}: {RowCounts.GetValueOrDefault(t)} → {after.RowCounts.GetValueOrDefault(t)}")
            .ToList();
        if (AuditHeadSequence != after.AuditHeadSequence || AuditHeadHash != after.AuditHeadHash)
            moved.Add($"audit head: {AuditHeadSequence} → {after.AuditHeadSequence}");
        Assert.True(moved.Count == 0, $"{what} changed the database: {string.Join("; ", moved)}");
    }

    /// <summary>A context of the app's database for reading (as the system).</summary>
    public static JixiaoDbContext OpenContext(JixiaoFactory factory)
    {
        var s = factory.Services;
        return new JixiaoDbContext(s.GetRequiredService<DatabaseSettings>().Options(),
            new SystemAuditContext(AuditActor.System, s.GetRequiredService<TimeProvider>(), s.GetRequiredService<KeyRing>()));
    }
}
