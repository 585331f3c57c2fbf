using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.FiscalEvaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Todos;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Demo;

/// <summary>
/// 财政运行综合绩效评价 of last year (<c>evaluatedYear</c>) for the three demo counties, through the real service by the city's performance
/// section: each county's values entered, scored (潞州区 优, 上党区 良, 襄垣县 中) and finalised, so the budget linkage list shows the results
/// beside this year's transfer payments. Skipped when the year's evaluation exists or the city has no counties.
/// </summary>
internal static class DemoFiscalEvaluations
{
    /// <summary>Plausible county figures per indicator code of the default framework (percentages, 库款保障水平 in months).</summary>
    private static readonly Dictionary<string, Dictionary<string, decimal>> Values = new()
    {
        ["140403000"] = new()
        {
            ["R1"] = 82.4m,
            ["R2"] = 101.6m,
            ["R3"] = 6.8m,
            ["E1"] = 96.3m,
            ["E2"] = 78.2m,
            ["E3"] = -2.5m,
            ["E4"] = 4.6m,
            ["D1"] = 86.1m,
            ["D2"] = 3.9m,
            ["D3"] = 92.5m,
            ["B1"] = 100m,
            ["B2"] = 0.92m,
            ["B3"] = 100m,
            ["P1"] = 100m,
            ["P2"] = 100m,
            ["P3"] = 91.7m,
        },
        ["140404000"] = new()
        {
            ["R1"] = 71.3m,
            ["R2"] = 98.4m,
            ["R3"] = 4.2m,
            ["E1"] = 93.1m,
            ["E2"] = 75.6m,
            ["E3"] = 1.2m,
            ["E4"] = 6.8m,
            ["D1"] = 101.5m,
            ["D2"] = 5.6m,
            ["D3"] = 84.0m,
            ["B1"] = 100m,
            ["B2"] = 0.71m,
            ["B3"] = 100m,
            ["P1"] = 98.0m,
            ["P2"] = 95.0m,
            ["P3"] = 82.0m,
        },
        ["140423000"] = new()
        {
            ["R1"] = 63.8m,
            ["R2"] = 96.0m,
            ["R3"] = 2.6m,
            ["E1"] = 90.2m,
            ["E2"] = 72.3m,
            ["E3"] = 3.5m,
            ["E4"] = 9.6m,
            ["D1"] = 106.5m,
            ["D2"] = 6.8m,
            ["D3"] = 74.0m,
            ["B1"] = 99.5m,
            ["B2"] = 0.55m,
            ["B3"] = 100m,
            ["P1"] = 95.0m,
            ["P2"] = 90.0m,
            ["P3"] = 75.0m,
        },
    };

    public static async Task SeedAsync(Func<AuditActor, JixiaoDbContext> contextFor, int evaluatedYear, CancellationToken ct)
    {
        await using var read = contextFor(AuditActor.System);
        var city = await read.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.ParentId == null, ct);
        if (city is null || !await read.Regions.AnyAsync(r => r.ParentId == city.Id, ct)) return;
        if (await read.FiscalEvaluations.AnyAsync(e => e.RegionId == city.Id && e.FiscalYear == evaluatedYear, ct)) return;
        var perf = await read.Organizations.AsNoTracking().FirstAsync(o => o.RegionId == city.Id && o.Kind == OrganizationKind.PerformanceSection, ct);
        var actor = await DemoGoals.ActorAsync(read, perf, Role.PerformanceSection, ct);
        await using var db = contextFor(actor);
        var caller = new Caller(actor.UserId, perf.Id, [Role.PerformanceSection], await new ScopeService(db).ScopeForAsync(perf.Id, [Role.PerformanceSection], ct));
        var service = new FiscalEvaluationService(db, new RuleSetService(db), new TodoService(db));
        var e = await service.CreateAsync(evaluatedYear, null, caller, ct);
        var detail = await service.DetailAsync(e.Id, caller, ct);
        foreach (var sheet in detail.Sheets)
        {
            // every indicator of the pinned framework gets a value: the county's figure, else the indicator's target
            var figures = Values.GetValueOrDefault(sheet.CountyCode) ?? [];
            var values = detail.Framework.ToDictionary(i => i.Code, i => (decimal?)(figures.TryGetValue(i.Code, out var v) ? v : i.Target));
            await service.SaveValuesAsync(e.Id, sheet.CountyCode, values, sheet.Version, caller, ct);
        }
        e = await service.ScoreAsync(e.Id, e.Version, caller, ct);
        await service.FinaliseAsync(e.Id, e.Version, caller, ct);
    }
}
