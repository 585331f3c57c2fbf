using Jixiao.Core.Common;

namespace Jixiao.Core.Monitoring;

/// <summary>
/// One payment (支付明细, a line of PAY_VOUCHER_BILL) imported from the budget execution system. Payments are facts
/// reported by the treasury: they are never edited; a correction is a new reversal payment with a negative amount
/// and its own id. Rows are written in bulk and audited once per <see cref="PaymentBatch"/>, not per row.
/// </summary>
[NotAuditedEntity]
public sealed class Payment : IOrganizationOwned
{
    private Payment() { }

    public Payment(long regionId, int fiscalYear, string paymentNo, DateOnly paymentDate, long projectId, long organizationId, decimal amount,
        string? fundingSource, string? economicClassification, string? purpose, long batchId)
    {
        RegionId = regionId;
        FiscalYear = fiscalYear;
        PaymentNo = paymentNo;
        PaymentDate = paymentDate;
        ProjectId = projectId;
        OrganizationId = organizationId;
        Amount = amount;
        FundingSource = fundingSource;
        EconomicClassification = economicClassification;
        Purpose = purpose;
        BatchId = batchId;
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    /// <summary>The fiscal year of the budget paid from (fiscal_year, else the year of the payment date).</summary>
    public int FiscalYear { get; private set; }

    /// <summary>支付凭证号 (pay_cert_no), unique within a region.</summary>
    public string PaymentNo { get; private set; } = "";

    /// <summary>实际支付日期 (xpay_date, else vou_date).</summary>
    public DateOnly PaymentDate { get; private set; }

    public long ProjectId { get; private set; }

    /// <summary>The unit paid for (agency_code): always the project's unit.</summary>
    public long OrganizationId { get; private set; }

    /// <summary>Yuan; negative for a reversal (冲红).</summary>
    public decimal Amount { get; private set; }

    /// <summary>资金性质 (fund_type_code), as the file gives it.</summary>
    public string? FundingSource { get; private set; }

    /// <summary>支出经济分类 (gov_bgt_eco_code / dep_bgt_eco_code / exp_eco_code).</summary>
    public string? EconomicClassification { get; private set; }

    /// <summary>用途 / 摘要.</summary>
    public string? Purpose { get; private set; }

    public long BatchId { get; private set; }

    /// <summary>An exception to watch (e.g. paid while the project's funding is suspended); set by later rules.</summary>
    public bool IsException { get; private set; }

    public string? ExceptionReason { get; private set; }

    public void MarkException(string reason)
    {
        IsException = true;
        ExceptionReason = reason.Length > 200 ? reason[..200] : reason;
    }

    /// <summary>Same payment id resent: identical when every reported fact is the same.</summary>
    public bool SameContentAs(DateOnly date, long projectId, long organizationId, decimal amount, string? fundingSource, string? economicClassification) =>
        PaymentDate == date && ProjectId == projectId && OrganizationId == organizationId && Amount == amount
        && (FundingSource ?? "") == (fundingSource ?? "") && (EconomicClassification ?? "") == (economicClassification ?? "");
}

public enum PaymentBatchSource
{
    /// <summary>An uploaded CSV or .xlsx file.</summary>
    File,
    /// <summary>A JSON batch pushed by the budget execution system.</summary>
    Json,
}

public enum PaymentBatchStatus
{
    /// <summary>Every row was valid and stored (an import with any error stores no batch at all).</summary>
    Imported,
}

/// <summary>
/// One import of payments: a file or a JSON batch, stored only when the whole import succeeded. Its key (a client
/// batch id, an Idempotency-Key, or the content's SHA-256) is unique per region, so the same batch twice is one batch.
/// </summary>
[NotAuditedEntity]
public sealed class PaymentBatch
{
    private PaymentBatch() { }

    public PaymentBatch(long regionId, PaymentBatchSource source, string batchKey, string contentHash, string? fileName,
        long? importedById, string importedByName, long? importedByOrganizationId, DateTime importedAt)
    {
        RegionId = regionId;
        Source = source;
        BatchKey = batchKey;
        ContentHash = contentHash;
        FileName = fileName is { Length: > 200 } ? fileName[..200] : fileName;
        ImportedById = importedById;
        ImportedByName = importedByName.Length > 100 ? importedByName[..100] : importedByName;
        ImportedByOrganizationId = importedByOrganizationId;
        ImportedAt = importedAt;
        Status = PaymentBatchStatus.Imported;
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    public PaymentBatchSource Source { get; private set; }

    /// <summary>"key:" + client batch id / Idempotency-Key, or "sha256:" + content hash; unique per region.</summary>
    public string BatchKey { get; private set; } = "";

    /// <summary>SHA-256 (hex) of the file or of the JSON body.</summary>
    public string ContentHash { get; private set; } = "";

    public string? FileName { get; private set; }

    /// <summary>Rows in the file or batch.</summary>
    public int RowCount { get; private set; }

    /// <summary>Rows stored by this batch (rows resent with identical content are not stored twice).</summary>
    public int NewRowCount { get; private set; }

    /// <summary>Sum of all rows' amounts, yuan.</summary>
    public decimal TotalAmount { get; private set; }

    public long? ImportedById { get; private set; }

    public string ImportedByName { get; private set; } = "";

    public long? ImportedByOrganizationId { get; private set; }

    public DateTime ImportedAt { get; private set; }

    public PaymentBatchStatus Status { get; private set; }

    public void Complete(int rowCount, int newRowCount, decimal totalAmount)
    {
        RowCount = rowCount;
        NewRowCount = newRowCount;
        TotalAmount = totalAmount;
        Status = PaymentBatchStatus.Imported;
    }
}
