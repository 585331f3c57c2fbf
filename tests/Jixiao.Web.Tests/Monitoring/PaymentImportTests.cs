using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Jixiao.Web.Tests.Monitoring;

/// <summary>
/// The payments import (支付明细) over HTTP: GBK and UTF-8-BOM CSV, .xlsx and JSON batches; all-or-nothing with per-row
/// Chinese errors; idempotent by file, batch id and Idempotency-Key; one batch for concurrent duplicates; the size cap;
/// who may import and who may see. Every test uses payment ids of its own, so the order of the tests does not matter.
/// </summary>
public sealed class PaymentImportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Importer = "perf";

    static PaymentImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private sealed record Target(string ProjectCode, string UnitCode, string OtherUnitCode, int Year);

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GbkCsv_WithChineseHeadersAndChineseFormats_Imports(DbProvider provider)
    {
        var app = fixture.For(provider);
        var t = await TargetAsync(app);
        var id = Ids();
        var csv = "支付凭证号,支付日期,项目代码,单位代码,金额,资金性质,经济分类,摘要\r\n"
            + $"{id}1,{t.Year}/3/5,{t.ProjectCode},{t.UnitCode},\"1,234.50\",111,30201,购置办公设备\r\n"
            + $"{id}2,{t.Year}0306,{t.ProjectCode},{t.UnitCode},(100.00),111,30201,冲红\r\n"
            + $"{id}3,{t.Year}年4月1日,{t.ProjectCode},{t.UnitCode},\"2,000\",111,31002,\"工程款，第一期\"\r\n";
        var body = await (await ImportFileAsync(app, Importer, Encoding.GetEncoding("GB18030").GetBytes(csv), "支付明细.csv")).AssertOkJsonAsync();
        Assert.Equal(3, (int)body["rowCount"]!);
        Assert.Equal(3, (int)body["newRowCount"]!);
        Assert.Equal(3134.50m, (decimal)body["totalAmount"]!);
        Assert.False((bool)body["alreadyImported"]!);

        var rows = await PaymentsOfBatchAsync(app, Importer, (long)body["batchId"]!);
        Assert.Equal(3, rows.Count);
        var byNo = rows.ToDictionary(r => (string)r["paymentNo"]!);
        Assert.Equal(1234.50m, (decimal)byNo[id + "1"]["amount"]!);
        Assert.Equal(-100m, (decimal)byNo[id + "2"]["amount"]!);
        Assert.Equal($"{t.Year}-03-06", (string)byNo[id + "2"]["paymentDate"]!);
        Assert.Equal("工程款，第一期", (string?)byNo[id + "3"]["purpose"]);
        Assert.Equal(t.ProjectCode, (string)byNo[id + "3"]["projectCode"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Utf8BomCsv_WithDataStandardHeaders_Imports_AndReportsIgnoredColumns(DbProvider provider)
    {
        var app = fixture.For(provider);
        var t = await TargetAsync(app);
        var id = Ids();
        var csv = "PAY_CERT_NO,vou_date,xpay_date,fiscal_year,mof_div_code,pro_code,agency_code,dept_code,pay_amt,xpay_amt,fund_type_code,gov_bgt_eco_code,use_des\n"
            + $"{id}1,{t.Year}-05-01,{t.Year}-05-03,{t.Year},140400000,{t.ProjectCode},{t.UnitCode},101,999.00,500.25,111,30201,支付\n";
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        var body = await (await ImportFileAsync(app, Importer, bytes, "pay.csv")).AssertOkJsonAsync();
        Assert.Equal(1, (int)body["rowCount"]!);
        Assert.Contains("dept_code", body["ignoredColumns"]!.AsArray().Select(x => (string)x!));

        var row = Assert.Single(await PaymentsOfBatchAsync(app, Importer, (long)body["batchId"]!));
        // xpay_date and xpay_amt win over vou_date and pay_amt.
        Assert.Equal($"{t.Year}-05-03", (string)row["paymentDate"]!);
        Assert.Equal(500.25m, (decimal)row["amount"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Xlsx_Imports(DbProvider provider)
    {
        var app = fixture.For(provider);
        var t = await TargetAsync(app);
        var id = Ids();
        var rows = new List<Dictionary<string, object>>
        {
            new() { ["支付凭证号"] = id + "1", ["实际支付日期"] = new DateTime(t.Year, 6, 1), ["项目代码"] = t.ProjectCode, ["单位代码"] = t.UnitCode, ["实际支付金额"] = 8888.88m },
            new() { ["支付凭证号"] = id + "2", ["实际支付日期"] = $"{t.Year}-06-02", ["项目代码"] = t.ProjectCode, ["单位代码"] = t.UnitCode, ["实际支付金额"] = "1,111.11" },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        var body = await (await ImportFileAsync(app, Importer, stream.ToArray(), "支付明细.xlsx")).AssertOkJsonAsync();
        Assert.Equal(2, (int)body["rowCount"]!);
        var stored = (await PaymentsOfBatchAsync(app, Importer, (long)body["batchId"]!)).ToDictionary(r => (string)r["paymentNo"]!);
        Assert.Equal(8888.88m, (decimal)stored[id + "1"]["amount"]!);
        Assert.Equal($"{t.Year}-06-01", (string)stored[id + "1"]["paymentDate"]!);
        Assert.Equal(1111.11m, (decimal)stored[id + "2"]["amount"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task BadRows_ChangeNothing_AndListEachRowsChineseError(DbProvider provider)
    {
        var app = fixture.For(provider);
        var t = await TargetAsync(app);
        var id = Ids();
        var before = await CountAsync(app);
        var csv = "支付凭证号,支付日期,项目代码,单位代码,金额\n"
            + $"{id}1,{t.Year}-07-01,{t.ProjectCode},{t.UnitCode},100.00\n"
            + $"{id}2,{t.Year}-07-01,NOSUCHPROJECT,{t.UnitCode},100.00\n"
            + $"{id}3,{t.Year}-07-01,{t.ProjectCode},{t.OtherUnitCode},100.00\n"
            + $"{id}4,{t.Year}-07-01,{t.ProjectCode},{t.UnitCode},一百元\n"
            + $"{id}5,{t.Year}-13-01,{t.ProjectCode},{t.UnitCode},100.00\n"
            + $"{id}1,{t.Year}-07-02,{t.ProjectCode},{t.UnitCode},50.00\n"
            + $"{id}7,{t.Year}-07-01,{t.ProjectCode},999999,100.00\n";
        using var response = await ImportFileAsync(app, Importer, Encoding.UTF8.GetBytes(csv), "bad.csv");
        var body = await response.AssertOkJsonAsync(HttpStatusCode.BadRequest);
        var errors = body["errors"]!.AsArray().Select(e => ((int)e!["row"]!, (string?)e["column"], (string)e["message"]!)).ToList();
        Assert.Equal(6, (int)body["errorCount"]!);
        foreach (var e in errors) Http.AssertChinese(e.Item3);
        Assert.Contains(errors, e => e.Item1 == 3 && e.Item2 == "项目代码" && e.Item3.Contains("NOSUCHPROJECT", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Item1 == 4 && e.Item2 == "单位代码" && e.Item3.Contains("不是项目", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Item1 == 5 && e.Item3.Contains("一百元", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Item1 == 6 && e.Item3.Contains("日期", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Item1 == 7 && e.Item3.Contains("重复", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Item1 == 8 && e.Item3.Contains("999999", StringComparison.Ordinal));
        // The valid first row was not written either.
        Assert.Equal(before, await CountAsync(app));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SameFileTwice_IsOneBatch_AndChangesNothing(DbProvider provider)
    {
        var app = fixture.For(provider);
        var file = await CsvAsync(app, 3);
        var first = await (await ImportFileAsync(app, Importer, file, "a.csv")).AssertOkJsonAsync();
        var count = await CountAsync(app);
        var again = await (await ImportFileAsync(app, Importer, file, "a-again.csv")).AssertOkJsonAsync();
        Assert.Equal((long)first["batchId"]!, (long)again["batchId"]!);
        Assert.True((bool)again["alreadyImported"]!);
        Assert.Equal(count, await CountAsync(app));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PaymentIdResent_SameContentIsNoOp_DifferentAmountIsRefused(DbProvider provider)
    {
        var app = fixture.For(provider);
        var t = await TargetAsync(app);
        var id = Ids();
        string Csv(decimal amount, string extra = "") => "支付凭证号,支付日期,项目代码,单位代码,金额\n"
            + string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{id}1,{t.Year}-08-01,{t.ProjectCode},{t.UnitCode},{amount}\n") + extra;
        await (await ImportFileAsync(app, Importer, Encoding.UTF8.GetBytes(Csv(300m)), "p.csv")).AssertOkJsonAsync();
        var count = await CountAsync(app);

        // The same payment in another file (with a new one): only the new one is stored.
        var more = await (await ImportFileAsync(app, Importer, Encoding.UTF8.GetBytes(Csv(300m, $"{id}2,{t.Year}-08-02,{t.ProjectCode},{t.UnitCode},-300\n")), "p2.csv"))
            .AssertOkJsonAsync();
        Assert.Equal(2, (int)more["rowCount"]!);
        Assert.Equal(1, (int)more["newRowCount"]!);
        Assert.Equal(count + 1, await CountAsync(app));

        using var response = await ImportFileAsync(app, Importer, Encoding.UTF8.GetBytes(Csv(350m)), "p3.csv");
        var body = await response.AssertOkJsonAsync(HttpStatusCode.BadRequest);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(2, (int)error["row"]!);
        Assert.Contains("更正应以新的冲红支付（负数金额）录入", (string)error["message"]!, StringComparison.Ordinal);
        Assert.Equal(count + 1, await CountAsync(app));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ConcurrentDuplicateUploads_GiveOneBatch(DbProvider provider)
    {
        var app = fixture.For(provider);
        var file = await CsvAsync(app, 200);
        var before = await CountAsync(app);
        var responses = await Task.WhenAll(ImportFileAsync(app, Importer, file, "c.csv"), ImportFileAsync(app, Importer, file, "c.csv"));
        var bodies = new List<JsonNode>();
        foreach (var r in responses)
        {
            using (r) bodies.Add(await r.AssertOkJsonAsync());
        }
        Assert.Equal((long)bodies[0]["batchId"]!, (long)bodies[1]["batchId"]!);
        Assert.Single(bodies, b => !(bool)b["alreadyImported"]!);
        Assert.Equal(before + 200, await CountAsync(app));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task JsonBatch_WithIdempotencyKeyTwice_IsOneBatch(DbProvider provider)
    {
        var app = fixture.For(provider);
        var t = await TargetAsync(app);
        var id = Ids();
        var key = Guid.NewGuid().ToString("N");
        object Batch(decimal amount) => new
        {
            payments = new object[]
            {
                new { paymentId = id + "1", date = $"{t.Year}-09-01", projectCode = t.ProjectCode, unitCode = t.UnitCode, amount, fundingSource = "111", economicClassification = "30201" },
                new Dictionary<string, object> { ["pay_cert_no"] = id + "2", ["xpay_date"] = $"{t.Year}0902", ["pro_code"] = t.ProjectCode, ["agency_code"] = t.UnitCode, ["xpay_amt"] = "(20.00)" },
            },
        };
        var first = await (await PostJsonAsync(app, Importer, Batch(120.5m), key)).AssertOkJsonAsync();
        Assert.Equal(2, (int)first["rowCount"]!);
        Assert.Equal(100.5m, (decimal)first["totalAmount"]!);
        var count = await CountAsync(app);
        // The same key again — even with a different body — is the first batch, unchanged.
        var again = await (await PostJsonAsync(app, Importer, Batch(999m), key)).AssertOkJsonAsync();
        Assert.Equal((long)first["batchId"]!, (long)again["batchId"]!);
        Assert.True((bool)again["alreadyImported"]!);
        Assert.Equal(count, await CountAsync(app));

        // A client batch id in the body works the same way.
        var batchId = "B-" + Guid.NewGuid().ToString("N");
        var body = new { batchId, payments = new[] { new { paymentId = id + "3", date = $"{t.Year}-09-03", projectCode = t.ProjectCode, unitCode = t.UnitCode, amount = 1m } } };
        var b1 = await (await PostJsonAsync(app, Importer, body, null)).AssertOkJsonAsync();
        var b2 = await (await PostJsonAsync(app, Importer, body, null)).AssertOkJsonAsync();
        Assert.Equal((long)b1["batchId"]!, (long)b2["batchId"]!);
        var batch = await app.GetJsonAsync(Importer, $"/api/v1/imports/payments/batches/{(long)b1["batchId"]!}");
        Assert.Equal("key:" + batchId, (string)batch["batchKey"]!);
        Assert.Equal("Json", (string)batch["source"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OverTheCap_Is413WithAChineseMessage(DbProvider provider)
    {
        var app = fixture.For(provider);
        var config = app.Factory.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        var old = config["Jixiao:Imports:PaymentMaxBytes"];
        config["Jixiao:Imports:PaymentMaxBytes"] = "1000";
        try
        {
            var file = Encoding.UTF8.GetBytes("支付凭证号,支付日期,项目代码,单位代码,金额\n" + string.Concat(Enumerable.Repeat("X,2026-01-01,P,U,1\n", 10_000)));
            using var response = await ImportFileAsync(app, Importer, file, "big.csv");
            var body = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
            Http.AssertChinese((string?)body["detail"]);
        }
        finally
        {
            config["Jixiao:Imports:PaymentMaxBytes"] = old;
        }
        // Without the test cap the default (200 MB) applies again.
        var t = await TargetAsync(app);
        var ok = $"支付凭证号,支付日期,项目代码,单位代码,金额\n{Ids()}1,{t.Year}-10-01,{t.ProjectCode},{t.UnitCode},1\n" + new string(' ', 0);
        await (await ImportFileAsync(app, Importer, Encoding.UTF8.GetBytes(ok), "ok.csv")).AssertOkJsonAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Scope_UnitCannotImport_CountyCannotSeeCityPayments(DbProvider provider)
    {
        var app = fixture.For(provider);
        var file = await CsvAsync(app, 1);
        using (var refused = await ImportFileAsync(app, "unit", file, "u.csv"))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using (var refused = await ImportFileAsync(app, "dept", file, "u.csv"))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // The budget section may import too.
        var body = await (await ImportFileAsync(app, "budget", file, "b.csv")).AssertOkJsonAsync();
        var batchId = (long)body["batchId"]!;
        var payment = Assert.Single(await PaymentsOfBatchAsync(app, Importer, batchId));
        var paymentId = (long)payment["id"]!;

        using (var r = await app.GetAsync("county", $"/api/v1/payments/{paymentId}")) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await app.GetAsync("county", $"/api/v1/imports/payments/batches/{batchId}")) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        var countyList = await app.GetJsonAsync("county", $"/api/v1/payments?batchId={batchId}");
        Assert.Equal(0, (int)countyList["total"]!);
        // Another unit does not see it; the project's own unit does.
        using (var r = await app.GetAsync("unit2", $"/api/v1/payments/{paymentId}")) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        await app.GetJsonAsync("unit", $"/api/v1/payments/{paymentId}");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task DemoData_HasOneBatchOfPayments_WithASpreadOfExecutionRates(DbProvider provider)
    {
        var app = fixture.For(provider);
        var batches = await app.GetJsonAsync(Importer, "/api/v1/imports/payments/batches?pageSize=1000");
        // One batch per demo year: this year's, and last year's whole year (for last year's self-evaluations).
        var demo = batches["items"]!.AsArray().Single(b => (string)b!["batchKey"]! == $"key:demo-{JixiaoFactory.Start.Year}")!;
        Assert.Contains(batches["items"]!.AsArray(), b => (string)b!["batchKey"]! == $"key:demo-{JixiaoFactory.Start.Year - 1}");
        Assert.True((int)demo["rowCount"]! > 100);
        var projects = (await app.GetJsonAsync(Importer, "/api/v1/projects?pageSize=100"))["items"]!.AsArray();
        var payments = await PaymentsOfBatchAsync(app, Importer, (long)demo["id"]!);
        var rates = projects.Where(p => payments.Any(x => (string)x["projectCode"]! == (string)p!["code"]!))
            .Select(p => payments.Where(x => (string)x["projectCode"]! == (string)p!["code"]!).Sum(x => (decimal)x["amount"]!) / (decimal)p!["totalBudget"]!)
            .ToList();
        var timeProgress = (decimal)JixiaoFactory.Start.AddHours(8).DayOfYear / (DateTime.IsLeapYear(JixiaoFactory.Start.Year) ? 366 : 365);
        Assert.Contains(rates, r => r < timeProgress * 0.6m);
        Assert.Contains(rates, r => r >= timeProgress * 0.9m && r <= timeProgress * 1.1m);
        Assert.Contains(rates, r => r > timeProgress * 1.05m);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CrashDuringTheWritePass_LeavesNothing(DbProvider provider)
    {
        var app = fixture.For(provider);
        var file = await CsvAsync(app, 5_000);
        var before = await CountAsync(app);
        var batchesBefore = (int)(await app.GetJsonAsync(Importer, "/api/v1/imports/payments/batches?pageSize=1"))["total"]!;
        using var cts = new CancellationTokenSource();
        var written = 0L;
        // The import dies after its first chunk of rows has been written inside the transaction.
        var progress = new SyncProgress(p =>
        {
            if (p.Phase != Jixiao.Core.Monitoring.ImportPhase.Writing) return;
            written = p.RowsDone;
            cts.Cancel();
        });
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Jixiao.Core.Data.JixiaoDbContext>();
            var region = await db.Regions.Where(r => r.Code == "140400000").Select(r => r.Id).SingleAsync();
            var service = new Jixiao.Core.Monitoring.PaymentImportService(db);
            using var stream = new MemoryStream(file);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.ImportFileAsync(stream, "crash.csv", region, null, progress, cts.Token));
        }
        Assert.True(written > 0, "the import should have written a chunk before it was stopped");
        Assert.Equal(before, await CountAsync(app));
        Assert.Equal(batchesBefore, (int)(await app.GetJsonAsync(Importer, "/api/v1/imports/payments/batches?pageSize=1"))["total"]!);

        // The same file afterwards imports completely.
        var body = await (await ImportFileAsync(app, Importer, file, "crash.csv")).AssertOkJsonAsync();
        Assert.False((bool)body["alreadyImported"]!);
        Assert.Equal(before + 5_000, await CountAsync(app));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task NotAWorkbook_OrAnUnknownType_IsRefusedInChinese(DbProvider provider)
    {
        var app = fixture.For(provider);
        foreach (var (bytes, name) in new[] { (Encoding.UTF8.GetBytes("pay_cert_no\n1\n"), "renamed.xlsx"), ([0x50, 0x4B, 0x03, 0x04, 0, 0], "truncated.xlsx"),
            (Encoding.UTF8.GetBytes("a"), "payments.xls"), (Encoding.UTF8.GetBytes("a"), "payments.txt") })
        {
            using var response = await ImportFileAsync(app, Importer, bytes, name);
            var body = await response.AssertOkJsonAsync(HttpStatusCode.BadRequest);
            Http.AssertChinese((string?)body["errors"]![0]!["message"]);
        }
    }

    private sealed class SyncProgress(Action<Jixiao.Core.Monitoring.ImportProgress> report) : IProgress<Jixiao.Core.Monitoring.ImportProgress>
    {
        public void Report(Jixiao.Core.Monitoring.ImportProgress value) => report(value);
    }

    // ---------------------------------------------------------------- helpers

    private static string Ids() => "T" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant() + "-";

    private static async Task<Target> TargetAsync(TestApp app)
    {
        var projects = (await app.GetJsonAsync(Importer, "/api/v1/projects?pageSize=100"))["items"]!.AsArray();
        var p = projects.First(x => (string)x!["unitName"]! == "长治市第一中学校")!;
        var orgs = await app.GetJsonAsync("sysadmin", "/api/v1/organizations?pageSize=1000");
        var codes = orgs["items"]!.AsArray().ToDictionary(o => (long)o!["id"]!, o => (string)o!["code"]!);
        var names = orgs["items"]!.AsArray().ToDictionary(o => (string)o!["name"]!, o => (long)o!["id"]!);
        return new((string)p["code"]!, codes[(long)p["unitId"]!], codes[names["长治市人民医院"]], (int)p["fiscalYear"]!);
    }

    private static async Task<byte[]> CsvAsync(TestApp app, int rows)
    {
        var t = await TargetAsync(app);
        var id = Ids();
        var sb = new StringBuilder("pay_cert_no,xpay_date,pro_code,agency_code,xpay_amt\n");
        for (var i = 1; i <= rows; i++) sb.Append($"{id}{i},{t.Year}-02-{1 + i % 28:00},{t.ProjectCode},{t.UnitCode},{i}.50\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static async Task<int> CountAsync(TestApp app) => (int)(await app.GetJsonAsync(Importer, "/api/v1/payments?pageSize=1"))["total"]!;

    private static async Task<List<JsonNode>> PaymentsOfBatchAsync(TestApp app, string user, long batchId)
    {
        var page = await app.GetJsonAsync(user, $"/api/v1/payments?batchId={batchId}&pageSize=1000");
        return page["items"]!.AsArray().Select(x => x!).ToList();
    }

    private static async Task<HttpResponseMessage> ImportFileAsync(TestApp app, string user, byte[] file, string fileName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/payments");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(user));
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(part, "file", fileName);
        request.Content = content;
        return await app.Client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostJsonAsync(TestApp app, string user, object body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/payments");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(user));
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Content = JsonContent.Create(body);
        return await app.Client.SendAsync(request);
    }
}
