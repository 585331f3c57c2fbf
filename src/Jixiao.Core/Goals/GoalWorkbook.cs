using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Jixiao.Core.Common;
using Jixiao.Core.Indicators;

namespace Jixiao.Core.Goals;

/// <summary>What the 项目支出绩效目标申报表 shows: the project's header, funding in yuan, goal texts and indicators with level names.</summary>
public sealed record DeclarationSheet(
    int FiscalYear, string ProjectCode, string ProjectName, string DepartmentName, string UnitName,
    decimal TotalBudget, decimal CurrentYearAppropriation, decimal CarryOver, decimal OtherFunding,
    string? MediumTermGoal, string? AnnualGoal, IReadOnlyList<DeclarationIndicator> Indicators);

/// <summary>An indicator row of the 申报表, already in the rule set's level order, with Chinese level names.</summary>
public sealed record DeclarationIndicator(string Level1Name, string Level2Name, string Name, Comparison Comparison, decimal? TargetValue,
    string? TargetText, string? Unit, decimal Weight, string? ScoringStandard, TargetBasis Basis, string? Remark);

/// <summary>One row of the flat import template (one indicator; a project without indicators has one row with only its code and name).</summary>
public sealed record TemplateRow(string ProjectCode, string ProjectName, string? AnnualGoal, string? MediumTermGoal, string? Level1Name, string? Level2Name,
    string? Name, Comparison? Comparison, decimal? TargetValue, string? TargetText, string? Unit, decimal? Weight, string? ScoringStandard, TargetBasis? Basis, string? Remark);

/// <summary>
/// Writes the goal workbooks with DocumentFormat.OpenXml: the 项目支出绩效目标申报表 a finance clerk recognises (merged label
/// cells and level groups, borders, 宋体, amounts in 万元), and the flat template that <see cref="GoalExcelService"/> reads back.
/// </summary>
public static class GoalWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The headings of the flat template, in order (the import also accepts data-standard and English names).</summary>
    public static readonly string[] TemplateHeadings =
        ["项目代码", "项目名称", "年度目标", "中长期目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值", "评(扣)分标准", "指标值设定依据", "备注"];

    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    // Cell formats of the stylesheet below.
    internal const uint Title = 1;
    internal const uint Subtitle = 2;
    internal const uint Label = 3;
    internal const uint TextLeft = 4;
    internal const uint Amount = 5;
    internal const uint Centered = 6;
    internal const uint Heading = 7;

    public static byte[] Declaration(DeclarationSheet d)
    {
        var s = new SheetBuilder();
        const int last = 9; // columns A..J
        s.Set(1, 0, "项目支出绩效目标申报表", Title);
        s.Merge(1, 0, 1, last);
        s.Set(2, 0, string.Format(Zh, "（{0}年度）", d.FiscalYear), Subtitle);
        s.Merge(2, 0, 2, last);
        s.Height(1, 30);
        s.Height(2, 20);

        s.Set(3, 0, "项目名称", Label);
        s.Set(3, 1, d.ProjectName, TextLeft);
        s.Merge(3, 1, 3, 5);
        s.Set(3, 6, "项目代码", Label);
        s.Merge(3, 6, 3, 7);
        s.Set(3, 8, d.ProjectCode, TextLeft);
        s.Merge(3, 8, 3, last);

        s.Set(4, 0, "主管部门", Label);
        s.Set(4, 1, d.DepartmentName, TextLeft);
        s.Merge(4, 1, 4, 5);
        s.Set(4, 6, "实施单位", Label);
        s.Merge(4, 6, 4, 7);
        s.Set(4, 8, d.UnitName, TextLeft);
        s.Merge(4, 8, 4, last);

        s.Set(5, 0, "项目资金（万元）", Label);
        s.Merge(5, 0, 8, 0);
        (string Label, decimal Yuan)[] funds =
        [
            ("年度资金总额", d.TotalBudget), ("其中：本年财政拨款", d.CurrentYearAppropriation), ("上年结转资金", d.CarryOver), ("其他资金", d.OtherFunding),
        ];
        for (var i = 0; i < funds.Length; i++)
        {
            var r = 5 + i;
            s.Set(r, 1, funds[i].Label, Label);
            s.Merge(r, 1, r, 2);
            s.Set(r, 3, Math.Round(funds[i].Yuan / 10_000m, 4, MidpointRounding.AwayFromZero), Amount);
            s.Merge(r, 3, r, 4);
            s.Set(r, 5, "", TextLeft);
            s.Merge(r, 5, r, last);
        }

        s.Set(9, 0, "中长期目标", Label);
        s.Set(9, 1, d.MediumTermGoal ?? "", TextLeft);
        s.Merge(9, 1, 9, last);
        s.Height(9, TextHeight(d.MediumTermGoal, 90));
        s.Set(10, 0, "年度目标", Label);
        s.Set(10, 1, d.AnnualGoal ?? "", TextLeft);
        s.Merge(10, 1, 10, last);
        s.Height(10, TextHeight(d.AnnualGoal, 90));

        string[] headings = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值", "评(扣)分标准", "指标值设定依据", "备注"];
        for (var c = 0; c < headings.Length; c++) s.Set(11, c, headings[c], Heading);
        s.Height(11, 28);

        var row = 12;
        var start1 = row;
        var start2 = row;
        for (var i = 0; i < d.Indicators.Count; i++)
        {
            var x = d.Indicators[i];
            s.Set(row, 0, x.Level1Name, Centered);
            s.Set(row, 1, x.Level2Name, Centered);
            s.Set(row, 2, x.Name, TextLeft);
            s.Set(row, 3, x.Comparison.Symbol(), Centered);
            if (x.Comparison != Comparison.Qualitative && x.TargetValue is { } v) s.Set(row, 4, v, Centered);
            else s.Set(row, 4, x.TargetText ?? "", Centered);
            s.Set(row, 5, x.Unit ?? "", Centered);
            s.Set(row, 6, x.Weight, Centered);
            s.Set(row, 7, x.ScoringStandard ?? "", TextLeft);
            s.Set(row, 8, x.Basis.ChineseName(), Centered);
            s.Set(row, 9, x.Remark ?? "", TextLeft);
            s.Height(row, TextHeight(x.ScoringStandard, 16, 20));
            var next = i + 1 < d.Indicators.Count ? d.Indicators[i + 1] : null;
            if (next is null || next.Level1Name != x.Level1Name || next.Level2Name != x.Level2Name)
            {
                if (row > start2) s.Merge(start2, 1, row, 1);
                start2 = row + 1;
            }
            if (next is null || next.Level1Name != x.Level1Name)
            {
                if (row > start1) s.Merge(start1, 0, row, 0);
                start1 = row + 1;
            }
            row++;
        }
        if (d.Indicators.Count == 0)
        {
            for (var c = 0; c <= last; c++) s.Set(row, c, "", TextLeft);
            row++;
        }
        s.Set(row, 0, "指标分值合计", Label);
        s.Merge(row, 0, row, 5);
        s.Set(row, 6, d.Indicators.Sum(i => i.Weight), Centered);
        s.Set(row, 7, "", TextLeft);
        s.Merge(row, 7, row, last);
        // Every cell inside a merged range carries the border style, or Excel draws the range without its edges.
        s.FillBlanks(3, row, 0, last, TextLeft);
        return s.Build("绩效目标申报表", [12, 13, 24, 8, 11, 9, 7, 32, 13, 14], landscape: true, frozenRows: 0);
    }

    public static byte[] Template(IEnumerable<TemplateRow> rows)
    {
        var s = new SheetBuilder();
        for (var c = 0; c < TemplateHeadings.Length; c++) s.Set(1, c, TemplateHeadings[c], Heading);
        var r = 2;
        foreach (var x in rows)
        {
            s.Set(r, 0, x.ProjectCode, TextLeft);
            s.Set(r, 1, x.ProjectName, TextLeft);
            s.Set(r, 2, x.AnnualGoal ?? "", TextLeft);
            s.Set(r, 3, x.MediumTermGoal ?? "", TextLeft);
            s.Set(r, 4, x.Level1Name ?? "", TextLeft);
            s.Set(r, 5, x.Level2Name ?? "", TextLeft);
            s.Set(r, 6, x.Name ?? "", TextLeft);
            s.Set(r, 7, x.Comparison?.Symbol() ?? "", Centered);
            if (x.Comparison is not null and not Comparison.Qualitative && x.TargetValue is { } v) s.Set(r, 8, v, Centered);
            else s.Set(r, 8, x.Comparison == Comparison.Qualitative ? x.TargetText ?? "" : "", Centered);
            s.Set(r, 9, x.Unit ?? "", Centered);
            if (x.Weight is { } w) s.Set(r, 10, w, Centered);
            else s.Set(r, 10, "", Centered);
            s.Set(r, 11, x.ScoringStandard ?? "", TextLeft);
            s.Set(r, 12, x.Basis?.ChineseName() ?? "", Centered);
            s.Set(r, 13, x.Remark ?? "", TextLeft);
            r++;
        }
        return s.Build("绩效目标", [20, 24, 36, 36, 12, 14, 26, 9, 11, 10, 7, 36, 14, 16], landscape: true, frozenRows: 1);
    }

    /// <summary>Row height in points for wrapped text in a cell about <paramref name="charsPerLine"/> Chinese characters wide.</summary>
    internal static double TextHeight(string? text, int charsPerLine, double min = 30)
    {
        if (string.IsNullOrEmpty(text)) return min;
        var lines = text.Split('\n').Sum(l => Math.Max(1, (int)Math.Ceiling(l.Length / (double)charsPerLine)));
        return Math.Clamp(lines * 15 + 6, min, 400);
    }

    /// <summary>Text a spreadsheet would take as a formula gets a leading quote, as the list exports do.</summary>
    internal static string Escape(string s) => FormulaText.Defuse(s);

    /// <summary>Cells, merges and row heights of one sheet, written with the stylesheet below (also used by the monitoring table).</summary>
    internal sealed class SheetBuilder
    {
        private readonly SortedDictionary<int, SortedDictionary<int, (object Value, uint Style)>> _rows = [];
        private readonly List<string> _merges = [];
        private readonly Dictionary<int, double> _heights = [];

        public void Set(int row, int col, object value, uint style)
        {
            if (!_rows.TryGetValue(row, out var cells)) _rows[row] = cells = [];
            cells[col] = (value, style);
        }

        public void Merge(int r1, int c1, int r2, int c2) =>
            _merges.Add($"{Imports.XlsxTable.ColumnName(c1)}{r1}:{Imports.XlsxTable.ColumnName(c2)}{r2}");

        public void Height(int row, double points) => _heights[row] = points;

        public void FillBlanks(int r1, int r2, int c1, int c2, uint style)
        {
            for (var r = r1; r <= r2; r++)
                for (var c = c1; c <= c2; c++)
                    if (!_rows.TryGetValue(r, out var cells) || !cells.ContainsKey(c)) Set(r, c, "", style);
        }

        public byte[] Build(string sheetName, double[] widths, bool landscape, int frozenRows)
        {
            using var stream = new MemoryStream();
            using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
            {
                var book = doc.AddWorkbookPart();
                book.Workbook = new Workbook();
                var styles = book.AddNewPart<WorkbookStylesPart>();
                styles.Stylesheet = Stylesheet();
                var strings = new Dictionary<string, int>(StringComparer.Ordinal);
                var sst = new SharedStringTable();

                var sheetPart = book.AddNewPart<WorksheetPart>();
                var ws = new Worksheet();
                ws.Append(new SheetProperties(new PageSetupProperties { FitToPage = true }));
                var view = new SheetView { WorkbookViewId = 0U };
                if (frozenRows > 0)
                    view.Append(new Pane { VerticalSplit = frozenRows, TopLeftCell = $"A{frozenRows + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
                ws.Append(new SheetViews(view));
                ws.Append(new SheetFormatProperties { DefaultRowHeight = 18D, CustomHeight = true });
                var cols = new Columns();
                for (var i = 0; i < widths.Length; i++)
                    cols.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true });
                ws.Append(cols);
                var data = new SheetData();
                foreach (var (r, cells) in _rows)
                {
                    var row = new Row { RowIndex = (uint)r };
                    if (_heights.TryGetValue(r, out var h))
                    {
                        row.Height = h;
                        row.CustomHeight = true;
                    }
                    foreach (var (c, (value, style)) in cells)
                    {
                        var cell = new Cell { CellReference = $"{Imports.XlsxTable.ColumnName(c)}{r}", StyleIndex = style };
                        switch (value)
                        {
                            case decimal d:
                                cell.CellValue = new CellValue(d.ToString("0.##########", CultureInfo.InvariantCulture)); // 380, not the stored 380.0
                                break;
                            case string text when text.Length == 0:
                                break;
                            case string text:
                                var escaped = Escape(text);
                                if (!strings.TryGetValue(escaped, out var index))
                                {
                                    index = strings.Count;
                                    strings[escaped] = index;
                                    sst.Append(new SharedStringItem(new Text(escaped) { Space = SpaceProcessingModeValues.Preserve }));
                                }
                                cell.DataType = CellValues.SharedString;
                                cell.CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture));
                                break;
                            default:
                                throw new ArgumentException($"unsupported cell value {value.GetType()}");
                        }
                        row.Append(cell);
                    }
                    data.Append(row);
                }
                ws.Append(data);
                if (_merges.Count > 0)
                {
                    var merges = new MergeCells();
                    foreach (var m in _merges) merges.Append(new MergeCell { Reference = m });
                    ws.Append(merges);
                }
                ws.Append(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
                ws.Append(new PageSetup { PaperSize = 9U, Orientation = landscape ? OrientationValues.Landscape : OrientationValues.Portrait, FitToWidth = 1U, FitToHeight = 0U });
                sheetPart.Worksheet = ws;

                sst.Count = (uint)strings.Count;
                sst.UniqueCount = (uint)strings.Count;
                book.AddNewPart<SharedStringTablePart>().SharedStringTable = sst;
                book.Workbook.Append(new Sheets(new Sheet { Name = sheetName, SheetId = 1U, Id = book.GetIdOfPart(sheetPart) }));
                book.Workbook.Save();
            }
            return stream.ToArray();
        }

        private static Stylesheet Stylesheet()
        {
            static Font F(double size, bool bold)
            {
                var f = new Font();
                if (bold) f.Append(new Bold());
                f.Append(new FontSize { Val = size });
                f.Append(new FontName { Val = "宋体" });
                f.Append(new FontFamilyNumbering { Val = 3 });
                f.Append(new FontCharSet { Val = 134 });
                return f;
            }
            var fonts = new Fonts(F(11, false), F(16, true), F(11, true));
            var fills = new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFF2F2F2" }, new BackgroundColor { Indexed = 64U }) { PatternType = PatternValues.Solid }));
            var thin = new Border(
                new LeftBorder(new Color { Indexed = 64U }) { Style = BorderStyleValues.Thin },
                new RightBorder(new Color { Indexed = 64U }) { Style = BorderStyleValues.Thin },
                new TopBorder(new Color { Indexed = 64U }) { Style = BorderStyleValues.Thin },
                new BottomBorder(new Color { Indexed = 64U }) { Style = BorderStyleValues.Thin },
                new DiagonalBorder());
            var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin);
            // 万元 with 2 to 4 decimals.
            var formats = new NumberingFormats(new NumberingFormat { NumberFormatId = 164U, FormatCode = "#,##0.00##" });

            static CellFormat X(uint font, uint fill, uint border, uint numFmt, HorizontalAlignmentValues h, bool wrap)
            {
                var x = new CellFormat
                {
                    FontId = font,
                    FillId = fill,
                    BorderId = border,
                    NumberFormatId = numFmt,
                    ApplyFont = true,
                    ApplyBorder = border != 0,
                    ApplyFill = fill != 0,
                    ApplyNumberFormat = numFmt != 0,
                    ApplyAlignment = true,
                };
                x.Append(new Alignment { Horizontal = h, Vertical = VerticalAlignmentValues.Center, WrapText = wrap });
                return x;
            }
            var cellFormats = new CellFormats(
                new CellFormat { FontId = 0U, FillId = 0U, BorderId = 0U, NumberFormatId = 0U },
                X(1, 0, 0, 0, HorizontalAlignmentValues.Center, false), // Title
                X(0, 0, 0, 0, HorizontalAlignmentValues.Center, false), // Subtitle
                X(2, 0, 1, 0, HorizontalAlignmentValues.Center, true),  // Label
                X(0, 0, 1, 0, HorizontalAlignmentValues.Left, true),    // TextLeft
                X(0, 0, 1, 164, HorizontalAlignmentValues.Right, false), // Amount
                X(0, 0, 1, 0, HorizontalAlignmentValues.Center, true),  // Centered
                X(2, 2, 1, 0, HorizontalAlignmentValues.Center, true)); // Heading
            return new Stylesheet(formats, fonts, fills, borders,
                new CellStyleFormats(new CellFormat { FontId = 0U, FillId = 0U, BorderId = 0U, NumberFormatId = 0U }),
                cellFormats,
                new CellStyles(new CellStyle { Name = "常规", FormatId = 0U, BuiltinId = 0U }));
        }
    }
}
