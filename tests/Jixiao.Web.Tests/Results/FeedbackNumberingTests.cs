using System.Net;
using System.Text.Json.Nodes;
using Jixiao.Core.Data;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Results;
using Jixiao.Web.Infrastructure;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Results;

/// <summary>
/// Gapless 文号 of feedback letters sent at the same moment, on both databases. A class of its own (so a database of its
/// own): it uses the demo's passed self-evaluations that have no letter yet, which FeedbackApiTests' flow test also needs,
/// and the demo has too few of them for both whichever runs first.
/// </summary>
public sealed class FeedbackNumberingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Send_Concurrently_NumbersAreGaplessAndUnique(DbProvider provider)
    {
        var app = fixture.For(provider);
        var sources = (await PassedSelfEvaluationsAsync(app.Factory)).Take(4).ToList();
        Assert.True(sources.Count >= 2, "demo data: passed self-evaluations");
        var drafts = new List<(long Id, int Version)>();
        foreach (var s in sources)
        {
            using var r = await app.SendAsync("perf", HttpMethod.Post, "/api/v1/feedback-letters", new { sourceKind = "self-evaluation", sourceId = s });
            var l = await r.AssertOkJsonAsync(HttpStatusCode.Created);
            drafts.Add(((long)l["id"]!, (int)l["version"]!));
        }
        var sent = await Task.WhenAll(drafts.Select(async d =>
        {
            using var r = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/feedback-letters/{d.Id}/send", new { version = d.Version });
            return await r.AssertOkJsonAsync();
        }));
        var all = await app.GetJsonAsync("perf", "/api/v1/feedback-letters?state=Sent&pageSize=1000");
        var sequences = all["items"]!.AsArray().Select(l => (string)l!["number"]!)
            .Select(n => int.Parse(n[(n.IndexOf('〕') + 1)..^1])).Order().ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count), sequences);
        Assert.Equal(sent.Length, sent.Select(l => (string)l["number"]!).Distinct().Count());
    }

    private static async Task<List<long>> PassedSelfEvaluationsAsync(JixiaoFactory f)
    {
        await using var db = new JixiaoDbContext(f.Services.GetRequiredService<DatabaseSettings>().Options());
        return await db.SelfEvaluations
            .Where(e => e.State == SelfEvaluationState.DepartmentReviewed && e.ProjectId != 0
                && !db.FeedbackLetters.Any(l => l.SourceKind == FeedbackSourceKind.SelfEvaluation && l.SourceId == e.Id))
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
    }
}
