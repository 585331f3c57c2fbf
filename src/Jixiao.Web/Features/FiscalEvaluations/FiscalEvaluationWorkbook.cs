using Jixiao.Core.FiscalEvaluations;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jixiao.Web.Features.FiscalEvaluations;

/// <summary>The import template and the result export of a fiscal operation evaluation; the export reads back as an import (extra columns are ignored).</summary>
public static class FiscalEvaluationWorkbook
{
    public static (byte[] Bytes, string FileName) Template(FiscalEvaluationDetail d) =>
        Bytes(XlsxExport.File($"财政运行评价导入模板-{d.Evaluation.FiscalYear}.xlsx", Columns(d, false), d.Sheets));

    public static (byte[] Bytes, string FileName) Export(FiscalEvaluationDetail d) =>
        Bytes(XlsxExport.File($"财政运行综合绩效评价-{d.Evaluation.FiscalYear}-{DateTime.Now:yyyyMMdd}.xlsx", Columns(d, true), d.Sheets));

    private static (byte[], string) Bytes(FileContentResult f) => (f.FileContents, f.FileDownloadName);

    private static List<(string Heading, Func<FiscalSheetView, object?> Value)> Columns(FiscalEvaluationDetail d, bool results)
    {
        var header = FiscalEvaluationService.TemplateHeader(d.Framework);
        var columns = new List<(string, Func<FiscalSheetView, object?>)>
        {
            (header[0], s => s.CountyCode),
            (header[1], s => s.CountyName),
        };
        foreach (var i in d.Framework)
        {
            var code = i.Code;
            columns.Add((i.Name, s => s.Values.TryGetValue(code, out var v) ? v : null));
        }
        if (results)
        {
            columns.Add(("总分", s => s.Score ?? s.Computed?.Total));
            columns.Add(("等级", s => (s.Grade ?? s.Computed?.Grade)?.ChineseName()));
            columns.Add(("排名", s => s.Rank));
            columns.Add(("状态", _ => FiscalEvaluationWorkflow.ChineseName(d.Evaluation.State)));
        }
        return columns;
    }
}
