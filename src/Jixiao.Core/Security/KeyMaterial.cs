using Jixiao.Core.Common;

namespace Jixiao.Core.Security;

/// <summary>
/// A key the application generated on its first start because configuration did not provide one
/// (production configures keys from its secret store instead). Shared by every app node and the CLI verbs.
/// </summary>
[NotAuditedEntity]
public sealed class KeyMaterial
{
    private KeyMaterial() { }

    public KeyMaterial(string name, string value, DateTime createdAt)
    {
        Name = name;
        Value = value;
        CreatedAt = createdAt;
    }

    public string Name { get; private set; } = "";

    /// <summary>Base64 key bytes.</summary>
    public string Value { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }
}

/// <summary>The application's keys, loaded once at start.</summary>
public sealed class KeyRing(byte[] auditChainKey, byte[] tokenSigningKey, byte[] dataKey)
{
    public const string AuditChainName = "AuditChain";
    public const string TokenSigningName = "TokenSigning";
    public const string DataSm4Name = "DataSm4";

    public byte[] AuditChainKey { get; } = auditChainKey;

    public byte[] TokenSigningKey { get; } = tokenSigningKey;

    public byte[] DataKey { get; } = dataKey;

    public static int LengthOf(string name) => name switch
    {
        DataSm4Name => 16,
        _ => 32,
    };
}
