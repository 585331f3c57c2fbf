using System.Net;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Security;
using Jixiao.Web.Infrastructure;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Results;

/// <summary>
/// The pages as people use them: the performance section drafts from the 拟反馈函 button of a passed self-evaluation, sends from the letter
/// page and downloads the stored .docx; the unit fills in the rectification page and submits; the perf section returns without a reason
/// (refused, Chinese) and accepts; the lists filter and export .xlsx; another unit's letter page is a 404.
/// </summary>
public sealed class FeedbackPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<string> PostAsync(BrowserSession b, string page, string handler, Dictionary<string, string> fields,
        HttpStatusCode expect = HttpStatusCode.Redirect)
    {
        fields["__RequestVerificationToken"] = await b.TokenFromAsync(page);
        using var r = await b.PostFormAsync($"{page}?handler={handler}", fields);
        var text = await BrowserSession.TextOf(r);
        Assert.True(r.StatusCode == expect, $"POST {page}?handler={handler}: {(int)r.StatusCode} {text[..Math.Min(text.Length, 400)]}");
        return r.Headers.Location?.ToString() ?? text;
    }

    private static string Version(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task DraftSendRectifyReturnAccept_ThroughThePages(DbProvider provider)
    {
        var app = fixture.For(provider);
        long sourceId;
        {
            var s = app.Factory.Services;
            await using var db = new JixiaoDbContext(s.GetRequiredService<DatabaseSettings>().Options(),
                new SystemAuditContext(AuditActor.System, s.GetRequiredService<TimeProvider>(), s.GetRequiredService<KeyRing>()));
            sourceId = await (from e in db.SelfEvaluations
                              join o in db.Organizations on e.OrganizationId equals o.Id
                              where e.State == SelfEvaluationState.DepartmentReviewed && o.Name == "长治市第一中学校"
                              orderby e.Id
                              select e.Id).FirstAsync();
        }

        using var perf = new BrowserSession(app.Factory);
        using (await perf.LogInAsync("perf")) { }
        using (var form = await perf.GetAsync($"/Evaluations/SelfEvaluation?id={sourceId}"))
            Assert.Contains("拟反馈函", await BrowserSession.TextOf(form));
        var token = await perf.TokenFromAsync($"/Evaluations/SelfEvaluation?id={sourceId}");
        string letterPath;
        using (var draft = await perf.PostFormAsync("/Results/Letters?handler=Draft",
            [new("__RequestVerificationToken", token), new("sourceKind", "self-evaluation"), new("sourceId", sourceId.ToString())]))
        {
            Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
            letterPath = draft.Headers.Location!.ToString();
        }
        Assert.Matches(@"^/Results/Letter/\d+$", letterPath);
        string html;
        using (var page = await perf.GetAsync(letterPath)) html = await BrowserSession.TextOf(page);
        Assert.Contains("草稿", html);
        await PostAsync(perf, letterPath, "Send", new() { ["Version"] = Version(html) });
        using (var page = await perf.GetAsync(letterPath)) html = await BrowserSession.TextOf(page);
        Assert.Matches("长财绩函〔\\d{4}〕\\d+号", html);
        using (var docx = await perf.GetAsync($"{letterPath}?handler=Docx"))
        {
            Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
            Assert.Equal(Core.Common.WordParts.ContentType, docx.Content.Headers.ContentType?.MediaType);
        }
        var rectPath = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/Results/Rectification/\\d+)\"").Groups[1].Value;
        Assert.NotEmpty(rectPath);

        using var unit2 = new BrowserSession(app.Factory);
        using (await unit2.LogInAsync("unit2")) { }
        using (var other = await unit2.GetAsync(letterPath)) Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using (var other = await unit2.GetAsync(rectPath)) Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        using var unit = new BrowserSession(app.Factory);
        using (await unit.LogInAsync("unit")) { }
        using (var page = await unit.GetAsync(rectPath)) html = await BrowserSession.TextOf(page);
        var items = System.Text.RegularExpressions.Regex.Matches(html, "name=\"ItemId\" value=\"(\\d+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            using (var page = await unit.GetAsync(rectPath)) html = await BrowserSession.TextOf(page);
            await PostAsync(unit, rectPath, "Item", new() { ["Version"] = Version(html), ["ItemId"] = item, ["Measures"] = "已整改到位。", ["ItemState"] = "Done" });
        }
        using (var page = await unit.GetAsync(rectPath)) html = await BrowserSession.TextOf(page);
        await PostAsync(unit, rectPath, "Report", new() { ["Version"] = Version(html), ["Report"] = "整改报告正文。" });
        using (var page = await unit.GetAsync(rectPath)) html = await BrowserSession.TextOf(page);
        await PostAsync(unit, rectPath, "Submit", new() { ["Version"] = Version(html) });

        using (var page = await perf.GetAsync(rectPath)) html = await BrowserSession.TextOf(page);
        Assert.Contains("已报送", html);
        var refused = await PostAsync(perf, rectPath, "Return", new() { ["Version"] = Version(html), ["Reason"] = "" }, HttpStatusCode.OK);
        Assert.Contains("必须填写理由", refused);
        await PostAsync(perf, rectPath, "Accept", new() { ["Version"] = Version(html) });
        using (var page = await perf.GetAsync(rectPath)) Assert.Contains("已验收", await BrowserSession.TextOf(page));

        using (var list = await perf.GetAsync("/Results/Letters?state=Sent&year=" + DateTime.UtcNow.Year)) Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using (var list = await perf.GetAsync("/Results/Rectifications?overdue=false")) Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using (var xlsx = await perf.GetAsync("/Results/Rectifications?handler=Export"))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync())[..2]));
        }
        using (var xlsx = await perf.GetAsync("/Results/Letters?handler=Export")) Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
    }
}
