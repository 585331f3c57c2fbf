using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.ThirdParties;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.ThirdParties;

/// <summary>The agency form as typed; the contact phone arrives masked when left alone (the service keeps it then).</summary>
public sealed class AgencyForm
{
    public AgencyType Type { get; set; }

    public string? Qualifications { get; set; }

    public int? StaffCount { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public AgencyInput ToInput(long organizationId, IEnumerable<ConflictRow> conflicts) => new(organizationId, Type, Qualifications ?? "", StaffCount ?? 0,
        ContactName ?? "", ContactPhone, ThirdPartyLabels.ToInput(conflicts));
}

/// <summary>
/// One agency of the pool: 绩效管理科 adds it (from the agency organisations not yet listed) and edits it, sets its credit
/// status with the reason, and records inspection findings; everyone who may see the pool sees its ratings and findings.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewThirdParties))]
public sealed class AgencyEditModel(CurrentUser me, ThirdPartyService pools, OrganizationService orgs, TimeProvider time) : PageModel, IReloadOnError
{
    private bool _formPosted;
    private bool _sidePosted;

    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    /// <summary>The agency's organisation, chosen when it is added.</summary>
    [BindProperty]
    public long? OrganizationId { get; set; }

    [BindProperty]
    public AgencyForm Input { get; set; } = new();

    [BindProperty]
    public List<ConflictRow> Conflicts { get; set; } = [];

    [BindProperty]
    public CreditStatus NewCredit { get; set; }

    [BindProperty]
    public string? CreditNote { get; set; }

    [BindProperty]
    public DateOnly? InspectedOn { get; set; }

    [BindProperty]
    public string? Finding { get; set; }

    [BindProperty]
    public bool IsSerious { get; set; }

    public ThirdPartyAgency? Agency { get; private set; }

    public AgencyRow? Row { get; private set; }

    public IReadOnlyList<AgencyRating> Ratings { get; private set; } = [];

    public IReadOnlyList<AgencyInspection> Inspections { get; private set; } = [];

    public IReadOnlyList<Organization> Unlisted { get; private set; } = [];

    public IReadOnlyList<OrganizationRow> Organizations { get; private set; } = [];

    public bool CanManage => me.Can(Permission.ManageThirdParties);

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is null && !CanManage) return Forbid();
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        _formPosted = true;
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        ThirdPartyAgency agency;
        if (Id is { } id)
        {
            var current = await pools.AgencyAsync(id, caller, ct);
            agency = await pools.UpdateAgencyAsync(id, Version, caller, Input.ToInput(current.OrganizationId, Conflicts), ct);
            TempData["Flash"] = "第三方机构信息已保存。";
        }
        else
        {
            if (OrganizationId is not { } org) throw new DomainException("请选择要加入机构库的第三方机构。");
            agency = await pools.CreateAgencyAsync(caller, Input.ToInput(org, Conflicts), ct);
            TempData["Flash"] = "第三方机构已加入机构库。";
        }
        return RedirectToPage(new { id = agency.Id });
    }

    public async Task<IActionResult> OnPostCreditAsync()
    {
        _sidePosted = true;
        var ct = HttpContext.RequestAborted;
        var id = Id ?? throw new NotFoundException("第三方机构");
        var agency = await pools.SetCreditAsync(id, Version, NewCredit, CreditNote, await me.CallerAsync(ct), ct);
        TempData["Flash"] = $"信用状况已设为“{agency.CreditStatus.ChineseName()}”。";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostInspectionAsync()
    {
        _sidePosted = true;
        var ct = HttpContext.RequestAborted;
        var id = Id ?? throw new NotFoundException("第三方机构");
        if (InspectedOn is not { } on) throw new DomainException("请填写检查日期。");
        await pools.AddInspectionAsync(id, on, Finding ?? "", IsSerious, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "检查发现已记录。";
        return RedirectToPage(new { id });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        if (Id is { } id)
        {
            Agency = await pools.AgencyAsync(id, caller, ct);
            Row = await pools.AgencyRowAsync(id, caller, ct);
            Ratings = await pools.RatingsAsync(id, caller, ct);
            Inspections = await pools.InspectionsAsync(id, caller, ct);
        }
        else if (CanManage)
        {
            Unlisted = await pools.UnlistedAgencyOrganizationsAsync(caller, ct);
        }
        if (!_formPosted)
        {
            Version = Agency?.Version ?? 0;
            Input = Agency is null ? new AgencyForm() : new AgencyForm
            {
                Type = Agency.Type,
                Qualifications = Agency.Qualifications,
                StaffCount = Agency.StaffCount,
                ContactName = Agency.ContactName,
                ContactPhone = Row!.ContactPhone,
            };
            Conflicts = Agency?.Conflicts.Select(c => new ConflictRow { OrganizationId = c.OrganizationId, Note = c.Note }).ToList() ?? [];
        }
        if (!_formPosted && !_sidePosted)
        {
            NewCredit = Agency?.CreditStatus ?? CreditStatus.Good;
            CreditNote = Agency?.CreditNote;
            InspectedOn = DateOnly.FromDateTime(ChinaTime.Now(time));
        }
        Conflicts = ThirdPartyLabels.WithBlankRows(Conflicts);
        Organizations = await ConflictOptions.LoadAsync(orgs, caller.Scope, Conflicts, ct);
    }
}
