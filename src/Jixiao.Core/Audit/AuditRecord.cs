using System.Globalization;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Jixiao.Core.Audit;

/// <summary>
/// One entry of the append-only, hash-chained audit log (等保 2.0 安全审计). The database refuses updates
/// and deletes (triggers); each hash covers the previous hash and this record's canonical content.
/// </summary>
public sealed class AuditRecord
{
    private AuditRecord() { }

    public AuditRecord(DateTime occurredAt, AuditActor actor, string action, string targetType, string? targetId, string? summary)
    {
        OccurredAt = AuditChain.Truncate(occurredAt);
        UserId = actor.UserId;
        UserName = actor.UserName;
        Role = actor.Role;
        OrganizationId = actor.OrganizationId;
        ClientAddress = actor.ClientAddress;
        Action = action;
        TargetType = targetType;
        TargetId = targetId;
        Summary = summary;
    }

    /// <summary>1, 2, 3 … without gaps; assigned when the record is appended.</summary>
    public long Sequence { get; internal set; }

    public DateTime OccurredAt { get; private set; }

    public long? UserId { get; private set; }

    public string UserName { get; private set; } = "";

    public string? Role { get; private set; }

    public long? OrganizationId { get; private set; }

    public string? ClientAddress { get; private set; }

    /// <summary>e.g. <c>create</c>, <c>update</c>, <c>delete</c>, <c>signin.success</c>, <c>ruleset.version</c>.</summary>
    public string Action { get; private set; } = "";

    public string TargetType { get; private set; } = "";

    public string? TargetId { get; private set; }

    /// <summary>Before/after summary, JSON.</summary>
    public string? Summary { get; private set; }

    public string PreviousHash { get; internal set; } = "";

    public string Hash { get; internal set; } = "";

    internal string CanonicalContent()
    {
        const char sep = '\u001f';
        static string F(object? v) => v switch
        {
            null => "\u2400",
            DateTime d => d.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString()!,
        };
        return string.Join(sep, F(Sequence), F(OccurredAt), F(UserId), F(UserName), F(Role), F(OrganizationId),
            F(ClientAddress), F(Action), F(TargetType), F(TargetId), F(Summary));
    }
}

/// <summary>Who did it: the signed-in user, or the system / a CLI operator.</summary>
public sealed record AuditActor(long? UserId, string UserName, string? Role, long? OrganizationId, string? ClientAddress, string? DisplayName = null)
{
    /// <summary>The person's name for people to read (workflow history), else the login name.</summary>
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? UserName : DisplayName;

    public static readonly AuditActor System = new(null, "system", null, null, null);
}

/// <summary>The hash chain: HMAC-SM3 over the previous hash and the record's canonical content.</summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Millisecond precision, UTC: what both databases store exactly.</summary>
    public static DateTime Truncate(DateTime t)
    {
        var utc = t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    public static string ComputeHash(byte[] key, string previousHash, AuditRecord record)
    {
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key));
        var data = Encoding.UTF8.GetBytes(previousHash + "\u001e" + record.CanonicalContent());
        mac.BlockUpdate(data, 0, data.Length);
        var result = new byte[mac.GetMacSize()];
        mac.DoFinal(result, 0);
        return Convert.ToHexStringLower(result);
    }

    /// <summary>Links the record after the given last one (or starts the chain).</summary>
    public static void Link(byte[] key, AuditRecord record, long previousSequence, string? previousHash)
    {
        record.Sequence = previousSequence + 1;
        record.PreviousHash = previousHash ?? GenesisHash;
        record.Hash = ComputeHash(key, record.PreviousHash, record);
    }
}

public sealed record AuditVerification(bool Intact, long Count, long? FirstBrokenSequence, string? Problem);

/// <summary>Walks the chain in sequence order and names the first record that does not hold.</summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditRecord> recordsInSequenceOrder, byte[] key, CancellationToken ct = default)
    {
        long expectedSequence = 1;
        var previousHash = AuditChain.GenesisHash;
        long count = 0;
        await foreach (var r in recordsInSequenceOrder.WithCancellation(ct))
        {
            if (r.Sequence != expectedSequence)
                return new(false, count, expectedSequence,
                    r.Sequence > expectedSequence ? $"第 {expectedSequence} 条记录缺失（下一条为第 {r.Sequence} 条）" : $"第 {r.Sequence} 条记录顺序错乱");
            if (r.PreviousHash != previousHash)
                return new(false, count, r.Sequence, $"第 {r.Sequence} 条记录的前序哈希与上一条不符（记录被删除、插入或重排）");
            if (AuditChain.ComputeHash(key, r.PreviousHash, r) != r.Hash)
                return new(false, count, r.Sequence, $"第 {r.Sequence} 条记录内容与哈希不符（记录被篡改）");
            previousHash = r.Hash;
            expectedSequence++;
            count++;
        }
        return new(true, count, null, null);
    }
}
