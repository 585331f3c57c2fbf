using System.Security.Cryptography;
using Jixiao.Core.Common;

namespace Jixiao.Core.Attachments;

/// <summary>An upload that passed the checks: a clean display name, the server's own name, the type, the bytes' hash.</summary>
public sealed record CheckedUpload(string DisplayName, string StoredName, string ContentType, long Size, string Sha256, byte[] Data);

/// <summary>
/// Checks of an uploaded material (等保 2.0: 上传文件的类型和大小受控): a size limit, an allowed extension, content that
/// really is of that type (its leading bytes), a display name cleaned of paths and control characters, and a
/// server-side name that never comes from the user. Pure.
/// </summary>
public static class UploadCheck
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>The request size the upload endpoints accept: a configured limit above it would never be reached.</summary>
    public const long RequestLimitBytes = 64L * 1024 * 1024;

    /// <summary>The largest configurable file limit (the request limit less room for the multipart envelope).</summary>
    public const long MaxConfigurableBytes = RequestLimitBytes - 1024 * 1024;

    private static readonly byte[] Pdf = "%PDF"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The allowed types: extension → (content type, leading bytes).</summary>
    public static readonly IReadOnlyDictionary<string, (string ContentType, byte[] Magic)> Allowed = new Dictionary<string, (string, byte[])>
    {
        [".pdf"] = ("application/pdf", Pdf),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Zip),
        [".doc"] = ("application/msword", Ole),
        [".xls"] = ("application/vnd.ms-excel", Ole),
        [".jpg"] = ("image/jpeg", Jpeg),
        [".jpeg"] = ("image/jpeg", Jpeg),
        [".png"] = ("image/png", Png),
    };

    public static string AllowedText => "PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）、JPG、PNG";

    /// <summary>Official documents (公文, e.g. a county's filed implementation rules): PDF, Word and OFD (GB/T 33190, a ZIP package).</summary>
    public static readonly IReadOnlyDictionary<string, (string ContentType, byte[] Magic)> Documents = new Dictionary<string, (string, byte[])>
    {
        [".pdf"] = ("application/pdf", Pdf),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip),
        [".doc"] = ("application/msword", Ole),
        [".ofd"] = ("application/ofd", Zip),
    };

    public static string DocumentsText => "PDF、Word（.doc/.docx）、OFD";

    public static CheckedUpload Check(string? fileName, byte[] data, long maxBytes = DefaultMaxBytes) => Check(fileName, data, Allowed, AllowedText, maxBytes);

    /// <summary>The same checks against another set of allowed types (e.g. <see cref="Documents"/>).</summary>
    public static CheckedUpload Check(string? fileName, byte[] data, IReadOnlyDictionary<string, (string ContentType, byte[] Magic)> allowed,
        string allowedText, long maxBytes = DefaultMaxBytes)
    {
        var name = CleanName(fileName);
        if (data.Length == 0) throw new DomainException($"文件“{name}”是空文件，请重新选择。");
        if (data.Length > maxBytes)
            throw new DomainException($"文件“{name}”大小为{data.Length / 1024.0 / 1024.0:0.#}MB，超过{maxBytes / 1024 / 1024}MB的上限：请压缩或拆分后上传。");
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (!allowed.TryGetValue(ext, out var type))
            throw new DomainException($"文件“{name}”的类型不允许上传：只接受{allowedText}。");
        if (!data.AsSpan().StartsWith(type.Magic))
            throw new DomainException($"文件“{name}”的内容与扩展名“{ext}”不符（可能已损坏或被改名），请上传原始文件。");
        var stored = $"{Guid.NewGuid():N}{ext}";
        return new CheckedUpload(name, stored, type.ContentType, data.Length, Convert.ToHexStringLower(SHA256.HashData(data)), data);
    }

    /// <summary>The file name for display: no directories, no control or reserved characters, at most 200 characters.</summary>
    public static string CleanName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('<' or '>' or ':' or '"' or '|' or '?' or '*')).ToArray()).Trim().TrimStart('.');
        if (name.Length == 0) throw new DomainException("请选择要上传的文件。");
        if (name.Length > 200)
        {
            var ext = Path.GetExtension(name);
            name = name[..(200 - ext.Length)] + ext;
        }
        return name;
    }
}
