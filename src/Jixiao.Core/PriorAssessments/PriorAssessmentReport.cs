using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Jixiao.Core.Common;
using static Jixiao.Core.Common.WordParts;

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
            body.Append(WordParts.Table([16, 34, 16, 34],
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
            body.Append(WordParts.Table([50, 25, 25], rows, headerRow: true));
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
            body.Append(A4());
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }
}
