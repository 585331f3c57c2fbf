using System.Globalization;
using System.Security;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace Jixiao.Core.Common;

/// <summary>Native Word charts of the reports (key evaluation, congress report): the chart XML in a ChartPart, drawn inline.</summary>
public static class WordCharts
{
    /// <summary>A centred paragraph holding a native Word clustered column chart (a ChartPart): one series per (name, colour, values).</summary>
    public static Paragraph Column(MainDocumentPart main, uint id, string title, IReadOnlyList<string> categories,
        IReadOnlyList<(string Name, string Color, IReadOnlyList<decimal> Values)> series)
    {
        var part = main.AddNewPart<ChartPart>();
        using (var s = part.GetStream(FileMode.Create, FileAccess.Write))
        {
            var xml = Encoding.UTF8.GetBytes(ChartXml(title, categories, series));
            s.Write(xml, 0, xml.Length);
        }
        var inline = new DW.Inline(
            new DW.Extent { Cx = 5_400_000L, Cy = 3_000_000L },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = title },
            new DW.NonVisualGraphicFrameDrawingProperties(),
            new A.Graphic(new A.GraphicData(new C.ChartReference { Id = main.GetIdOfPart(part) }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U };
        return new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(new Drawing(inline)));
    }

    private static string ChartXml(string title, IReadOnlyList<string> categories, IReadOnlyList<(string Name, string Color, IReadOnlyList<decimal> Values)> series)
    {
        static string X(string s) => SecurityElement.Escape(s);
        static string N(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        string Series(int idx, (string Name, string Color, IReadOnlyList<decimal> Values) s) =>
            $"<c:ser><c:idx val=\"{idx}\"/><c:order val=\"{idx}\"/><c:tx><c:v>{X(s.Name)}</c:v></c:tx>"
            + $"<c:spPr><a:solidFill><a:srgbClr val=\"{s.Color}\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>"
            + "<c:dLbls><c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>"
            + $"<c:cat><c:strLit><c:ptCount val=\"{categories.Count}\"/>{string.Concat(categories.Select((c, i) => $"<c:pt idx=\"{i}\"><c:v>{X(c)}</c:v></c:pt>"))}</c:strLit></c:cat>"
            + $"<c:val><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val=\"{s.Values.Count}\"/>{string.Concat(s.Values.Select((v, i) => $"<c:pt idx=\"{i}\"><c:v>{N(v)}</c:v></c:pt>"))}</c:numLit></c:val></c:ser>";
        const string font = "<a:latin typeface=\"宋体\"/><a:ea typeface=\"宋体\"/>";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<c:lang val=\"zh-CN\"/><c:roundedCorners val=\"0\"/><c:chart>"
            + $"<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz=\"1200\" b=\"1\"/></a:pPr><a:r><a:rPr lang=\"zh-CN\" sz=\"1200\" b=\"1\">{font}</a:rPr><a:t>{X(title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>"
            + "<c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/><c:barChart><c:barDir val=\"col\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>"
            + string.Concat(series.Select((s, i) => Series(i, s)))
            + "<c:gapWidth val=\"80\"/><c:axId val=\"50010\"/><c:axId val=\"50020\"/></c:barChart>"
            + "<c:catAx><c:axId val=\"50010\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"b\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>"
            + $"<c:tickLblPos val=\"nextTo\"/><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1000\">{font}</a:defRPr></a:pPr><a:endParaRPr lang=\"zh-CN\"/></a:p></c:txPr>"
            + "<c:crossAx val=\"50020\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/></c:catAx>"
            + "<c:valAx><c:axId val=\"50020\"/><c:scaling><c:orientation val=\"minMax\"/><c:min val=\"0\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"l\"/><c:majorGridlines/>"
            + "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"50010\"/><c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx>"
            + $"</c:plotArea><c:legend><c:legendPos val=\"t\"/><c:overlay val=\"0\"/><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1000\">{font}</a:defRPr></a:pPr><a:endParaRPr lang=\"zh-CN\"/></a:p></c:txPr></c:legend>"
            + "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart></c:chartSpace>";
    }
}
