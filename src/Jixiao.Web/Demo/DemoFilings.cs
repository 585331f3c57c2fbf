using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Jixiao.Core.Audit;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Filings;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Demo;

/// <summary>
/// 规则备案 (Art. 38) of this year, through the real services: 潞州区 (`county`) files its existing stricter rule set and the city's
/// performance section (`perf`) files it with a 备案号; 上党区 saves its own copy of the city's rules with a longer rectification deadline and a
/// lower 良 band, files it, and the city returns it with comments (上党区 has a to-do to revise and resubmit).
/// </summary>
internal static class DemoFilings
{
    public static async Task SeedAsync(Func<AuditActor, JixiaoDbContext> contextFor, int year, CancellationToken ct)
    {
        await using var read = contextFor(AuditActor.System);
        var city = await read.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.ParentId == null, ct);
        if (city is null) return;
        var cityPerf = await read.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.RegionId == city.Id && o.Kind == OrganizationKind.PerformanceSection, ct);
        var luzhou = await read.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Name == "潞州区", ct);
        var shangdang = await read.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Name == "上党区", ct);
        if (cityPerf is null || luzhou is null || shangdang is null) return;

        async Task<(JixiaoDbContext Db, Caller Caller)> As(Organization org)
        {
            var actor = await DemoGoals.ActorAsync(read, org, Role.PerformanceSection, ct);
            var db = contextFor(actor);
            return (db, new Caller(actor.UserId, org.Id, [Role.PerformanceSection],
                await new ScopeService(db).ScopeForAsync(org.Id, [Role.PerformanceSection], ct)));
        }

        static FilingService Service(JixiaoDbContext db) => new(db, new RuleSetService(db), new TodoService(db));

        async Task<long> SubmitAsync(Region county, string title, string[] body, string note)
        {
            var perf = await read.Organizations.AsNoTracking().FirstAsync(o => o.RegionId == county.Id && o.Kind == OrganizationKind.PerformanceSection, ct);
            var (db, caller) = await As(perf);
            await using (db)
            {
                var f = await Service(db).SubmitAsync(year, null, $"{title}.docx", Document(title, body), note, caller, ct: ct);
                return f.Id;
            }
        }

        // 潞州区: its own copy saved with the demo's rules (良 from 85, rectification in 20 days), filed.
        var luzhouId = await SubmitAsync(luzhou, $"潞州区{year}年度预算绩效管理实施细则",
            ["第一条 为加强本区预算绩效管理，根据《长治市全面实施预算绩效管理实施细则》，结合本区实际，制定本细则。",
             "第二条 绩效评价结果分为优、良、中、差四个等级，其中良档起点为85分。",
             "第三条 评价结果反馈后，被评价单位应于20日内完成整改。"],
            "本区规则较市级规则从严：良档起点提高至85分，整改期限缩短为20天。");

        // 上党区: its own copy of the city's rules with a longer deadline and a lower 良 band, returned with comments.
        var shangdangPerf = await read.Organizations.AsNoTracking().FirstAsync(o => o.RegionId == shangdang.Id && o.Kind == OrganizationKind.PerformanceSection, ct);
        var (sdb, _) = await As(shangdangPerf);
        await using (sdb)
        {
            var rules = new RuleSetService(sdb);
            var content = (await rules.ResolveAsync(shangdang.Id, year, ct)).Content.Clone();
            content.Grades.Good = 75m;
            content.Results.RectificationDeadlineDays = 60;
            await rules.SaveNewVersionAsync(shangdang.Id, year, 0, content, "上党区实施细则：良档起点75分，整改期限60天");
        }
        var shangdangId = await SubmitAsync(shangdang, $"上党区{year}年度预算绩效管理实施细则",
            ["第一条 为推进本区预算绩效管理，结合本区实际，制定本细则。",
             "第二条 绩效评价结果分为优、良、中、差四个等级，其中良档起点为75分。",
             "第三条 评价结果反馈后，被评价单位应于60日内完成整改。"],
            "结合本区实际，适当放宽良档分数线和整改期限。");

        var (cdb, cityCaller) = await As(cityPerf);
        await using (cdb)
        {
            var service = Service(cdb);
            var l = await cdb.RuleSetFilings.AsNoTracking().FirstAsync(f => f.Id == luzhouId, ct);
            await service.FileAsync(luzhouId, l.Version, "同意备案。", cityCaller, ct);
            var s = await cdb.RuleSetFilings.AsNoTracking().FirstAsync(f => f.Id == shangdangId, ct);
            await service.ReturnAsync(shangdangId, s.Version,
                "良档起点（75分）低于市级规则（80分），整改期限60天长于市级规则的30天，均放宽了市级要求。请按市级规则修改，或在备案说明中逐项说明理由后重新报送。",
                cityCaller, ct);
        }
    }

    /// <summary>A small official-looking .docx of the implementation rules.</summary>
    private static byte[] Document(string title, string[] articles)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            WordParts.AddStyles(main);
            var body = new Body(WordParts.Paragraph(title, bold: true, size: 36, center: true, font: "方正小标宋简体"));
            foreach (var a in articles) body.Append(WordParts.Paragraph(a));
            body.Append(WordParts.A4());
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }
}
