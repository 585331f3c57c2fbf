using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Jixiao.Core.Common;
using Jixiao.Core.RuleSets;
using static Jixiao.Core.Common.WordParts;

namespace Jixiao.Core.Evaluations;

/// <summary>
/// 重点评价报告 as a Word document in the RULES §4 outline: 基本情况; 评价工作开展情况; 综合评价情况及结论 (with the score sheet and
/// a native Word bar chart of score against weight per level-1 group, so Word draws it without images); 指标分析 (决策/过程/产出/效益,
/// with the experts' comments as 专家1, 专家2 …); 主要经验做法、存在问题及原因; 有关建议; 其他需要说明的问题.
/// </summary>
public static class KeyEvaluationReport
{
    public const string ContentType = WordParts.ContentType;

    public static string FileName(KeyEvaluationDetail d) => $"{d.Evaluation.Title}-绩效评价报告.docx";

    public static byte[] Build(KeyEvaluationDetail d)
    {
        var e = d.Evaluation;
        if (e.State is not (KeyEvaluationState.Closed or KeyEvaluationState.Completed) || d.Groups is not { } groups || e.TotalScore is not { } total)
            throw new DomainException("结束评分、得出评价得分后才能生成评价报告。");
        var draft = e.State == KeyEvaluationState.Closed;

        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            body.Append(Paragraph($"{e.Title}绩效评价报告", bold: true, size: 36, center: true, font: "黑体"));
            body.Append(Paragraph($"（{e.FiscalYear}年度 · {e.SubjectKind.ChineseName()} · 评价编号 {e.Id}{(draft ? " · 初稿" : "")}）", center: true));

            body.Append(Heading("一、基本情况"));
            var budget = d.Subjects.Sum(s => s.TotalBudget);
            body.Append(WordParts.Table([16, 34, 16, 34],
            [
                ["评价对象", e.Title, "评价类型", $"重点评价（{e.SubjectKind.ChineseName()}）"],
                ["主管部门", d.DepartmentName, "评价年度", $"{e.FiscalYear}年"],
                ["资金规模", d.Subjects.Count > 0 ? $"{budget / 10_000m:#,##0.00}万元" : "部门整体支出", "组织方", d.OrganizerName],
            ], headerColumns: [0, 2]));
            if (d.Subjects.Count > 0)
            {
                var rows = new List<string[]> { new[] { "项目代码", "项目名称", "实施单位", "预算（万元）" } };
                rows.AddRange(d.Subjects.Select(s => new[] { s.Code, s.Name, s.UnitName, $"{s.TotalBudget / 10_000m:#,##0.00}" }));
                body.Append(Paragraph(""));
                body.Append(WordParts.Table([20, 35, 28, 17], rows, headerRow: true));
            }
            body.Append(Paragraph(e.Background ?? "（组织方未填写基本情况说明。）"));

            body.Append(Heading("二、评价工作开展情况"));
            var how = e.Method switch
            {
                KeyEvaluationMethod.Experts => $"本次评价采取专家评价方式，从专家库中随机抽取{(e.DrawField is { } f ? $"“{f}”领域" : "")}专家{e.ExpertCount}名"
                    + $"（抽取种子 {e.DrawSeed}，符合回避要求 {e.DrawEligibleIds.Count} 人，因与被评价单位、主管部门或其关联机构存在关联关系回避 {e.DrawExcludedIds.Count} 人）。",
                KeyEvaluationMethod.Agency => $"本次评价委托第三方机构{d.AgencyName}实施，委托方为{d.OrganizerName}。",
                _ => "",
            };
            var framework = e.SubjectKind == KeyEvaluationSubjectKind.DepartmentOverall
                ? $"按{string.Join("、", DepartmentDimensions.Names)}六个维度设置部门整体支出评价指标体系（共{d.Indicators.Count}项三级指标）。"
                : $"按决策、过程、产出、效益四个方面设置评价指标体系（共{d.Indicators.Count}项三级指标，产出和效益指标权重合计"
                    + $"{d.Indicators.Where(i => i.Level1 is "Output" or "Benefit").Sum(i => i.Weight):0.##}分）。";
            body.Append(Paragraph($"{d.OrganizerName}依据财预〔2020〕10号《项目支出绩效评价管理办法》组织开展本次重点评价，{framework}{how}"));
            body.Append(Paragraph($"评分人逐项打分并说明理由，评价得分取各评分人每项指标得分的平均值{(e.ScoringDeadline is { } sd ? $"；评分截止日期为{sd:yyyy年M月d日}" : "")}"
                + $"{(e.ClosedAt is { } c ? $"，{ChinaTime.FromUtc(c):yyyy年M月d日}结束评分" : "")}。"));
            foreach (var s in d.Scorers)
                body.Append(Paragraph($"{s.Label}：{(s.SubmittedAt is { } at ? $"{ChinaTime.FromUtc(at):yyyy年M月d日}提交评分" : "未提交")}"
                    + $"{(s.SubmittedByName?.Contains("代录") == true ? "（纸质评分表由组织方代录）" : "")}。", size: 21));

            body.Append(Heading("三、综合评价情况及结论"));
            var grade = e.Grade ?? Grade.Poor;
            body.Append(Paragraph($"经综合评价，{e.Title}得分 {total:0.00} 分，评价等级为“{grade.ChineseName()}”。"
                + (d.RuleSetLabel is { } rs ? $"等级依据{rs}的分数线确定。" : "")));
            if (e.Conclusions is { } conclusions) body.Append(Paragraph(conclusions));
            body.Append(Paragraph("评分表", bold: true, center: true));
            var sheet = new List<string[]> { new[] { "一级指标", "二级指标", "三级指标", "权重", "得分" } };
            foreach (var g in groups)
            {
                foreach (var i in d.Indicators.Where(i => i.Level1 == g.Level1))
                    sheet.Add([i.Level1Name, i.Level2, i.Name, $"{i.Weight:0.##}", $"{KeyEvaluationScoring.Round(i.Score ?? 0m):0.00}"]);
                sheet.Add([$"{g.Name}小计", "", "", $"{g.Weight:0.##}", $"{g.Score:0.00}"]);
            }
            sheet.Add(["合计", "", "", $"{d.Indicators.Sum(i => i.Weight):0.##}", $"{total:0.00}"]);
            body.Append(WordParts.Table([14, 20, 36, 15, 15], sheet, headerRow: true));
            body.Append(Paragraph(""));
            body.Append(WordCharts.Column(main, 1, "各一级指标权重与得分", groups.Select(g => g.Name).ToList(),
                [("权重", "BFBFBF", groups.Select(g => g.Weight).ToList()), ("得分", "2F5597", groups.Select(g => g.Score).ToList())]));
            body.Append(Paragraph("图1 各一级指标权重与得分", size: 21, center: true));

            body.Append(Heading("四、指标分析"));
            var n = 0;
            foreach (var g in groups)
            {
                var rate = g.Weight == 0 ? 0 : g.Score / g.Weight;
                body.Append(Paragraph($"（{"一二三四五六"[n++]}）{g.Name}指标分析", bold: true));
                body.Append(Paragraph($"{g.Name}类指标权重{g.Weight:0.##}分，得分{g.Score:0.00}分，得分率{rate:P1}。"));
                foreach (var i in d.Indicators.Where(i => i.Level1 == g.Level1))
                {
                    var comments = d.Scorers.Where(s => s.Scores is not null)
                        .Select(s => (s.Label, Score: s.Scores!.FirstOrDefault(x => x.IndicatorId == i.Id)))
                        .Where(x => x.Score is not null).Select(x => $"{x.Label}：{x.Score!.Comment}").ToList();
                    body.Append(Paragraph($"{i.Name}（{KeyEvaluationScoring.Round(i.Score ?? 0m):0.00}/{i.Weight:0.##}，{i.Explanation}）。{string.Join("；", comments)}", size: 21));
                }
            }

            body.Append(Heading("五、主要经验做法、存在问题及原因"));
            body.Append(Paragraph("（一）主要经验做法", bold: true));
            body.Append(Paragraph(e.Experience ?? "无。"));
            body.Append(Paragraph("（二）存在问题及原因", bold: true));
            body.Append(Paragraph(e.Problems ?? "（尚未填写。）"));

            body.Append(Heading("六、有关建议"));
            body.Append(Paragraph(e.Suggestions ?? "（尚未填写。）"));

            body.Append(Heading("七、其他需要说明的问题"));
            body.Append(Paragraph(e.OtherNotes ?? "无。"));

            body.Append(Paragraph(""));
            body.Append(Paragraph(d.OrganizerName, right: true));
            var date = e.CompletedAt ?? e.ClosedAt;
            body.Append(Paragraph(date is { } dt ? ChinaTime.FromUtc(dt).ToString("yyyy年M月d日") : "", right: true));
            body.Append(A4());
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }
}
