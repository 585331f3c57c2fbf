using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Jixiao.Core.Imports;

/// <summary>A cell as an import reads it: its text (numbers in invariant culture) and whether a formula produced it.</summary>
public readonly record struct XlsxCell(string Text, bool IsFormula);

/// <summary>One row of the first worksheet, with its spreadsheet row number (1-based) and cells by column (0-based).</summary>
public sealed record XlsxRow(int Number, IReadOnlyList<XlsxCell> Cells);

/// <summary>The file is not a readable .xlsx workbook (wrong content, damaged, or too large once unpacked).</summary>
public sealed class XlsxFormatException(string message) : Exception(message);

/// <summary>
/// Reads the first worksheet of an .xlsx file with the OpenXml SAX reader, so a large sheet is never built as a
/// DOM. Checks the zip signature first (a text file renamed to .xlsx is refused with a Chinese message), caps the
/// unpacked size, and reports formula cells so an import can refuse them.
/// </summary>
public static class XlsxTable
{
    /// <summary>Largest number of characters any one part may unpack to (guards against zip bombs).</summary>
    public const long MaxCharactersInPart = 60_000_000;

    public const int MaxRows = 50_000;

    public const int MaxColumns = 200;

    /// <summary>True when the bytes start like a zip archive (PK\x03\x04), as every .xlsx does.</summary>
    public static bool HasZipSignature(ReadOnlySpan<byte> head) => head.Length >= 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04;

    /// <summary>Reads every row of the first worksheet. The stream must be seekable.</summary>
    public static List<XlsxRow> Read(Stream stream)
    {
        var head = new byte[4];
        stream.Position = 0;
        var n = stream.ReadAtLeast(head, 4, false);
        stream.Position = 0;
        if (!HasZipSignature(head.AsSpan(0, n)))
            throw new XlsxFormatException("文件内容不是 Excel（.xlsx）格式，可能是改了扩展名的其他文件。请在 Excel 中“另存为 Excel 工作簿（.xlsx）”后再导入。");
        try
        {
            using var doc = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var book = doc.WorkbookPart ?? throw new XlsxFormatException("Excel 文件中没有工作簿。");
            var first = book.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new XlsxFormatException("Excel 文件中没有工作表。");
            if (first.Id?.Value is not { } relId || book.GetPartById(relId) is not WorksheetPart sheet)
                throw new XlsxFormatException("Excel 文件的第一个工作表无法读取。");
            var shared = SharedStrings(book.SharedStringTablePart);
            return Rows(sheet, shared);
        }
        catch (XlsxFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException
            or InvalidOperationException or ArgumentException or IOException or NotSupportedException)
        {
            throw new XlsxFormatException("Excel 文件已损坏或不是有效的 .xlsx 文件，无法打开。请在 Excel 中重新保存后再导入。");
        }
    }

    private static List<string> SharedStrings(SharedStringTablePart? part)
    {
        var list = new List<string>();
        if (part is null) return list;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                list.Add(TextOf((SharedStringItem)reader.LoadCurrentElement()!));
        }
        return list;
    }

    /// <summary>The text of a shared or inline string: its t, or its runs' t (phonetic runs excluded).</summary>
    private static string TextOf(OpenXmlElement item)
    {
        if (item.GetFirstChild<Text>() is { } t) return t.Text;
        return string.Concat(item.Elements<Run>().Select(r => r.Text?.Text ?? ""));
    }

    private static List<XlsxRow> Rows(WorksheetPart sheet, List<string> shared)
    {
        var rows = new List<XlsxRow>();
        using var reader = OpenXmlReader.Create(sheet);
        var lastRow = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            var number = row.RowIndex?.Value is { } ri ? (int)ri : lastRow + 1;
            lastRow = number;
            var cells = new List<XlsxCell>();
            var nextColumn = 0;
            foreach (var c in row.Elements<Cell>())
            {
                var column = c.CellReference?.Value is { } r ? ColumnIndex(r) : nextColumn;
                nextColumn = column + 1;
                if (column >= MaxColumns) continue;
                while (cells.Count <= column) cells.Add(new XlsxCell("", false));
                cells[column] = new XlsxCell(ValueOf(c, shared), c.CellFormula is not null);
            }
            if (cells.All(x => x.Text.Length == 0 && !x.IsFormula)) continue;
            if (rows.Count >= MaxRows) throw new XlsxFormatException($"工作表超过 {MaxRows} 行，请分批导入。");
            rows.Add(new XlsxRow(number, cells));
        }
        return rows;
    }

    private static string ValueOf(Cell c, List<string> shared)
    {
        var raw = c.CellValue?.Text ?? "";
        var type = c.DataType?.Value;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count ? shared[i] : "";
        if (type == CellValues.InlineString) return c.InlineString is { } inline ? TextOf(inline) : raw;
        if (type == CellValues.Boolean) return raw == "1" ? "TRUE" : "FALSE";
        if (type == CellValues.String || type == CellValues.Error || type == CellValues.Date) return raw;
        // A number: Excel stores binary doubles (0.1 + 0.2 as 0.30000000000000004); 15 significant digits is what it shows.
        if (raw.Length > 0 && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            && Math.Abs(d) < 7.9e27)
            return ((decimal)d).ToString(CultureInfo.InvariantCulture);
        return raw;
    }

    public const string FormulaMessage = "单元格是公式。请在 Excel 中复制后“选择性粘贴—数值”，再导入。";

    /// <summary>
    /// Every formula cell of the rows as an import error, named by its header (the first row) or its column letter: an import
    /// refuses formulas rather than trusting the cached value Excel (or whoever wrote the file) put beside them.
    /// </summary>
    public static List<ImportError> FormulaErrors(IReadOnlyList<XlsxRow> rows)
    {
        var errors = new List<ImportError>();
        var header = rows.Count > 0 ? rows[0].Cells : [];
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Cells.Count; c++)
            {
                if (!row.Cells[c].IsFormula) continue;
                var name = c < header.Count && header[c].Text.Trim().Length > 0 && row != rows[0] ? header[c].Text.Trim() : ColumnName(c);
                errors.Add(new ImportError(row.Number, name, FormulaMessage));
            }
        }
        return errors;
    }

    /// <summary>"C12" → 2; "AA3" → 26.</summary>
    public static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z') index = index * 26 + (ch - 'A' + 1);
            else if (ch is >= 'a' and <= 'z') index = index * 26 + (ch - 'a' + 1);
            else break;
            if (index > 20_000) break;
        }
        return Math.Max(0, index - 1);
    }

    /// <summary>0 → "A"; 26 → "AA".</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        index++;
        while (index > 0)
        {
            var rem = (index - 1) % 26;
            name = (char)('A' + rem) + name;
            index = (index - 1) / 26;
        }
        return name;
    }
}
