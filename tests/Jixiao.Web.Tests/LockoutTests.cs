using System.Net;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests;

/// <summary>Five failed sign-ins lock an account for five minutes, counted alike for tokens and the login page.</summary>
public sealed class LockoutTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Token_FiveWrongPasswords_LocksEverywhereForFiveMinutes(DbProvider provider)
    {
        var app = fixture.For(provider);
        for (var i = 1; i <= 4; i++)
        {
            using var wrong = await app.RequestTokenAsync("dept", $"Wrong@2026!{i}");
            Assert.Contains("用户名或密码错误", (string?)(await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized))["detail"]);
        }
        using (var fifth = await app.RequestTokenAsync("dept", "Wrong@2026!5"))
            Assert.Contains("锁定", (string?)(await fifth.AssertProblemAsync(HttpStatusCode.Unauthorized))["detail"]);

        using (var right = await app.RequestTokenAsync("dept", DemoUsers.Password))
        {
            var problem = await right.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Contains("锁定", (string?)problem["detail"]);
            Assert.Contains("5 分钟", (string?)problem["detail"]);
        }

        // The login page refuses the locked account too.
        using (var browser = new BrowserSession(app.Factory))
        {
            using var page = await browser.LogInAsync("dept");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("锁定", await BrowserSession.TextOf(page));
            Assert.Null(browser.AuthCookie);
        }

        app.Factory.Clock.Advance(TimeSpan.FromMinutes(4));
        using (var early = await app.RequestTokenAsync("dept", DemoUsers.Password))
            Assert.Contains("1 分钟", (string?)(await early.AssertProblemAsync(HttpStatusCode.Unauthorized))["detail"]);

        app.Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using var after = await app.RequestTokenAsync("dept", DemoUsers.Password);
        await after.AssertOkJsonAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task LoginPage_FiveWrongPasswords_LocksTheApiToo(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var browser = new BrowserSession(app.Factory);
        for (var i = 1; i <= 5; i++)
        {
            using var page = await browser.LogInAsync("unit2", $"Wrong@2026!{i}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        using (var locked = await app.RequestTokenAsync("unit2", DemoUsers.Password))
            Assert.Contains("锁定", (string?)(await locked.AssertProblemAsync(HttpStatusCode.Unauthorized))["detail"]);
        using (var page = await browser.LogInAsync("unit2"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Null(browser.AuthCookie);
        }

        app.Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        using var ok = await browser.LogInAsync("unit2");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.NotNull(browser.AuthCookie);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignIn_Success_ResetsFailureCount(DbProvider provider)
    {
        var app = fixture.For(provider);
        for (var i = 1; i <= 4; i++)
        {
            using var wrong = await app.RequestTokenAsync("auditor", "Wrong@2026!");
            await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        await app.NewTokenAsync("auditor");
        for (var i = 1; i <= 4; i++)
        {
            using var wrong = await app.RequestTokenAsync("auditor", "Wrong@2026!");
            Assert.DoesNotContain("锁定", (string?)(await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized))["detail"]);
        }
        await app.NewTokenAsync("auditor");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Token_Idle30Minutes_SessionEnds(DbProvider provider)
    {
        var app = fixture.For(provider);
        var token = await app.NewTokenAsync("county");
        using (var ok = await app.SendWithTokenAsync(Task.FromResult(token), HttpMethod.Get, "/api/v1/me")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(29));
        using (var ok = await app.SendWithTokenAsync(Task.FromResult(token), HttpMethod.Get, "/api/v1/me")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(30));
        using var idle = await app.SendWithTokenAsync(Task.FromResult(token), HttpMethod.Get, "/api/v1/me");
        await idle.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unlock_BySecurityAdmin_SignInWorksAtOnce(DbProvider provider)
    {
        var app = fixture.For(provider);
        for (var i = 1; i <= 5; i++)
        {
            using var wrong = await app.RequestTokenAsync("perf", "Wrong@2026!");
            await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        var sysadmin = app.NewTokenAsync("sysadmin");
        using var list = await app.SendWithTokenAsync(sysadmin, HttpMethod.Get, "/api/v1/users?q=perf");
        var perf = (await list.AssertOkJsonAsync())["items"]!.AsArray().Single(u => (string?)u!["userName"] == "perf")!;
        Assert.True((bool)perf["isLockedOut"]!);

        using (var unlock = await app.SendWithTokenAsync(app.NewTokenAsync("secadmin"), HttpMethod.Post, $"/api/v1/users/{(long)perf["id"]!}/unlock"))
            Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);
        await app.NewTokenAsync("perf");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task DeactivateUser_OpenSessionsEndAndSignInIsRefused(DbProvider provider)
    {
        var app = fixture.For(provider);
        var agencyToken = await app.NewTokenAsync("agency");
        using var browser = new BrowserSession(app.Factory);
        using (var login = await browser.LogInAsync("agency")) Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var sysadmin = await app.NewTokenAsync("sysadmin");
        using var list = await app.SendWithTokenAsync(Task.FromResult(sysadmin), HttpMethod.Get, "/api/v1/users?q=agency");
        var agency = (await list.AssertOkJsonAsync())["items"]!.AsArray().Single(u => (string?)u!["userName"] == "agency")!;
        using (var deactivate = await app.SendWithTokenAsync(Task.FromResult(sysadmin), HttpMethod.Put, $"/api/v1/users/{(long)agency["id"]!}", new
        {
            version = (int)agency["version"]!,
            displayName = (string)agency["displayName"]!,
            organizationId = (long)agency["organizationId"]!,
            phone = "13703554101",
            isActive = false,
        }))
            await deactivate.AssertOkJsonAsync();

        using (var api = await app.SendWithTokenAsync(Task.FromResult(agencyToken), HttpMethod.Get, "/api/v1/me"))
            await api.AssertProblemAsync(HttpStatusCode.Unauthorized);
        using (var page = await browser.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Contains("/Account/Login", page.Headers.Location?.ToString());
        }
        using var again = await app.RequestTokenAsync("agency", DemoUsers.Password);
        Assert.Contains("停用", (string?)(await again.AssertProblemAsync(HttpStatusCode.Unauthorized))["detail"]);
    }
}
