using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Jixiao.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Jixiao.Web.Tests.Infrastructure;

/// <summary>
/// A fresh database of its own (a temp SQLite file, or a new PostgreSQL database dropped on dispose) that the built app
/// runs on as a SEPARATE PROCESS (the real Kestrel server and start-up with the demo data), so a test can kill the process
/// with SIGKILL and start it again on the same database.
/// </summary>
public sealed class AppDatabase : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jixiao-process-tests", Guid.NewGuid().ToString("N"));
    private readonly string? _postgresServer;
    private readonly string? _postgresDatabase;

    public AppDatabase(DbProvider provider)
    {
        Provider = provider;
        Directory.CreateDirectory(_dir);
        if (provider == DbProvider.Postgres)
        {
            _postgresServer = Providers.RequirePostgres();
            _postgresDatabase = $"jixiao_proc_{Guid.NewGuid():N}";
            using (var c = new NpgsqlConnection(_postgresServer))
            {
                c.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_postgresDatabase}\"", c);
                cmd.ExecuteNonQuery();
            }
            ConnectionString = new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _postgresDatabase }.ToString();
        }
        else
        {
            SqliteFile = Path.Combine(_dir, "jixiao.db");
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = SqliteFile }.ToString();
        }
    }

    public DbProvider Provider { get; }

    public string ConnectionString { get; }

    public string? SqliteFile { get; }

    /// <summary>PostgreSQL's application_name of the app's connections, so a test can tell them from its own.</summary>
    public const string AppName = "jixiao-app-under-test";

    /// <summary>The connection string the app process gets (on PostgreSQL tagged with <see cref="AppName"/>).</summary>
    public string AppConnectionString => Provider == DbProvider.Postgres
        ? new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = AppName }.ToString()
        : ConnectionString;

    public string? PostgresDatabase => _postgresDatabase;

    /// <summary>A scratch directory deleted with the database.</summary>
    public string ScratchDirectory => _dir;

    public DatabaseSettings Settings => new(Provider == DbProvider.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, ConnectionString);

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (_postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(_postgresServer);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", c);
            await cmd.ExecuteNonQueryAsync();
        }
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}

/// <summary>The built Jixiao.Web.dll of this test build's configuration, started on a free loopback port over an <see cref="AppDatabase"/>.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    public static async Task<AppProcess> StartAsync(AppDatabase database, TimeSpan timeout)
    {
        var root = RepositoryRoot();
        var contentRoot = Path.Combine(root, "src", "Jixiao.Web");
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(contentRoot, "bin", baseDir.Parent!.Name, baseDir.Name, "Jixiao.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is missing: build the solution first.");
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
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
        start.Environment["Database__Provider"] = database.Provider == DbProvider.Postgres ? "Postgres" : "Sqlite";
        start.Environment["ConnectionStrings__Jixiao"] = database.AppConnectionString;
        start.Environment["Jixiao__DemoData"] = "true";
        start.Environment["Jixiao__HttpsRedirection"] = "false";
        start.Environment["Jixiao__Jobs__RectificationDaily__Enabled"] = "false";
        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, baseAddress);
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is null) return;
            lock (app._log) app._log.AppendLine(e.Data);
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        if (!process.Start()) throw new InvalidOperationException("could not start dotnet " + dll);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitHealthyAsync(timeout);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Jixiao.Web exited with {_process.ExitCode} before it was healthy.\n{Log}");
            try
            {
                using var r = await http.GetAsync("/health");
                if (r.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Jixiao.Web did not answer /health within {timeout.TotalSeconds:0} s.\n{Log}");
    }

    /// <summary>kill -9: SIGKILL to the process, no shutdown code runs; waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private static string RepositoryRoot()
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
            if (!_process.HasExited) await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
