using Jixiao.Testing;
using Jixiao.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Jixiao.Web.Tests.Infrastructure;

/// <summary>
/// A fresh database of its own (a temp SQLite file, or a new PostgreSQL database dropped on dispose) that the built app
/// runs on as a SEPARATE PROCESS (<see cref="StartAppAsync"/>) (the real Kestrel server and start-up with the demo data), so a test can kill the process
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

    /// <summary>
    /// Starts the built app (this test build's configuration) on this database as its own process, with the demo data and
    /// without the daily job (its timing would make the row counts of a test move).
    /// </summary>
    public Task<WebAppProcess> StartAppAsync(TimeSpan timeout) => WebAppProcess.StartAsync(new Dictionary<string, string?>
    {
        ["Database__Provider"] = Provider == DbProvider.Postgres ? "Postgres" : "Sqlite",
        ["ConnectionStrings__Jixiao"] = AppConnectionString,
        ["Jixiao__DemoData"] = "true",
        ["Jixiao__Jobs__RectificationDaily__Enabled"] = "false",
    }, timeout);

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
