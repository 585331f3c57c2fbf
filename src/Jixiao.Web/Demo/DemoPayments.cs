using System.Globalization;
using System.Text;
using Jixiao.Core.Audit;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Demo;

/// <summary>
/// The year's payments of the demo projects up to today, as the treasury system would export them (a CSV with the
/// data-standard headers), imported as one batch through <see cref="PaymentImportService"/> by the performance section.
/// Execution rates are spread on purpose: a third well below time progress, a third on track, a third ahead.
/// </summary>
internal static class DemoPayments
{
    /// <summary>Execution rate as a share of time progress, by project (cycled): well below, on track, ahead.</summary>
    private static readonly decimal[] Profiles = [0.35m, 1.00m, 1.15m, 0.55m, 0.95m, 1.25m, 0.20m, 1.05m];

    public static async Task SeedAsync(Func<AuditActor, JixiaoDbContext> contextFor, TimeProvider time, int year, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(ChinaTime.Now(time));
        if (today.Year != year) today = new DateOnly(year, 12, 31);
        var daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
        var timeProgress = (decimal)today.DayOfYear / daysInYear;

        AuditActor actor;
        long regionId;
        string regionCode;
        List<(string Code, string UnitCode, decimal Budget)> projects;
        await using (var read = contextFor(AuditActor.System))
        {
            var perf = await read.Users.AsNoTracking().Where(u => u.UserName == "perf").Select(u => new { u.Id, u.UserName, u.DisplayName, u.OrganizationId })
                .FirstAsync(ct);
            actor = new AuditActor(perf.Id, perf.UserName, nameof(Role.PerformanceSection), perf.OrganizationId, null, perf.DisplayName);
            regionId = await read.Organizations.AsNoTracking().Where(o => o.Id == perf.OrganizationId).Select(o => o.RegionId).FirstAsync(ct);
            regionCode = await read.Regions.AsNoTracking().Where(r => r.Id == regionId).Select(r => r.Code).FirstAsync(ct);
            projects = (await read.Projects.AsNoTracking().Where(p => p.RegionId == regionId && p.FiscalYear == year && !p.IsNewMajor)
                    .Join(read.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => new { p.Id, p.Code, UnitCode = o.Code, p.TotalBudget })
                    .OrderBy(p => p.Id).ToListAsync(ct))
                .Select(p => (p.Code, p.UnitCode, p.TotalBudget)).ToList();
        }
        if (projects.Count == 0) return;

        var csv = new StringBuilder("pay_cert_no,xpay_date,fiscal_year,mof_div_code,pro_code,agency_code,xpay_amt,fund_type_code,gov_bgt_eco_code,use_des\n");
        var no = 0;
        string Line(DateOnly date, string code, string unit, decimal amount, string eco, string use) =>
            string.Create(CultureInfo.InvariantCulture, $"{regionCode}{year}{++no:000000},{date:yyyy-MM-dd},{year},{regionCode},{code},{unit},{amount:0.00},111,{eco},{use}\n");
        for (var i = 0; i < projects.Count; i++)
        {
            var (code, unit, budget) = projects[i];
            var rate = Math.Min(1m, timeProgress * Profiles[i % Profiles.Length]);
            var spent = decimal.Round(budget * rate, 2);
            // Monthly payments up to today, heavier towards the end of the year (the usual shape of Chinese budget execution).
            var months = today.Month;
            var weights = Enumerable.Range(1, months).Select(m => 1m + m / 4m).ToList();
            var sum = weights.Sum();
            var paid = 0m;
            for (var m = 1; m <= months; m++)
            {
                var amount = m == months ? spent - paid : decimal.Round(spent * weights[m - 1] / sum, 2);
                if (amount <= 0m) continue;
                var day = m == months ? Math.Min(today.Day, 1 + (i * 7 + m * 3) % 27) : 1 + (i * 7 + m * 3) % 27;
                var date = new DateOnly(year, m, day);
                var eco = (i + m) % 3 == 0 ? "30201" : (i + m) % 3 == 1 ? "31002" : "30226";
                // One payment in three months is split in two; the demo also shows a reversal (冲红) and its re-payment.
                if (m % 3 == 0 && amount > 1_000m)
                {
                    var part = decimal.Round(amount * 0.4m, 2);
                    csv.Append(Line(date, code, unit, part, eco, "按合同支付进度款"));
                    csv.Append(Line(date, code, unit, amount - part, eco, "按合同支付进度款"));
                }
                else if (m == 2 && i % 5 == 0 && amount > 1_000m)
                {
                    csv.Append(Line(date, code, unit, amount, eco, "支付货款"));
                    csv.Append(Line(date, code, unit, -amount, eco, "冲红：收款账户有误"));
                    csv.Append(Line(date.AddDays(1), code, unit, amount, eco, "重新支付货款"));
                }
                else
                {
                    csv.Append(Line(date, code, unit, amount, eco, "支付项目资金"));
                }
                paid += amount;
            }
        }

        await using var db = contextFor(actor);
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var result = await new PaymentImportService(db).ImportFileAsync(file, $"支付明细-{year}.csv", regionId, $"demo-{year}", null, ct);
        if (!result.Succeeded)
            throw new InvalidOperationException("demo payments refused: " + string.Join("; ", result.Errors.Select(e => $"{e.Row} {e.Column} {e.Message}")));
    }
}
