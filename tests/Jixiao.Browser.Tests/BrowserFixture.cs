using Microsoft.Playwright;

namespace Jixiao.Browser.Tests;

/// <summary>Every browser test class joins this collection, so the app and Chromium start once for the run.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The harness of the browser tests: one app server (the real app on loopback, demo data) and one headless
/// Debian Chromium driven by Playwright, shared by all tests; each test gets its own browser context, so
/// cookies never leak between tests. Later features add their flows as new test classes in the collection.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string MissingChromium = "Chromium not installed (apt-get install chromium)";

    /// <summary>The password of every demo account (src/Jixiao.Web/Demo/DemoData.cs).</summary>
    public const string DemoPassword = "Demo@2026!";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly List<IBrowserContext> _contexts = [];
    private readonly Dictionary<IPage, List<string>> _consoleErrors = [];
    private AppServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Why the tests cannot run here, or null when they can.</summary>
    public string? UnavailableReason { get; private set; }

    public AppServer Server => _server ?? throw new InvalidOperationException(UnavailableReason ?? "the app server did not start");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(UnavailableReason ?? "Chromium did not start");

    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>Where screenshots go: $JIXIAO_SCREENSHOTS, else TestResults/screenshots at the repository root.</summary>
    public string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("JIXIAO_SCREENSHOTS") is { Length: > 0 } dir
        ? Path.GetFullPath(dir)
        : Path.Combine(AppServer.RepositoryRoot(), "TestResults", "screenshots");

    /// <summary>In CI a missing browser is a failure, not a skip (the CI script installs it).</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            UnavailableReason = MissingChromium;
            return;
        }
        // CI runs the test projects side by side on two cores: give the page and the assertions room.
        Assertions.SetDefaultExpectTimeout(10_000);
        _server = await AppServer.StartAsync(TimeSpan.FromMinutes(2));
        _playwright = await Playwright.CreateAsync();
        _playwright.Selectors.SetTestIdAttribute("data-testid");
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>Call first in every test: skips with the reason when Chromium is missing, fails instead when CI=true.</summary>
    public void RequireBrowser()
    {
        if (UnavailableReason is null) return;
        if (InCi) throw new InvalidOperationException($"{UnavailableReason}; CI=true, so the browser tests must run.");
        Skip.If(true, UnavailableReason);
    }

    /// <summary>
    /// A fresh page in its own context (no cookies), zh-CN, with a 60 s action and navigation timeout. A loaded 2-core
    /// machine once needed more than 15 s for a first workbench load; in CI, while the web tests run their imports beside
    /// the browser tests, two runs on 29 Nov saw a navigation right after a committed write (sign-in, year switch) take
    /// more than 30 s. The app's SQLite file commits with synchronous=FULL, so it waits for the disk the other suites load.
    /// </summary>
    public async Task<IPage> NewPageAsync()
    {
        RequireBrowser();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1366, Height = 850 },
        });
        context.SetDefaultTimeout(60_000);
        lock (_contexts) _contexts.Add(context);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type != "error") return;
            lock (errors) errors.Add($"{page.Url}: {m.Text}");
        };
        lock (_consoleErrors) _consoleErrors[page] = errors;
        return page;
    }

    /// <summary>
    /// What the browser reported as errors on these pages so far (a script failing, a resource or an inline style the CSP
    /// refused): a page that works shows none.
    /// </summary>
    public IReadOnlyList<string> ConsoleErrors(params IPage[] pages)
    {
        lock (_consoleErrors)
            return [.. pages.SelectMany(p => _consoleErrors.TryGetValue(p, out var list) ? Snapshot(list) : [])];

        static List<string> Snapshot(List<string> list)
        {
            lock (list) return [.. list];
        }
    }

    /// <summary>Fills and submits the login form on <paramref name="page"/> (going to the login page first).</summary>
    public static async Task SubmitLoginAsync(IPage page, string userName, string password)
    {
        if (!page.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase)) await page.GotoAsync("/Account/Login");
        await page.Locator("#login-form input[name='UserName']").FillAsync(userName);
        await page.Locator("#login-form input[name='Password']").FillAsync(password);
        await page.Locator("#login-submit").ClickAsync();
    }

    /// <summary>A new page signed in as a demo account (password <see cref="DemoPassword"/>), on the page the login lands on.</summary>
    public async Task<IPage> LoginAsAsync(string userName, string password = DemoPassword)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");
        var response = await page.RunAndWaitForResponseAsync(() => SubmitLoginAsync(page, userName, password),
            r => r.Request.Method == "POST" && r.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        if (response.Status != 302)
        {
            // Say what the page shows (the form's error, or the error page) rather than time out.
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            var shown = await page.Locator("body").InnerTextAsync();
            throw new InvalidOperationException($"login as {userName} answered {response.Status} instead of a redirect; the page shows: {shown.Trim()}");
        }
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return page;
    }

    /// <summary>The texts of the main navigation of the page, trimmed, in order.</summary>
    public static async Task<IReadOnlyList<string>> NavigationAsync(IPage page) =>
        (await page.Locator("#main-nav a").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();

    /// <summary>A full-page PNG named <paramref name="name"/> in <see cref="ScreenshotDirectory"/>; returns its path.</summary>
    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var safe = string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == ' ' ? '-' : c));
        var path = Path.Combine(ScreenshotDirectory, safe + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task DisposeAsync()
    {
        foreach (var c in _contexts) await c.CloseAsync();
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        // Every page any test opened: a console error anywhere fails the run (as the collection's cleanup), so a page
        // that breaks quietly (a refused inline style, a missing file, a script error) cannot pass unnoticed.
        var errors = ConsoleErrors([.. _consoleErrors.Keys]);
        if (errors.Count > 0)
            throw new InvalidOperationException("The browser reported errors on the pages of the browser tests:\n" + string.Join("\n", errors.Distinct()));
    }
}
