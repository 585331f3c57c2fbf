using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Organizations;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Jixiao.Web.Features.Monitoring;

/// <summary>支付明细: the payments of the user's scope for the selected year, filtered and paged; and the import batches.</summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class PaymentsModel(CurrentUser me, PaymentService payments, OrganizationService orgs) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ProjectCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? BatchId { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<PaymentRow> Rows { get; private set; } = [];

    public decimal Sum { get; private set; }

    public Pager Pager { get; private set; } = new(1, 50, 0);

    public IReadOnlyList<OrganizationRow> Units { get; private set; } = [];

    public IReadOnlyList<PaymentBatchRow> Batches { get; private set; } = [];

    public int FiscalYear => me.FiscalYear;

    public bool CanImport => me.Can(Permission.ImportPayments);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var scope = await me.ScopeAsync(ct);
        Units = await orgs.OptionsAsync(scope, null, [OrganizationKind.BudgetUnit, OrganizationKind.Department], ct);
        var (p, s) = Paging.Normalize(PageNo, 50);
        var result = await payments.ListAsync(scope, Filter(), p, s, ct);
        Rows = result.Items;
        Sum = result.Sum;
        Pager = new(p, s, result.Total);
        if (CanImport) Batches = (await payments.BatchesAsync(scope, 1, 10, ct)).Items;
    }

    /// <summary>The filtered list (all pages, up to the export cap) as .xlsx, amounts in yuan.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var result = await payments.ListAsync(await me.ScopeAsync(ct), Filter(), 1, XlsxExport.MaxRows, ct);
        return XlsxExport.File<PaymentRow>($"支付明细-{FiscalYear}-{DateTime.Now:yyyyMMdd}.xlsx",
        [
            ("支付凭证号", r => r.PaymentNo),
            ("支付日期", r => r.PaymentDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("年度", r => r.FiscalYear),
            ("项目代码", r => r.ProjectCode),
            ("项目名称", r => r.ProjectName),
            ("单位代码", r => r.UnitCode),
            ("预算单位", r => r.UnitName),
            ("金额（元）", r => r.Amount),
            ("资金性质", r => r.FundingSource),
            ("经济分类", r => r.EconomicClassification),
            ("用途", r => r.Purpose),
            ("导入批次", r => r.BatchId),
            ("异常", r => r.IsException ? r.ExceptionReason ?? "是" : ""),
        ], result.Items);
    }

    public string ExportLink()
    {
        var query = QueryHelpers.ParseQuery(Request.QueryString.Value)
            .Where(kv => kv.Key is not ("p" or "handler"))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new("handler", "Export"));
        return Request.PathBase + Request.Path + new QueryBuilder(query!).ToQueryString();
    }

    private PaymentFilter Filter() => new(FiscalYear, ProjectCode, UnitId, From, To, BatchId);
}
