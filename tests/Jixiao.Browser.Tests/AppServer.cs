using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Jixiao.Browser.Tests;

/// <summary>
/// The built app as its own process on a free loopback port, on a throw-away SQLite file with the demo data:
/// the real Kestrel server, static files and start-up (migrations, keys, seeding), as an operator runs it.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;
    private readonly string _dataDirectory;

    private AppServer(Process process, StringBuilder log, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        _log = log;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the app wrote to stdout and stderr so far, for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>
    /// Starts the app and waits until /health answers 200. The app is <c>JIXIAO_BROWSER_APP</c> (a Jixiao.Web.dll,
    /// e.g. of a published build) when set, else src/Jixiao.Web's build output of the configuration these tests
    /// were built in.
    /// </summary>
    public static async Task<AppServer> StartAsync(TimeSpan timeout)
    {
        var (dll, contentRoot) = LocateApp();
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "jixiao-browser-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDirectory);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "--urls", baseAddress.ToString().TrimEnd('/'), "--contentRoot", contentRoot }) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = null;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Jixiao"] = $"Data Source={Path.Combine(dataDirectory, "jixiao.db")}";
        start.Environment["Jixiao__DemoData"] = "true";
        start.Environment["Jixiao__HttpsRedirection"] = "false";

        var log = new StringBuilder();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        if (!process.Start()) throw new InvalidOperationException("could not start dotnet " + dll);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AppServer(process, log, dataDirectory, baseAddress);

        try
        {
            await server.WaitHealthyAsync(timeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Jixiao.Web exited with code {_process.ExitCode} before it was healthy.\n{Log}");
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"/health answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Jixiao.Web did not answer /health with 200 within {timeout.TotalSeconds:0} s (last: {last}).\n{Log}");
    }

    private static (string Dll, string ContentRoot) LocateApp()
    {
        if (Environment.GetEnvironmentVariable("JIXIAO_BROWSER_APP") is { Length: > 0 } configured)
        {
            var full = Path.GetFullPath(configured);
            if (!File.Exists(full)) throw new FileNotFoundException($"JIXIAO_BROWSER_APP points to {full}, which does not exist.");
            return (full, Path.GetDirectoryName(full)!);
        }
        // tests/Jixiao.Browser.Tests/bin/<Configuration>/<TargetFramework>/ -> the app's output of the same build.
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = baseDir.Name;
        var configuration = baseDir.Parent!.Name;
        var project = Path.Combine(RepositoryRoot(), "src", "Jixiao.Web");
        var dll = Path.Combine(project, "bin", configuration, framework, "Jixiao.Web.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{dll} is missing: build the solution (dotnet build -c {configuration}) before running the browser tests.");
        // The project folder is the content root, so wwwroot (with the npm libraries the build copied into wwwroot/lib) is served.
        return (dll, project);
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Jixiao.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Jixiao.slnx above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or will be reaped with the test host.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
