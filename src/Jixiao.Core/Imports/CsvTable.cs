using System.Text;
using Jixiao.Core.Common;

namespace Jixiao.Core.Imports;

/// <summary>
/// Reads CSV as Chinese Excel and finance systems save it: UTF-8 with or without BOM, or GBK/GB18030;
/// RFC 4180 quoting. Rows are streamed, so large files are never held whole in memory. Decoding is strict: a byte
/// sequence that is valid in neither encoding (a damaged file, UTF-16 text, a binary renamed to .csv) is refused with
/// <see cref="UndecodableMessage"/> instead of being stored as replacement characters.
/// </summary>
public static class CsvTable
{
    static CsvTable() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public const string UndecodableMessage =
        "文件中有无法识别的字符（不是 UTF-8 或 GBK 编码的文本，可能已损坏或不是 CSV 文件），未导入任何数据。请在 Excel 中“另存为 CSV UTF-8”后再导入。";

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

    /// <summary>Picks UTF-8 when the sample is valid UTF-8 (or has a BOM), else GB18030; both strict (invalid bytes throw).</summary>
    public static Encoding DetectEncoding(ReadOnlySpan<byte> sample)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return StrictUtf8;
        var strict = new UTF8Encoding(false, true);
        // A sample may cut a multi-byte character at its end: ignore up to 3 trailing bytes.
        for (var cut = 0; cut <= Math.Min(3, sample.Length); cut++)
        {
            try
            {
                strict.GetCharCount(sample[..^cut]);
                return StrictUtf8;
            }
            catch (DecoderFallbackException)
            {
            }
        }
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public static async IAsyncEnumerable<string[]> ReadAsync(Stream stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var sample = new byte[Math.Min(1 << 16, stream.CanSeek ? (int)Math.Min(stream.Length, 1 << 16) : 1 << 16)];
        var read = await stream.ReadAtLeastAsync(sample, sample.Length, false, ct);
        Stream buffered;
        if (stream.CanSeek)
        {
            stream.Seek(0, SeekOrigin.Begin);
            buffered = stream;
        }
        else
        {
            // A forward-only stream (a request body, standard input) cannot be rewound: read the sample again, then the rest.
            buffered = new PrefixedStream(sample.AsMemory(0, read), stream);
        }
        var encoding = read > 0 ? DetectEncoding(sample.AsSpan(0, read)) : StrictUtf8;
        using var reader = new StreamReader(buffered, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var any = false;
        var buffer = new char[1 << 14];
        int n;
        var pendingQuote = false;
        while ((n = await ReadStrictAsync(reader, buffer, ct)) > 0)
        {
            for (var i = 0; i < n; i++)
            {
                var c = buffer[i];
                if (pendingQuote)
                {
                    pendingQuote = false;
                    if (c == '"')
                    {
                        field.Append('"');
                        continue;
                    }
                    inQuotes = false;
                }
                if (inQuotes)
                {
                    if (c == '"') pendingQuote = true;
                    else field.Append(c);
                    continue;
                }
                switch (c)
                {
                    case '"' when field.Length == 0:
                        inQuotes = true;
                        any = true;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        any = true;
                        break;
                    case '\r':
                        break;
                    case '\n':
                        fields.Add(field.ToString());
                        field.Clear();
                        if (any || fields.Count > 1 || fields[0].Length > 0) yield return fields.ToArray();
                        fields.Clear();
                        any = false;
                        break;
                    default:
                        field.Append(c);
                        any = true;
                        break;
                }
            }
        }
        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }

    /// <summary>A read whose undecodable bytes become the Chinese refusal (an iterator cannot catch around its yields).</summary>
    private static async ValueTask<int> ReadStrictAsync(StreamReader reader, char[] buffer, CancellationToken ct)
    {
        try
        {
            return await reader.ReadAsync(buffer, ct);
        }
        catch (DecoderFallbackException)
        {
            throw new DomainException(UndecodableMessage);
        }
    }
}

/// <summary>Reads the bytes already taken from a forward-only stream, then the rest of that stream.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_prefix.IsEmpty) return rest.Read(buffer);
        var n = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..n].CopyTo(buffer);
        _prefix = _prefix[n..];
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefix.IsEmpty) return rest.ReadAsync(buffer, cancellationToken);
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A problem with one cell or row of an import, in Chinese, with where it is.</summary>
public sealed record ImportError(int Row, string? Column, string Message);

/// <summary>Matches file headers (any letter case; data-standard names, Chinese headings, Jixiao names) to fields.</summary>
public sealed class HeaderMap
{
    private readonly Dictionary<string, int> _index = [];

    public HeaderMap(IReadOnlyList<string> headers, IReadOnlyDictionary<string, string[]> fieldAliases)
    {
        Ignored = [];
        for (var i = 0; i < headers.Count; i++)
        {
            var h = headers[i].Trim().TrimStart('\uFEFF');
            var field = fieldAliases.FirstOrDefault(kv => kv.Value.Any(a => string.Equals(a, h, StringComparison.OrdinalIgnoreCase))).Key;
            if (field is null) Ignored.Add(h);
            else _index.TryAdd(field, i);
        }
    }

    public List<string> Ignored { get; }

    public bool Has(string field) => _index.ContainsKey(field);

    /// <summary>The 0-based column of a field, if the file has it.</summary>
    public int? IndexOf(string field) => _index.TryGetValue(field, out var i) ? i : null;

    public string? Get(string[] row, string field) =>
        _index.TryGetValue(field, out var i) && i < row.Length ? NullIfEmpty(row[i].Trim()) : null;

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
