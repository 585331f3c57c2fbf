using System.IO.Compression;
using System.Security;
using System.Text;
using Jixiao.Core.Imports;

namespace Jixiao.Web.Tests.Infrastructure;

/// <summary>
/// Hostile or broken upload files, generated in code (nothing binary is checked in): minimal .xlsx workbooks written
/// part by part (so a DOCTYPE, a formula or a huge part can be put exactly where a real attacker would put it),
/// CSV in broken encodings, a zip bomb, a PNG and a text under office and PDF extensions.
/// </summary>
public static class BadFiles
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The smallest valid PNG signature and IHDR: a real image, whatever its name says.</summary>
    public static readonly byte[] Png =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89,
    ];

    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    /// <summary>RFC 4180 CSV (UTF-8, no BOM) of the rows.</summary>
    public static string CsvText(IEnumerable<string[]> rows) =>
        string.Concat(rows.Select(r => string.Join(",", r.Select(Quote)) + "\r\n"));

    public static byte[] Csv(IEnumerable<string[]> rows) => Encoding.UTF8.GetBytes(CsvText(rows));

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>The CSV as UTF-16 little-endian without a byte-order mark (what some tools write as "Unicode text").</summary>
    public static byte[] Utf16WithoutBom(IEnumerable<string[]> rows) => new UnicodeEncoding(false, false).GetBytes(CsvText(rows));

    /// <summary>The CSV in UTF-8 with bytes that are valid in no encoding the importers accept (0xFF, a lone continuation byte, a cut sequence).</summary>
    public static byte[] BrokenUtf8(IEnumerable<string[]> rows, int row, int column)
    {
        const string marker = "\u0001BROKEN\u0001";
        var copy = rows.Select(r => r.ToArray()).ToList();
        copy[row][column] = copy[row][column] + marker;
        var bytes = Csv(copy);
        var m = Encoding.UTF8.GetBytes(marker);
        var at = bytes.AsSpan().IndexOf(m);
        return [.. bytes[..at], 0xFF, 0xFE, 0x80, 0xE4, 0xBD, .. bytes[(at + m.Length)..]];
    }

    /// <summary>One line of <paramref name="bytes"/> bytes and no line break (no header a reader could find).</summary>
    public static byte[] OneLine(int bytes = 10 * 1024 * 1024)
    {
        var data = new byte[bytes];
        data.AsSpan().Fill((byte)'A');
        return data;
    }

    /// <summary>A minimal .xlsx whose first sheet holds the rows as inline strings; <paramref name="formula"/> makes a cell a formula.</summary>
    public static byte[] Xlsx(IReadOnlyList<string[]> rows, (int Row, int Column, string Formula)? formula = null, string? doctype = null, string? extraCellXml = null)
    {
        var sheet = new StringBuilder();
        sheet.Append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        if (doctype is not null) sheet.Append(doctype);
        sheet.Append("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (var r = 0; r < rows.Count; r++)
        {
            sheet.Append($"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                var reference = XlsxTable.ColumnName(c) + (r + 1);
                if (formula is { } f && f.Row == r && f.Column == c)
                    sheet.Append($"<c r=\"{reference}\"><f>{SecurityElement.Escape(f.Formula)}</f><v>{SecurityElement.Escape(rows[r][c])}</v></c>");
                else
                    sheet.Append($"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(rows[r][c])}</t></is></c>");
            }
            if (r == 1 && extraCellXml is not null) sheet.Append(extraCellXml);
            sheet.Append("</row>");
        }
        sheet.Append("</sheetData></worksheet>");
        return Package(w => w.Write(sheet.ToString()));
    }

    /// <summary>An .xlsx whose sheet part holds an external entity (XXE) that a careless reader would resolve into a cell.</summary>
    public static byte[] XxeXlsx(IReadOnlyList<string[]> rows) =>
        Xlsx(rows, doctype: "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
            extraCellXml: "<c r=\"Z2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c>");

    /// <summary>
    /// A zip bomb: a small .xlsx (about 0.3 MB) whose sheet part inflates to <paramref name="inflatedMegabytes"/> MB — a valid
    /// header row and then a cell of millions of characters.
    /// </summary>
    public static byte[] ZipBombXlsx(IReadOnlyList<string[]> rows, int inflatedMegabytes = 300) => Package(w =>
    {
        w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        w.Write("<row r=\"1\">");
        for (var c = 0; c < rows[0].Length; c++) w.Write($"<c r=\"{XlsxTable.ColumnName(c)}1\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(rows[0][c])}</t></is></c>");
        w.Write("</row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
        var chunk = new string('A', 1 << 20);
        for (var i = 0; i < inflatedMegabytes; i++) w.Write(chunk);
        w.Write("</t></is></c></row></sheetData></worksheet>");
    });

    /// <summary>A zip archive that is no workbook at all, named .xlsx.</summary>
    public static byte[] ZipWithoutWorkbook()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true))
        {
            using var w = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            w.Write("not a workbook");
        }
        return ms.ToArray();
    }

    private static byte[] Package(Action<StreamWriter> writeSheet)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true))
        {
            void Part(string name, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }
            Part("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "</Types>");
            Part("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>");
            Part("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Part("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "</Relationships>");
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open(), new UTF8Encoding(false), 1 << 16);
            writeSheet(sheet);
        }
        return ms.ToArray();
    }
}
