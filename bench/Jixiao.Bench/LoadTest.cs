using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Testing;
using Jixiao.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Jixiao.Bench;

/// <summary>
/// The declaration-season load test of docs/performance.md: the built app as its own process on loopback over a fresh
/// database (SQLite or PostgreSQL), its own accounts (one per budget unit, each with projects to declare; the demo data
/// is off, so lockout and rate limits stay as in production), and N concurrent simulated users each doing the mix
/// list goals → open a goal → save a draft → (every second save) submit, with a think time, for a fixed duration. It stops
/// by itself, then checks that no request failed and that every goal whose submission was answered 200 is stored as
/// submitted, verifies the audit chain, and prints p50/p95/p99 per operation. Exit code 0 only when all checks hold.
/// </summary>
public static class LoadTest
{
    private const string Password = "Load@2026!x";

    private sealed record Options(string Provider, int Users, int Seconds, int ProjectsPerUser, int ThinkMs, string? Postgres, string? App);

    public static async Task<int> RunAsync(string[] args)
    {
        var o = Parse(args);
        if (o is null)
        {
            Console.WriteLine("""
                usage: dotnet run -c Release --project bench/Jixiao.Bench -- load [--provider sqlite|postgres] [--users 200]
                         [--seconds 120] [--projects 10] [--think-ms 1000] [--postgres "Host=…;Username=…;Password=…;Database=postgres"]
                         [--app path/to/Jixiao.Web.dll]
                """);
            return 2;
        }
        var year = ChinaYear();
        var dir = Path.Combine(Path.GetTempPath(), $"jixiao-load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        string? pgDatabase = null;
        string connectionString;
        DatabaseProvider provider;
        if (o.Provider == "postgres")
        {
            provider = DatabaseProvider.Postgres;
            var server = o.Postgres ?? Environment.GetEnvironmentVariable("JIXIAO_TEST_POSTGRES")
                ?? "Host=127.0.0.1;Port=5432;Username=jixiao;Password=jixiao;Database=postgres";
            pgDatabase = $"jixiao_load_{Guid.NewGuid():N}";
            await using (var c = new NpgsqlConnection(server))
            {
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{pgDatabase}\"", c);
                await cmd.ExecuteNonQueryAsync();
            }
            connectionString = new NpgsqlConnectionStringBuilder(server) { Database = pgDatabase }.ToString();
        }
        else
        {
            provider = DatabaseProvider.Sqlite;
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, "load.db") }.ToString();
        }
        var settings = new DatabaseSettings(provider, connectionString);
        WebAppProcess? app = null;
        try
        {
            Console.WriteLine($"Jixiao load test: {o.Users} users × {o.Seconds} s on {provider}, {o.ProjectsPerUser} projects each, think time {o.ThinkMs} ms ± 50 %, fiscal year {year}");
            Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} logical CPUs, load average {LoadAverage()}");
            var sw = Stopwatch.StartNew();
            var accounts = await SeedAsync(settings, o, year);
            Console.WriteLine($"seeded {accounts.Count} unit accounts and {accounts.Sum(a => a.Projects.Count)} projects in {sw.Elapsed.TotalSeconds:N1} s");

            // The demo data is off: the test's own accounts, so lockout and rate limits are those of production.
            app = await WebAppProcess.StartAsync(new Dictionary<string, string?>
            {
                ["Database__Provider"] = settings.Provider == DatabaseProvider.Postgres ? "Postgres" : "Sqlite",
                ["ConnectionStrings__Jixiao"] = settings.ConnectionString,
                ["Jixiao__DemoData"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
            }, TimeSpan.FromMinutes(2), o.App);
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Users + 10, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            using var http = new HttpClient(handler) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
            Console.WriteLine($"app healthy on {app.BaseAddress} after {sw.Elapsed.TotalSeconds:N1} s");

            // Every user signs in once (the PBKDF2 hash of the real sign-in), before the clock starts.
            using (var gate = new SemaphoreSlim(8))
            {
                await Task.WhenAll(accounts.Select(async a =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        using var r = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = a.UserName, password = Password });
                        var body = await r.Content.ReadAsStringAsync();
                        if (r.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"sign-in of {a.UserName}: {(int)r.StatusCode} {body}");
                        a.Token = (string)JsonNode.Parse(body)!["accessToken"]!;
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }
            Console.WriteLine($"{accounts.Count} users signed in; running for {o.Seconds} s …");

            var stats = new Stats();
            var until = DateTime.UtcNow.AddSeconds(o.Seconds);
            var run = Stopwatch.StartNew();
            await Task.WhenAll(accounts.Select((a, i) => Task.Run(() => SimulateAsync(http, a, year, until, o.ThinkMs, stats, new Random(i)))));
            run.Stop();
            Console.WriteLine($"ran {run.Elapsed.TotalSeconds:N1} s; load average {LoadAverage()}");

            var ok = stats.Report(run.Elapsed);
            ok &= await CheckAsync(settings, accounts, stats);
            Console.WriteLine(ok ? "RESULT: PASS" : "RESULT: FAIL");
            if (!ok && app.Log.Length > 0) Console.WriteLine("app output (tail):\n" + string.Join('\n', app.Log.Split('\n').TakeLast(40)));
            return ok ? 0 : 1;
        }
        finally
        {
            if (app is not null) await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (pgDatabase is not null)
            {
                var server = o.Postgres ?? Environment.GetEnvironmentVariable("JIXIAO_TEST_POSTGRES")
                    ?? "Host=127.0.0.1;Port=5432;Username=jixiao;Password=jixiao;Database=postgres";
                await using var c = new NpgsqlConnection(server);
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)", c);
                await cmd.ExecuteNonQueryAsync();
            }
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Options? Parse(string[] args)
    {
        var named = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return null;
            named[args[i][2..]] = args[i + 1];
        }
        if (args.Length % 2 != 0) return null;
        int Int(string name, int fallback) => named.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var provider = named.GetValueOrDefault("provider", "sqlite").ToLowerInvariant();
        if (provider is not ("sqlite" or "postgres")) return null;
        return new(provider, Int("users", 200), Int("seconds", 120), Int("projects", 10), Int("think-ms", 1000),
            named.GetValueOrDefault("postgres"), named.GetValueOrDefault("app"));
    }

    private static int ChinaYear() => DateTime.UtcNow.AddHours(8).Year;

    // ---------------------------------------------------------------- accounts and projects

    private sealed class Account(string userName, long unitId)
    {
        public string UserName { get; } = userName;

        public long UnitId { get; } = unitId;

        public List<long> Projects { get; } = [];

        public string Token { get; set; } = "";

        /// <summary>Projects whose submission the app answered with 200.</summary>
        public ConcurrentBag<long> Submitted { get; } = [];
    }

    /// <summary>
    /// Migrates the fresh database and creates, through the domain types and the audited context the CLI uses, one region,
    /// its finance bureau, 20 departments and one budget unit per user with a 预算单位 account and its projects. The keys
    /// are generated into the database as the app's first start would, so the app and this process share the audit chain.
    /// </summary>
    private static async Task<List<Account>> SeedAsync(DatabaseSettings settings, Options o, int year)
    {
        await using (var db = new JixiaoDbContext(settings.Options())) await db.Database.MigrateAsync();
        var keys = await KeyRingLoader.LoadAsync(new ConfigurationBuilder().Build(), settings.Options());
        var actor = new AuditActor(null, "cli:load-test", null, null, null);
        await using var ctx = new JixiaoDbContext(settings.Options(), new SystemAuditContext(actor, TimeProvider.System, keys));
        var region = new Region("140400000", "长治市", null);
        ctx.Regions.Add(region);
        await ctx.SaveChangesAsync();
        ctx.Organizations.Add(new Organization(region.Id, null, OrganizationKind.FinanceBureau, "001", "长治市财政局"));
        var departments = Enumerable.Range(1, 20)
            .Select(d => new Organization(region.Id, null, OrganizationKind.Department, $"{100 + d}", $"压测部门{d}")).ToList();
        ctx.Organizations.AddRange(departments);
        await ctx.SaveChangesAsync();

        var hash = PasswordHasher.Hash(Password); // one hash for all: PBKDF2 200 times would only slow the set-up
        var accounts = new List<Account>();
        for (var u = 0; u < o.Users; u++)
        {
            var dept = departments[u % departments.Count];
            var unit = new Organization(region.Id, dept, OrganizationKind.BudgetUnit, $"{dept.Code}{u + 1:0000}", $"{dept.Name}单位{u + 1}");
            ctx.Organizations.Add(unit);
            await ctx.SaveChangesAsync();
            var user = new User($"load{u + 1:000}", $"压测用户{u + 1}", unit.Id);
            user.SetPassword(hash, DateTime.UtcNow);
            user.ReplaceRoles([Role.BudgetUnit]);
            ctx.Users.Add(user);
            ctx.Audit("users.create", nameof(User), user.UserName, new { role = Role.BudgetUnit.ToString(), loadTest = true });
            var projects = new List<Project>();
            for (var p = 0; p < o.ProjectsPerUser; p++)
            {
                var code = $"LT{u + 1:0000}{p + 1:000}";
                var project = new Project(region.Id, year, unit.Id, dept.Id, ProjectKind.Project, code, $"压测项目{u + 1}-{p + 1}");
                project.Update(code, $"压测项目{u + 1}-{p + 1}", BudgetKind.General, ProjectCategory.Ordinary, false, false, year, year, "张三", null,
                    500_000m, 0m, 0m, null);
                projects.Add(project);
            }
            ctx.Projects.AddRange(projects);
            await ctx.SaveChangesAsync();
            var account = new Account(user.UserName, unit.Id);
            account.Projects.AddRange(projects.Select(p => p.Id));
            accounts.Add(account);
            ctx.ChangeTracker.Clear();
        }
        return accounts;
    }

    // ---------------------------------------------------------------- the simulated user

    private static async Task SimulateAsync(HttpClient http, Account a, int year, DateTime until, int thinkMs, Stats stats, Random random)
    {
        var saves = new Dictionary<long, int>();
        var next = 0;
        async Task Think()
        {
            if (thinkMs > 0) await Task.Delay(thinkMs / 2 + random.Next(thinkMs + 1));
        }

        // Spread the start over one think time, as people do not all click at the same instant.
        if (thinkMs > 0) await Task.Delay(random.Next(thinkMs + 1));
        while (DateTime.UtcNow < until)
        {
            var list = await stats.TimeAsync("list goals", a, http, HttpMethod.Get, $"/api/v1/projects?year={year}&pageSize=50", null);
            if (list is null) break;
            await Think();
            if (DateTime.UtcNow >= until) break;

            // The next project still to declare, or (all declared) any of them to look at.
            var declaring = next < a.Projects.Count;
            var id = declaring ? a.Projects[next] : a.Projects[random.Next(a.Projects.Count)];
            var goal = await stats.TimeAsync("open goal", a, http, HttpMethod.Get, $"/api/v1/projects/{id}/goal", null);
            if (goal is null) break;
            await Think();
            if (!declaring || DateTime.UtcNow >= until) continue;

            int? version = goal["current"] is JsonObject current ? (int)current["version"]! : null;
            var n = saves.GetValueOrDefault(id) + 1;
            saves[id] = n;
            var saved = await stats.TimeAsync("save draft", a, http, HttpMethod.Put, $"/api/v1/projects/{id}/goal",
                Goal(version, $"第{n}稿：完成年度建设任务，{a.UserName}。"));
            if (saved is null) break;
            await Think();
            if (n < 2 || DateTime.UtcNow >= until) continue;

            var submitted = await stats.TimeAsync("submit", a, http, HttpMethod.Post, $"/api/v1/projects/{id}/goal/submit",
                new JsonObject { ["version"] = (int)saved["current"]!["version"]! });
            if (submitted is null) break;
            a.Submitted.Add(id);
            next++;
            await Think();
        }
    }

    private static JsonObject Goal(int? version, string annual)
    {
        JsonObject I(string l1, string l2, string name, decimal target, string unit, decimal weight, string comparison = "AtLeast") => new()
        {
            ["level1"] = l1,
            ["level2"] = l2,
            ["name"] = name,
            ["comparison"] = comparison,
            ["targetValue"] = target,
            ["unit"] = unit,
            ["weight"] = weight,
            ["basis"] = "Plan",
        };
        return new JsonObject
        {
            ["version"] = version,
            ["annualGoal"] = annual,
            ["indicators"] = new JsonArray(
                I("Output", "Quantity", "完成数量", 10m, "个", 20m), I("Output", "Quality", "验收合格率", 100m, "%", 15m),
                I("Output", "Timeliness", "按期完成率", 100m, "%", 10m), I("Output", "Cost", "项目总成本", 50m, "万元", 5m, "AtMost"),
                I("Benefit", "Social", "受益人数", 1000m, "人", 30m), I("Satisfaction", "ServiceRecipient", "满意度", 90m, "%", 10m)),
        };
    }

    // ---------------------------------------------------------------- measurements

    private sealed class Stats
    {
        private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _times = new();
        private readonly ConcurrentQueue<string> _errors = new();
        private int _errorCount;

        public int ErrorCount => _errorCount;

        /// <summary>One request, timed; null (and an error counted) unless it answered 2xx with JSON.</summary>
        public async Task<JsonNode?> TimeAsync(string operation, Account a, HttpClient http, HttpMethod method, string path, JsonNode? body)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", a.Token);
            if (body is not null) request.Content = JsonContent.Create(body);
            var sw = Stopwatch.StartNew();
            try
            {
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                sw.Stop();
                _times.GetOrAdd(operation, _ => []).Add(sw.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Error($"{operation} {path} as {a.UserName}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
                    return null;
                }
                return JsonNode.Parse(text);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                Error($"{operation} {path} as {a.UserName}: {e.GetType().Name} {e.Message}");
                return null;
            }
        }

        public void Error(string message)
        {
            Interlocked.Increment(ref _errorCount);
            if (_errors.Count < 20) _errors.Enqueue(message);
        }

        public bool Report(TimeSpan elapsed)
        {
            Console.WriteLine();
            Console.WriteLine($"{"operation",-12} {"count",7} {"per s",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
            var all = new List<double>();
            foreach (var op in new[] { "list goals", "open goal", "save draft", "submit" })
            {
                var t = _times.TryGetValue(op, out var bag) ? bag.Order().ToList() : [];
                all.AddRange(t);
                Console.WriteLine(Line(op, t, elapsed));
            }
            all.Sort();
            Console.WriteLine(Line("all", all, elapsed));
            Console.WriteLine();
            Console.WriteLine($"errors: {_errorCount}");
            foreach (var e in _errors) Console.WriteLine("  " + e);
            return _errorCount == 0;
        }

        private static string Line(string op, List<double> sorted, TimeSpan elapsed) =>
            string.Create(CultureInfo.InvariantCulture,
                $"{op,-12} {sorted.Count,7} {sorted.Count / elapsed.TotalSeconds,7:N1} {P(sorted, 50),8:N0} {P(sorted, 95),8:N0} {P(sorted, 99),8:N0} {(sorted.Count > 0 ? sorted[^1] : 0),8:N0}");

        /// <summary>Nearest-rank percentile of sorted values.</summary>
        private static double P(List<double> sorted, int p) =>
            sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>No lost submission: every goal answered 200 on submit is stored as submitted, and nothing else is; the audit chain holds.</summary>
    private static async Task<bool> CheckAsync(DatabaseSettings settings, List<Account> accounts, Stats stats)
    {
        await using var db = new JixiaoDbContext(settings.Options());
        var projectIds = accounts.SelectMany(a => a.Projects).ToList();
        var states = await db.PerformanceGoals.AsNoTracking().Where(g => projectIds.Contains(g.ProjectId))
            .Select(g => new { g.ProjectId, g.VersionNo, g.State }).ToListAsync();
        var latest = states.GroupBy(g => g.ProjectId).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.VersionNo).First().State);
        var submitted = accounts.SelectMany(a => a.Submitted).ToHashSet();
        var lost = submitted.Where(id => latest.GetValueOrDefault(id, GoalState.Draft) != GoalState.Submitted).ToList();
        var unexpected = latest.Where(kv => kv.Value == GoalState.Submitted && !submitted.Contains(kv.Key)).Select(kv => kv.Key).ToList();
        Console.WriteLine($"submissions answered 200: {submitted.Count}; stored as submitted: {latest.Count(kv => kv.Value == GoalState.Submitted)}; "
            + $"lost: {lost.Count}; submitted without a 200 seen: {unexpected.Count}; goals saved: {latest.Count}");

        var keys = await KeyRingLoader.LoadAsync(new ConfigurationBuilder().Build(), settings.Options());
        var audit = await AuditVerifier.VerifyAsync(db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable(), keys.AuditChainKey);
        Console.WriteLine(audit.Intact ? $"audit chain intact ({audit.Count} records)" : $"audit chain BROKEN at {audit.FirstBrokenSequence}: {audit.Problem}");
        // A submission the client saw fail but the server stored would already be counted as an error above.
        return lost.Count == 0 && (unexpected.Count == 0 || stats.ErrorCount > 0) && audit.Intact && submitted.Count > 0;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
