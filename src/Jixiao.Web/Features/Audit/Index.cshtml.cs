using Jixiao.Core.Audit;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Security;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Features.Audit;

/// <summary>审计管理员 reads, verifies and exports the audit log (the queries are <see cref="AuditQueries"/>, shared with the API).</summary>
[Authorize(Policy = nameof(Permission.ReadAuditLog))]
public sealed class IndexModel(CurrentUser me, JixiaoDbContext db, KeyRing keys) : PageModel
{
    /// <summary>First day shown (local date, inclusive).</summary>
    [BindProperty(SupportsGet = true)]
    public DateTime? From { get; set; }

    /// <summary>Last day shown (local date, inclusive).</summary>
    [BindProperty(SupportsGet = true)]
    public DateTime? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ActionPrefix { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? TargetType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? TargetId { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<AuditRecordDto> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 50, 0);

    public AuditVerification? Verification { get; private set; }

    private AuditFilter Filter => new(Display.LocalToUtc(From?.Date), Display.LocalToUtc(To?.Date.AddDays(1)), UserName, ActionPrefix, TargetType, TargetId);

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Walks the whole hash chain (a read, but a deliberate action: POST, so no prefetch or crawler runs it).</summary>
    public async Task<IActionResult> OnPostVerifyAsync()
    {
        if (!me.Can(Permission.ReadAuditLog)) return Forbid();
        Verification = await AuditVerifier.VerifyAsync(db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable(), keys.AuditChainKey, HttpContext.RequestAborted);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = await db.AuditRecords.AsNoTracking().Filter(Filter).OrderByDescending(r => r.Sequence).Take(XlsxExport.MaxRows).ToDto().ToListAsync(HttpContext.RequestAborted);
        return XlsxExport.File<AuditRecordDto>($"审计日志-{DateTime.Now:yyyyMMddHHmm}.xlsx",
        [
            ("序号", r => r.Sequence),
            ("时间", r => Display.Time(r.OccurredAt)),
            ("用户", r => r.UserName),
            ("角色", r => RoleNames(r.Role)),
            ("组织ID", r => r.OrganizationId),
            ("IP地址", r => r.ClientAddress),
            ("操作", r => r.Action),
            ("对象类型", r => r.TargetType),
            ("对象ID", r => r.TargetId),
            ("内容摘要", r => r.Summary),
            ("哈希", r => r.Hash),
        ], rows);
    }

    /// <summary>The stored role list ("PerformanceSection,SystemAdmin") in Chinese.</summary>
    public static string RoleNames(string? roles) => string.IsNullOrEmpty(roles) ? "" :
        string.Join("、", roles.Split(',').Select(r => Enum.TryParse<Role>(r, out var role) ? role.ChineseName() : r));

    private async Task LoadAsync()
    {
        var (p, s) = Paging.Normalize(PageNo, 50);
        var q = db.AuditRecords.AsNoTracking().Filter(Filter);
        var total = await q.CountAsync(HttpContext.RequestAborted);
        Rows = await q.OrderByDescending(r => r.Sequence).Skip((p - 1) * s).Take(s).ToDto().ToListAsync(HttpContext.RequestAborted);
        Pager = new(p, s, total);
    }
}
