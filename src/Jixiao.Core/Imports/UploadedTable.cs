using Jixiao.Core.Common;

namespace Jixiao.Core.Imports;

/// <summary>
/// A small uploaded table (.csv or .xlsx, at most a few MB) read whole into rows of text, header first. The content must be
/// what the name says: a text renamed .xlsx, or a workbook renamed .csv, is refused in Chinese instead of guessed at. A
/// formula cell is no value (its cached result may be stale), so a workbook with formulas gives no rows but the refused
/// cells by row and header.
/// </summary>
public static class UploadedTable
{
    public static async Task<(List<string[]> Rows, List<ImportError> Formulas)> ReadAsync(Stream file, string? fileName, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var isZip = XlsxTable.HasZipSignature(buffer.GetBuffer().AsSpan(0, (int)Math.Min(4, buffer.Length)));
        var ext = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (buffer.Length == 0) throw new DomainException("文件为空。");
        if (ext is not ("" or ".csv" or ".xlsx")) throw new DomainException("只接受 Excel 工作簿（.xlsx）或 CSV 文件。");
        if (ext == ".xlsx" && !isZip)
            throw new DomainException("文件内容不是 Excel（.xlsx）格式，可能是改了扩展名的其他文件。请在 Excel 中“另存为 Excel 工作簿（.xlsx）”后再导入。");
        if (ext == ".csv" && isZip) throw new DomainException("文件内容是 Excel 工作簿，不是 CSV：请把扩展名改为 .xlsx，或在 Excel 中“另存为 CSV”。");
        var table = new List<string[]>();
        if (isZip)
        {
            List<XlsxRow> rows;
            try
            {
                rows = XlsxTable.Read(buffer);
            }
            catch (XlsxFormatException e)
            {
                throw new DomainException(e.Message);
            }
            if (XlsxTable.FormulaErrors(rows) is { Count: > 0 } formulas) return ([], formulas);
            foreach (var row in rows) table.Add(row.Cells.Select(c => c.Text).ToArray());
        }
        else
        {
            await foreach (var cells in CsvTable.ReadAsync(buffer, ct)) table.Add(cells);
        }
        return (table, []);
    }
}
