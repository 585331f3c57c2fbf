using System.Text.Json;
using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Imports;
using Jixiao.Core.Monitoring;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Monitoring;

public sealed record PaymentImportResponse(long BatchId, int RowCount, int NewRowCount, decimal TotalAmount, bool AlreadyImported,
    IReadOnlyList<ImportError> Errors, IReadOnlyList<string> IgnoredColumns);

public sealed record PaymentImportErrors(string Title, string Detail, int Status, IReadOnlyList<ImportError> Errors, int ErrorCount, IReadOnlyList<string> IgnoredColumns);

/// <summary>支付明细: the import (file or JSON batch), the payment list and the import batches.</summary>
public static class PaymentsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports/payments").WithTags("支付明细").RequireAuthorization(nameof(Permission.ImportPayments));
        imports.MapPost("", ImportAsync)
            .DisableAntiforgery() // bearer-token API: no cookie, so no cross-site request to forge
            .WithSummary("导入支付明细：multipart 字段 file（.csv 或 .xlsx），或 JSON 批次 {\"batchId\":…,\"payments\":[…]}；全部成功或全部不导入；同一文件、同一批次号或 Idempotency-Key 重复提交不产生变化")
            .WithDescription("表头（或 JSON 字段名）可用中文（支付凭证号、实际支付日期、凭证日期、项目代码、单位代码、实际支付金额、支付金额、资金性质、经济分类、用途）、"
                + "数据标准名（pay_cert_no、xpay_date、vou_date、fiscal_year、mof_div_code、pro_code、agency_code、xpay_amt、pay_amt、fund_type_code、gov_bgt_eco_code、"
                + "dep_bgt_eco_code、exp_eco_code、use_des、abstract）或英文名（paymentId、date、projectCode、unitCode、amount、fundingSource、economicClassification），不区分大小写。"
                + "金额以元为单位，可写 1,234.50；冲红为负数（-100.00 或 (100.00)）。日期可写 2026-03-05、2026/3/5、20260305。"
                + "成功为 200；有任何错误为 400，errors 列出前 200 处错误（errorCount 为总数），且不写入任何数据；超过大小上限（默认 200 MB）为 413。")
            .Produces<PaymentImportResponse>()
            .Produces<PaymentImportErrors>(StatusCodes.Status400BadRequest, "application/problem+json")
            .Produces(StatusCodes.Status413PayloadTooLarge);
        imports.MapGet("/batches", async (int? page, int? pageSize, CurrentUser me, PaymentService payments, CancellationToken ct) =>
        {
            var (p, s) = Paging.Normalize(page, pageSize);
            return await payments.BatchesAsync(await me.ScopeAsync(ct), p, s, ct);
        }).WithSummary("支付明细导入批次（本区划及下级区划）");
        imports.MapGet("/batches/{id:long}", async (long id, CurrentUser me, PaymentService payments, CancellationToken ct) =>
            await payments.BatchAsync(id, await me.ScopeAsync(ct), ct)).WithSummary("一个导入批次（范围外为 404）");

        var list = api.MapGroup("/payments").WithTags("支付明细").RequireAuthorization(nameof(Permission.UseBusinessArea));
        list.MapGet("", async (int? year, string? projectCode, long? unitId, DateOnly? from, DateOnly? to, long? batchId, int? page, int? pageSize,
            CurrentUser me, PaymentService payments, CancellationToken ct) =>
        {
            var (p, s) = Paging.Normalize(page, pageSize);
            var r = await payments.ListAsync(await me.ScopeAsync(ct), new(year, projectCode, unitId, from, to, batchId), p, s, ct);
            return new Page<PaymentRow>(r.Items, r.Total);
        }).WithSummary("支付明细（调用者范围内的单位；按年度、项目代码、单位、日期区间、批次筛选）");
        list.MapGet("/{id:long}", async (long id, CurrentUser me, PaymentService payments, CancellationToken ct) =>
            await payments.LoadAsync(id, await me.ScopeAsync(ct), ct)).WithSummary("一笔支付（范围外为 404）");
    }

    private static async Task<IResult> ImportAsync(HttpContext http, CurrentUser me, PaymentImportService service, IConfiguration config, CancellationToken ct)
    {
        var max = PaymentUpload.MaxBytes(config);
        if (!PaymentUpload.Raise(http, max)) return TooLarge(max);
        var region = (await me.ScopeAsync(ct)).HomeRegionId;
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 150) return Rejected(new(null, 0, 0, 0, false, [new(0, "Idempotency-Key", "Idempotency-Key 不超过150个字符。")], 1, []));
        PaymentImportResult result;
        if (http.Request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(PaymentUpload.FormOptions(max), ct);
            }
            catch (InvalidDataException)
            {
                return TooLarge(max);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge(max);
            }
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (file is null || file.Length == 0)
                return Rejected(new(null, 0, 0, 0, false, [new(0, "file", "请在 multipart 字段 file 中提交 .csv 或 .xlsx 文件。")], 1, []));
            if (file.Length > max) return TooLarge(max);
            await using var stream = file.OpenReadStream();
            result = await service.ImportFileAsync(stream, file.FileName, region, key.Length > 0 ? key : null, null, ct);
        }
        else
        {
            JsonDocument doc;
            try
            {
                doc = await JsonDocument.ParseAsync(new LimitedStream(http.Request.Body, max), default, ct);
            }
            catch (JsonException)
            {
                return Rejected(new(null, 0, 0, 0, false, [new(0, null, "请求内容不是有效的 JSON：应为 {\"batchId\":\"…\",\"payments\":[{…}]}。")], 1, []));
            }
            catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or LimitedStream.TooLargeException)
            {
                return TooLarge(max);
            }
            using (doc)
            {
                var root = doc.RootElement;
                string? batchId = null;
                JsonElement items;
                if (root.ValueKind == JsonValueKind.Array) items = root;
                else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("payments", out items) && items.ValueKind == JsonValueKind.Array)
                {
                    if (root.TryGetProperty("batchId", out var b) && b.ValueKind is JsonValueKind.String or JsonValueKind.Number) batchId = Text(b);
                }
                else
                    return Rejected(new(null, 0, 0, 0, false, [new(0, "payments", "JSON 中缺少 payments 数组：应为 {\"batchId\":\"…\",\"payments\":[{…}]}。")], 1, []));
                var rows = new List<IReadOnlyDictionary<string, string?>>();
                foreach (var item in items.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                        return Rejected(new(null, 0, 0, 0, false, [new(rows.Count + 1, null, "payments 的每一项应为一个对象。")], 1, []));
                    rows.Add(item.EnumerateObject().GroupBy(p => p.Name).ToDictionary(g => g.Key, g => Text(g.First().Value)));
                }
                result = await service.ImportBatchAsync(rows, string.IsNullOrWhiteSpace(batchId) ? (key.Length > 0 ? key : null) : batchId, region, null, ct);
            }
        }
        return result.Succeeded
            ? Results.Ok(new PaymentImportResponse(result.BatchId!.Value, result.RowCount, result.NewRowCount, result.TotalAmount, result.AlreadyImported, [], result.IgnoredColumns))
            : Rejected(result);
    }

    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => e.GetRawText(),
    };

    private static IResult TooLarge(long max) =>
        Results.Json(new { type = "about:blank", title = "文件过大", status = 413, detail = PaymentUpload.TooLargeMessage(max) },
            statusCode: StatusCodes.Status413PayloadTooLarge, contentType: "application/problem+json");

    private static IResult Rejected(PaymentImportResult r) =>
        Results.Json(new PaymentImportErrors("导入失败",
                r.ErrorCount > r.Errors.Count
                    ? $"共有 {r.ErrorCount} 处错误（列出前 {r.Errors.Count} 处），未导入任何数据。请修改后重新导入。"
                    : $"共有 {r.ErrorCount} 处错误，未导入任何数据。请修改后重新导入。",
                400, r.Errors, r.ErrorCount, r.IgnoredColumns),
            statusCode: StatusCodes.Status400BadRequest, contentType: "application/problem+json");
}

/// <summary>A read-only view of a stream that refuses to read past a number of bytes (a chunked body has no length to check).</summary>
internal sealed class LimitedStream(Stream inner, long max) : Stream
{
    private long _read;

    public sealed class TooLargeException() : IOException("request body over the limit");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int n)
    {
        _read += n;
        if (_read > max) throw new TooLargeException();
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
