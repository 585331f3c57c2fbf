using Jixiao.Core.Identity;
using Jixiao.Core.Projects;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Projects;

/// <summary>The declaring unit corrects its project before the goal is submitted (or after it was returned).</summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class EditModel(CurrentUser me, ProjectService projects) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public ProjectForm Input { get; set; } = new();

    public Project Project { get; private set; } = null!;

    /// <summary>Only the declaring organisation edits its project (the service checks again).</summary>
    public bool CanEdit => me.OrganizationId == Project.OrganizationId;

    public async Task OnGetAsync()
    {
        await ReloadAsync();
        Version = Project.Version;
        Input = ProjectForm.From(Project, projects.ResponsiblePersonPhone(Project));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await ReloadAsync();
        if (!ModelState.IsValid) return Page();
        if (Input.ToInput(Project.OrganizationId, ModelState) is not { } input) return Page();
        var ct = HttpContext.RequestAborted;
        await projects.UpdateAsync(Id, Version, input with { Kind = Project.Kind }, me.OrganizationId, me.Roles, await me.ScopeAsync(ct), ct);
        TempData["Flash"] = "项目信息已保存。";
        return RedirectToPage("/Goals/Edit", new { projectId = Id });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Project = await projects.LoadAsync(Id, await me.ScopeAsync(ct), ct);
    }
}
