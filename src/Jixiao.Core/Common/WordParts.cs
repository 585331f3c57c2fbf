using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Jixiao.Core.Common;

/// <summary>
/// The pieces the Word reports share: 宋体 body and 黑体 headings as Chinese government documents use, bordered tables,
/// an A4 page with the usual margins.
/// </summary>
public static class WordParts
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>A4 portrait with the margins of government documents.</summary>
    public static SectionProperties A4() => new(
        new PageSize { Width = 11906U, Height = 16838U },
        new PageMargin { Top = 1440, Bottom = 1440, Left = 1588, Right = 1474, Header = 851U, Footer = 992U, Gutter = 0U });

    public static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunProperties(
                    new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = "宋体" },
                    new FontSize { Val = "24" }, new Languages { EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphProperties(new SpacingBetweenLines { After = "120", Line = "360", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Styles.Save();
    }

    public static Paragraph Heading(string text) => Paragraph(text, bold: true, size: 28, font: "黑体", spaceBefore: true);

    public static Paragraph Paragraph(string text, bool bold = false, int size = 24, bool center = false, bool right = false, string? font = null, bool spaceBefore = false)
    {
        var props = new ParagraphProperties();
        if (spaceBefore) props.Append(new SpacingBetweenLines { Before = "240" });
        if (center || right) props.Append(new Justification { Val = center ? JustificationValues.Center : JustificationValues.Right });
        var run = new RunProperties();
        if (font is not null) run.Append(new RunFonts { EastAsia = font, Ascii = font, HighAnsi = font });
        if (bold) run.Append(new Bold());
        run.Append(new FontSize { Val = size.ToString() });
        return new Paragraph(props, new Run(run, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    /// <summary>A bordered table; widths in percent of the text width.</summary>
    public static Table Table(int[] widths, IReadOnlyList<string[]> rows, bool headerRow = false, int[]? headerColumns = null)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }, border, new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = (w * 90).ToString() })));
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new TableRow();
            if (r == 0 && headerRow) row.Append(new TableRowProperties(new TableHeader()));
            for (var c = 0; c < rows[r].Length; c++)
            {
                var isHeader = (headerRow && r == 0) || (headerColumns?.Contains(c) ?? false);
                var cellProps = new TableCellProperties(new TableCellWidth { Width = (widths[c] * 50).ToString(), Type = TableWidthUnitValues.Pct });
                if (isHeader) cellProps.Append(new Shading { Val = ShadingPatternValues.Clear, Fill = "F2F2F2" });
                row.Append(new TableCell(cellProps, Paragraph(rows[r][c], bold: isHeader, size: 21, center: isHeader || c > 0 && headerRow)));
            }
            table.Append(row);
        }
        return table;
    }
}
