using Jixiao.Core.Common;

namespace Jixiao.Core.Attachments;

/// <summary>
/// The bytes of an attachment, kept in the database so that a backup and every app node have them, and
/// loaded only on download.
/// </summary>
[NotAuditedEntity]
public sealed class AttachmentContent
{
    private AttachmentContent() { }

    public AttachmentContent(string storedName, byte[] data)
    {
        StoredName = storedName;
        Data = data;
    }

    public string StoredName { get; private set; } = "";

    public byte[] Data { get; private set; } = [];
}
