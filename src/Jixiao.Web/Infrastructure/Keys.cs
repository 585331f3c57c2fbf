using System.Security.Cryptography;
using Jixiao.Core.Data;
using Jixiao.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Infrastructure;

/// <summary>
/// Loads the audit-chain, token-signing and SM4 data keys: from configuration (<c>Jixiao:Keys:*</c>, base64;
/// production sets them from its secret store), else from the database where the first start generated
/// them, so that every app node and every CLI verb uses the same keys.
/// </summary>
public static class KeyRingLoader
{
    public static async Task<KeyRing> LoadAsync(IConfiguration config, DbContextOptions<JixiaoDbContext> options, CancellationToken ct = default)
    {
        var audit = await GetAsync(config, options, KeyRing.AuditChainName, ct);
        var token = await GetAsync(config, options, KeyRing.TokenSigningName, ct);
        var data = await GetAsync(config, options, KeyRing.DataSm4Name, ct);
        return new KeyRing(audit, token, data);
    }

    private static async Task<byte[]> GetAsync(IConfiguration config, DbContextOptions<JixiaoDbContext> options, string name, CancellationToken ct)
    {
        var length = KeyRing.LengthOf(name);
        if (config[$"Jixiao:Keys:{name}"] is { Length: > 0 } configured)
        {
            var bytes = Convert.FromBase64String(configured);
            if (bytes.Length != length) throw new InvalidOperationException($"Jixiao:Keys:{name} must be {length} bytes (base64).");
            return bytes;
        }
        await using var db = new JixiaoDbContext(options);
        var stored = await db.KeyMaterials.AsNoTracking().FirstOrDefaultAsync(k => k.Name == name, ct);
        if (stored is not null) return Convert.FromBase64String(stored.Value);
        db.KeyMaterials.Add(new KeyMaterial(name, Convert.ToBase64String(RandomNumberGenerator.GetBytes(length)), DateTime.UtcNow));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node generated it at the same moment: use theirs.
        }
        await using var again = new JixiaoDbContext(options);
        return Convert.FromBase64String((await again.KeyMaterials.AsNoTracking().FirstAsync(k => k.Name == name, ct)).Value);
    }
}
