using System.Net;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests;

/// <summary>
/// Several app nodes on one database behave as one: keys, sessions and Data Protection keys live in the
/// database, so a token or cookie issued by one node works on the other, and a logout on one ends it on both.
/// </summary>
public sealed class MultiNodeTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SecondNode_TokenAndCookieOfFirstNode_AcceptedAndLogoutEndsBoth(DbProvider provider)
    {
        if (provider == DbProvider.Postgres) Providers.RequirePostgres();
        await using var first = new JixiaoFactory(provider);
        _ = first.Services; // start node 1 (migrations and demo seed) before node 2 starts
        await using var second = new JixiaoFactory(first);
        var one = new TestApp(first);
        var two = new TestApp(second);

        var token = await one.NewTokenAsync("dept");
        using (var me = await two.SendWithTokenAsync(Task.FromResult(token), HttpMethod.Get, "/api/v1/me"))
            Assert.Equal("dept", (string?)(await me.AssertOkJsonAsync())["userName"]);

        using var browser = new BrowserSession(first);
        using (var login = await browser.LogInAsync("unit")) Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookies = browser.Cookies.GetCookieHeader(BrowserSession.BaseAddress);
        using var other = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using (var onSecond = new HttpRequestMessage(HttpMethod.Get, "/"))
        {
            onSecond.Headers.Add("Cookie", cookies);
            using var response = await other.SendAsync(onSecond);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Logout on node 1 ends the session for node 2 as well.
        using (var logout = await one.SendWithTokenAsync(Task.FromResult(token), HttpMethod.Post, "/api/v1/auth/logout"))
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using var after = await two.SendWithTokenAsync(Task.FromResult(token), HttpMethod.Get, "/api/v1/me");
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
