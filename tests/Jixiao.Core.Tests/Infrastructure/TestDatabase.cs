using System.Data.Common;
using System.Runtime.CompilerServices;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Jixiao.Core.Tests.Infrastructure;

public enum DbProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh, migrated database for one test: a temporary SQLite file always, PostgreSQL when
/// JIXIAO_TEST_POSTGRES names a server. Without it the PostgreSQL row is skipped, except under CI=true,
/// where a missing PostgreSQL is a failure (CI must run both providers).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "JIXIAO_TEST_POSTGRES";
    public const string PostgresSkipReason = "PostgreSQL not configured (set JIXIAO_TEST_POSTGRES)";

    /// <summary>Theory rows: every data test runs once per provider.</summary>
    public static TheoryData<DbProvider> Providers => new() { DbProvider.Sqlite, DbProvider.Postgres };

    private readonly string? _adminConnectionString;
    private readonly string? _databaseName;

    private TestDatabase(DbProvider provider, string connectionString, string? adminConnectionString, string? databaseName, string? filePath)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _adminConnectionString = adminConnectionString;
        _databaseName = databaseName;
        FilePath = filePath;
    }

    public DbProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file (null on PostgreSQL).</summary>
    public string? FilePath { get; }

    public TestAuditContext AuditContext { get; } = new();

    /// <summary>Creates and migrates the database; skips (or, under CI, fails) when PostgreSQL is not configured.</summary>
    public static async Task<TestDatabase> CreateAsync(DbProvider provider, [CallerMemberName] string test = "")
    {
        TestDatabase db;
        if (provider == DbProvider.Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "jixiao-core-tests");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"{Guid.NewGuid():N}.db");
            db = new TestDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file }.ToString(), null, null, file);
        }
        else
        {
            var admin = PostgresConnectionString();
            var name = $"jx_{new string(test.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(28).ToArray())}_{Guid.NewGuid().ToString("N")[..12]}";
            await using (var c = new NpgsqlConnection(admin))
            {
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
            db = new TestDatabase(provider, cs, admin, name, null);
        }
        try
        {
            await using var ctx = db.NewContext();
            await ctx.Database.MigrateAsync();
            if (provider == DbProvider.Sqlite)
                await ctx.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
        return db;
    }

    /// <summary>The JIXIAO_TEST_POSTGRES connection string; skips the test without it, or fails it under CI=true.</summary>
    public static string PostgresConnectionString()
    {
        var cs = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(cs))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail($"CI=true but {PostgresVariable} is not set: the PostgreSQL tests must run in CI.");
            Skip.If(true, PostgresSkipReason);
        }
        return cs!;
    }

    public static DbContextOptions<JixiaoDbContext> Options(DbProvider provider, string connectionString)
    {
        var b = new DbContextOptionsBuilder<JixiaoDbContext>();
        switch (provider)
        {
            case DbProvider.Sqlite:
                b.UseSqlite(connectionString, o => o.MigrationsAssembly("Jixiao.Migrations.Sqlite"));
                break;
            case DbProvider.Postgres:
                b.UseNpgsql(connectionString, o => o.MigrationsAssembly("Jixiao.Migrations.Postgres"));
                break;
        }
        return b.Options;
    }

    /// <summary>A new context (its own connection) that audits with <see cref="AuditContext"/> unless another is given.</summary>
    public JixiaoDbContext NewContext(IAuditContext? auditContext = null) =>
        new(Options(Provider, ConnectionString), auditContext ?? AuditContext);

    /// <summary>Runs SQL outside EF, as someone with direct access to the database would.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var ctx = NewContext();
        await ctx.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>What an attacker with file or superuser access can do: remove the append-only triggers.</summary>
    public Task DropAuditTriggersAsync() => Provider switch
    {
        DbProvider.Sqlite => ExecuteAsync("""DROP TRIGGER "AuditRecords_no_update"; DROP TRIGGER "AuditRecords_no_delete";"""),
        DbProvider.Postgres => ExecuteAsync("""DROP TRIGGER "AuditRecords_append_only" ON "AuditRecords";"""),
    };

    public async Task<AuditVerification> VerifyAuditAsync(byte[]? key = null)
    {
        await using var ctx = NewContext();
        return await AuditVerifier.VerifyAsync(
            ctx.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable(), key ?? TestAuditContext.ChainKeyBytes);
    }

    /// <summary>Closes pooled connections so the database file can be read or removed.</summary>
    public void ReleaseConnections()
    {
        if (Provider == DbProvider.Sqlite)
        {
            using var c = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(c);
        }
        else
        {
            using var c = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(c);
        }
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseConnections();
        if (FilePath is not null)
        {
            foreach (var f in new[] { FilePath, FilePath + "-wal", FilePath + "-shm" })
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
        if (_adminConnectionString is not null && _databaseName is not null)
        {
            await using var c = new NpgsqlConnection(_adminConnectionString);
            await c.OpenAsync();
            await using DbCommand cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", c);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>The audit context of the tests: a fixed actor, a fake clock with sub-millisecond ticks, a fixed 32-byte key.</summary>
public sealed class TestAuditContext : IAuditContext
{
    public static readonly byte[] ChainKeyBytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    /// <summary>08:00:00.1234567 UTC: PostgreSQL keeps microseconds, the audit chain milliseconds.</summary>
    public static readonly DateTimeOffset Start = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    public FakeTimeProvider Clock { get; } = new(Start);

    public AuditActor Actor { get; set; } = new(7, "perf", "PerformanceSection", 11, "127.0.0.1");

    public TimeProvider Time => Clock;

    public byte[] ChainKey => ChainKeyBytes;
}
