using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.Security;
using Jixiao.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// The payments import benchmark of docs/performance.md: a fresh SQLite file (the app's pragmas and migrations), a region
// with 20,000 projects, a generated 1,000,000-row CSV (about 100 MB), imported once through PaymentImportService as the
// app does it; then the same file again (the idempotent no-op); then the warnings of every project at a few month ends (the
// WarningBoard of the warning list and the dashboard). Prints wall time and the process's peak working set.
//
//   dotnet run -c Release --project bench/Jixiao.Bench [-- rows projects]
//   dotnet run -c Release --project bench/Jixiao.Bench -- load [--provider sqlite|postgres] [--users 200] [--seconds 120]   (LoadTest.cs)
if (args is ["load", ..]) return await Jixiao.Bench.LoadTest.RunAsync(args[1..]);

var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var projectCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
const int year = 2026;
const int unitsPerDepartment = 10;
const int projectsPerUnit = 20;

var dir = Path.Combine(Path.GetTempPath(), $"jixiao-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(dir);
var dbFile = Path.Combine(dir, "bench.db");
var csvFile = Path.Combine(dir, "payments.csv");
try
{
    var settings = new DatabaseSettings(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = dbFile }.ToString());
    var keys = new KeyRing(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(16));
    var actor = new AuditActor(null, "bench", "PerformanceSection", null, null);
    JixiaoDbContext Context() => new(settings.Options(), new SystemAuditContext(actor, TimeProvider.System, keys));

    Console.WriteLine($"Jixiao payments import benchmark: {rows:N0} rows, {projectCount:N0} projects, SQLite {dbFile}");
    Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} logical CPUs, {RuntimeInfo()}");

    var sw = Stopwatch.StartNew();
    long regionId;
    var projects = new List<(string Code, string Unit)>();
    await using (var db = new JixiaoDbContext(settings.Options()))
    {
        await db.Database.MigrateAsync();
        var region = new Region("140400000", "长治市", null);
        db.Regions.Add(region);
        await db.SaveChangesAsync();
        regionId = region.Id;
        var departments = (projectCount + unitsPerDepartment * projectsPerUnit - 1) / (unitsPerDepartment * projectsPerUnit);
        for (var d = 0; d < departments && projects.Count < projectCount; d++)
        {
            var dept = new Organization(regionId, null, OrganizationKind.Department, $"{100 + d}", $"部门{d + 1}");
            db.Organizations.Add(dept);
            await db.SaveChangesAsync();
            for (var u = 0; u < unitsPerDepartment && projects.Count < projectCount; u++)
            {
                var unit = new Organization(regionId, dept, OrganizationKind.BudgetUnit, $"{100 + d}{u + 1:000}", $"部门{d + 1}单位{u + 1}");
                db.Organizations.Add(unit);
                await db.SaveChangesAsync();
                for (var p = 0; p < projectsPerUnit && projects.Count < projectCount; p++)
                {
                    var code = $"14040026{100 + d}{u + 1:000}{p + 1:0000}";
                    var project = new Project(regionId, year, unit.Id, dept.Id, ProjectKind.Project, code, $"项目{projects.Count + 1}");
                    project.Update(code, $"项目{projects.Count + 1}", BudgetKind.General, ProjectCategory.Ordinary, false, false, year, year, "张三", null,
                        1_000_000m, 0m, 0m, null);
                    db.Projects.Add(project);
                    projects.Add((code, unit.Code));
                }
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
    Console.WriteLine($"seeded {projects.Count:N0} projects in {sw.Elapsed.TotalSeconds:N1} s");

    sw.Restart();
    await using (var writer = new StreamWriter(csvFile, false, new UTF8Encoding(false), 1 << 16))
    {
        await writer.WriteAsync("pay_cert_no,xpay_date,fiscal_year,mof_div_code,pro_code,agency_code,xpay_amt,fund_type_code,gov_bgt_eco_code,use_des\n");
        var random = new Random(20260101);
        for (var i = 1; i <= rows; i++)
        {
            var (code, unit) = projects[random.Next(projects.Count)];
            var date = new DateOnly(year, 1, 1).AddDays(random.Next(365));
            var amount = random.Next(100, 5_000_000) / 100m * (i % 50 == 0 ? -1 : 1);
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"1404002026{i:0000000000},{date:yyyy-MM-dd},{year},140400000,{code},{unit},\"{amount:#,##0.00}\",111,30201,支付项目资金\n"));
        }
    }
    var size = new FileInfo(csvFile).Length;
    Console.WriteLine($"generated {csvFile}: {size / 1024d / 1024d:N1} MiB in {sw.Elapsed.TotalSeconds:N1} s");

    GC.Collect();
    var before = Process.GetCurrentProcess();
    before.Refresh();
    Console.WriteLine($"working set before import: {before.WorkingSet64 / 1024d / 1024d:N0} MiB (peak so far {before.PeakWorkingSet64 / 1024d / 1024d:N0} MiB)");

    var last = DateTime.UtcNow;
    var progress = new SyncProgress(p =>
    {
        if ((DateTime.UtcNow - last).TotalSeconds < 5 && p.Phase != ImportPhase.Done) return;
        last = DateTime.UtcNow;
        Console.WriteLine($"  {sw.Elapsed.TotalSeconds,6:N1} s  {p.Phase,-10} rows {p.RowsDone,10:N0}  bytes {p.BytesRead / 1024d / 1024d,7:N1} / {p.TotalBytes / 1024d / 1024d:N1} MiB");
    });
    sw.Restart();
    PaymentImportResult result;
    await using (var db = Context())
    await using (var file = new FileStream(csvFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        result = await new PaymentImportService(db).ImportFileAsync(file, "payments.csv", regionId, null, progress);
    var importSeconds = sw.Elapsed.TotalSeconds;
    if (!result.Succeeded)
    {
        Console.WriteLine($"import refused: {result.ErrorCount} errors, first: {string.Join("; ", result.Errors.Take(5).Select(e => $"{e.Row} {e.Column} {e.Message}"))}");
        return 1;
    }
    var proc = Process.GetCurrentProcess();
    proc.Refresh();
    Console.WriteLine($"import: {result.RowCount:N0} rows ({result.NewRowCount:N0} new), total {result.TotalAmount:N2} yuan, batch {result.BatchId}, "
        + $"{importSeconds:N1} s = {result.RowCount / importSeconds:N0} rows/s; peak working set {proc.PeakWorkingSet64 / 1024d / 1024d:N0} MiB");

    sw.Restart();
    await using (var db = Context())
    await using (var file = new FileStream(csvFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        result = await new PaymentImportService(db).ImportFileAsync(file, "payments.csv", regionId, null, null);
    Console.WriteLine($"same file again: alreadyImported={result.AlreadyImported}, {sw.Elapsed.TotalSeconds:N1} s");

    await using (var db = Context())
    {
        var stored = await db.Payments.CountAsync();
        var audits = await db.AuditRecords.CountAsync();
        Console.WriteLine($"stored payments: {stored:N0}; audit records: {audits:N0}; database file {new FileInfo(dbFile).Length / 1024d / 1024d:N0} MiB");
    }

    // Warnings: every project's time progress, execution rate and colours at a month end, as the warning list and the
    // dashboard compute them (WarningBoard over the payments), for the whole region; June also projects the year end.
    await using (var db = Context())
    {
        var orgs = (await db.Organizations.Select(o => o.Id).ToListAsync()).ToHashSet();
        var scope = new OrgScope(regionId, orgs, new HashSet<long> { regionId });
        var board = new WarningBoard(db, new Jixiao.Core.RuleSets.RuleSetService(db));
        foreach (var month in new[] { 6, 7, 12, 7 })
        {
            sw.Restart();
            var warnings = await board.ComputeAsync(scope, new WarningFilter(year, month));
            var computeSeconds = sw.Elapsed.TotalSeconds;
            var monthly = await board.MonthlyAsync(warnings, year);
            var dashboard = MonitoringDashboard.Build(year, month, DashboardLevel.Departments, warnings, monthly);
            proc.Refresh();
            Console.WriteLine($"warnings to end of month {month,2}: {warnings.Count:N0} projects in {computeSeconds:N2} s "
                + $"(+ dashboard {sw.Elapsed.TotalSeconds - computeSeconds:N2} s): red {dashboard.Total.Red:N0}, yellow {dashboard.Total.Yellow:N0}, "
                + $"blue {dashboard.Total.Blue:N0}, green {dashboard.Total.Green:N0}, forecast warnings {dashboard.ForecastWarnings:N0}; "
                + $"peak working set {proc.PeakWorkingSet64 / 1024d / 1024d:N0} MiB");
        }
    }
    return 0;
}
finally
{
    SqliteConnection.ClearAllPools();
    try
    {
        Directory.Delete(dir, true);
    }
    catch (IOException)
    {
    }
}

static string RuntimeInfo()
{
    var mem = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault() ?? "" : "";
    return $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}; {mem.Replace("  ", "", StringComparison.Ordinal)}";
}

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
internal sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
{
    public void Report(ImportProgress value) => report(value);
}
