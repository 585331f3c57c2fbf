using System.Data.Common;
using Jixiao.Web.Cli;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Jixiao.Web.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    /// <summary>The CLI reads its configuration from environment variables, which belong to the whole process.</summary>
    public const string Name = "CLI (process environment)";
}

/// <summary>
/// The operator verbs, run in-process as `dotnet Jixiao.Web.dll VERB` runs them, each against a fresh database without
/// demo data (a real deployment's first day): a SQLite file, or with <see cref="Use"/> a new PostgreSQL database. The
/// backup verb is SQLite's online backup, so that test runs on SQLite only.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jixiao-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _saved = [];

    public CliTests()
    {
        Directory.CreateDirectory(_dir);
        DatabaseFile = Path.Combine(_dir, "jixiao.db");
        Set("ConnectionStrings__Jixiao", $"Data Source={DatabaseFile}");
        Set("Database__Provider", "Sqlite");
        Set("Jixiao__DemoData", "false");
    }

    private string DatabaseFile { get; }

    private DbProvider _provider = DbProvider.Sqlite;
    private string? _postgresServer;
    private string? _postgresDatabase;
    private string _postgresConnection = "";

    /// <summary>Points the CLI at a fresh database of the provider (the constructor set up SQLite).</summary>
    private void Use(DbProvider provider)
    {
        _provider = provider;
        if (provider != DbProvider.Postgres) return;
        _postgresServer = Providers.RequirePostgres();
        _postgresDatabase = $"jixiao_cli_{Guid.NewGuid():N}";
        using (var c = new NpgsqlConnection(_postgresServer))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_postgresDatabase}\"", c);
            cmd.ExecuteNonQuery();
        }
        _postgresConnection = new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _postgresDatabase, Pooling = false }.ToString();
        Set("ConnectionStrings__Jixiao", _postgresConnection);
        Set("Database__Provider", "Postgres");
    }

    /// <summary>Lets someone with direct database access change the audit log: drops the append-only triggers.</summary>
    private void DropAppendOnlyTriggers(DbConnection db)
    {
        if (_provider == DbProvider.Postgres)
            Scalar(db, "DROP TRIGGER \"AuditRecords_append_only\" ON \"AuditRecords\"");
        else
        {
            Scalar(db, "DROP TRIGGER \"AuditRecords_no_update\"");
            Scalar(db, "DROP TRIGGER \"AuditRecords_no_delete\"");
        }
    }

    private void Set(string name, string value)
    {
        _saved.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
        SqliteConnection.ClearAllPools();
        if (_postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var c = new NpgsqlConnection(_postgresServer);
            c.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", c);
            cmd.ExecuteNonQuery();
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

    private static async Task<(int Exit, string Output)> Run(string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var exit = await CliHost.RunAsync(args, output, new StringReader(stdin ?? ""));
        return (exit, output.ToString());
    }

    private DbConnection Open()
    {
        DbConnection c = _provider == DbProvider.Postgres
            ? new NpgsqlConnection(_postgresConnection)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    private static object? Scalar(DbConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private string WriteCsv(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Organizations = """
        区划代码,区划名称,单位代码,单位名称,组织类型,上级代码
        140400000,长治市,001,长治市财政局,财政部门,
        140400000,长治市,101,长治市教育局,预算部门,
        140400000,长治市,101001,长治市第一中学校,预算单位,101
        140403000,潞州区,001,潞州区财政局,财政部门,
        """;

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AdminCreate_EachRoleOnceWithStrongPassword_ExitCodes(DbProvider provider)
    {
        Use(provider);
        var (exit, output) = await Run("Root@2026!x\n", "admin", "create", "--role", "sysadmin", "--username", "root1");
        Assert.True(exit == 0, output);
        Assert.Contains("root1", output);

        (exit, output) = await Run("Root@2026!y\n", "admin", "create", "--role", "sysadmin", "--username", "root2");
        Assert.Equal(1, exit);
        Assert.Contains("已存在", output);

        (exit, output) = await Run("weak\n", "admin", "create", "--role", "secadmin", "--username", "sec1");
        Assert.Equal(1, exit);
        Assert.Contains("密码", output);

        (exit, output) = await Run("Secure#2026x\n", "admin", "create", "--role", "secadmin", "--username", "sec1");
        Assert.True(exit == 0, output);
        (exit, output) = await Run("Audit$2026x\n", "admin", "create", "--role", "auditadmin", "--username", "audit1");
        Assert.True(exit == 0, output);
        (exit, output) = await Run("Audit$2026y\n", "admin", "create", "--role", "auditadmin", "--username", "audit2");
        Assert.Equal(1, exit);

        (exit, output) = await Run("Root@2026!x\n", "admin", "create", "--role", "perf", "--username", "x1");
        Assert.Equal(2, exit);

        using var db = Open();
        Assert.Equal(3L, Scalar(db, "SELECT COUNT(*) FROM \"Users\""));
        Assert.Equal("SystemAdmin", Scalar(db, "SELECT r.\"Role\" FROM \"UserRoles\" r JOIN \"Users\" u ON u.\"Id\" = r.\"UserId\" WHERE u.\"UserName\" = 'root1'"));
        Assert.DoesNotContain("Root@2026!x", (string?)Scalar(db, "SELECT \"PasswordHash\" FROM \"Users\" WHERE \"UserName\" = 'root1'"));
        Assert.Equal(3L, Scalar(db, "SELECT COUNT(*) FROM \"AuditRecords\" WHERE \"Action\" = 'admin.create'"));
    }

    [Fact]
    public async Task ImportVerifyBackup_ThenTamper_VerifyNamesTheRecord()
    {
        var (exit, output) = await Run(null, "organizations", "import", WriteCsv("orgs.csv", Organizations));
        Assert.True(exit == 0, output);
        Assert.Contains("导入成功", output);

        // Importing the same file again changes nothing.
        (exit, output) = await Run(null, "organizations", "import", WriteCsv("orgs.csv", Organizations));
        Assert.True(exit == 0, output);
        Assert.Contains("新增组织 0 个", output);

        // A bad file is refused as a whole.
        (exit, output) = await Run(null, "organizations", "import",
            WriteCsv("bad.csv", "区划代码,区划名称,单位代码,单位名称,组织类型,上级代码\n140400000,长治市,102,长治市卫生健康委员会,预算部门,\n140400000,长治市,103,长治市农业农村局,火星部门,\n"));
        Assert.Equal(1, exit);
        Assert.Contains("第 3 行", output);

        long records;
        using (var db = Open())
        {
            Assert.Equal(4L, Scalar(db, "SELECT COUNT(*) FROM Organizations"));
            Assert.Equal(0L, Scalar(db, "SELECT COUNT(*) FROM Organizations WHERE Name = '长治市卫生健康委员会'"));
            records = (long)Scalar(db, "SELECT COUNT(*) FROM AuditRecords")!;
        }

        (exit, output) = await Run(null, "audit", "verify");
        Assert.True(exit == 0, output);
        Assert.Contains($"audit chain intact ({records} records)", output);

        var backup = Path.Combine(_dir, "backup", "copy.db");
        (exit, output) = await Run(null, "backup", backup);
        Assert.True(exit == 0, output);
        Assert.True(File.Exists(backup));
        using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString()))
        {
            copy.Open();
            Assert.Equal("ok", Scalar(copy, "PRAGMA integrity_check"));
            Assert.Equal(1L, Scalar(copy, "SELECT COUNT(*) FROM Organizations WHERE Name = '长治市第一中学校'"));
            Assert.Equal(records, Scalar(copy, "SELECT COUNT(*) FROM AuditRecords"));
        }
        (exit, _) = await Run(null, "backup", backup);
        Assert.Equal(1, exit); // never overwrites

        // The database refuses to change an audit row...
        using (var db = Open())
        {
            Assert.Throws<SqliteException>(() => Scalar(db, "UPDATE AuditRecords SET Summary = 'x' WHERE Sequence = 2"));
            // ...so an attacker with file access drops the trigger first.
            Scalar(db, "DROP TRIGGER \"AuditRecords_no_update\"");
            Scalar(db, "UPDATE AuditRecords SET Summary = '{\"name\":\"篡改\"}' WHERE Sequence = 2");
        }
        (exit, output) = await Run(null, "audit", "verify");
        Assert.Equal(1, exit);
        Assert.Contains("record 2", output);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AuditVerify_RecordDeleted_NamesItsSequence(DbProvider provider)
    {
        Use(provider);
        var (exit, output) = await Run(null, "organizations", "import", WriteCsv("orgs.csv", Organizations));
        Assert.True(exit == 0, output);
        using (var db = Open())
        {
            Assert.ThrowsAny<DbException>(() => Scalar(db, "DELETE FROM \"AuditRecords\" WHERE \"Sequence\" = 3"));
            DropAppendOnlyTriggers(db);
            Scalar(db, "DELETE FROM \"AuditRecords\" WHERE \"Sequence\" = 3");
        }
        (exit, output) = await Run(null, "audit", "verify");
        Assert.Equal(1, exit);
        Assert.Contains("record 3", output);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AuditVerify_NewestRecordsCutOff_CaughtByTheAnchorOfTheLastCheck(DbProvider provider)
    {
        Use(provider);
        var (exit, output) = await Run(null, "organizations", "import", WriteCsv("orgs.csv", Organizations));
        Assert.True(exit == 0, output);
        (exit, output) = await Run(null, "audit", "verify");
        Assert.Equal(0, exit);
        var head = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("head ", StringComparison.Ordinal))["head ".Length..];
        var last = long.Parse(head.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
        (exit, output) = await Run(null, "audit", "verify", "--anchor", head);
        Assert.True(exit == 0, output);

        using (var db = Open())
        {
            // Cutting records off the end leaves a shorter chain that is valid in itself.
            DropAppendOnlyTriggers(db);
            Scalar(db, $"DELETE FROM \"AuditRecords\" WHERE \"Sequence\" = {last}");
        }
        (exit, output) = await Run(null, "audit", "verify");
        Assert.Equal(0, exit);
        (exit, output) = await Run(null, "audit", "verify", "--anchor", head);
        Assert.Equal(1, exit);
        Assert.Contains($"record {last}", output);
        Assert.Contains("截短", output);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AuditVerify_RecordsReordered_NamesTheFirstOutOfPlace(DbProvider provider)
    {
        Use(provider);
        var (exit, output) = await Run(null, "organizations", "import", WriteCsv("orgs.csv", Organizations));
        Assert.True(exit == 0, output);
        using (var db = Open())
        {
            // Swap records 2 and 3 (sequence numbers and all), as someone reordering history would.
            DropAppendOnlyTriggers(db);
            Scalar(db, "UPDATE \"AuditRecords\" SET \"Sequence\" = -2 WHERE \"Sequence\" = 2");
            Scalar(db, "UPDATE \"AuditRecords\" SET \"Sequence\" = 2 WHERE \"Sequence\" = 3");
            Scalar(db, "UPDATE \"AuditRecords\" SET \"Sequence\" = 3 WHERE \"Sequence\" = -2");
        }
        (exit, output) = await Run(null, "audit", "verify");
        Assert.Equal(1, exit);
        Assert.Contains("record 2", output);
    }

    [Fact]
    public async Task Help_OrIncompleteVerb_PrintsUsage()
    {
        var (exit, output) = await Run(null, "help");
        Assert.Equal(0, exit);
        Assert.Contains("audit verify", output);
        (exit, _) = await Run(null, "backup");
        Assert.Equal(2, exit);
    }
}
