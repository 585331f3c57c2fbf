using System.Collections.Concurrent;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Security;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Jixiao.Web.Features.Monitoring;

/// <summary>
/// The request size cap of the payments upload (<c>Jixiao:Imports:PaymentMaxBytes</c>, default 200 MB). Kestrel's own
/// limit (30 MB) stays in force everywhere else; only these endpoints raise it, and a larger request is a 413.
/// </summary>
public static class PaymentUpload
{
    public const long DefaultMaxBytes = 200L * 1024 * 1024;

    /// <summary>Room for the multipart framing around a file of the full size.</summary>
    private const long Framing = 64 * 1024;

    public static long MaxBytes(IConfiguration config) => config.GetValue<long?>("Jixiao:Imports:PaymentMaxBytes") is { } v && v > 0 ? v : DefaultMaxBytes;

    public static string TooLargeMessage(long maxBytes) =>
        $"文件超过允许的大小（{maxBytes / 1024d / 1024d:0.#} MB），未导入任何数据。请按月份或单位拆分后分批导入。";

    /// <summary>Raises this request's body limit to the cap; false when the declared length is already over it.</summary>
    public static bool Raise(HttpContext http, long maxBytes)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes + Framing;
        return http.Request.ContentLength is not { } length || length <= maxBytes + Framing;
    }

    public static FormOptions FormOptions(long maxBytes) => new()
    {
        MultipartBodyLengthLimit = maxBytes + Framing,
        // Files above 64 KB are buffered to a temporary file, never held in memory.
        MemoryBufferThreshold = 64 * 1024,
    };
}

/// <summary>
/// Raises the request limit of a page handler that receives the payments file (see <see cref="PaymentUpload"/>). An
/// authorization filter ordered first, because the antiforgery check (also an authorization filter) reads the form.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PaymentUploadLimitAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    public int Order => int.MinValue;

    public Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method)) return Task.CompletedTask;
        var max = PaymentUpload.MaxBytes(http.RequestServices.GetRequiredService<IConfiguration>());
        if (!PaymentUpload.Raise(http, max))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
            return Task.CompletedTask;
        }
        if (http.Request.HasFormContentType && http.Features.Get<IFormFeature>()?.Form is null)
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, PaymentUpload.FormOptions(max)));
        return Task.CompletedTask;
    }
}

/// <summary>An import running in the background for the upload page, which polls its progress.</summary>
public sealed class PaymentImportJob(Guid id, long userId, string fileName, long totalBytes, DateTime startedAt) : IProgress<ImportProgress>
{
    private ImportProgress _progress = new(ImportPhase.Hashing, 0, 0, totalBytes);

    public Guid Id { get; } = id;

    public long UserId { get; } = userId;

    public string FileName { get; } = fileName;

    public DateTime StartedAt { get; } = startedAt;

    public ImportProgress Progress => Volatile.Read(ref _progress);

    public PaymentImportResult? Result { get; private set; }

    /// <summary>A failure that is not the file's fault (the database, a bug): the Chinese text to show.</summary>
    public string? Failure { get; private set; }

    public bool IsDone => Result is not null || Failure is not null;

    public void Report(ImportProgress value) => Volatile.Write(ref _progress, value);

    internal void Finish(PaymentImportResult result) => Result = result;

    internal void Fail(string message) => Failure = message;
}

/// <summary>
/// Background payment imports of the upload page, kept in memory for an hour (the import itself is in the database;
/// only the progress display is lost if the app restarts). Each runs on its own DbContext, audited as the uploader.
/// </summary>
public sealed class PaymentImportJobs(DatabaseSettings settings, KeyRing keys, TimeProvider time, ILogger<PaymentImportJobs> logger)
{
    private readonly ConcurrentDictionary<Guid, PaymentImportJob> _jobs = new();

    /// <summary>Starts importing <paramref name="tempFile"/>, which the job deletes when it ends.</summary>
    public PaymentImportJob Start(string tempFile, string fileName, long regionId, AuditActor actor)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var old in _jobs.Values.Where(j => j.IsDone && j.StartedAt < now.AddHours(-1)).ToList()) _jobs.TryRemove(old.Id, out _);
        var job = new PaymentImportJob(Guid.NewGuid(), actor.UserId ?? 0, fileName, new FileInfo(tempFile).Length, now);
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var db = new JixiaoDbContext(settings.Options(), new SystemAuditContext(actor, time, keys));
                await using var file = new FileStream(tempFile, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16,
                    FileOptions.DeleteOnClose | FileOptions.Asynchronous | FileOptions.SequentialScan);
                job.Finish(await new PaymentImportService(db).ImportFileAsync(file, fileName, regionId, null, job));
            }
            catch (Core.Common.DomainException e)
            {
                job.Fail(e.Message);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Payment import {Job} of {File} failed", job.Id, fileName);
                job.Fail("导入未能完成（服务器内部错误），未写入任何数据。请稍后重试；如问题持续，请联系系统管理员。");
            }
            finally
            {
                if (File.Exists(tempFile))
                {
                    try
                    {
                        File.Delete(tempFile);
                    }
                    catch (IOException)
                    {
                    }
                }
            }
        });
        return job;
    }

    /// <summary>The job, only for the user who started it.</summary>
    public PaymentImportJob? Find(Guid id, long userId) => _jobs.TryGetValue(id, out var j) && j.UserId == userId ? j : null;
}
