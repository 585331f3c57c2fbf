using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Jixiao.Testing;

/// <summary>
/// The built Jixiao.Web.dll as its own process, the way an operator runs it: the real Kestrel server on a free loopback port,
/// the Production environment, start-up with migrations and keys. One copy for the three programs that need it (the
/// browser tests, the kill test, the load test), linked into each project as source. The caller gives the settings
/// that differ (database, demo data, logging) as configuration keys in environment form (<c>Database__Provider</c>).
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private WebAppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the app wrote to stdout and stderr so far, for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>
    /// Starts the app and waits until <c>/health</c> answers 200. <paramref name="dll"/> is a Jixiao.Web.dll (e.g. of a
    /// published build, whose folder is then the content root); without it, src/Jixiao.Web's build output of the
    /// configuration and framework the calling program was built in, with the project folder as the content root (so
    /// wwwroot, with the npm libraries the build copied into it, is served).
    /// </summary>
    public static async Task<WebAppProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan timeout, string? dll = null)
    {
        var (app, contentRoot) = Locate(dll);
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { app, "--urls", baseAddress.ToString().TrimEnd('/'), "--contentRoot", contentRoot }) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = null;
        start.Environment["Jixiao__HttpsRedirection"] = "false";
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var server = new WebAppProcess(process, baseAddress);
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is null) return;
            lock (server._log) server._log.AppendLine(e.Data);
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        if (!process.Start()) throw new InvalidOperationException("could not start dotnet " + app);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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

    /// <summary>kill -9: SIGKILL to the process tree, no shutdown code runs; waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private static (string Dll, string ContentRoot) Locate(string? dll)
    {
        if (dll is not null)
        {
            var full = Path.GetFullPath(dll);
            if (!File.Exists(full)) throw new FileNotFoundException($"{full} does not exist.");
            return (full, Path.GetDirectoryName(full)!);
        }
        // <project>/bin/<Configuration>/<TargetFramework>/ -> the app's output of the same build.
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = baseDir.Parent!.Name;
        var project = Path.Combine(RepositoryRoot(), "src", "Jixiao.Web");
        var built = Path.Combine(project, "bin", configuration, baseDir.Name, "Jixiao.Web.dll");
        if (!File.Exists(built)) throw new FileNotFoundException($"{built} is missing: build the solution first (dotnet build -c {configuration}).");
        return (built, project);
    }

    public static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Jixiao.slnx"))) return d.FullName;
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
            // Already gone, or reaped with the calling process.
        }
        _process.Dispose();
    }
}
