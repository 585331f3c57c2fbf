using Jixiao.Testing;

namespace Jixiao.Browser.Tests;

/// <summary>
/// The built app as its own process (<see cref="WebAppProcess"/>) on a throw-away SQLite file with the demo data: the real
/// Kestrel server, static files and start-up (migrations, keys, seeding), as an operator runs it. The app is
/// <c>JIXIAO_BROWSER_APP</c> (a Jixiao.Web.dll, e.g. of a published build) when set, else src/Jixiao.Web's build output of
/// the configuration these tests were built in.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly WebAppProcess _app;
    private readonly string _dataDirectory;

    private AppServer(WebAppProcess app, string dataDirectory)
    {
        _app = app;
        _dataDirectory = dataDirectory;
    }

    public Uri BaseAddress => _app.BaseAddress;

    /// <summary>What the app wrote to stdout and stderr so far, for a failure message.</summary>
    public string Log => _app.Log;

    public static async Task<AppServer> StartAsync(TimeSpan timeout)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "jixiao-browser-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDirectory);
        try
        {
            var app = await WebAppProcess.StartAsync(new Dictionary<string, string?>
            {
                ["Database__Provider"] = "Sqlite",
                ["ConnectionStrings__Jixiao"] = $"Data Source={Path.Combine(dataDirectory, "jixiao.db")}",
                ["Jixiao__DemoData"] = "true",
            }, timeout, Environment.GetEnvironmentVariable("JIXIAO_BROWSER_APP") is { Length: > 0 } configured ? configured : null);
            return new AppServer(app, dataDirectory);
        }
        catch
        {
            Delete(dataDirectory);
            throw;
        }
    }

    public static string RepositoryRoot() => WebAppProcess.RepositoryRoot();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Delete(_dataDirectory);
    }

    private static void Delete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
