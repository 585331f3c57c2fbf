using System.Net;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests;

/// <summary>
/// A page a signed-in caller may open but cannot use (a refusal of the service while loading it) answers 400 with the
/// Chinese reason — it used to be a 500, because the refusal made the page reload, which was refused again.
/// </summary>
public sealed class PageRefusalTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<DbProvider, string, string, string> Cases()
    {
        var data = new TheoryData<DbProvider, string, string, string>();
        foreach (var p in new[] { DbProvider.Sqlite, DbProvider.Postgres })
        {
            data.Add(p, "unit", "/Disclosure/Candidates", "信息公开由财政部门绩效管理科办理");
            data.Add(p, "perf", "/Evaluations/KeySheet?id=1", "当前没有可填写的评分表");
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task OpenPage_RefusedByTheService_Is400WithTheReason(DbProvider provider, string user, string path, string reason)
    {
        var app = fixture.For(provider);
        using var browser = new BrowserSession(app.Factory);
        using (var login = await browser.LogInAsync(user)) Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        using var page = await browser.GetAsync(path);
        var text = await BrowserSession.TextOf(page);
        Assert.True(page.StatusCode == HttpStatusCode.BadRequest, $"GET {path} as {user}: {(int)page.StatusCode}");
        Assert.Contains(reason, text);
    }
}
