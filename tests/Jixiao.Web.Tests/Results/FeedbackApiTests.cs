using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Results;
using Jixiao.Core.Security;
using Jixiao.Web.Features.ResultApplication;
using Jixiao.Web.Infrastructure;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Results;

/// <summary>
/// 反馈函 and 整改 over the API: a letter from a passed self-evaluation through views, sending (number, stored .docx, byte-identical
/// re-download), the rectification returned (reason required) and accepted; a second letter for a source refused; scope (another unit: 404,
/// drafts hidden from the evaluated party) (gapless numbers under concurrent sends: FeedbackNumberingTests); and the daily job run once by two app nodes racing on
/// the lease with a fake clock, reminding and then marking overdue.
/// </summary>
public sealed class FeedbackApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static Func<JixiaoDbContext> Reader(JixiaoFactory f)
    {
        var s = f.Services;
        var settings = s.GetRequiredService<DatabaseSettings>();
        return () => new JixiaoDbContext(settings.Options(), new SystemAuditContext(AuditActor.System, s.GetRequiredService<TimeProvider>(),
            s.GetRequiredService<KeyRing>()));
    }

    private static async Task<List<(long Id, string Unit)>> PassedSelfEvaluationsAsync(JixiaoFactory f)
    {
        await using var db = Reader(f)();
        return (await (from e in db.SelfEvaluations
                       join o in db.Organizations on e.OrganizationId equals o.Id
                       where e.State == SelfEvaluationState.DepartmentReviewed && e.ProjectId != 0
                           && !db.FeedbackLetters.Any(l => l.SourceKind == FeedbackSourceKind.SelfEvaluation && l.SourceId == e.Id)
                       orderby e.Id
                       select new { e.Id, o.Name }).ToListAsync()).Select(x => (x.Id, x.Name)).ToList();
    }

    private static async Task<JsonNode> PostOk(TestApp app, string user, string path, object body, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var r = await app.SendAsync(user, HttpMethod.Post, path, body);
        return await r.AssertOkJsonAsync(status);
    }

    private static async Task<JsonNode> PutOk(TestApp app, string user, string path, object body)
    {
        using var r = await app.SendAsync(user, HttpMethod.Put, path, body);
        return await r.AssertOkJsonAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Letter_ViewsSendDocx_RectificationReturnedThenAccepted_ScopeAndDuplicates(DbProvider provider)
    {
        var app = fixture.For(provider);
        var source = (await PassedSelfEvaluationsAsync(app.Factory)).First(s => s.Unit == "长治市第一中学校");

        var letter = await PostOk(app, "perf", "/api/v1/feedback-letters", new { sourceKind = "self-evaluation", sourceId = source.Id }, HttpStatusCode.Created);
        var id = (long)letter["id"]!;
        Assert.Equal("Draft", (string?)letter["state"]);
        Assert.Equal("长治市第一中学校", (string?)letter["recipient"]);
        Assert.StartsWith("关于", (string?)letter["title"]);
        Assert.DoesNotContain("自评绩效自评", (string?)letter["title"]);
        Assert.NotNull(letter["score"]);
        Assert.Equal(DateOnly.FromDateTime(JixiaoFactory.Start.UtcDateTime.AddHours(8)).AddDays(30).ToString("yyyy-MM-dd"), (string?)letter["deadline"]);

        // A second letter for the same source while the first is not cancelled.
        using (var again = await app.SendAsync("perf", HttpMethod.Post, "/api/v1/feedback-letters", new { sourceKind = "self-evaluation", sourceId = source.Id }))
            Http.AssertChinese((string?)(await again.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);

        // The draft is the organiser's: the evaluated unit does not see it yet; another unit never does.
        using (var hidden = await app.SendAsync("unit", HttpMethod.Get, $"/api/v1/feedback-letters/{id}")) await hidden.AssertProblemAsync(HttpStatusCode.NotFound);

        letter = await PutOk(app, "perf", $"/api/v1/feedback-letters/{id}", new
        {
            version = (int)letter["version"]!,
            title = (string)letter["title"]!,
            recipient = (string)letter["recipient"]!,
            issuer = (string)letter["issuer"]!,
            subjectName = (string)letter["subjectName"]!,
            score = (decimal?)letter["score"],
            grade = (string?)letter["grade"],
            problems = "绩效目标设置不够细化\n成本控制不到位",
            requirements = (string)letter["requirements"]!,
            deadline = (string)letter["deadline"]!,
        });
        letter = await PostOk(app, "perf", $"/api/v1/feedback-letters/{id}/request-views", new { version = (int)letter["version"]! });
        Assert.Equal("AwaitingViews", (string?)letter["state"]);
        using (var other = await app.SendAsync("unit2", HttpMethod.Get, $"/api/v1/feedback-letters/{id}")) await other.AssertProblemAsync(HttpStatusCode.NotFound);
        using (var otherViews = await app.SendAsync("unit2", HttpMethod.Post, $"/api/v1/feedback-letters/{id}/views", new { version = (int)letter["version"]!, views = "x" }))
            await otherViews.AssertProblemAsync(HttpStatusCode.NotFound);
        letter = await PostOk(app, "unit", $"/api/v1/feedback-letters/{id}/views", new { version = (int)letter["version"]!, views = "无异议，将按要求整改。" });
        Assert.Equal("无异议，将按要求整改。", (string?)letter["views"]);

        letter = await PostOk(app, "perf", $"/api/v1/feedback-letters/{id}/send", new { version = (int)letter["version"]! });
        Assert.Equal("Sent", (string?)letter["state"]);
        var number = (string)letter["number"]!;
        Assert.Matches(@"^长财绩函〔\d{4}〕\d+号$", number);
        Assert.Equal(["RequestViews", "StateViews", "Send"], letter["history"]!.AsArray().Select(h => (string)h!["action"]!).ToArray());
        Assert.Equal(["AwaitingViews", "AwaitingViews", "Sent"], letter["history"]!.AsArray().Select(h => (string)h!["toState"]!).ToArray());

        // The stored .docx: opens, carries the number and the title, and is the same bytes on every download.
        byte[] first, second;
        using (var d1 = await app.SendAsync("unit", HttpMethod.Get, $"/api/v1/feedback-letters/{id}/docx")) first = await d1.Content.ReadAsByteArrayAsync();
        using (var d2 = await app.SendAsync("perf", HttpMethod.Get, $"/api/v1/feedback-letters/{id}/docx")) second = await d2.Content.ReadAsByteArrayAsync();
        Assert.Equal(first, second);
        Assert.Equal((string?)letter["docxSha256"], Convert.ToHexStringLower(SHA256.HashData(first)));
        using (var doc = WordprocessingDocument.Open(new MemoryStream(first), false))
        {
            var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains(number, text);
            Assert.Contains((string)letter["title"]!, text);
            Assert.Contains("长治市第一中学校：", text);
            Assert.Contains("成本控制不到位", text);
            Assert.Contains("无异议", text);
        }
        using (var otherDocx = await app.SendAsync("unit2", HttpMethod.Get, $"/api/v1/feedback-letters/{id}/docx")) await otherDocx.AssertProblemAsync(HttpStatusCode.NotFound);
        using (var cancelSent = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/feedback-letters/{id}/cancel", new { version = (int)letter["version"]!, reason = "x" }))
            await cancelSent.AssertProblemAsync(HttpStatusCode.BadRequest);

        // The rectification: one item per problem, the unit's to-do.
        var rid = (long)letter["rectificationId"]!;
        using (var other = await app.SendAsync("unit2", HttpMethod.Get, $"/api/v1/rectifications/{rid}")) await other.AssertProblemAsync(HttpStatusCode.NotFound);
        var list = await app.GetJsonAsync("unit2", "/api/v1/rectifications");
        Assert.DoesNotContain(list["items"]!.AsArray(), r => (long)r!["id"]! == rid);
        var todos = await app.GetJsonAsync("unit", $"/api/v1/todos?year={(int)letter["fiscalYear"]!}");
        Assert.Contains($"/Results/Rectification/{rid}", todos.ToJsonString());
        var rect = await app.GetJsonAsync("unit", $"/api/v1/rectifications/{rid}");
        Assert.Equal(2, rect["items"]!.AsArray().Count);
        Assert.False((bool)rect["overdue"]!);

        using (var early = await app.SendAsync("unit", HttpMethod.Post, $"/api/v1/rectifications/{rid}/submit", new { version = (int)rect["version"]! }))
            Http.AssertChinese((string?)(await early.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
        foreach (var item in rect["items"]!.AsArray().ToList())
            rect = await PutOk(app, "unit", $"/api/v1/rectifications/{rid}/items/{(long)item!["id"]!}",
                new { version = (int)rect["version"]!, measures = "已修订制度并落实。", state = (int)item["sortOrder"]! == 1 ? "done" : "partly-done" });
        Assert.Equal(["done", "partly-done"], rect["items"]!.AsArray().Select(i => (string)i!["state"]!).ToArray());
        Assert.NotNull(rect["items"]![0]!["completedAt"]);
        using (var upload = await app.PostFileAsync("unit", $"/api/v1/rectifications/{rid}/items/{(long)rect["items"]![0]!["id"]!}/evidence?version={(int)rect["version"]!}",
            "%PDF-1.4\n%test\n"u8.ToArray(), "整改佐证.pdf", "application/pdf"))
            await upload.AssertOkJsonAsync(HttpStatusCode.Created);
        rect = await app.GetJsonAsync("unit", $"/api/v1/rectifications/{rid}");
        Assert.Single(rect["items"]![0]!["evidence"]!.AsArray());
        rect = await PutOk(app, "unit", $"/api/v1/rectifications/{rid}/report", new { version = (int)rect["version"]!, report = "关于整改情况的报告：……" });
        rect = await PostOk(app, "unit", $"/api/v1/rectifications/{rid}/submit", new { version = (int)rect["version"]! });
        Assert.Equal("Submitted", (string?)rect["state"]);

        using (var noReason = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/rectifications/{rid}/return", new { version = (int)rect["version"]!, reason = "" }))
            Http.AssertChinese((string?)(await noReason.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]);
        using (var unitAccepts = await app.SendAsync("unit", HttpMethod.Post, $"/api/v1/rectifications/{rid}/accept", new { version = (int)rect["version"]! }))
            await unitAccepts.AssertProblemAsync(HttpStatusCode.BadRequest);
        rect = await PostOk(app, "perf", $"/api/v1/rectifications/{rid}/return", new { version = (int)rect["version"]!, reason = "第二项佐证材料不足。" });
        Assert.Equal("Returned", (string?)rect["state"]);
        Assert.Equal("第二项佐证材料不足。", (string?)rect["returnReason"]);
        rect = await PostOk(app, "unit", $"/api/v1/rectifications/{rid}/submit", new { version = (int)rect["version"]! });
        rect = await PostOk(app, "perf", $"/api/v1/rectifications/{rid}/accept", new { version = (int)rect["version"]! });
        Assert.Equal("Accepted", (string?)rect["state"]);
        Assert.Equal(["Submit", "Return", "Submit", "Accept"], rect["history"]!.AsArray().Select(h => (string)h!["action"]!).ToArray());

        var letters = await app.GetJsonAsync("perf", "/api/v1/feedback-letters?state=Sent&sourceKind=self-evaluation");
        Assert.Contains(letters["items"]!.AsArray(), l => (long)l!["id"]! == id && (string?)l["number"] == number);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task DailyJob_TwoNodesRacingOnTheLease_RunsOncePerDay_RemindsThenMarksOverdue(DbProvider provider)
    {
        if (provider == DbProvider.Postgres) Providers.RequirePostgres();
        await using var first = new JixiaoFactory(provider);
        _ = first.Services;
        await using var second = new JixiaoFactory(first);
        _ = second.Services;
        var app = new TestApp(first);

        // A letter sent today with a deadline 3 days ahead: inside the 7-day reminder window.
        var source = (await PassedSelfEvaluationsAsync(first)).First();
        var l = await PostOk(app, "perf", "/api/v1/feedback-letters", new { sourceKind = "self-evaluation", sourceId = source.Id }, HttpStatusCode.Created);
        var today = DateOnly.FromDateTime(Core.Common.ChinaTime.Now(first.Clock));
        l = await PutOk(app, "perf", $"/api/v1/feedback-letters/{(long)l["id"]!}", new
        {
            version = (int)l["version"]!,
            title = (string)l["title"]!,
            recipient = (string)l["recipient"]!,
            issuer = (string)l["issuer"]!,
            subjectName = (string)l["subjectName"]!,
            score = (decimal?)l["score"],
            grade = (string?)l["grade"],
            problems = "问题一",
            requirements = "按期整改。",
            deadline = today.AddDays(3).ToString("yyyy-MM-dd"),
        });
        l = await PostOk(app, "perf", $"/api/v1/feedback-letters/{(long)l["id"]!}/send", new { version = (int)l["version"]! });
        var rid = (long)l["rectificationId"]!;

        async Task<JobOutcome[]> Race() => await Task.WhenAll(
            Task.Run(() => RectificationJobRunner.RunOnceAsync(first.Services, "node-1")),
            Task.Run(() => RectificationJobRunner.RunOnceAsync(second.Services, "node-2")));

        // The demo's re-evaluation letter was sent 45 days ago and nothing was reported: already overdue, not yet marked.
        int alreadyOverdue;
        await using (var db = Reader(first)())
            alreadyOverdue = await db.Rectifications.CountAsync(r => r.State != RectificationState.Accepted && r.Deadline < today && r.OverdueMarkedAt == null);
        Assert.True(alreadyOverdue >= 1, "the demo has an overdue rectification");

        var day1 = await Race();
        Assert.Single(day1, o => o.Ran);
        Assert.Equal(1, day1.Single(o => o.Ran).Reminded);
        Assert.Equal(alreadyOverdue, day1.Single(o => o.Ran).MarkedOverdue);
        var again = await Race(); // the same day: nobody runs it again
        Assert.DoesNotContain(again, o => o.Ran);

        // Five days later: past the deadline, overdue (once), on whichever node wins.
        first.Clock.Advance(TimeSpan.FromDays(5));
        second.Clock.Advance(TimeSpan.FromDays(5));
        var day6 = await Race();
        Assert.Single(day6, o => o.Ran);
        Assert.Equal(1, day6.Single(o => o.Ran).MarkedOverdue);

        await using (var db = Reader(first)())
        {
            var runs = await db.JobRuns.Where(r => r.JobName == RectificationDailyJob.Name).ToListAsync();
            Assert.Equal(2, runs.Count);
            Assert.All(runs, r => Assert.True(r.Succeeded));
            Assert.Equal(2, runs.Select(r => r.RunFor).Distinct().Count());
            var rect = await db.Rectifications.SingleAsync(r => r.Id == rid);
            Assert.NotNull(rect.OverdueMarkedAt);
            Assert.Equal(today, rect.LastReminderOn);
        }
        app = new TestApp(first); // fresh tokens: the clock passed the idle timeout
        var overdue = await app.GetJsonAsync("perf", "/api/v1/rectifications?overdue=true");
        Assert.Contains(overdue["items"]!.AsArray(), r => (long)r!["id"]! == rid && (bool)r["overdue"]!);
        var onTime = await app.GetJsonAsync("perf", "/api/v1/rectifications?overdue=false");
        Assert.DoesNotContain(onTime["items"]!.AsArray(), r => (long)r!["id"]! == rid);
        var todos = await app.GetJsonAsync("perf", $"/api/v1/todos?year={(int)l["fiscalYear"]!}");
        Assert.Contains(todos["items"]!.AsArray(), t => ((string)t!["title"]!).StartsWith("整改已逾期", StringComparison.Ordinal) && (bool)t["isOverdue"]!);
    }
}
