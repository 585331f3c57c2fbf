using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Security;
using Jixiao.Core.Todos;
using Jixiao.Web.Demo;
using Jixiao.Web.Infrastructure;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Evaluations;

/// <summary>
/// 再评价 over the API as the performance section: a seeded random sample that verifies, a chosen one, re-scoring by the same engine
/// with the self-evaluation's pinned rules (difference per indicator and in the total, the flag), completion, scope (another region's
/// performance section and other units: 404; a unit cannot organise one), and the list of evaluation results of every kind with its
/// grades from the rule set. The self-evaluations re-evaluated are this year's, submitted in the test by the units themselves.
/// </summary>
public sealed partial class ReEvaluationApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Year = 2026;

    private static Func<AuditActor, JixiaoDbContext> Contexts(TestApp app)
    {
        var services = app.Factory.Services;
        var settings = services.GetRequiredService<DatabaseSettings>();
        var keys = services.GetRequiredService<KeyRing>();
        var time = services.GetRequiredService<TimeProvider>();
        return actor => new JixiaoDbContext(settings.Options(), new SystemAuditContext(actor, time, keys));
    }

    /// <summary>
    /// The fixture: this year's self-evaluation task issued by the performance section over the API (once), and every form of it filled in
    /// and submitted by its own unit through <see cref="SelfEvaluationService"/> (most demo units have no account): every target met but
    /// the cost indicator (≤) at 1.5 times its target, explained; qualitative ones 达成 with full points. Returns the submitted ids.
    /// </summary>
    private static async Task<List<long>> SubmittedAsync(TestApp app)
    {
        using (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/self-tasks", new { title = $"{Year}年度项目支出绩效自评", deadline = "2027-03-31" })) { }
        var contextFor = Contexts(app);
        List<(long Id, long Org)> open;
        await using (var read = contextFor(AuditActor.System))
            open = (await read.SelfEvaluations.AsNoTracking().Where(e => e.FiscalYear == Year
                    && (e.State == SelfEvaluationState.Draft || e.State == SelfEvaluationState.Returned))
                .Select(e => new { e.Id, e.OrganizationId }).ToListAsync()).Select(x => (x.Id, x.OrganizationId)).ToList();
        foreach (var (id, org) in open)
        {
            await using var db = contextFor(new AuditActor(null, "test-unit", Role.BudgetUnit.ToString(), org, null, "单位填报人"));
            var caller = new Caller(null, org, [Role.BudgetUnit], await new ScopeService(db).ScopeForAsync(org, [Role.BudgetUnit]));
            var rules = new RuleSetService(db);
            var service = new SelfEvaluationService(db, rules, new TodoService(db), new WarningBoard(db, rules));
            var form = (await service.EvaluationAsync(id, caller)).Evaluation;
            var saved = await service.SaveAsync(id, form.Version, new SelfEvaluationInputForm("按计划完成。", form.Indicators.Select(i => i.Comparison switch
            {
                Comparison.Qualitative => new SelfEvaluationIndicatorInput(i.Id, Band: QualitativeBand.Achieved, Points: i.Weight),
                Comparison.AtMost => new SelfEvaluationIndicatorInput(i.Id, Actual: (i.Target ?? 0m) * 1.5m, DeviationReason: "原材料价格上涨，成本超出计划。",
                    Measures: "加强成本测算。"),
                _ => new SelfEvaluationIndicatorInput(i.Id, Actual: i.Target ?? 0m),
            }).ToList()), caller);
            await service.ActAsync(id, saved.Version, SelfEvaluationAction.Submit, null, caller);
        }
        var candidates = (await app.GetJsonAsync("perf", $"/api/v1/evaluations/re/candidates?year={Year}"))["items"]!.AsArray();
        return candidates.Select(c => (long)c!["id"]!).ToList();
    }

    /// <summary>The re-scorer's values: the self-evaluation's confirmed, or (<paramref name="lower"/>) 40 % of every "≥"/"=" target and 未达成.</summary>
    private static object[] ReValues(JsonNode item, bool lower) =>
        item["indicators"]!.AsArray().Select(i =>
        {
            var id = (long)i!["id"]!;
            var target = (decimal?)i["target"] ?? 0m;
            return (string)i["comparison"]! switch
            {
                "qualitative" => lower ? (object)new { id, band = "NotAchieved", points = 0m, comment = "无满意度调查材料。" }
                    : new { id, band = (string?)i["selfBand"], points = (decimal)i["selfPoints"]!, comment = (string?)null },
                "<=" => lower ? new { id, actual = (decimal?)(target * 2m + 1m), comment = (string?)"按实际支出核算。" } : new { id, actual = (decimal?)i["selfActual"], comment = (string?)null },
                _ => lower ? new { id, actual = (decimal?)Math.Round(target * 0.4m, 4), comment = (string?)"按验收资料核实。" } : new { id, actual = (decimal?)i["selfActual"], comment = (string?)null },
            };
        }).ToArray();

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ReEvaluation_SampledReScoredFlaggedCompleted_InScope(DbProvider provider)
    {
        var app = fixture.For(provider);
        var submitted = await SubmittedAsync(app);
        Assert.True(submitted.Count >= 3, $"submitted: {submitted.Count}");

        // Only the performance section organises a re-evaluation.
        using (var byUnit = await app.SendAsync("unit", HttpMethod.Post, "/api/v1/evaluations/re", new { title = "x", method = "Random", count = 1, year = Year }))
            Http.AssertChinese((string?)(await byUnit.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
        using (var tooMany = await app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/re", new { title = "x", method = "Random", count = submitted.Count + 1, year = Year }))
            Assert.Contains("少于拟抽取", (string)(await tooMany.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        using (var notSubmitted = await app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/re", new { title = "x", method = "Chosen", selfEvaluationIds = new[] { 987654321L }, year = Year }))
            await notSubmitted.AssertProblemAsync(HttpStatusCode.BadRequest);

        // A random sample with a recorded seed: the same seed over the same population gives the same forms; the draw verifies.
        var batch = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/re",
            new { title = $"{Year}年度自评再评价", method = "Random", seed = 424242, count = submitted.Count, year = Year, reScorerName = "山西恒信绩效评价咨询有限公司" }))
            .AssertOkJsonAsync(HttpStatusCode.Created);
        Assert.Equal("ReScoring", (string)batch["state"]!);
        Assert.Equal(424242L, (long)batch["seed"]!);
        Assert.Equal(submitted.Count, (int)batch["population"]!);
        Assert.Equal(10m, (decimal)batch["threshold"]!);
        var items = batch["items"]!.AsArray();
        Assert.Equal(submitted.Count, items.Count);
        Assert.All(items, i => Assert.Contains((long)i!["selfEvaluationId"]!, submitted));
        var again = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/re",
            new { title = "同一种子再抽一次", method = "Random", seed = 424242, count = submitted.Count, year = Year })).AssertOkJsonAsync(HttpStatusCode.Created);
        Assert.Equal(items.Select(i => (long)i!["selfEvaluationId"]!), again["items"]!.AsArray().Select(i => (long)i!["selfEvaluationId"]!));
        var byShare = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/re",
            new { title = "按比例抽取", method = "Random", share = 0.34m, year = Year })).AssertOkJsonAsync(HttpStatusCode.Created);
        Assert.Equal((int)Math.Ceiling(0.34m * submitted.Count), (int)byShare["sampleCount"]!);
        Assert.Equal(0.34m, (decimal)byShare["sampleShare"]!);
        using (var badShare = await app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/re", new { title = "x", method = "Random", share = 1.5m, year = Year }))
            Http.AssertChinese((string?)(await badShare.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
        var check = await app.GetJsonAsync("perf", $"/api/v1/evaluations/re/{(long)batch["id"]!}/verify-sample");
        Assert.True((bool)check["reproduced"]!);
        Assert.True((bool)check["populationUnchanged"]!);
        Assert.Contains((await app.GetJsonAsync("perf", "/api/v1/todos"))["items"]!.AsArray(), t => ((string)t!["title"]!).Contains("再评价复核评分"));
        Assert.Equal("Sample", (string)batch["history"]![0]!["action"]!);
        Assert.Contains("种子 424242", (string)batch["history"]![0]!["comment"]!);

        // A chosen sample; its verification is refused (nothing was drawn).
        var chosen = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/evaluations/re",
            new { title = "指定抽查", method = "Chosen", selfEvaluationIds = new[] { submitted[^1], submitted[0] }, year = Year })).AssertOkJsonAsync(HttpStatusCode.Created);
        Assert.Equal(new[] { submitted[^1], submitted[0] }, chosen["items"]!.AsArray().Select(i => (long)i!["selfEvaluationId"]!));
        using (var noDraw = await app.GetAsync("perf", $"/api/v1/evaluations/re/{(long)chosen["id"]!}/verify-sample"))
            await noDraw.AssertProblemAsync(HttpStatusCode.BadRequest);

        // Scope: another region's performance section, a unit, the department: 404 while the re-evaluation runs.
        var id = (long)batch["id"]!;
        // The form re-scored lower is the one of the demo account "unit" (长治市第一中学校), so that the unit can look at it afterwards.
        var firstId = (long)items.First(i => (string)i!["unitName"]! == "长治市第一中学校")!["id"]!;
        foreach (var user in new[] { "county", "unit", "unit2", "dept" })
        {
            using (var b = await app.GetAsync(user, $"/api/v1/evaluations/re/{id}")) Assert.Equal(HttpStatusCode.NotFound, b.StatusCode);
            using (var i = await app.GetAsync(user, $"/api/v1/evaluations/re/items/{firstId}")) Assert.Equal(HttpStatusCode.NotFound, i.StatusCode);
            using (var v = await app.GetAsync(user, $"/api/v1/evaluations/re/{id}/verify-sample")) Assert.Equal(HttpStatusCode.NotFound, v.StatusCode);
        }
        Assert.Empty((await app.GetJsonAsync("county", "/api/v1/evaluations/re"))["items"]!.AsArray());
        Assert.Empty((await app.GetJsonAsync("unit", "/api/v1/evaluations/re"))["items"]!.AsArray());
        using (var countySave = await app.SendAsync("county", HttpMethod.Put, $"/api/v1/evaluations/re/items/{firstId}", new { version = 1, indicators = Array.Empty<object>() }))
            Assert.Equal(HttpStatusCode.NotFound, countySave.StatusCode);

        // Re-scored as reported: no difference. Then the re-scorer's lower findings: the difference per indicator and a flagged total.
        var item = await app.GetJsonAsync("perf", $"/api/v1/evaluations/re/items/{firstId}");
        Assert.True((bool)item["canReScore"]!);
        var self = await app.GetJsonAsync("perf", $"/api/v1/evaluations/self/{(long)item["selfEvaluationId"]!}");
        Assert.Equal((int)self["ruleSetVersion"]!, (int)item["ruleSetVersion"]!);
        var same = await (await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/evaluations/re/items/{firstId}",
            new { version = (int)item["version"]!, indicators = ReValues(item, lower: false) })).AssertOkJsonAsync();
        Assert.Equal(0m, (decimal)same["totalDifference"]!);
        Assert.Equal((decimal)self["total"]!, (decimal)same["reTotal"]!);
        Assert.False((bool)same["flagged"]!);
        Assert.All(same["indicators"]!.AsArray(), i => Assert.Equal(0m, (decimal)i!["difference"]!));
        using (var stale = await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/evaluations/re/items/{firstId}",
            new { version = (int)item["version"]!, indicators = ReValues(item, lower: true) }))
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var lower = await (await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/evaluations/re/items/{firstId}",
            new { version = (int)same["version"]!, indicators = ReValues(same, lower: true), comment = "自评得分明显偏高。" })).AssertOkJsonAsync();
        var difference = (decimal)lower["totalDifference"]!;
        Assert.Equal((decimal)lower["selfTotal"]! - (decimal)lower["reTotal"]!, difference);
        Assert.True(difference > 10m, $"difference {difference}");
        Assert.True((bool)lower["flagged"]!);
        Assert.Equal("自评得分明显偏高。", (string)lower["comment"]!);
        Assert.All(lower["indicators"]!.AsArray(), i =>
        {
            Assert.True(Math.Abs((decimal)i!["selfPoints"]! - (decimal)i["points"]! - (decimal)i["difference"]!) <= 0.0051m);
            Assert.False(string.IsNullOrEmpty((string?)i["explanation"]));
        });
        // The engine's refusal (a qualitative score outside its band) reaches the re-scorer as it is, nothing changed.
        if (lower["indicators"]!.AsArray().FirstOrDefault(i => (string)i!["comparison"]! == "qualitative") is { } q)
        {
            var bad = ReValues(lower, lower: true);
            bad[lower["indicators"]!.AsArray().IndexOf(q)] = new { id = (long)q["id"]!, band = "Achieved", points = 0m };
            using var refused = await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/evaluations/re/items/{firstId}", new { version = (int)lower["version"]!, indicators = bad });
            Assert.Contains("档的得分应在", (string)(await refused.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        }

        // Completion needs every form re-scored.
        var detail = await app.GetJsonAsync("perf", $"/api/v1/evaluations/re/{id}");
        using (var early = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/evaluations/re/{id}/complete", new { version = (int)detail["version"]! }))
            Assert.Contains("未复核评分", (string)(await early.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        foreach (var other in items.Select(i => (long)i!["id"]!).Where(x => x != firstId))
        {
            var form = await app.GetJsonAsync("perf", $"/api/v1/evaluations/re/items/{other}");
            await (await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/evaluations/re/items/{other}",
                new { version = (int)form["version"]!, indicators = ReValues(form, lower: false) })).AssertOkJsonAsync();
        }
        using (var byUnit = await app.SendAsync("unit", HttpMethod.Post, $"/api/v1/evaluations/re/{id}/complete", new { version = (int)detail["version"]! }))
            Assert.Equal(HttpStatusCode.NotFound, byUnit.StatusCode);
        var done = await (await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/evaluations/re/{id}/complete",
            new { version = (int)detail["version"]!, conclusion = "一份自评质量较低。" })).AssertOkJsonAsync();
        Assert.Equal("Completed", (string)done["state"]!);
        Assert.Equal(["Sample", "Complete"], done["history"]!.AsArray().Select(s => (string)s!["action"]!).ToList());
        Assert.Single(done["items"]!.AsArray(), i => (bool)i!["flagged"]!);
        Assert.Equal(1, (int)(await app.GetJsonAsync("perf", $"/api/v1/evaluations/re?year={Year}"))["items"]!.AsArray().Single(r => (long)r!["id"]! == id)!["flagged"]!);
        Assert.DoesNotContain((await app.GetJsonAsync("perf", "/api/v1/todos"))["items"]!.AsArray(),
            t => ((string)t!["title"]!).Contains("再评价复核评分") && ((string)t["link"]!).EndsWith($"id={id}"));
        using (var afterwards = await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/evaluations/re/items/{firstId}",
            new { version = (int)lower["version"]!, indicators = ReValues(lower, lower: false) }))
            await afterwards.AssertProblemAsync(HttpStatusCode.BadRequest);

        // Once completed, the evaluated unit (and its department) sees its own form's result; another unit does not.
        const string owner = "unit", stranger = "unit2";
        var mine = await app.GetJsonAsync(owner, $"/api/v1/evaluations/re/items/{firstId}");
        Assert.True((bool)mine["flagged"]!);
        Assert.False((bool)mine["canReScore"]!);
        using (var theirs = await app.GetAsync(stranger, $"/api/v1/evaluations/re/items/{firstId}")) Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        using (var batchStillHidden = await app.GetAsync(owner, $"/api/v1/evaluations/re/{id}")) Assert.Equal(HttpStatusCode.NotFound, batchStillHidden.StatusCode);
        Assert.Contains((await app.GetJsonAsync(owner, $"/api/v1/evaluations?year={Year}&type=re"))["items"]!.AsArray(), r => (long)r!["id"]! == firstId);
        Assert.DoesNotContain((await app.GetJsonAsync(stranger, $"/api/v1/evaluations?year={Year}&type=re"))["items"]!.AsArray(), r => (long)r!["id"]! == firstId);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task EvaluationResults_FilteredPaged_GradedByTheRuleSet_AndExported(DbProvider provider)
    {
        var app = fixture.For(provider);
        var submitted = await SubmittedAsync(app);
        var all = await app.GetJsonAsync("perf", $"/api/v1/evaluations?year={Year}&type=self&pageSize=1000");
        Assert.Equal(submitted.Count, (int)all["total"]!);
        var bands = (await app.GetJsonAsync("perf", "/api/v1/rule-sets/current"))["content"]!["grades"]!;
        string GradeOf(decimal s) => s >= (decimal)bands["excellent"]! ? "excellent" : s >= (decimal)bands["good"]! ? "good" : s >= (decimal)bands["fair"]! ? "fair" : "poor";
        Assert.All(all["items"]!.AsArray(), r =>
        {
            Assert.Equal("self", (string)r!["type"]!);
            Assert.Equal("自评", (string)r["typeName"]!);
            Assert.Equal(GradeOf((decimal)r["score"]!), (string)r["grade"]!);
        });

        // Paging and filters.
        var page1 = await app.GetJsonAsync("perf", $"/api/v1/evaluations?year={Year}&type=self&pageSize=1&page=2");
        Assert.Single(page1["items"]!.AsArray());
        Assert.Equal(submitted.Count, (int)page1["total"]!);
        var grade = (string)all["items"]![0]!["grade"]!;
        var byGrade = (await app.GetJsonAsync("perf", $"/api/v1/evaluations?year={Year}&grade={grade}&pageSize=1000"))["items"]!.AsArray();
        Assert.NotEmpty(byGrade);
        Assert.All(byGrade, r => Assert.Equal(grade, (string)r!["grade"]!));
        var dept = (long)all["items"]![0]!["departmentId"]!;
        var byDept = (await app.GetJsonAsync("perf", $"/api/v1/evaluations?year={Year}&departmentId={dept}&pageSize=1000"))["items"]!.AsArray();
        Assert.NotEmpty(byDept);
        Assert.All(byDept, r => Assert.Equal(dept, (long)r!["departmentId"]!));
        Assert.Empty((await app.GetJsonAsync("perf", $"/api/v1/evaluations?year={Year - 5}"))["items"]!.AsArray());
        using (var badType = await app.GetAsync("perf", "/api/v1/evaluations?type=other")) Http.AssertChinese((string?)(await badType.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
        using (var badGrade = await app.GetAsync("perf", "/api/v1/evaluations?grade=best")) await badGrade.AssertProblemAsync(HttpStatusCode.BadRequest);

        // A unit sees its own only.
        var unitRows = (await app.GetJsonAsync("unit", $"/api/v1/evaluations?year={Year}&pageSize=1000"))["items"]!.AsArray();
        Assert.NotEmpty(unitRows);
        Assert.All(unitRows, r => Assert.Equal("长治市第一中学校", (string)r!["unitName"]!));
        Assert.Empty((await app.GetJsonAsync("county", $"/api/v1/evaluations?year={Year}"))["items"]!.AsArray());

        // The page's export: exactly the filtered rows, as .xlsx; the chart data per department and grade.
        using var browser = new BrowserSession(app.Factory);
        await browser.LogInAsync("perf");
        using var export = await browser.GetAsync($"/Evaluations/Index?year={Year}&type=self&grade={grade}&handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        var sheet = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), useHeaderRow: true).ToList();
        Assert.Equal(byGrade.Count(r => (string)r!["type"]! == "self"), sheet.Count);
        using var chart = await browser.GetAsync($"/Evaluations/Index?year={Year}&handler=Chart");
        var data = JsonNode.Parse(await chart.Content.ReadAsStringAsync())!;
        Assert.Equal(["优", "良", "中", "差"], data["grades"]!.AsArray().Select(g => (string)g!).ToList());
        var total = (int)(await app.GetJsonAsync("perf", $"/api/v1/evaluations?year={Year}"))["total"]!;
        Assert.Equal(total, data["departments"]!.AsArray().Sum(d => d!["counts"]!.AsArray().Sum(c => (int)c!)));
    }

    /// <summary>The demo step samples last year's submitted self-evaluations — here this year's, submitted in the test — and flags one.</summary>
    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task DemoStep_CompletesOneReEvaluation_WithAFlaggedForm(DbProvider provider)
    {
        var app = fixture.For(provider);
        await SubmittedAsync(app);
        var contextFor = Contexts(app);
        await DemoReEvaluations.SeedAsync(contextFor, Year - 10, CancellationToken.None); // nothing of that year: skipped
        Assert.DoesNotContain((await app.GetJsonAsync("perf", "/api/v1/evaluations/re?pageSize=1000"))["items"]!.AsArray(), r => (int)r!["fiscalYear"]! == Year - 10);
        await DemoReEvaluations.SeedAsync(contextFor, Year, CancellationToken.None);
        var demo = (await app.GetJsonAsync("perf", $"/api/v1/evaluations/re?year={Year}&pageSize=1000"))["items"]!.AsArray()
            .Single(r => (long?)r!["seed"] == DemoReEvaluations.Seed && ((string)r["title"]!).StartsWith($"{Year}年度项目支出绩效自评再评价"))!;
        Assert.Equal("Completed", (string)demo["state"]!);
        Assert.Equal(1, (int)demo["flagged"]!);
        Assert.Equal((int)demo["sampleCount"]!, (int)demo["reScored"]!);
        Assert.True((bool)(await app.GetJsonAsync("perf", $"/api/v1/evaluations/re/{(long)demo["id"]!}/verify-sample"))["reproduced"]!);
    }

    /// <summary>The same through the pages without JavaScript: create a random sample, verify it, re-score one form side by side (a refusal keeps what was typed).</summary>
    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pages_CreateVerifyReScore(DbProvider provider)
    {
        var app = fixture.For(provider);
        var submitted = await SubmittedAsync(app);
        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        var list = await perf.TextOfPageAsync($"/Evaluations/ReEvaluations?year={Year}");
        Assert.Contains("id=\"re-create\"", list);
        Assert.Contains("id=\"re-candidates\"", list);
        string details;
        using (var created = await perf.PostFormAsync($"/Evaluations/ReEvaluations?year={Year}", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(list),
            ["Title"] = "页面抽查",
            ["Method"] = "Random",
            ["Count"] = "2",
            ["Seed"] = "7",
        }))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"create: {(int)created.StatusCode} {await BrowserSession.TextOf(created)}");
            details = created.Headers.Location!.OriginalString;
        }
        Assert.StartsWith("/Evaluations/ReEvaluation?id=", details);
        var html = await perf.TextOfPageAsync(details);
        Assert.Contains("种子 7", html);
        Assert.Contains("结果与实际样本一致", await perf.TextOfPageAsync(details + "&handler=Verify"));
        var itemLink = ItemLink().Match(html).Groups[1].Value;
        var item = await perf.TextOfPageAsync(itemLink);
        Assert.Contains("id=\"rescore-form\"", item);

        using (var unit = new BrowserSession(app.Factory))
        {
            await unit.LogInAsync("unit2");
            using var hidden = await unit.GetAsync(itemLink);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        // The form as shown (the self-evaluation's values pre-filled) re-scores to no difference.
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(item), ["Version"] = VersionField().Match(item).Groups[1].Value };
        foreach (Match m in InputField().Matches(item)) fields[System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)] = System.Net.WebUtility.HtmlDecode(m.Groups[2].Value);
        foreach (Match m in SelectedOption().Matches(item)) fields[m.Groups[1].Value] = m.Groups[2].Value;
        using (var saved = await perf.PostFormAsync(itemLink, fields))
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"re-score: {(int)saved.StatusCode} {await BrowserSession.TextOf(saved)}");
        var after = await perf.TextOfPageAsync(itemLink);
        Assert.Contains("data-flagged=\"false\"", after);
        Assert.Contains("已复核评分：总分差异 0.00 分", after);
    }

    [GeneratedRegex("href=\"(/Evaluations/ReEvaluationItem\\?id=\\d+)\"")]
    private static partial Regex ItemLink();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("<input[^>]*? name=\"(Rows\\[\\d+\\]\\.(?:Id|Actual|Points|Comment))\" value=\"([^\"]*)\"")]
    private static partial Regex InputField();

    [GeneratedRegex("<select name=\"(Rows\\[\\d+\\]\\.Band)\"[^>]*>(?:(?!</select>).)*?<option value=\"(\\w+)\" selected", RegexOptions.Singleline)]
    private static partial Regex SelectedOption();
}
