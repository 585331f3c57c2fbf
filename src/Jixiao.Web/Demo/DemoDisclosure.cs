using Jixiao.Core.Audit;
using Jixiao.Core.Data;
using Jixiao.Core.Disclosure;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Security;
using Jixiao.Core.ThirdParties;
using Jixiao.Core.Todos;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Demo;

/// <summary>
/// The public portal's set, published by the city's performance section through <see cref="DisclosureService"/>: the goals of this
/// year's five largest projects and policies in force (the key projects), this year's completed key evaluation results and last year's
/// evaluation results, the rectification status of sent feedback letters (when there are any); and one more goal published and then unpublished with its reason (kept, off the portal).
/// </summary>
internal static class DemoDisclosure
{
    public const string UnpublishReason = "项目绩效目标正在调整，待调整后的目标批复后重新公开。";

    public static async Task SeedAsync(Func<AuditActor, JixiaoDbContext> contextFor, FieldCipher cipher, int year, CancellationToken ct)
    {
        await using var read = contextFor(AuditActor.System);
        var city = await read.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.ParentId == null, ct);
        if (city is null) return;
        var perf = await read.Organizations.AsNoTracking()
            .FirstOrDefaultAsync(o => o.RegionId == city.Id && o.Kind == OrganizationKind.PerformanceSection, ct);
        if (perf is null) return;

        var actor = await DemoGoals.ActorAsync(read, perf, Role.PerformanceSection, ct);
        await using var db = contextFor(actor);
        var scope = await new ScopeService(db).ScopeForAsync(perf.Id, [Role.PerformanceSection], ct);
        var caller = new Caller(actor.UserId, perf.Id, [Role.PerformanceSection], scope);
        var rules = new RuleSetService(db);
        var keys = new KeyEvaluationService(db, rules, new TodoService(db), new ThirdPartyService(db, cipher));
        var service = new DisclosureService(db, new EvaluationCatalog(db, keys), rules);

        var goals = (await service.CandidatesAsync(year, DisclosureKind.Goal, caller, ct)).Select(c => c.SourceId).ToList();
        var budgets = await read.PerformanceGoals.AsNoTracking().Where(g => goals.Contains(g.Id))
            .Join(read.Projects, g => g.ProjectId, p => p.Id, (g, p) => new { g.Id, p.TotalBudget, p.Code }).ToListAsync(ct);
        var key = budgets.OrderByDescending(b => b.TotalBudget).ThenBy(b => b.Code, StringComparer.Ordinal).Select(b => b.Id).ToList();
        if (key.Count > 0)
            await service.PublishAsync(year, key.Take(5).Select(id => new DisclosureKey(nameof(Core.Goals.PerformanceGoal), id)).ToList(), caller, ct);

        var completedKey = (await service.CandidatesAsync(year, DisclosureKind.EvaluationResult, caller, ct))
            .Where(c => c.SourceType == nameof(KeyEvaluation)).Select(c => new DisclosureKey(c.SourceType, c.SourceId)).ToList();
        if (completedKey.Count > 0) await service.PublishAsync(year, completedKey, caller, ct);
        var lastYear = await service.CandidatesAsync(year - 1, DisclosureKind.EvaluationResult, caller, ct);
        if (lastYear.Count > 0)
            await service.PublishAsync(year - 1, lastYear.Select(c => new DisclosureKey(c.SourceType, c.SourceId)).ToList(), caller, ct);

        // Rectification status, once feedback letters have been sent (this year's and last year's).
        foreach (var y in new[] { year - 1, year })
        {
            var rectifications = (await service.CandidatesAsync(y, DisclosureKind.Rectification, caller, ct))
                .Select(c => new DisclosureKey(c.SourceType, c.SourceId)).ToList();
            if (rectifications.Count > 0) await service.PublishAsync(y, rectifications, caller, ct);
        }

        if (key.Count > 5)
        {
            var id = (await service.PublishAsync(year, [new DisclosureKey(nameof(Core.Goals.PerformanceGoal), key[5])], caller, ct)).Single();
            var item = await db.DisclosureItems.AsNoTracking().FirstAsync(i => i.Id == id, ct);
            await service.UnpublishAsync(id, item.Version, UnpublishReason, caller, ct);
        }
    }
}
