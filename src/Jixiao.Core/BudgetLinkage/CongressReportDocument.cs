using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Jixiao.Core.Common;
using Jixiao.Core.RuleSets;
using static Jixiao.Core.Common.WordParts;

namespace Jixiao.Core.BudgetLinkage;

/// <summary>
/// 预算绩效管理工作情况报告 (to the People's Congress) as a Word document: coverage with the PEFA PI-8 terms, grades by department, key
/// evaluation findings, rectification and budget linkage; two native Word charts (coverage shares; grades by department) in ChartParts.
/// </summary>
public static class CongressReportDocument
{
    public const string ContentType = WordParts.ContentType;

    public static string FileName(string regionName, int year) => $"{regionName}{year}年度预算绩效管理工作情况报告.docx";

    private static string Pct(decimal? share) => share is { } s ? $"{s * 100m:0.0}%" : "—";

    private static string Wan(decimal yuan) => $"{yuan / 10_000m:#,##0.00}";

    public static byte[] Build(CongressReportFigures f, DateTime generatedAt)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            body.Append(Paragraph($"关于{f.RegionName}{f.FiscalYear}年度预算绩效管理工作情况的报告", bold: true, size: 36, center: true, font: "黑体"));
            body.Append(Paragraph("（向同级人民代表大会报告）", center: true));

            body.Append(Heading("一、绩效管理覆盖情况"));
            var total = f.Coverage.FirstOrDefault();
            body.Append(Paragraph(total is null || total.TotalProjects == 0
                ? $"{f.FiscalYear}年度本级无项目支出。"
                : $"{f.FiscalYear}年度本级共有项目（政策）{total.TotalProjects}个，预算{Wan(total.TotalAmount)}万元。各环节覆盖情况如下（按国际通行的PEFA PI-8口径：“大部分”指不低于规定比例，“多数”指超过规定比例）。"));
            var rows = new List<string[]> { new[] { "环节", "项目数", "项目占比", "PI-8（项目）", "金额（万元）", "金额占比", "PI-8（金额）" } };
            rows.AddRange(f.Coverage.Select(c => new[] { c.Name, c.Projects.ToString(CultureInfo.InvariantCulture), Pct(c.ProjectShare), c.ProjectTerm.ChineseName(),
                Wan(c.Amount), Pct(c.AmountShare), c.AmountTerm.ChineseName() }));
            body.Append(WordParts.Table([18, 10, 12, 16, 16, 12, 16], rows, headerRow: true));
            body.Append(WordCharts.Column(main, 1, "各环节覆盖率（%）", f.Coverage.Select(c => c.Name).ToList(),
                [("项目占比", "2F5597", f.Coverage.Select(c => (c.ProjectShare ?? 0m) * 100m).ToList()),
                 ("金额占比", "A5A5A5", f.Coverage.Select(c => (c.AmountShare ?? 0m) * 100m).ToList())]));

            body.Append(Heading("二、评价结果分布"));
            if (f.Grades.Count == 0) body.Append(Paragraph("本年度尚无评价结果。"));
            else
            {
                var g = new List<string[]> { new[] { "部门", "优", "良", "中", "差", "合计" } };
                g.AddRange(f.Grades.Select(d => new[] { d.DepartmentName, $"{d.Excellent}", $"{d.Good}", $"{d.Fair}", $"{d.Poor}", $"{d.Total}" }));
                g.Add(["合计", $"{f.Grades.Sum(d => d.Excellent)}", $"{f.Grades.Sum(d => d.Good)}", $"{f.Grades.Sum(d => d.Fair)}", $"{f.Grades.Sum(d => d.Poor)}",
                    $"{f.Grades.Sum(d => d.Total)}"]);
                body.Append(WordParts.Table([40, 12, 12, 12, 12, 12], g, headerRow: true));
                body.Append(WordCharts.Column(main, 2, "各部门评价等级分布（个）", f.Grades.Select(d => d.DepartmentName).ToList(),
                [("优", "2E7D32", f.Grades.Select(d => (decimal)d.Excellent).ToList()), ("良", "1565C0", f.Grades.Select(d => (decimal)d.Good).ToList()),
                 ("中", "F9A825", f.Grades.Select(d => (decimal)d.Fair).ToList()), ("差", "C62828", f.Grades.Select(d => (decimal)d.Poor).ToList())]));
            }

            body.Append(Heading("三、重点评价发现的问题"));
            if (f.KeyFindings.Count == 0) body.Append(Paragraph("本年度尚无完成的重点评价。"));
            foreach (var k in f.KeyFindings)
            {
                body.Append(Paragraph($"{k.Title}（{k.DepartmentName}）：得分{k.Score:0.##}分，等级“{k.Grade.ChineseName()}”。", bold: true));
                body.Append(Paragraph($"存在问题：{k.Problems ?? "无"}"));
                body.Append(Paragraph($"有关建议：{k.Suggestions ?? "无"}"));
            }

            body.Append(Heading("四、问题整改情况"));
            var r = f.Rectification;
            body.Append(Paragraph(r.Items == 0 ? "本年度尚无整改事项记录。"
                : $"共有整改事项{r.Items}项，已完成{r.Completed}项（完成率{Pct(PefaRules.Share(r.Completed, r.Items))}），逾期未完成{r.Overdue}项。"));

            body.Append(Heading("五、评价结果与预算安排挂钩情况"));
            var l = f.Linkage;
            body.Append(Paragraph(l.Decisions == 0 ? $"{f.FiscalYear + 1}年预算编制中尚未记录挂钩决定。"
                : $"{f.FiscalYear + 1}年预算编制中，对{l.Decisions}个项目作出挂钩决定：优先保障{l.Priority}个，维持{l.Maintain}个，从严控制{l.StrictControl}个，取消{l.Cancel}个，压减预算{Wan(l.Reduction)}万元。"));

            body.Append(Paragraph(""));
            body.Append(Paragraph($"{f.RegionName}财政局", right: true));
            body.Append(Paragraph(ChinaTime.FromUtc(generatedAt).ToString("yyyy年M月d日", CultureInfo.InvariantCulture), right: true));
            body.Append(A4());
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }
}
