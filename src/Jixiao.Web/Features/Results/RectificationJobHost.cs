using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Jobs;
using Jixiao.Core.Results;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Security;
using Jixiao.Core.Todos;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.ResultApplication;

/// <summary>Runs the daily rectification job once, as the system, in its own context (the hosted service and the CLI verb share this).</summary>
public static class RectificationJobRunner
{
    public static async Task<JobOutcome> RunOnceAsync(IServiceProvider services, string holder, bool force = false, CancellationToken ct = default)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        await using var db = new JixiaoDbContext(settings.Options(), new SystemAuditContext(new AuditActor(null, $"job:{RectificationDailyJob.Name}", null, null, null),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<KeyRing>()));
        var job = new RectificationDailyJob(db, new JobLeaseService(db), new RuleSetService(db), new TodoService(db));
        return await job.RunAsync(holder, force, ct);
    }

    /// <summary>This node's name as a lease holder: machine, process and a random part (two hosts in one process differ).</summary>
    public static string NewHolder() => $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}

/// <summary>
/// The daily background job of rectification (RULES §7): at <c>Jixiao:Jobs:RectificationDaily:Time</c> (China time, HH:mm, default 02:00)
/// and at start-up when today's run is due, it runs <see cref="RectificationDailyJob"/> under the database lease, so with several app nodes
/// it runs once a day. <c>Jixiao:Jobs:RectificationDaily:Enabled</c> false turns it off (tests, the CLI).
/// </summary>
public sealed class RectificationJobHost(IServiceProvider services, IConfiguration config, TimeProvider time, ILogger<RectificationJobHost> log)
    : BackgroundService
{
    public string Holder { get; } = RectificationJobRunner.NewHolder();

    public static TimeOnly ConfiguredTime(IConfiguration config) =>
        TimeOnly.TryParse(config["Jixiao:Jobs:RectificationDaily:Time"], System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : new TimeOnly(2, 0);

    /// <summary>How long to wait from <paramref name="nowChina"/> until the next run time.</summary>
    public static TimeSpan UntilNext(DateTime nowChina, TimeOnly at)
    {
        var next = nowChina.Date + at.ToTimeSpan();
        if (next <= nowChina) next = next.AddDays(1);
        return next - nowChina;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Jixiao:Jobs:RectificationDaily:Enabled", true)) return;
        var at = ConfiguredTime(config);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = Core.Common.ChinaTime.Now(time);
            if (TimeOnly.FromDateTime(now) >= at) await RunAsync(stoppingToken);
            try
            {
                await Task.Delay(UntilNext(Core.Common.ChinaTime.Now(time), at), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            var outcome = await RectificationJobRunner.RunOnceAsync(services, Holder, false, ct);
            log.LogInformation("rectification-daily: {Message}", outcome.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "rectification-daily failed");
        }
    }
}
