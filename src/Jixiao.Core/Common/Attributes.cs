namespace Jixiao.Core.Common;

/// <summary>The property's value never appears in the audit log (it is shown as ***).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditMaskedAttribute : Attribute;

/// <summary>Changes to this property alone are bookkeeping, not business changes, and are not audited.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>The entity is technical (sessions, keys) and its row changes are not audited as data changes.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotAuditedEntityAttribute : Attribute;
