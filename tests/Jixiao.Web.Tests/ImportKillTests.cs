using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Testing;
using Jixiao.Web.Infrastructure;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Jixiao.Web.Tests;

/// <summary>
/// kill -9 in the middle of a payments import (issue 9, item 3): the app runs as its own process, a large generated CSV is
/// posted, and once the import's write transaction is open (SQLite: the write lock held for seconds; PostgreSQL: a backend
/// inside a transaction inserting into "Payments") the process gets SIGKILL. Then the database is consistent
/// (SQLite <c>PRAGMA integrity_check</c> = ok; PostgreSQL rolled the transaction back), no row of the batch exists,
/// the audit chain verifies; the app starts again on the same database, the same file imports completely, and again is a
/// no-op (idempotent); the audit chain still verifies.
/// </summary>
public sealed class ImportKillTests
{
    private const int Rows = 150_000;

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task KilledMidImport_LeavesNothingPartial_ThenTheRetrySucceedsOnce(DbProvider provider)
    {
        await using var database = new AppDatabase(provider);
        byte[] file;
        string prefix;
        long paymentsBefore, batchesBefore, auditBefore;

        await using (var app = await database.StartAppAsync(TimeSpan.FromMinutes(4)))
        {
            using var http = Client(app);
            var token = await TokenAsync(http, "perf");
            (file, prefix) = await CsvAsync(http, token);
            (paymentsBefore, batchesBefore, auditBefore) = await CountsAsync(database, prefix);
            Assert.Equal(0, await PaymentsWithPrefixAsync(database, prefix));

            var posting = PostAsync(http, token, file);
            var sw = Stopwatch.StartNew();
            var open = false;
            while (sw.Elapsed < TimeSpan.FromMinutes(4) && !posting.IsCompleted)
            {
                if (await WriteTransactionOpenAsync(database))
                {
                    open = true;
                    break;
                }
                await Task.Delay(200);
            }
            Assert.False(posting.IsCompleted, posting.IsCompletedSuccessfully
                ? $"the import finished ({(int)posting.Result.StatusCode}: {Head(posting.Result)}) before its write transaction was seen: make the file larger"
                : $"the import failed before the kill: {posting.Exception}\n{app.Log}");
            Assert.True(open, "the import's write transaction was not seen within 4 minutes");

            await app.KillAsync(); // SIGKILL
            await Assert.ThrowsAnyAsync<Exception>(() => posting); // no answer ever came
        }

        if (provider == DbProvider.Postgres) await WaitBackendsGoneAsync(database);
        else Assert.Equal("ok", SqliteScalar(database, "PRAGMA integrity_check"));

        var (paymentsAfter, batchesAfter, auditAfter) = await CountsAsync(database, prefix);
        Assert.Equal(paymentsBefore, paymentsAfter);
        Assert.Equal(batchesBefore, batchesAfter);
        Assert.Equal(0, await PaymentsWithPrefixAsync(database, prefix));
        Assert.Equal(auditBefore, auditAfter); // the import's audit event went with its transaction
        await AssertAuditIntactAsync(database);

        // Started again on the same database: the same file imports whole, then once more changes nothing.
        await using (var app = await database.StartAppAsync(TimeSpan.FromMinutes(4)))
        {
            using var http = Client(app);
            var token = await TokenAsync(http, "perf");
            using (var retried = await PostAsync(http, token, file))
            {
                var body = await retried.AssertOkJsonAsync();
                Assert.Equal(Rows, (int)body["rowCount"]!);
                Assert.Equal(Rows, (int)body["newRowCount"]!);
                Assert.False((bool)body["alreadyImported"]!);
            }
            using (var again = await PostAsync(http, token, file))
            {
                var body = await again.AssertOkJsonAsync();
                Assert.True((bool)body["alreadyImported"]!);
                Assert.Equal(0, (int)body["newRowCount"]!);
            }
            Assert.Equal(Rows, await PaymentsWithPrefixAsync(database, prefix));
            var (payments, batches, _) = await CountsAsync(database, prefix);
            Assert.Equal(paymentsBefore + Rows, payments);
            Assert.Equal(batchesBefore + 1, batches);

            using var verify = new HttpRequestMessage(HttpMethod.Post, "/api/v1/audit/verify");
            verify.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, "auditadmin"));
            using var verified = await http.SendAsync(verify);
            var result = await verified.AssertOkJsonAsync();
            Assert.True((bool)result["intact"]!, result.ToJsonString());
        }
        if (provider == DbProvider.Sqlite) Assert.Equal("ok", SqliteScalar(database, "PRAGMA integrity_check"));
        await AssertAuditIntactAsync(database);
    }

    // ---------------------------------------------------------------- the app over HTTP

    private static string Head(HttpResponseMessage response)
    {
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return text[..Math.Min(text.Length, 500)];
    }

    private static HttpClient Client(WebAppProcess app) => new() { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };

    private static async Task<string> TokenAsync(HttpClient http, string user)
    {
        using var r = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password = DemoUsers.Password });
        return (string)(await r.AssertOkJsonAsync())["accessToken"]!;
    }

    private static async Task<JsonNode> GetAsync(HttpClient http, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return await response.AssertOkJsonAsync();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string token, byte[] file)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/payments");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", "支付明细-大批量.csv");
        request.Content = content;
        return http.SendAsync(request);
    }

    /// <summary>A CSV of <see cref="Rows"/> payments of a demo project of 长治市第一中学校 with ids of its own.</summary>
    private static async Task<(byte[] File, string Prefix)> CsvAsync(HttpClient http, string token)
    {
        var projects = (await GetAsync(http, token, "/api/v1/projects?pageSize=100"))["items"]!.AsArray();
        var p = projects.First(x => (string)x!["unitName"]! == "长治市第一中学校")!;
        var unit = await GetAsync(http, await TokenAsync(http, "sysadmin"), $"/api/v1/organizations/{(long)p["unitId"]!}");
        var year = (int)p["fiscalYear"]!;
        var prefix = "K9" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var sb = new StringBuilder("pay_cert_no,xpay_date,pro_code,agency_code,xpay_amt,use_des\n");
        for (var i = 1; i <= Rows; i++)
            sb.Append($"{prefix}{i:0000000},{year}-{1 + i % 10:00}-{1 + i % 28:00},{(string)p["code"]!},{(string)unit["code"]!},{1 + i % 997}.{i % 100:00},办公费\n");
        return (Encoding.UTF8.GetBytes(sb.ToString()), prefix);
    }

    // ---------------------------------------------------------------- the database, from outside the app

    private static JixiaoDbContext Context(AppDatabase database) => new(database.Settings.Options());

    private static async Task<(long Payments, long Batches, long Audit)> CountsAsync(AppDatabase database, string prefix)
    {
        await using var db = Context(database);
        return (await db.Payments.LongCountAsync(), await db.PaymentBatches.LongCountAsync(), await db.AuditRecords.LongCountAsync());
    }

    private static async Task<int> PaymentsWithPrefixAsync(AppDatabase database, string prefix)
    {
        await using var db = Context(database);
        return await db.Payments.CountAsync(p => p.PaymentNo.StartsWith(prefix));
    }

    private static async Task AssertAuditIntactAsync(AppDatabase database)
    {
        var keys = await KeyRingLoader.LoadAsync(new ConfigurationBuilder().Build(), database.Settings.Options());
        await using var db = Context(database);
        var result = await AuditVerifier.VerifyAsync(db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable(), keys.AuditChainKey);
        Assert.True(result.Intact, $"audit chain broken at {result.FirstBrokenSequence}: {result.Problem}");
        Assert.True(result.Count > 0);
    }

    /// <summary>
    /// Is the import's write transaction open? SQLite: another connection cannot take the write lock for two probes of a
    /// second each (a request's own writes hold it for milliseconds). PostgreSQL: a backend of the app's database is in a
    /// transaction whose last statement inserted payments.
    /// </summary>
    private static async Task<bool> WriteTransactionOpenAsync(AppDatabase database)
    {
        if (database.Provider == DbProvider.Postgres)
        {
            await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = @app AND xact_start IS NOT NULL AND query LIKE 'INSERT INTO "Payments"%'
                """, c);
            cmd.Parameters.AddWithValue("app", AppDatabase.AppName);
            return (long)(await cmd.ExecuteScalarAsync())! > 0;
        }
        for (var probe = 0; probe < 2; probe++)
            if (!SqliteWriteLocked(database)) return false;
        return true;
    }

    private static bool SqliteWriteLocked(AppDatabase database)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.SqliteFile, Pooling = false, DefaultTimeout = 1 }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA busy_timeout = 1000";
        cmd.ExecuteNonQuery();
        cmd.CommandText = "BEGIN IMMEDIATE";
        try
        {
            cmd.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            return true;
        }
        cmd.CommandText = "ROLLBACK";
        cmd.ExecuteNonQuery();
        return false;
    }

    private static object? SqliteScalar(AppDatabase database, string sql)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.SqliteFile, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    /// <summary>PostgreSQL ends the killed client's backends (rolling back their transaction) once it notices the closed socket.</summary>
    private static async Task WaitBackendsGoneAsync(AppDatabase database)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @app", c);
            cmd.Parameters.AddWithValue("app", AppDatabase.AppName);
            if ((long)(await cmd.ExecuteScalarAsync())! == 0) return;
            Assert.True(sw.Elapsed < TimeSpan.FromMinutes(2), "the killed app's PostgreSQL sessions did not end within 2 minutes");
            await Task.Delay(250);
        }
    }
}
