using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Jixiao.Core.Common;

namespace Jixiao.Core.PriorAssessments;

/// <summary>
/// 事前绩效评估报告 as a Word document: A4, 宋体 body and 黑体 headings as Chinese government documents use, the basic
/// facts, the conclusion, the mean points per dimension and every scorer's opinion (experts as 专家1, 专家2 … — the
/// report goes to the unit, which does not learn who scored), the required changes and what the unit changed.
/// </summary>
public static class PriorAssessmentReport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static string FileName(PriorAssessmentDetail d) => $"{d.Assessment.Title}-事前绩效评估报告.docx";

    public static byte[] Build(PriorAssessmentDetail d)
    {
        var a = d.Assessment;
        if (a.State != PriorAssessmentState.Closed || d.Result is not { } result)
            throw new DomainException("评估结束评分、得出结论后才能生成评估报告。");

        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            body.Append(Paragraph($"{a.Title}事前绩效评估报告", bold: true, size: 36, center: true, font: "黑体"));
            body.Append(Paragraph($"（{a.FiscalYear}年度 · 评估编号 {a.Id}）", center: true));

            body.Append(Heading("一、基本情况"));
            body.Append(Table([16, 34, 16, 34],
            [
                ["项目名称", a.Title, "项目代码", d.Project.Code],
                ["申报单位", d.UnitName, "主管部门", d.DepartmentName],
                ["预算年度", $"{a.FiscalYear}年", "预算金额", $"{d.Project.TotalBudget / 10_000m:#,##0.00}万元"],
                ["评估方式", a.Method?.ChineseName() ?? "", "组织方", d.OrganizerName ?? ""],
                ["受托机构", d.AgencyName ?? "—", "结束评分", a.ClosedAt is { } c ? ChinaTime.FromUtc(c).ToString("yyyy年M月d日") : ""],
            ], headerColumns: [0, 2]));

            body.Append(Heading("二、评估结论"));
            body.Append(Paragraph($"综合得分 {result.Total:0.##} 分，评估结论为“{PriorAssessmentScoring.Text(result.Conclusion)}”。"));
            if (a.Method == AssessmentMethod.SelfAssessment)
                body.Append(Paragraph(a.ConclusionConfirmedAt is { } at
                    ? $"本评估为单位自评，结论已由组织方于{ChinaTime.FromUtc(at):yyyy年M月d日}确认。"
                    : "本评估为单位自评，结论尚待组织方确认，确认前不作为预算申请的依据。"));
            if (a.ConclusionOpinion is { } opinion) body.Append(Paragraph("综合评估意见：" + opinion));

            body.Append(Heading("三、评分情况"));
            var rows = new List<string[]> { new[] { "评估维度", "分值", "平均得分" } };
            rows.AddRange(result.Dimensions.Select(x => new[] { x.Name, $"{x.MaxPoints:0.##}", $"{x.Mean:0.00}" }));
            rows.Add(["合计", $"{result.Dimensions.Sum(x => x.MaxPoints):0.##}", $"{result.Total:0.00}"]);
            body.Append(Table([50, 25, 25], rows, headerRow: true));
            if (d.RuleSetLabel is { } rs) body.Append(Paragraph($"评分维度、分值和结论分数线依据{rs}（予以支持、调整完善后支持、不予支持）。", size: 20));

            body.Append(Heading("四、评审意见"));
            foreach (var s in d.Scorers.Where(s => s.Scores is not null))
            {
                body.Append(Paragraph($"{s.Label}（{s.Scores!.Sum(x => x.Points):0.##}分）", bold: true));
                if (s.Opinion is { } o) body.Append(Paragraph(o));
                foreach (var x in s.Scores!.Where(x => x.Comment is not null))
                    body.Append(Paragraph($"{x.Name}（{x.Points:0.##}/{x.MaxPoints:0.##}）：{x.Comment}", size: 21));
            }

            if (a.RequiredChanges is not null || a.ChangesReport is not null)
            {
                body.Append(Heading("五、调整完善"));
                if (a.RequiredChanges is { } req) body.Append(Paragraph("调整完善要求：" + req));
                if (a.ChangesReport is { } rep) body.Append(Paragraph("单位调整完善情况：" + rep));
                body.Append(Paragraph(a.ChangesConfirmedAt is { } cc ? $"调整完善情况已由组织方于{ChinaTime.FromUtc(cc):yyyy年M月d日}确认。" : "调整完善情况尚待组织方确认。"));
            }

            body.Append(Paragraph(""));
            body.Append(Paragraph($"{d.OrganizerName}", right: true));
            body.Append(Paragraph(a.ClosedAt is { } closed ? ChinaTime.FromUtc(closed).ToString("yyyy年M月d日") : "", right: true));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1588, Right = 1474, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static void AddStyles(MainDocumentPart main)
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

    private static Paragraph Heading(string text) => Paragraph(text, bold: true, size: 28, font: "黑体", spaceBefore: true);

    private static Paragraph Paragraph(string text, bool bold = false, int size = 24, bool center = false, bool right = false, string? font = null, bool spaceBefore = false)
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
    private static Table Table(int[] widths, IReadOnlyList<string[]> rows, bool headerRow = false, int[]? headerColumns = null)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
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
