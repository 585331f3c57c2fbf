using System.Data.Common;
using Jixiao.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jixiao.Web.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Database settings: <c>Database:Provider</c> (Sqlite by default) and <c>ConnectionStrings:Jixiao</c>.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings From(IConfiguration config, string contentRoot)
    {
        var providerText = config["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(providerText) ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(providerText, true, out var p) ? p
            : throw new InvalidOperationException($"Database:Provider '{providerText}' is not Sqlite or Postgres.");
        var cs = config.GetConnectionString("Jixiao");
        if (string.IsNullOrWhiteSpace(cs))
        {
            if (provider == DatabaseProvider.Postgres)
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Jixiao is not set.");
            var dir = Path.Combine(contentRoot, "data");
            Directory.CreateDirectory(dir);
            cs = $"Data Source={Path.Combine(dir, "jixiao.db")}";
        }
        else if (provider == DatabaseProvider.Sqlite)
        {
            var b = new SqliteConnectionStringBuilder(cs);
            if (!Path.IsPathRooted(b.DataSource) && b.DataSource != ":memory:")
                b.DataSource = Path.Combine(contentRoot, b.DataSource);
            if (Path.GetDirectoryName(b.DataSource) is { Length: > 0 } d) Directory.CreateDirectory(d);
            cs = b.ToString();
        }
        return new(provider, cs);
    }

    public void Apply(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly("Jixiao.Migrations.Sqlite"))
                    .AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly("Jixiao.Migrations.Postgres"));
                break;
        }
    }

    public DbContextOptions<JixiaoDbContext> Options()
    {
        var b = new DbContextOptionsBuilder<JixiaoDbContext>();
        Apply(b);
        return b.Options;
    }
}

/// <summary>Every SQLite connection: WAL, synchronous=FULL (no lost commits on power loss), foreign keys, a busy timeout.</summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Sql = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// Holds one database connection from before the endpoint runs until the request ends. Without it EF Core returns the
/// connection to the pool after each command, so a write that committed could wait for a connection again to build its
/// answer; with the pool exhausted the user then saw an error for a change that was stored. Now a request that cannot
/// get a connection fails before its endpoint does anything, and one that has it finishes with it.
/// </summary>
public sealed class RequestConnectionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, JixiaoDbContext db)
    {
        await db.Database.OpenConnectionAsync(http.RequestAborted);
        await next(http);
    }
}
