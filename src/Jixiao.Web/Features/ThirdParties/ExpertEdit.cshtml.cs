using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.ThirdParties;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.ThirdParties;

/// <summary>The expert form as typed; phone and ID number arrive masked when the user left them alone (the service keeps them then).</summary>
public sealed class ExpertForm
{
    public string? Name { get; set; }

    public string? Field { get; set; }

    public string? Title { get; set; }

    public string? Employer { get; set; }

    public string? Phone { get; set; }

    public string? IdNumber { get; set; }

    public string? UserName { get; set; }

    public bool IsActive { get; set; } = true;

    public string? Remarks { get; set; }

    public ExpertInput ToInput(IEnumerable<ConflictRow> conflicts) => new(Name ?? "", Field ?? "", Title ?? "", Employer ?? "", Phone, IdNumber,
        UserName, IsActive, Remarks, ThirdPartyLabels.ToInput(conflicts));
}

/// <summary>绩效管理科 adds an expert to the pool or edits one: details, login account, 在库, declared conflicts (回避单位).</summary>
[Authorize(Policy = nameof(Permission.ManageThirdParties))]
public sealed class ExpertEditModel(CurrentUser me, ThirdPartyService pools, OrganizationService orgs) : PageModel, IReloadOnError
{
    private bool _posted;

    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public ExpertForm Input { get; set; } = new();

    [BindProperty]
    public List<ConflictRow> Conflicts { get; set; } = [];

    public ExpertRow? Row { get; private set; }

    public IReadOnlyList<OrganizationRow> Organizations { get; private set; } = [];

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        _posted = true;
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        var input = Input.ToInput(Conflicts);
        var e = Id is { } id ? await pools.UpdateExpertAsync(id, Version, caller, input, ct) : await pools.CreateExpertAsync(caller, input, ct);
        TempData["Flash"] = Id is null ? $"专家“{e.Name}”已加入专家库。" : $"专家“{e.Name}”的信息已保存。";
        return RedirectToPage("/ThirdParties/Experts");
    }

    /// <summary>Loads the expert (masked) and the organisations; after a failed post the typed form stays.</summary>
    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        Expert? expert = null;
        if (Id is { } id)
        {
            expert = await pools.ExpertAsync(id, caller, ct);
            Row = (await pools.ExpertsAsync(caller, new ExpertFilter(Id: id), 1, 1, ct)).Items.Single();
        }
        if (!_posted)
        {
            Version = expert?.Version ?? 0;
            Input = expert is null ? new ExpertForm() : new ExpertForm
            {
                Name = expert.Name,
                Field = expert.Field,
                Title = expert.Title,
                Employer = expert.Employer,
                Phone = Row!.Phone,
                IdNumber = Row.IdNumber,
                UserName = Row.UserName,
                IsActive = expert.IsActive,
                Remarks = expert.Remarks,
            };
            Conflicts = expert?.Conflicts.Select(c => new ConflictRow { OrganizationId = c.OrganizationId, Note = c.Note }).ToList() ?? [];
        }
        Conflicts = ThirdPartyLabels.WithBlankRows(Conflicts);
        Organizations = await ConflictOptions.LoadAsync(orgs, caller.Scope, Conflicts, ct);
    }
}

/// <summary>The organisations a pool entry may declare a conflict with: departments, units and agencies in the user's scope.</summary>
public static class ConflictOptions
{
    public static async Task<IReadOnlyList<OrganizationRow>> LoadAsync(OrganizationService orgs, OrgScope scope, IEnumerable<ConflictRow> declared, CancellationToken ct)
    {
        var options = await orgs.OptionsAsync(scope, null, [OrganizationKind.Department, OrganizationKind.BudgetUnit, OrganizationKind.ThirdPartyAgency], ct);
        var missing = declared.Where(c => c.OrganizationId is { } id && options.All(o => o.Id != id)).Select(c => c.OrganizationId!.Value).Distinct().ToList();
        var names = new Dictionary<long, string>();
        foreach (var id in missing)
            if (await orgs.FindAsync(id, scope, ct) is { } o) names[id] = o.Name;
        return ThirdPartyLabels.WithDeclared(options, missing, names);
    }
}
