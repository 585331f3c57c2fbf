using System.Text;
using Jixiao.Core.Common;

namespace Jixiao.Core.Disclosure;

/// <summary>
/// The CSV of the open data: UTF-8 with a BOM (so Excel opens Chinese text), CRLF rows, RFC 4180 quoting, and a cell that a spreadsheet
/// would read as a formula (starting with = + - @, or a tab or carriage return) prefixed with an apostrophe.
/// </summary>
public static class OpenDataCsv
{
    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var sb = new StringBuilder();
        Line(sb, headers);
        foreach (var r in rows)
        {
            if (r.Count != headers.Count) throw new ArgumentException("a row has as many cells as there are headers");
            Line(sb, r);
        }
        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(sb.ToString());
        return [.. preamble, .. body];
    }

    public static string Cell(string? value)
    {
        value = FormulaText.Defuse(value ?? "");
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static void Line(StringBuilder sb, IEnumerable<string?> cells)
    {
        sb.AppendJoin(',', cells.Select(Cell));
        sb.Append("\r\n");
    }
}
