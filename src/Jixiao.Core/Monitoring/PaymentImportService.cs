using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Imports;
using Jixiao.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jixiao.Core.Monitoring;

public enum ImportPhase
{
    /// <summary>Reading the file once for its SHA-256 (the same file twice is one batch).</summary>
    Hashing,
    /// <summary>Checking every row; nothing is written yet.</summary>
    Validating,
    /// <summary>Writing the rows in one transaction.</summary>
    Writing,
    Done,
}

/// <summary>How far an import has got: rows done in the current phase, and bytes of the file read.</summary>
public sealed record ImportProgress(ImportPhase Phase, long RowsDone, long BytesRead, long TotalBytes);

/// <summary>
/// The outcome of a payments import. When it succeeded, the batch (new or, for a repeated file or batch id, the
/// existing one); when it failed, the first <see cref="PaymentImportService.MaxErrors"/> errors and how many there
/// were in all — and nothing was written.
/// </summary>
public sealed record PaymentImportResult(long? BatchId, int RowCount, int NewRowCount, decimal TotalAmount, bool AlreadyImported,
    IReadOnlyList<ImportError> Errors, int ErrorCount, IReadOnlyList<string> IgnoredColumns)
{
    public bool Succeeded => ErrorCount == 0;
}

/// <summary>
/// Imports payments (支付明细) from the budget execution system: CSV (UTF-8 or GB18030), .xlsx, or a JSON batch.
/// All-or-nothing: every row is validated first (a pass that writes nothing), then every row is written in one
/// transaction in chunks, with the change tracker cleared between chunks, so a 1,000,000-row file streams through
/// in bounded memory and a crash leaves nothing. Idempotent: a batch key (client batch id, Idempotency-Key, or the
/// content's SHA-256) is unique per region; a payment id resent with the same content is skipped; resent with
/// different content it is refused.
/// </summary>
public sealed class PaymentImportService(JixiaoDbContext db)
{
    public const int MaxErrors = 200;

    private const int ChunkSize = 2_000;

    private const int ProgressEvery = 10_000;

    /// <summary>Fields and the headings accepted for each: Chinese, data-standard element names, Jixiao's English (any case).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        ["PaymentNo"] = ["支付凭证号", "pay_cert_no", "PaymentNo", "paymentId", "支付单号", "凭证号"],
        ["PaymentDate"] = ["实际支付日期", "xpay_date", "PaymentDate", "date", "支付日期"],
        ["VoucherDate"] = ["凭证日期", "vou_date", "VoucherDate"],
        ["FiscalYear"] = ["年度", "fiscal_year", "FiscalYear", "预算年度"],
        ["RegionCode"] = ["财政区划代码", "mof_div_code", "RegionCode"],
        ["ProjectCode"] = ["项目代码", "pro_code", "ProjectCode", "项目编码"],
        ["UnitCode"] = ["单位代码", "agency_code", "UnitCode", "预算单位代码"],
        ["Amount"] = ["实际支付金额", "xpay_amt", "Amount", "金额"],
        ["VoucherAmount"] = ["支付金额", "pay_amt", "VoucherAmount"],
        ["FundingSource"] = ["资金性质", "fund_type_code", "FundingSource", "资金来源"],
        ["EconomicClassification"] = ["政府预算支出经济分类", "gov_bgt_eco_code", "部门预算支出经济分类", "dep_bgt_eco_code", "exp_eco_code",
            "支出经济分类", "经济分类", "EconomicClassification"],
        ["Purpose"] = ["用途", "use_des", "摘要", "abstract", "Purpose"],
    };

    private static string Label(string field) => Columns[field][0];

    /// <summary>The field a heading names (any letter case), or null.</summary>
    public static string? FieldOf(string heading)
    {
        var h = heading.Trim().TrimStart('\uFEFF');
        return Columns.FirstOrDefault(kv => kv.Value.Any(a => string.Equals(a, h, StringComparison.OrdinalIgnoreCase))).Key;
    }

    private sealed record SourceRow(int Number, string[] Cells);

    private sealed record Parsed(int Row, string PaymentNo, DateOnly Date, int FiscalYear, long ProjectId, long OrganizationId, decimal Amount,
        string? FundingSource, string? Economic, string? Purpose);

    private sealed record Lookups(string RegionCode, Dictionary<(string Code, int Year), (long Id, long OrganizationId, string UnitCode)> Projects,
        Dictionary<string, long> Units);

    // ---------------------------------------------------------------- entry points

    /// <summary>
    /// Imports a CSV or .xlsx file into <paramref name="regionId"/> (the importer's region). The stream is read
    /// several times (hash, validate, write); a forward-only stream is first copied to a temporary file.
    /// </summary>
    public async Task<PaymentImportResult> ImportFileAsync(Stream file, string fileName, long regionId, string? idempotencyKey,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (!file.CanSeek)
        {
            var temp = TempFiles.NewPath("payments", ".tmp");
            await using var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await file.CopyToAsync(copy, ct);
            copy.Position = 0;
            return await ImportFileAsync(copy, fileName, regionId, idempotencyKey, progress, ct);
        }
        var ext = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (ext is not (".xlsx" or ".csv"))
            return Failed(new(0, null, ext == ".xls"
                ? "不支持旧版 Excel（.xls）文件，请在 Excel 中“另存为 Excel 工作簿（.xlsx）”后再导入。"
                : "只接受 Excel 工作簿（.xlsx）或 CSV 文件。"));
        var total = file.Length;
        if (total == 0) return Failed(new(0, null, "文件为空。"));
        var head = new byte[4];
        file.Position = 0;
        var n = await file.ReadAtLeastAsync(head, 4, false, ct);
        var isZip = XlsxTable.HasZipSignature(head.AsSpan(0, n));
        if (ext == ".csv" && isZip)
            return Failed(new(0, null, "文件内容是 Excel 工作簿，不是 CSV：请把扩展名改为 .xlsx，或在 Excel 中“另存为 CSV”。"));

        // The hash first: the same file twice returns the first batch without reading it again.
        file.Position = 0;
        var hash = await HashAsync(file, total, progress, ct);
        var key = string.IsNullOrWhiteSpace(idempotencyKey) ? "sha256:" + hash : "key:" + idempotencyKey.Trim();
        if (await ExistingAsync(regionId, key, hash, ct) is { } existing) return existing;

        Func<CancellationToken, IAsyncEnumerable<SourceRow>> rows;
        if (ext == ".xlsx")
        {
            List<XlsxRow> table;
            try
            {
                file.Position = 0;
                table = XlsxTable.Read(file);
            }
            catch (XlsxFormatException e)
            {
                return Failed(new(0, null, e.Message));
            }
            if (XlsxTable.FormulaErrors(table) is { Count: > 0 } formulas) return Failed(formulas.Take(MaxErrors).ToList(), formulas.Count, []);
            rows = _ => ListRows(table.Select(r => new SourceRow(r.Number, r.Cells.Select(c => c.Text).ToArray())));
        }
        else
        {
            rows = c => CsvRows(file, c);
        }
        return await ImportAsync(rows, () => file.CanSeek ? file.Position : 0, total, regionId, PaymentBatchSource.File, key, hash, fileName, progress, ct);
    }

    /// <summary>
    /// Imports a JSON batch: each payment an object of field → value (the same names the file headers accept).
    /// The batch key is the client batch id, else the Idempotency-Key, else the SHA-256 of the content.
    /// </summary>
    public async Task<PaymentImportResult> ImportBatchAsync(IReadOnlyList<IReadOnlyDictionary<string, string?>> payments, string? clientBatchId,
        long regionId, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (clientBatchId is { Length: > 150 }) return Failed(new(0, "batchId", "批次号不超过150个字符。"));
        // Each object may name its fields differently (paymentId or pay_cert_no): map every key to its field first.
        var fields = Columns.Keys.ToList();
        var ignored = new SortedSet<string>(StringComparer.Ordinal);
        var normalized = new List<string[]>(payments.Count);
        var canonical = new StringBuilder();
        foreach (var p in payments)
        {
            var cells = new string[fields.Count];
            foreach (var (k, v) in p)
            {
                var field = FieldOf(k);
                if (field is null)
                {
                    ignored.Add(k);
                    continue;
                }
                var i = fields.IndexOf(field);
                if (string.IsNullOrEmpty(cells[i])) cells[i] = v ?? "";
            }
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] ??= "";
                canonical.Append(cells[i]).Append('\u001f');
            }
            canonical.Append('\n');
            normalized.Add(cells);
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        var key = string.IsNullOrWhiteSpace(clientBatchId) ? "sha256:" + hash : "key:" + clientBatchId.Trim();
        if (await ExistingAsync(regionId, key, string.IsNullOrWhiteSpace(clientBatchId) ? hash : null, ct) is { } existing) return existing;
        if (payments.Count == 0) return Failed(new(0, null, "批次中没有支付明细。"));
        var list = new List<SourceRow>(normalized.Count + 1) { new(0, [.. fields]) };
        var n = 0;
        foreach (var cells in normalized) list.Add(new(++n, cells));
        var result = await ImportAsync(_ => ListRows(list), () => 0, 0, regionId, PaymentBatchSource.Json, key, hash, null, progress, ct);
        return result with { IgnoredColumns = [.. ignored] };
    }

    // ---------------------------------------------------------------- the two passes

    private async Task<PaymentImportResult> ImportAsync(Func<CancellationToken, IAsyncEnumerable<SourceRow>> source, Func<long> position, long totalBytes,
        long regionId, PaymentBatchSource kind, string key, string hash, string? fileName, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var lookups = await LookupsAsync(regionId, ct);
        var errors = new List<ImportError>();
        var errorCount = 0;
        void Error(int row, string? column, string message)
        {
            errorCount++;
            if (errors.Count < MaxErrors) errors.Add(new(row, column, message));
        }

        // Pass 1: validate every row; write nothing.
        HeaderMap? map = null;
        List<string> ignored = [];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new List<Parsed>(ChunkSize);
        var rowCount = 0;
        var newRows = 0;
        var total = 0m;
        var headerTries = 0;
        await foreach (var row in source(ct))
        {
            if (map is null)
            {
                var candidate = new HeaderMap(row.Cells, Columns);
                if (!candidate.Has("PaymentNo"))
                {
                    if (++headerTries >= 10) break;
                    continue;
                }
                map = candidate;
                ignored = map.Ignored.Where(h => h.Length > 0).ToList();
                foreach (var (field, alt) in new[] { ("PaymentDate", "VoucherDate"), ("ProjectCode", null), ("UnitCode", null), ("Amount", "VoucherAmount") })
                {
                    if (!map.Has(field) && (alt is null || !map.Has(alt)))
                        Error(row.Number, Label(field), $"缺少必需的列：{Label(field)}（或 {Columns[field][1]}）。");
                }
                if (errorCount > 0) return Failed(errors, errorCount, ignored);
                continue;
            }
            if (row.Cells.All(c => string.IsNullOrWhiteSpace(c))) continue;
            rowCount++;
            if (Parse(row, map, lookups, Error) is { } p)
            {
                if (seen.TryGetValue(p.PaymentNo, out var first))
                    Error(row.Number, Label("PaymentNo"), $"支付凭证号“{p.PaymentNo}”在文件中重复（第 {first} 行已有）。");
                else
                {
                    seen[p.PaymentNo] = row.Number;
                    total += p.Amount;
                    pending.Add(p);
                }
            }
            if (pending.Count >= ChunkSize)
            {
                newRows += await CheckExistingAsync(regionId, pending, lookups, Error, ct);
                pending.Clear();
            }
            if (rowCount % ProgressEvery == 0) progress?.Report(new(ImportPhase.Validating, rowCount, position(), totalBytes));
        }
        if (map is null)
            return Failed(new(0, Label("PaymentNo"), rowCount == 0 && headerTries == 0 ? "文件为空。" : "缺少必需的列：支付凭证号（或 pay_cert_no）。请检查表头。"));
        if (pending.Count > 0) newRows += await CheckExistingAsync(regionId, pending, lookups, Error, ct);
        pending.Clear();
        if (rowCount == 0) Error(0, null, "文件中没有支付明细。");
        if (errorCount > 0) return Failed(errors, errorCount, ignored);
        seen = null;
        progress?.Report(new(ImportPhase.Validating, rowCount, totalBytes, totalBytes));

        // Pass 2: one transaction for the batch, every row, and the audit event.
        var actor = db.Actor;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Someone may have stored the same batch while this one was being validated.
        if (await ExistingAsync(regionId, key, kind == PaymentBatchSource.File || key.StartsWith("sha256:", StringComparison.Ordinal) ? hash : null, ct) is { } raced)
            return raced;
        var batch = new PaymentBatch(regionId, kind, key, hash, fileName, actor.UserId, actor.Name, actor.OrganizationId, db.Now);
        batch.Complete(rowCount, newRows, total);
        db.PaymentBatches.Add(batch);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // The unique (region, key) index caught a concurrent import of the same batch: answer with that one.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return await ExistingAsync(regionId, key, null, ct) ?? throw new InvalidOperationException("payment batch could not be stored", e);
        }
        var batchId = batch.Id;
        db.ChangeTracker.Clear();
        // SQLite's default page cache (2 MB) thrashes on the random index inserts of a large batch; 64 MB for this connection while it writes.
        if (!db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-65536", ct);

        var inserted = 0;
        var done = 0;
        var fresh = new List<Parsed>(ChunkSize);
        await using var inserter = new PaymentInserter(db, regionId);
        async Task FlushAsync()
        {
            // When validation found none of the ids stored, the unique index guards the rare concurrent writer instead of a query.
            var existing = new Dictionary<string, Payment>();
            if (newRows < rowCount)
            {
                var nos = pending.Select(p => p.PaymentNo).ToList();
                existing = await db.Payments.AsNoTracking().Where(x => x.RegionId == regionId && nos.Contains(x.PaymentNo))
                    .ToDictionaryAsync(x => x.PaymentNo, ct);
            }
            foreach (var p in pending)
            {
                if (existing.TryGetValue(p.PaymentNo, out var e))
                {
                    if (!e.SameContentAs(p.Date, p.ProjectId, p.OrganizationId, p.Amount, p.FundingSource, p.Economic))
                        throw new DomainException($"支付凭证号“{p.PaymentNo}”刚被其他导入写入且内容不同，本次导入未写入任何数据。");
                    continue;
                }
                fresh.Add(p);
            }
            try
            {
                await inserter.InsertAsync(fresh, batchId, ct);
            }
            catch (System.Data.Common.DbException e) when (e.GetType().Name is "SqliteException" or "PostgresException" && IsUniqueViolation(e))
            {
                throw new DomainException("本文件中的部分支付凭证号刚被另一次导入写入，本次导入未写入任何数据。请重新导入（相同内容的支付将被跳过）。");
            }
            inserted += fresh.Count;
            fresh.Clear();
            done += pending.Count;
            pending.Clear();
            progress?.Report(new(ImportPhase.Writing, done, position(), totalBytes));
        }
        var headerSeen = false;
        await foreach (var row in source(ct))
        {
            if (!headerSeen)
            {
                headerSeen = new HeaderMap(row.Cells, Columns).Has("PaymentNo");
                continue;
            }
            if (row.Cells.All(c => string.IsNullOrWhiteSpace(c))) continue;
            var p = Parse(row, map, lookups, (r, c, m) => throw new InvalidOperationException($"row {r} changed between passes: {m}"))!;
            pending.Add(p);
            if (pending.Count >= ChunkSize) await FlushAsync();
        }
        if (pending.Count > 0) await FlushAsync();
        if (inserted != newRows)
            await db.PaymentBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s.SetProperty(b => b.NewRowCount, inserted), ct);
        // Payments of a project whose funding was suspended, stopped or cancelled are exceptions (Art. 22).
        var blocked = await db.FinanceActions.Where(a => db.Payments.Any(x => x.BatchId == batchId && x.ProjectId == a.ProjectId))
            .Select(a => a.ProjectId).Distinct().ToListAsync(ct);
        if (blocked.Count > 0) await FundingChecks.FlagPaymentsAsync(db, blocked, ct);
        db.Audit("payments.import", nameof(PaymentBatch), batchId.ToString(CultureInfo.InvariantCulture), new
        {
            regionId,
            source = kind.ToString(),
            fileName,
            rowCount,
            newRowCount = inserted,
            totalAmount = total,
            sha256 = hash,
            batchKey = key,
        });
        await db.SaveChangesAsync(ct);
        if (!db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-2000", ct);
        await tx.CommitAsync(ct);
        progress?.Report(new(ImportPhase.Done, rowCount, totalBytes, totalBytes));
        return new(batchId, rowCount, inserted, total, false, [], 0, ignored);
    }

    /// <summary>Counts the rows not stored yet; a stored payment id with different content is an error.</summary>
    private async Task<int> CheckExistingAsync(long regionId, List<Parsed> chunk, Lookups lookups, Action<int, string?, string> error, CancellationToken ct)
    {
        var nos = chunk.Select(p => p.PaymentNo).ToList();
        var existing = await db.Payments.AsNoTracking().Where(x => x.RegionId == regionId && nos.Contains(x.PaymentNo))
            .ToDictionaryAsync(x => x.PaymentNo, ct);
        var fresh = 0;
        foreach (var p in chunk)
        {
            if (!existing.TryGetValue(p.PaymentNo, out var e))
            {
                fresh++;
                continue;
            }
            if (!e.SameContentAs(p.Date, p.ProjectId, p.OrganizationId, p.Amount, p.FundingSource, p.Economic))
                error(p.Row, Label("PaymentNo"), $"支付凭证号“{p.PaymentNo}”已导入（{e.PaymentDate:yyyy-MM-dd}，{e.Amount.ToString("N2", CultureInfo.InvariantCulture)} 元），"
                    + "本次内容不同，不能修改已导入的支付。更正应以新的冲红支付（负数金额）录入。");
        }
        return fresh;
    }

    // ---------------------------------------------------------------- one row

    private static Parsed? Parse(SourceRow row, HeaderMap map, Lookups lookups, Action<int, string?, string> error)
    {
        var r = row.Number;
        string? Get(string field) => map.Get(row.Cells, field);
        var ok = true;
        void Fail(string field, string message)
        {
            ok = false;
            error(r, Label(field), message);
        }

        var no = Get("PaymentNo");
        if (no is null) Fail("PaymentNo", "支付凭证号不能为空。");
        else if (no.Length > 60 || no.Any(char.IsControl)) Fail("PaymentNo", $"支付凭证号“{Short(no)}”无效：不超过60个字符。");

        var dateText = Get("PaymentDate") ?? Get("VoucherDate");
        var dateField = Get("PaymentDate") is null ? "VoucherDate" : "PaymentDate";
        DateOnly date = default;
        if (dateText is null) Fail("PaymentDate", "支付日期不能为空。");
        else if (ParseDate(dateText) is { } d) date = d;
        else Fail(dateField, $"日期“{Short(dateText)}”无法识别：应为 2026-03-05、2026/3/5 或 20260305 这样的日期。");

        var year = date == default ? 0 : date.Year;
        if (Get("FiscalYear") is { } fy)
        {
            if (int.TryParse(fy, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100) year = y;
            else Fail("FiscalYear", $"年度“{Short(fy)}”无效：应为四位年份。");
        }
        if (Get("RegionCode") is { } rc && rc != lookups.RegionCode)
            Fail("RegionCode", $"财政区划代码“{Short(rc)}”不是本区划（{lookups.RegionCode}）：只能导入本区划的支付。");

        var amountText = Get("Amount") ?? Get("VoucherAmount");
        var amountField = Get("Amount") is null ? "VoucherAmount" : "Amount";
        decimal amount = 0;
        if (amountText is null) Fail("Amount", "金额不能为空。");
        else if (ParseAmount(amountText) is { } a) amount = a;
        else Fail(amountField, $"金额“{Short(amountText)}”无法识别：应为以元为单位、最多两位小数的金额，如 1,234.50；冲红为负数，如 -100.00 或 (100.00)。");

        var projectCode = Get("ProjectCode");
        var unitCode = Get("UnitCode");
        (long Id, long OrganizationId, string UnitCode) project = default;
        long unitId = 0;
        if (projectCode is null) Fail("ProjectCode", "项目代码不能为空。");
        else if (year != 0 && !lookups.Projects.TryGetValue((projectCode, year), out project))
            Fail("ProjectCode", $"项目代码“{Short(projectCode)}”在本区划 {year} 年度的项目中不存在。");
        if (unitCode is null) Fail("UnitCode", "单位代码不能为空。");
        else if (!lookups.Units.TryGetValue(unitCode, out unitId)) Fail("UnitCode", $"单位代码“{Short(unitCode)}”在本区划的预算单位中不存在。");
        else if (project.Id != 0 && project.OrganizationId != unitId)
            Fail("UnitCode", $"单位代码“{Short(unitCode)}”不是项目“{projectCode}”的预算单位（应为 {project.UnitCode}）。");

        var fund = Get("FundingSource");
        if (fund is { Length: > 20 }) Fail("FundingSource", "资金性质代码不超过20个字符。");
        var eco = Get("EconomicClassification");
        if (eco is { Length: > 20 }) Fail("EconomicClassification", "经济分类代码不超过20个字符。");
        var purpose = Get("Purpose");
        if (purpose is { Length: > 200 }) purpose = purpose[..200];
        return ok ? new Parsed(r, no!, date, year, project.Id, unitId, amount, fund, eco, purpose) : null;
    }

    /// <summary>SQLite error 19 (SQLITE_CONSTRAINT) or PostgreSQL 23505 (unique_violation).</summary>
    private static bool IsUniqueViolation(System.Data.Common.DbException e) =>
        e.SqlState == "23505" || (e.GetType().Name == "SqliteException" && e.ErrorCode == 19) || e.Message.Contains("UNIQUE constraint", StringComparison.Ordinal);

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static readonly string[] DateFormats =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-M-d H:m:s", "yyyy/M/d H:m:s", "yyyy-M-dTH:m:s", "yyyyMMddHHmmssfff",
        "yyyyMMddHHmmss", "yyyy-M-d H:m", "yyyy/M/d H:m",
    ];

    /// <summary>2026-03-05, 2026/3/5, 20260305, 2026年3月5日, 17-digit yyyyMMddHHmmssSSS, with a time, or an Excel date serial.</summary>
    public static DateOnly? ParseDate(string text)
    {
        text = text.Trim();
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dt))
            return dt.Year is >= 2000 and <= 2100 ? DateOnly.FromDateTime(dt) : null;
        // An .xlsx date cell holds its serial number (days since 1899-12-30).
        if (text.Length is >= 5 and <= 12 && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial)
            && serial is >= 36526 and < 73051)
            return DateOnly.FromDateTime(DateTime.FromOADate((double)decimal.Truncate(serial)));
        return null;
    }

    /// <summary>1,234.50 → 1234.50; (100.00) and -100.00 → -100.00; ¥ and spaces allowed; at most 2 decimals.</summary>
    public static decimal? ParseAmount(string text)
    {
        var s = text.Trim().Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)
            .Replace("¥", "", StringComparison.Ordinal).Replace("￥", "", StringComparison.Ordinal).Replace("元", "", StringComparison.Ordinal);
        var negative = false;
        if ((s.StartsWith('(') && s.EndsWith(')')) || (s.StartsWith('（') && s.EndsWith('）')))
        {
            negative = true;
            s = s[1..^1];
        }
        if (s.Length is 0 or > 30) return null;
        if (!decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)) return null;
        if (negative)
        {
            if (v < 0) return null;
            v = -v;
        }
        if (decimal.Round(v, 2) != v || Math.Abs(v) >= 1_000_000_000_000m || v == 0m) return null;
        return v;
    }

    // ---------------------------------------------------------------- helpers

    private async Task<Lookups> LookupsAsync(long regionId, CancellationToken ct)
    {
        var regionCode = await db.Regions.AsNoTracking().Where(r => r.Id == regionId).Select(r => r.Code).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("行政区划");
        var units = await db.Organizations.AsNoTracking()
            .Where(o => o.RegionId == regionId && (o.Kind == OrganizationKind.BudgetUnit || o.Kind == OrganizationKind.Department))
            .Select(o => new { o.Code, o.Id }).ToListAsync(ct);
        var unitById = units.ToDictionary(u => u.Id, u => u.Code);
        var projects = await db.Projects.AsNoTracking().Where(p => p.RegionId == regionId)
            .Select(p => new { p.Code, p.FiscalYear, p.Id, p.OrganizationId }).ToListAsync(ct);
        return new(regionCode,
            projects.ToDictionary(p => (p.Code, p.FiscalYear), p => (p.Id, p.OrganizationId, unitById.GetValueOrDefault(p.OrganizationId, ""))),
            units.GroupBy(u => u.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The stored batch with this key (or, for content keys, this content), as a no-op result.</summary>
    private async Task<PaymentImportResult?> ExistingAsync(long regionId, string key, string? hash, CancellationToken ct)
    {
        var b = await db.PaymentBatches.AsNoTracking().Where(x => x.RegionId == regionId && x.BatchKey == key).FirstOrDefaultAsync(ct);
        if (b is null && hash is not null)
            b = await db.PaymentBatches.AsNoTracking().Where(x => x.RegionId == regionId && x.ContentHash == hash)
                .OrderBy(x => x.Id).FirstOrDefaultAsync(ct);
        return b is null ? null : new PaymentImportResult(b.Id, b.RowCount, 0, b.TotalAmount, true, [], 0, []);
    }

    private static async Task<string> HashAsync(Stream file, long total, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int n;
        long read = 0, reported = 0;
        while ((n = await file.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, n);
            read += n;
            if (read - reported >= 8 << 20)
            {
                reported = read;
                progress?.Report(new(ImportPhase.Hashing, 0, read, total));
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async IAsyncEnumerable<SourceRow> CsvRows(Stream file, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        file.Position = 0;
        var number = 0;
        await foreach (var cells in CsvTable.ReadAsync(file, ct))
            yield return new(++number, cells);
    }

#pragma warning disable CS1998 // a list as an async sequence
    private static async IAsyncEnumerable<SourceRow> ListRows(IEnumerable<SourceRow> rows)
    {
        foreach (var r in rows) yield return r;
    }
#pragma warning restore CS1998

    private static PaymentImportResult Failed(ImportError error) => Failed([error], 1, []);

    private static PaymentImportResult Failed(IReadOnlyList<ImportError> errors, int count, IReadOnlyList<string> ignored) =>
        new(null, 0, 0, 0m, false, errors, count, ignored);

    /// <summary>
    /// Writes payment rows with multi-row INSERT statements on the context's connection and transaction: EF's change
    /// tracker costs more than the database for a million rows. Column names come from the EF model, values are bound
    /// as parameters, and the statement is prepared once and reused (SQLite and PostgreSQL alike).
    /// </summary>
    private sealed class PaymentInserter(JixiaoDbContext db, long regionId) : IAsyncDisposable
    {
        private const int RowsPerStatement = 100;

        private static readonly string[] Properties =
        [
            nameof(Payment.RegionId), nameof(Payment.FiscalYear), nameof(Payment.PaymentNo), nameof(Payment.PaymentDate), nameof(Payment.ProjectId),
            nameof(Payment.OrganizationId), nameof(Payment.Amount), nameof(Payment.FundingSource), nameof(Payment.EconomicClassification),
            nameof(Payment.Purpose), nameof(Payment.BatchId), nameof(Payment.IsException),
        ];

        private readonly Dictionary<int, System.Data.Common.DbCommand> _commands = [];

        public async Task InsertAsync(List<Parsed> rows, long batchId, CancellationToken ct)
        {
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                var count = Math.Min(RowsPerStatement, rows.Count - start);
                var cmd = Command(count);
                var i = 0;
                for (var r = start; r < start + count; r++)
                {
                    var p = rows[r];
                    object?[] values = [regionId, p.FiscalYear, p.PaymentNo, p.Date, p.ProjectId, p.OrganizationId, p.Amount, p.FundingSource, p.Economic,
                        p.Purpose, batchId, false];
                    foreach (var v in values) cmd.Parameters[i++].Value = v ?? DBNull.Value;
                }
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }

        private System.Data.Common.DbCommand Command(int rows)
        {
            if (_commands.TryGetValue(rows, out var cached)) return cached;
            var entity = db.Model.FindEntityType(typeof(Payment))!;
            var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = Properties.Select(n => Quote(entity.FindProperty(n)!.GetColumnName(table)!)).ToList();
            var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var sql = new StringBuilder($"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns)}) VALUES ");
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < Properties.Length; c++)
                {
                    var name = $"@p{r}_{c}";
                    sql.Append(c == 0 ? name : ", " + name);
                    var parameter = cmd.CreateParameter();
                    parameter.ParameterName = name;
                    cmd.Parameters.Add(parameter);
                }
                sql.Append(')');
            }
            cmd.CommandText = sql.ToString();
            _commands[rows] = cmd;
            return cmd;
        }

        private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        public async ValueTask DisposeAsync()
        {
            foreach (var c in _commands.Values) await c.DisposeAsync();
        }
    }
}
