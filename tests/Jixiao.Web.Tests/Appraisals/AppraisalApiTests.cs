using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Core.Appraisals;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Security;
using Jixiao.Core.Todos;
using Jixiao.Web.Infrastructure;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Appraisals;

/// <summary>
/// The yearly appraisal over HTTP on both providers: the review refuses an adjustment without a reason and changes nothing, ties share a
/// rank, a county's performance section reaches only its own county's sheet, a stale version is a conflict. Each test appraises its own
/// fiscal year (the demo has last year's), where nothing is measurable, so every sub-item is scored by hand.
/// </summary>
public sealed class AppraisalApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<JsonNode> CreateAsync(TestApp app, int year, string kind)
    {
        using var r = await app.SendAsync("perf", HttpMethod.Post, "/api/v1/appraisals", new { kind, year, selfScoreDeadline = $"{year + 1}-03-31" });
        return await r.AssertOkJsonAsync(HttpStatusCode.Created);
    }

    private static long SheetOf(JsonNode round, string subjectName) =>
        (long)round["sheets"]!.AsArray().Single(s => (string)s!["subjectName"]! == subjectName)!["sheetId"]!;

    /// <summary>Self-scores every hand-scored line of a sheet at <paramref name="share"/> of its points and submits, as the subject (services, no account needed).</summary>
    private static async Task SelfScoreAndSubmitAsync(TestApp app, long sheetId, long subjectOrgId, Role role, decimal share)
    {
        var services = app.Factory.Services;
        await using var db = new JixiaoDbContext(services.GetRequiredService<DatabaseSettings>().Options(),
            new SystemAuditContext(new AuditActor(null, "被考核单位经办人", role.ToString(), subjectOrgId, null), app.Factory.Clock, services.GetRequiredService<KeyRing>()));
        var scope = await new ScopeService(db).ScopeForAsync(subjectOrgId, [role]);
        var caller = new Caller(null, subjectOrgId, [role], scope);
        var service = new AppraisalService(db, new RuleSetService(db), new TodoService(db), new AppraisalMeasurementService(db));
        var view = await service.SheetAsync(sheetId, caller);
        var lines = view.Sheet.Lines.Where(l => !l.IsComputed)
            .Select(l => new SelfScoreLineInput(l.Id, l.IsDeduction ? null : Math.Round(l.Points * share, 2), l.IsDeduction ? 0 : null, "按评分标准自评。"))
            .ToList();
        var saved = await service.SelfScoreAsync(sheetId, view.Sheet.Version, lines, caller);
        await service.SubmitAsync(sheetId, saved.Version, caller);
    }

    /// <summary>Review lines giving the sheet exactly <paramref name="total"/>: no supervision findings, the other lines filled in order.</summary>
    private static List<object> ReviewTo(JsonNode sheet, decimal total)
    {
        var remaining = total - sheet["lines"]!.AsArray().Where(l => (bool)l!["isDeduction"]!).Sum(l => (decimal)l!["points"]!);
        var result = new List<object>();
        foreach (var line in sheet["lines"]!.AsArray())
        {
            var id = (long)line!["id"]!;
            var points = (decimal)line["points"]!;
            if ((bool)line["isDeduction"]!)
            {
                result.Add(new { lineId = id, findings = 0 });
                continue;
            }
            var score = Math.Min(points, remaining);
            remaining -= score;
            result.Add(new { lineId = id, score, reason = "核定。" });
        }
        Assert.Equal(0m, remaining);
        return result;
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Review_AdjustmentWithoutReason_RefusedAndNothingChanged(DbProvider provider)
    {
        var app = fixture.For(provider);
        var orgs = await app.OrganizationIdsAsync();
        var round = await CreateAsync(app, 2021, "department");
        var sheetId = SheetOf(round, "长治市教育局");
        await SelfScoreAndSubmitAsync(app, sheetId, orgs["长治市教育局"], Role.Department, 0.8m);
        var before = await app.GetJsonAsync("perf", $"/api/v1/appraisals/sheets/{sheetId}");
        Assert.Equal("Submitted", (string)before["state"]!);
        var lines = before["lines"]!.AsArray();
        var training = lines.Single(l => (string)l!["code"]! == "Training")!;
        Assert.Equal(4m, (decimal)training["selfScore"]!);

        // Training lowered from its self-score 4 to 3 without a reason: the whole review is refused.
        using (var r = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/appraisals/sheets/{sheetId}/review", new
        {
            version = (int)before["version"]!,
            lines = new object[]
            {
                new { lineId = (long)lines[0]!["id"]!, reason = "属实。" },
                new { lineId = (long)training["id"]!, score = 3m },
            },
        }))
        {
            var problem = await r.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("培训与宣传", (string)problem["detail"]!);
            Assert.Contains("理由", (string)problem["detail"]!);
        }
        var after = await app.GetJsonAsync("perf", $"/api/v1/appraisals/sheets/{sheetId}");
        Assert.Equal("Submitted", (string)after["state"]!);
        Assert.Equal((int)before["version"]!, (int)after["version"]!);
        Assert.All(after["lines"]!.AsArray(), l => Assert.Null(l!["reviewScore"]));
        Assert.Null(after["reviewTotal"]);

        // With the reason it is saved; the unchanged lines keep the self-scores.
        using (var r = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/appraisals/sheets/{sheetId}/review", new
        {
            version = (int)after["version"]!,
            lines = new object[] { new { lineId = (long)training["id"]!, score = 3m, reason = "培训记录只有一次且无签到表。" } },
        }))
        {
            var reviewed = await r.AssertOkJsonAsync();
            Assert.Equal("Reviewed", (string)reviewed["state"]!);
            Assert.Equal((decimal)before["selfTotal"]! - 1m, (decimal)reviewed["reviewTotal"]!);
            var t = reviewed["lines"]!.AsArray().Single(l => (string)l!["code"]! == "Training")!;
            Assert.Equal("培训记录只有一次且无签到表。", (string)t["reviewReason"]!);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Finalise_EqualTotals_ShareARank(DbProvider provider)
    {
        var app = fixture.For(provider);
        var orgs = await app.OrganizationIdsAsync();
        var round = await CreateAsync(app, 2022, "department");
        var roundId = (long)round["id"]!;
        var targets = new Dictionary<string, decimal>
        {
            ["长治市教育局"] = 92.5m,
            ["长治市卫生健康委员会"] = 88m,
            ["长治市农业农村局"] = 88m,
            ["长治市交通运输局"] = 80m,
            ["长治市生态环境局"] = 79.99m,
            ["长治市民政局"] = 55m,
        };
        foreach (var name in targets.Keys) await SelfScoreAndSubmitAsync(app, SheetOf(round, name), orgs[name], Role.Department, 0.9m);

        // Finalising before every sheet is reviewed is refused.
        var detail = await app.GetJsonAsync("perf", $"/api/v1/appraisals/{roundId}");
        using (var r = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/appraisals/{roundId}/finalise", new { version = (int)detail["version"]! }))
            await r.AssertProblemAsync(HttpStatusCode.BadRequest);

        foreach (var (name, total) in targets)
        {
            var sheet = await app.GetJsonAsync("perf", $"/api/v1/appraisals/sheets/{SheetOf(round, name)}");
            using var r = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/appraisals/sheets/{SheetOf(round, name)}/review",
                new { version = (int)sheet["version"]!, lines = ReviewTo(sheet, total) });
            Assert.Equal(total, (decimal)(await r.AssertOkJsonAsync())["reviewTotal"]!);
        }
        detail = await app.GetJsonAsync("perf", $"/api/v1/appraisals/{roundId}");
        using (var r = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/appraisals/{roundId}/finalise", new { version = (int)detail["version"]! }))
            Assert.Equal("Finalised", (string)(await r.AssertOkJsonAsync())["state"]!);

        var ranking = (await app.GetJsonAsync("budget", $"/api/v1/appraisals/{roundId}/ranking"))["items"]!.AsArray()
            .ToDictionary(x => (string)x!["subjectName"]!, x => ((int)x!["rank"]!, (string)x["grade"]!));
        Assert.Equal((1, "excellent"), ranking["长治市教育局"]);
        Assert.Equal((2, "good"), ranking["长治市卫生健康委员会"]);
        Assert.Equal((2, "good"), ranking["长治市农业农村局"]);
        Assert.Equal((4, "good"), ranking["长治市交通运输局"]); // 80 is 良 (a band is closed below)
        Assert.Equal((5, "fair"), ranking["长治市生态环境局"]);
        Assert.Equal((6, "poor"), ranking["长治市民政局"]);

        using var xlsx = await app.GetAsync("perf", $"/api/v1/appraisals/{roundId}/ranking.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(XlsxExport.ContentType, xlsx.Content.Headers.ContentType?.MediaType);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CountyUser_ReachesOnlyItsOwnSheet(DbProvider provider)
    {
        var app = fixture.For(provider);
        var county = await CreateAsync(app, 2023, "county");
        var departments = await CreateAsync(app, 2023, "department");
        Assert.Equal(["上党区", "潞州区", "襄垣县"], county["sheets"]!.AsArray().Select(s => (string)s!["subjectName"]!).Order(StringComparer.Ordinal));
        var own = SheetOf(county, "潞州区");
        var other = SheetOf(county, "上党区");
        var dept = SheetOf(departments, "长治市教育局");

        var sheet = await app.GetJsonAsync("county", $"/api/v1/appraisals/sheets/{own}");
        Assert.True((bool)sheet["canSelfScore"]!);
        Assert.Contains(sheet["lines"]!.AsArray(), l => (string)l!["name"]! == "对下指导");
        foreach (var path in new[]
                 {
                     $"/api/v1/appraisals/sheets/{other}", $"/api/v1/appraisals/sheets/{dept}", $"/api/v1/appraisals/{(long)departments["id"]!}",
                     $"/api/v1/appraisals/{(long)departments["id"]!}/ranking",
                 })
        {
            using var r = await app.GetAsync("county", path);
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        }
        using (var r = await app.SendAsync("county", HttpMethod.Put, $"/api/v1/appraisals/sheets/{other}/self-score", new { version = 0, lines = Array.Empty<object>() }))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);

        // The county round shows the county only its own sheet before publication.
        var round = await app.GetJsonAsync("county", $"/api/v1/appraisals/{(long)county["id"]!}");
        Assert.Equal(["潞州区"], round["sheets"]!.AsArray().Select(s => (string)s!["subjectName"]!));
        var list = await app.GetJsonAsync("county", "/api/v1/appraisals?year=2023");
        Assert.Equal([(long)county["id"]!], list["items"]!.AsArray().Select(x => (long)x!["id"]!));

        // It self-scores and submits its own sheet; the city's performance section may not self-score it.
        var lines = sheet["lines"]!.AsArray().Where(l => !(bool)l!["isDeduction"]!)
            .Select(l => new { lineId = (long)l!["id"]!, score = (decimal)l["points"]!, explanation = "已完成。" }).ToList();
        using (var r = await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/appraisals/sheets/{own}/self-score", new { version = (int)sheet["version"]!, lines }))
            await r.AssertProblemAsync(HttpStatusCode.BadRequest);
        using (var r = await app.SendAsync("county", HttpMethod.Put, $"/api/v1/appraisals/sheets/{own}/self-score", new { version = (int)sheet["version"]!, lines }))
        {
            var saved = await r.AssertOkJsonAsync();
            Assert.Equal(100m, (decimal)saved["selfTotal"]!);
            Assert.Equal("SelfScoring", (string)saved["state"]!);
        }

        // The department user sees neither the county round nor another department's sheet; the auditor and the budget section read.
        using (var r = await app.GetAsync("dept", $"/api/v1/appraisals/sheets/{own}")) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await app.GetAsync("dept", $"/api/v1/appraisals/sheets/{SheetOf(departments, "长治市民政局")}")) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("长治市教育局", (string)(await app.GetJsonAsync("dept", $"/api/v1/appraisals/sheets/{dept}"))["subjectName"]!);
        Assert.False((bool)(await app.GetJsonAsync("auditor", $"/api/v1/appraisals/sheets/{own}"))["canSelfScore"]!);
        Assert.Equal(6, (await app.GetJsonAsync("budget", $"/api/v1/appraisals/{(long)departments["id"]!}"))["sheets"]!.AsArray().Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SelfScore_StaleVersion_Conflict(DbProvider provider)
    {
        var app = fixture.For(provider);
        var round = await CreateAsync(app, 2020, "department");
        var sheetId = SheetOf(round, "长治市教育局");
        var sheet = await app.GetJsonAsync("dept", $"/api/v1/appraisals/sheets/{sheetId}");
        var version = (int)sheet["version"]!;
        var line = sheet["lines"]!.AsArray().First(l => (string)l!["code"]! == "Organisation")!;

        using (var r = await app.SendAsync("dept", HttpMethod.Put, $"/api/v1/appraisals/sheets/{sheetId}/self-score",
                   new { version, lines = new[] { new { lineId = (long)line["id"]!, score = 5m, explanation = "制度已印发。" } } }))
            Assert.True((int)(await r.AssertOkJsonAsync())["version"]! > version);
        using (var r = await app.SendAsync("dept", HttpMethod.Put, $"/api/v1/appraisals/sheets/{sheetId}/self-score",
                   new { version, lines = new[] { new { lineId = (long)line["id"]!, score = 1m } } }))
            await r.AssertProblemAsync(HttpStatusCode.Conflict);
        var after = await app.GetJsonAsync("dept", $"/api/v1/appraisals/sheets/{sheetId}");
        Assert.Equal(5m, (decimal)after["lines"]!.AsArray().First(l => (string)l!["code"]! == "Organisation")!["selfScore"]!);
    }
}
