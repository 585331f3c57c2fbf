using System.Text;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Security;
using Jixiao.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Cli;

/// <summary>
/// Operator verbs run from the same build as the app, with the same configuration and keys:
/// <c>admin create</c>, <c>organizations import</c>, <c>audit verify</c>, <c>backup</c>, <c>migrate</c>, <c>jobs run rectification-daily</c>.
/// </summary>
public static class CliHost
{
    private static readonly string[] Verbs = ["admin", "organizations", "audit", "backup", "migrate", "jobs", "help"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextReader? stdin = null)
    {
        var output = stdout ?? Console.Out;
        Console.OutputEncoding = Encoding.UTF8;
        var positional = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var options = ParseOptions(args.Skip(positional.Length).ToArray());
        var builder = JixiaoHost.CreateBuilder(options.Rest, Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production");
        builder.Logging.ClearProviders();
        builder.AddJixiao();
        await using var app = builder.Build();
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        try
        {
            switch (positional)
            {
                case ["migrate"]:
                    await MigrateAsync(settings);
                    await output.WriteLineAsync("database migrated");
                    return 0;
                case ["admin", "create"]:
                    await MigrateAsync(settings);
                    return await CreateAdminAsync(app, options, output, stdin ?? Console.In);
                case ["organizations", "import", var file]:
                    await MigrateAsync(settings);
                    return await ImportOrganizationsAsync(app, file, output);
                case ["audit", "verify"]:
                    return await RequireInitializedAsync(settings, output) ?? await VerifyAuditAsync(app, settings, options.Named.GetValueOrDefault("anchor"), output);
                case ["jobs", "run", "rectification-daily"]:
                    if (await RequireInitializedAsync(settings, output) is { } code) return code;
                    var outcome = await Features.ResultApplication.RectificationJobRunner.RunOnceAsync(app.Services,
                        $"cli:{Features.ResultApplication.RectificationJobRunner.NewHolder()}", options.Rest.Contains("--force"));
                    await output.WriteLineAsync(outcome.Message);
                    return 0;
                case ["backup", var file]:
                    return await RequireInitializedAsync(settings, output) ?? await BackupAsync(settings, file, output);
                default:
                    await output.WriteLineAsync(Usage);
                    return positional is ["help"] ? 0 : 2;
            }
        }
        catch (Core.Common.DomainException e)
        {
            await output.WriteLineAsync($"错误：{e.Message}");
            return 1;
        }
    }

    private const string Usage = """
        用法 / usage:
          admin create --role sysadmin|secadmin|auditadmin --username NAME [--name 姓名]   (密码从标准输入读取或交互输入)
          organizations import FILE.csv      导入组织机构（区划代码, 区划名称, 单位代码, 单位名称, 组织类型, 上级代码）
          audit verify [--anchor 序号:哈希]  校验审计日志哈希链（可带上次输出的 head，发现截短）
          backup FILE                        在线备份 SQLite 数据库
          migrate                            应用数据库迁移
          jobs run rectification-daily [--force]  执行整改日常任务（到期提醒、标记逾期；同一天已执行过的不再执行，--force 强制）
        """;

    private sealed record Options(Dictionary<string, string> Named, string[] Rest);

    private static Options ParseOptions(string[] args)
    {
        var named = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var key = args[i].TrimStart('-');
            if (key is "role" or "username" or "name" or "anchor" && i + 1 < args.Length) named[key] = args[++i];
            else rest.Add(args[i]);
        }
        return new(named, rest.ToArray());
    }

    /// <summary>
    /// Reading verbs must not create an empty database where a path was mistyped: they refuse, in Chinese,
    /// a SQLite file that does not exist or a database that was never migrated. Null when it is ready.
    /// </summary>
    private static async Task<int?> RequireInitializedAsync(DatabaseSettings settings, TextWriter output)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
            if (!File.Exists(path))
            {
                await output.WriteLineAsync($"错误：数据库文件“{path}”不存在，请检查 ConnectionStrings:Jixiao。");
                return 1;
            }
        }
        await using var db = new JixiaoDbContext(settings.Options());
        if (!(await db.Database.GetAppliedMigrationsAsync()).Any())
        {
            await output.WriteLineAsync("错误：数据库尚未初始化（没有任何迁移记录），请先启动系统或运行 migrate。");
            return 1;
        }
        return null;
    }

    private static async Task MigrateAsync(DatabaseSettings settings)
    {
        await using var db = new JixiaoDbContext(settings.Options());
        await db.Database.MigrateAsync();
    }

    private static JixiaoDbContext AuditedContext(WebApplication app, DatabaseSettings settings) =>
        new(settings.Options(), new SystemAuditContext(new AuditActor(null, $"cli:{Environment.UserName}", null, null, null),
            app.Services.GetRequiredService<TimeProvider>(), app.Services.GetRequiredService<KeyRing>()));

    private static async Task<int> CreateAdminAsync(WebApplication app, Options options, TextWriter output, TextReader input)
    {
        if (!options.Named.TryGetValue("role", out var roleText) || Roles.Parse(roleText) is not { } role || !role.IsAdmin())
        {
            await output.WriteLineAsync("错误：--role 应为 sysadmin、secadmin 或 auditadmin。");
            return 2;
        }
        if (!options.Named.TryGetValue("username", out var userName))
        {
            await output.WriteLineAsync("错误：请用 --username 指定用户名。");
            return 2;
        }
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        await using var db = AuditedContext(app, settings);
        if (await db.UserRoles.AnyAsync(r => r.Role == role))
        {
            await output.WriteLineAsync($"错误：{role.ChineseName()}账号已存在，每种管理员只能创建一次。");
            return 1;
        }
        var password = ReadPassword(input, output);
        var policy = await db.SecurityPolicies.FirstOrDefaultAsync() ?? new SecurityPolicy();
        var user = new User(userName, options.Named.GetValueOrDefault("name") ?? role.ChineseName(), null);
        if (policy.CheckPassword(password, user.UserName) is { } problem)
        {
            await output.WriteLineAsync($"错误：{problem}");
            return 1;
        }
        if (await db.Users.AnyAsync(u => u.UserName == user.UserName))
        {
            await output.WriteLineAsync($"错误：用户名“{user.UserName}”已存在。");
            return 1;
        }
        user.SetPassword(PasswordHasher.Hash(password), db.Now);
        user.ReplaceRoles([role]);
        db.Users.Add(user);
        db.Audit("admin.create", nameof(User), user.UserName, new { role = role.ToString() });
        await db.SaveChangesAsync();
        await output.WriteLineAsync($"已创建{role.ChineseName()}账号 {user.UserName}。");
        return 0;
    }

    private static string ReadPassword(TextReader input, TextWriter output)
    {
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
            return input.ReadLine()?.TrimEnd('\r') ?? "";
        output.Write("密码: ");
        var first = ReadHidden();
        output.Write("再次输入密码: ");
        var second = ReadHidden();
        if (first != second) throw new Core.Common.DomainException("两次输入的密码不一致。");
        return first;
    }

    private static string ReadHidden()
    {
        var sb = new StringBuilder();
        while (true)
        {
            var k = Console.ReadKey(intercept: true);
            if (k.Key == ConsoleKey.Enter) break;
            if (k.Key == ConsoleKey.Backspace && sb.Length > 0) sb.Length--;
            else if (!char.IsControl(k.KeyChar)) sb.Append(k.KeyChar);
        }
        Console.WriteLine();
        return sb.ToString();
    }

    private static async Task<int> ImportOrganizationsAsync(WebApplication app, string file, TextWriter output)
    {
        if (!File.Exists(file))
        {
            await output.WriteLineAsync($"错误：文件“{file}”不存在。");
            return 2;
        }
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        await using var db = AuditedContext(app, settings);
        await using var stream = File.OpenRead(file);
        var result = await new OrganizationService(db).ImportCsvAsync(stream);
        if (result.IgnoredColumns.Count > 0) await output.WriteLineAsync($"已忽略的列：{string.Join("、", result.IgnoredColumns)}");
        if (!result.Succeeded)
        {
            await output.WriteLineAsync($"导入失败，未做任何修改。共 {result.Errors.Count} 个问题：");
            foreach (var e in result.Errors) await output.WriteLineAsync($"  第 {e.Row} 行{(e.Column is null ? "" : $"【{e.Column}】")}：{e.Message}");
            return 1;
        }
        await output.WriteLineAsync($"导入成功：新增区划 {result.RegionsCreated} 个，新增组织 {result.Created} 个，更新 {result.Updated} 个，未变 {result.Unchanged} 个。");
        return 0;
    }

    /// <summary>
    /// Verifies the chain. A chain cut short at its end is still a valid chain, so operators keep the printed head
    /// (sequence:hash) somewhere else and pass it back with <c>--anchor</c>: the record must still be there, unchanged.
    /// </summary>
    private static async Task<int> VerifyAuditAsync(WebApplication app, DatabaseSettings settings, string? anchor, TextWriter output)
    {
        var keys = app.Services.GetRequiredService<KeyRing>();
        await using var db = new JixiaoDbContext(settings.Options());
        var result = await AuditVerifier.VerifyAsync(db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable(), keys.AuditChainKey);
        if (result.Intact)
        {
            if (anchor is not null)
            {
                var parts = anchor.Split(':', 2);
                if (parts.Length != 2 || !long.TryParse(parts[0], out var seq))
                {
                    await output.WriteLineAsync("错误：--anchor 应为“序号:哈希”，即上次校验输出的 head。");
                    return 2;
                }
                var stored = await db.AuditRecords.AsNoTracking().Where(r => r.Sequence == seq).Select(r => r.Hash).FirstOrDefaultAsync();
                if (!string.Equals(stored, parts[1], StringComparison.OrdinalIgnoreCase))
                {
                    await output.WriteLineAsync($"audit chain BROKEN at record {seq}: {(stored is null ? "锚点记录已不存在（日志被截短）" : "锚点记录的哈希已改变（日志被改写）")}");
                    return 1;
                }
            }
            var head = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence).Select(r => new { r.Sequence, r.Hash }).FirstOrDefaultAsync();
            await output.WriteLineAsync($"audit chain intact ({result.Count} records)");
            if (head is not null) await output.WriteLineAsync($"head {head.Sequence}:{head.Hash}");
            return 0;
        }
        await output.WriteLineAsync($"audit chain BROKEN at record {result.FirstBrokenSequence}: {result.Problem}");
        return 1;
    }

    private static async Task<int> BackupAsync(DatabaseSettings settings, string file, TextWriter output)
    {
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            await output.WriteLineAsync("PostgreSQL 数据库请使用 pg_dump（逻辑备份）或基础备份加 WAL 归档（时间点恢复，PITR）进行备份；本命令只备份内置的 SQLite 数据库。");
            await output.WriteLineAsync("For PostgreSQL use pg_dump, or base backups with WAL archiving for point-in-time recovery; this verb backs up the embedded SQLite database only.");
            return 2;
        }
        var target = Path.GetFullPath(file);
        if (File.Exists(target))
        {
            await output.WriteLineAsync($"错误：目标文件“{target}”已存在，为防止覆盖请换一个文件名。");
            return 1;
        }
        if (Path.GetDirectoryName(target) is { } dir) Directory.CreateDirectory(dir);
        await using var source = new SqliteConnection(settings.ConnectionString);
        await source.OpenAsync();
        await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        await destination.OpenAsync();
        // SQLite online backup: a consistent copy while the app keeps writing.
        source.BackupDatabase(destination);
        await using var check = destination.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var integrity = (string?)await check.ExecuteScalarAsync();
        await output.WriteLineAsync($"backup written to {target} (integrity: {integrity})");
        return integrity == "ok" ? 0 : 1;
    }
}
