using System.Net;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests;

/// <summary>
/// The browser session: cookie flags, antiforgery, the 30-minute idle timeout on the fake clock, and a
/// logout that ends the session on the server (a copied cookie no longer works). This class moves its
/// app's clock, so it shares its app with no other class.
/// </summary>
public sealed class SessionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static void AssertRedirectToLogin(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.ToString());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Login_RightPassword_SetsHttpOnlyLaxCookieAndOpensShell(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var browser = new BrowserSession(app.Factory);
        using var login = await browser.LogInAsync("unit");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.ToString());
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Jixiao.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(browser.AuthCookie);

        using var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await BrowserSession.TextOf(home);
        Assert.Contains("刘芳", html);
        Assert.Contains("长治市", html);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Login_WrongPassword_ChineseMessageAndNoCookie(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var browser = new BrowserSession(app.Factory);
        using var login = await browser.LogInAsync("dept", "Wrong@2026!");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("用户名或密码错误", await BrowserSession.TextOf(login));
        Assert.Null(browser.AuthCookie);
        AssertRedirectToLogin(await browser.GetAsync("/"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Session_Idle31Minutes_RedirectsToLogin(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var browser = new BrowserSession(app.Factory);
        using (var login = await browser.LogInAsync("budget")) Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        using (var home = await browser.GetAsync("/")) Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        app.Factory.Clock.Advance(TimeSpan.FromMinutes(31));
        using var idle = await browser.GetAsync("/");
        AssertRedirectToLogin(idle);

        // Signing in again gives a working session.
        using (var again = await browser.LogInAsync("budget")) Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        using var back = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Session_ActivityEvery20Minutes_StaysAlive(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var browser = new BrowserSession(app.Factory);
        using (var login = await browser.LogInAsync("perf")) Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        app.Factory.Clock.Advance(TimeSpan.FromMinutes(20));
        using (var first = await browser.GetAsync("/")) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(20));
        using (var second = await browser.GetAsync("/")) Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(30));
        AssertRedirectToLogin(await browser.GetAsync("/"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Logout_Post_EndsServerSessionWhileGetChangesNothing(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var browser = new BrowserSession(app.Factory);
        using (var login = await browser.LogInAsync("dept")) Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        // GET /Account/Logout only asks for confirmation.
        await browser.TokenFromAsync("/Account/Logout");
        // The logout button of the shell carries its own antiforgery token.
        var token = await browser.TokenFromAsync("/");

        var copiedCookies = browser.Cookies.GetCookieHeader(BrowserSession.BaseAddress);
        Assert.Contains("Jixiao.Auth=", copiedCookies);

        using (var logout = await browser.PostFormAsync("/Account/Logout", [new("__RequestVerificationToken", token)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
            Assert.Contains("/Account/Login", logout.Headers.Location?.ToString());
        }
        AssertRedirectToLogin(await browser.GetAsync("/"));

        // The copied cookie replayed by someone else: refused, because the session ended on the server.
        using var other = app.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/");
        replay.Headers.Add("Cookie", copiedCookies);
        AssertRedirectToLogin(await other.SendAsync(replay));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task FormPost_WithoutAntiforgeryToken_Is400(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var browser = new BrowserSession(app.Factory);
        await browser.TokenFromAsync("/Account/Login"); // has the antiforgery cookie, but posts no token
        using var login = await browser.PostFormAsync("/Account/Login", [new("UserName", "unit"), new("Password", DemoUsers.Password)]);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Null(browser.AuthCookie);

        using (var ok = await browser.LogInAsync("unit")) Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        using var logout = await browser.PostFormAsync("/Account/Logout", []);
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        using var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Page_Response_CarriesSecurityHeaders(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var browser = new BrowserSession(app.Factory);
        using var page = await browser.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("zh-CN", await page.Content.ReadAsStringAsync());

        using var api = await app.Client.GetAsync("/api/v1/me");
        Assert.Equal("nosniff", Assert.Single(api.Headers.GetValues("X-Content-Type-Options")));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task YearSwitcher_GetOrAnonymous_ChangesNothing(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var browser = new BrowserSession(app.Factory);
        AssertRedirectToLogin(await browser.GetAsync("/"));
        AssertRedirectToLogin(await browser.GetAsync("/Account/Year"));

        using (var login = await browser.LogInAsync("unit2")) Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        // GET only redirects: the year changes by form post.
        using (var get = await browser.GetAsync("/Account/Year?year=2025")) Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Null(browser.Cookies.GetCookies(BrowserSession.BaseAddress)["jixiao-year"]);

        var token = BrowserSession.AntiforgeryToken(await (await browser.GetAsync("/")).Content.ReadAsStringAsync());
        using var post = await browser.PostFormAsync("/Account/Year", [new("year", "2025"), new("returnUrl", "/"), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("2025", browser.Cookies.GetCookies(BrowserSession.BaseAddress)["jixiao-year"]?.Value);
        using var bad = await browser.PostFormAsync("/Account/Year", [new("year", "1999"), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
