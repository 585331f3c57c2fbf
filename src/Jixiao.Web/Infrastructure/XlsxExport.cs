using System.Data;
using Jixiao.Core.Common;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace Jixiao.Web.Infrastructure;

/// <summary>
/// .xlsx downloads of list pages: Chinese column headings, and text that a spreadsheet would read as a formula
/// (starting with = + - @) prefixed with a single quote (CSV/formula injection).
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Most rows one export writes; a larger list must be narrowed by the filters first.</summary>
    public const int MaxRows = 100_000;

    public static FileContentResult File<T>(string fileName, IReadOnlyList<(string Heading, Func<T, object?> Value)> columns, IEnumerable<T> rows)
    {
        var table = new DataTable("导出");
        foreach (var (heading, _) in columns) table.Columns.Add(heading, typeof(object));
        foreach (var row in rows)
            table.Rows.Add(columns.Select(c => Cell(c.Value(row))).ToArray());
        using var stream = new MemoryStream();
        stream.SaveAs(table, printHeader: true, sheetName: "导出", excelType: ExcelType.XLSX);
        return new FileContentResult(stream.ToArray(), ContentType) { FileDownloadName = fileName };
    }

    /// <summary>Strings that start like a formula become literal text; other values are written as they are.</summary>
    public static object Cell(object? value) => value switch
    {
        null => DBNull.Value,
        string s => FormulaText.Defuse(s),
        _ => value,
    };
}
