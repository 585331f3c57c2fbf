using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Jixiao.Web.Tests.Infrastructure;

/// <summary>
/// The whole app over a fresh database of its own (a temp SQLite file, or a freshly created PostgreSQL
/// database dropped on dispose), with demo data and a fake clock tests can advance. Program's top-level code
/// runs as in production, so migrations and the demo seed happen at start-up exactly as there.
/// </summary>
public sealed class JixiaoFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    private readonly string? _sqliteFile;
    private readonly string? _postgresServer;
    private readonly string? _postgresDatabase;

    public JixiaoFactory(DbProvider provider)
    {
        Provider = provider;
        switch (provider)
        {
            case DbProvider.Sqlite:
                var dir = Path.Combine(Path.GetTempPath(), "jixiao-web-tests");
                Directory.CreateDirectory(dir);
                _sqliteFile = Path.Combine(dir, $"{Guid.NewGuid():N}.db");
                ConnectionString = new SqliteConnectionStringBuilder { DataSource = _sqliteFile }.ToString();
                break;
            case DbProvider.Postgres:
                _postgresServer = Providers.RequirePostgres();
                _postgresDatabase = $"jixiao_test_{Guid.NewGuid():N}";
                using (var c = new NpgsqlConnection(_postgresServer))
                {
                    c.Open();
                    using var cmd = c.CreateCommand();
                    cmd.CommandText = $"CREATE DATABASE \"{_postgresDatabase}\"";
                    cmd.ExecuteNonQuery();
                }
                ConnectionString = new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _postgresDatabase }.ToString();
                break;
        }
    }

    /// <summary>A second app node on the database of <paramref name="node"/> (which keeps owning and dropping it).</summary>
    public JixiaoFactory(JixiaoFactory node)
    {
        Provider = node.Provider;
        ConnectionString = node.ConnectionString;
    }

    public DbProvider Provider { get; }

    public string ConnectionString { get; } = "";

    /// <summary>The app's clock. Nothing moves it but the tests.</summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting reaches Program as host configuration before AddJixiao reads it.
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider == DbProvider.Postgres ? "Postgres" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Jixiao", ConnectionString);
        builder.UseSetting("Jixiao:DemoData", "true");
        // The daily jobs run only when a test runs them (the fake clock would otherwise fire them at random points).
        builder.UseSetting("Jixiao:Jobs:RectificationDaily:Enabled", "false");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                try
                {
                    File.Delete(f);
                }
                catch (IOException)
                {
                    // A leftover temp file is harmless.
                }
            }
        }
        if (_postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(_postgresServer);
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)";
            await cmd.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Settings the app resolved, e.g. to check that the test database is really the one in use.</summary>
    public DatabaseSettings Database => Services.GetRequiredService<DatabaseSettings>();
}
