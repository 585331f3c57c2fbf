using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Jixiao.Core.RuleSets;
using static Jixiao.Core.Common.WordParts;

namespace Jixiao.Core.Results;

/// <summary>
/// The feedback letter as a Word document in the layout of an official letter (公文格式): 文号 right-aligned under the header, the title
/// centred in 方正小标宋/黑体, 主送 with a colon, the body in 仿宋 (score and grade, problems numbered, required rectification, deadline),
/// 落款 and date right-aligned. Generated once when sent and stored; downloads return the stored bytes.
/// </summary>
public static class FeedbackLetterDocument
{
    private const string Body = "仿宋_GB2312";

    public static string ChineseDate(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    public static byte[] Build(FeedbackLetter l, DateOnly date)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            body.Append(Paragraph(l.Number ?? "", size: 32, center: true, font: Body, spaceBefore: true));
            body.Append(Paragraph(l.Title, bold: true, size: 44, center: true, font: "方正小标宋简体", spaceBefore: true));
            body.Append(Paragraph($"{l.Recipient}：", size: 32, font: Body, spaceBefore: true));
            var kind = l.SourceKind.ChineseName();
            var result = l.Score is { } s
                ? $"评价得分{s.ToString("0.##", CultureInfo.InvariantCulture)}分{(l.Grade is { } g ? $"，评价等级为“{g.ChineseName()}”" : "")}。"
                : l.Grade is { } g2 ? $"评价等级为“{g2.ChineseName()}”。" : "发现以下问题。";
            body.Append(Indented($"根据《长治市全面实施预算绩效管理办法》有关规定，我局组织开展了{l.FiscalYear}年度{l.SubjectName}{kind}工作，{result}现将有关情况反馈如下："));
            body.Append(Indented("一、发现的主要问题", bold: true));
            var n = 0;
            foreach (var p in l.ProblemList) body.Append(Indented($"（{ChineseNumber(++n)}）{p}"));
            body.Append(Indented("二、整改要求", bold: true));
            foreach (var r in FeedbackLetter.SplitLines(l.Requirements)) body.Append(Indented(r));
            body.Append(Indented($"整改期限：{ChineseDate(l.Deadline)}前。"));
            if (!string.IsNullOrWhiteSpace(l.Views))
            {
                body.Append(Indented("三、听取意见情况", bold: true));
                body.Append(Indented($"本函印发前已听取你单位意见：{l.Views}"));
            }
            body.Append(Indented("特此函告。"));
            body.Append(Paragraph(l.Issuer, size: 32, right: true, font: Body, spaceBefore: true));
            body.Append(Paragraph(ChineseDate(date), size: 32, right: true, font: Body));
            body.Append(A4());
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Indented(string text, bool bold = false)
    {
        var p = Paragraph(text, bold: bold, size: 32, font: bold ? "黑体" : Body);
        p.ParagraphProperties!.Append(new Indentation { FirstLine = "640" });
        return p;
    }

    public static string ChineseNumber(int n)
    {
        string[] d = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        return n switch
        {
            < 10 => d[n],
            10 => "十",
            < 20 => "十" + d[n % 10],
            < 100 => d[n / 10] + "十" + d[n % 10],
            _ => n.ToString(CultureInfo.InvariantCulture),
        };
    }
}
