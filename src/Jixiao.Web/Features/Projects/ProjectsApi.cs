using Jixiao.Core.Common;
using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Projects;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Projects;

public sealed record ProjectListItem(long Id, string Code, string Name, string Kind, long UnitId, string UnitName, long DepartmentId, string DepartmentName,
    string BudgetKind, string Category, bool IsNewMajor, decimal TotalBudget, string? GoalState, string? GoalStateName, int? GoalVersionNo, int FiscalYear, int Version)
{
    public static ProjectListItem From(ProjectRow r) => new(r.Id, r.Code, r.Name, r.Kind.ToString(), r.UnitId, r.UnitName, r.DepartmentId, r.DepartmentName,
        r.BudgetKind.ToString(), r.Category.ToString(), r.IsNewMajor, r.TotalBudget, r.GoalState?.ToString(), r.GoalState?.ChineseName(), r.GoalVersionNo, r.FiscalYear, r.Version);
}

public sealed record ProjectDetail(long Id, int FiscalYear, string Code, string Name, string Kind, long UnitId, long DepartmentId, string BudgetKind, string Category,
    bool IsNewMajor, bool IsRenewal, int StartYear, int EndYear, string ResponsiblePersonName, string? ResponsiblePersonPhone,
    decimal CurrentYearAppropriation, decimal CarryOver, decimal OtherFunding, decimal TotalBudget, string? Description, int Version);

public sealed record ProjectRequest(string Code, string Name, ProjectKind Kind, BudgetKind BudgetKind, ProjectCategory Category,
    int StartYear, int EndYear, string ResponsiblePersonName, decimal CurrentYearAppropriation, long? OrganizationId = null, bool IsNewMajor = false,
    bool IsRenewal = false, string? ResponsiblePersonPhone = null, decimal CarryOver = 0m, decimal OtherFunding = 0m, string? Description = null,
    int? FiscalYear = null, int? Version = null)
{
    public ProjectInput ToInput(long defaultOrganizationId) => new(Code, Name, Kind, OrganizationId ?? defaultOrganizationId, BudgetKind, Category, IsNewMajor, IsRenewal,
        StartYear, EndYear, ResponsiblePersonName, ResponsiblePersonPhone, CurrentYearAppropriation, CarryOver, OtherFunding, Description);
}

public static class ProjectsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/projects").WithTags("项目与绩效目标").RequireAuthorization(nameof(Permission.UseBusinessArea));

        g.MapGet("", async (int? year, int? page, int? pageSize, long? departmentId, long? unitId, GoalState? goalState, BudgetKind? budgetKind,
            decimal? minBudget, decimal? maxBudget, string? q, ProjectKind? kind, CurrentUser me, ProjectService projects, CancellationToken ct) =>
        {
            var (p, s) = Paging.Normalize(page, pageSize);
            var filter = new ProjectFilter(year ?? me.FiscalYear, departmentId, unitId, goalState, budgetKind, minBudget, maxBudget, q, kind);
            var result = await projects.ListAsync(await me.ScopeAsync(ct), filter, p, s, ct);
            return new Page<ProjectListItem>(result.Items.Select(ProjectListItem.From).ToList(), result.Total);
        }).WithSummary("项目列表（仅调用者范围内；可按年度、部门、单位、目标状态、预算类型、金额区间、文字筛选；pageSize 最大 1000）");

        g.MapGet("/{id:long}", async (long id, CurrentUser me, ProjectService projects, CancellationToken ct) =>
            ToDetail(await projects.LoadAsync(id, await me.ScopeAsync(ct), ct), projects)).WithSummary("项目详情（范围外为 404）");

        g.MapPost("", async (ProjectRequest r, CurrentUser me, ProjectService projects, CancellationToken ct) =>
        {
            var p = await projects.CreateAsync(r.FiscalYear ?? me.FiscalYear, r.ToInput(me.OrganizationId ?? 0), me.OrganizationId, me.Roles, await me.ScopeAsync(ct), ct);
            return Results.Created($"/api/v1/projects/{p.Id}", ToDetail(p, projects));
        }).WithSummary("登记项目（预算单位；部门整体支出由预算部门登记）");

        g.MapPut("/{id:long}", async (long id, ProjectRequest r, CurrentUser me, ProjectService projects, CancellationToken ct) =>
        {
            var scope = await me.ScopeAsync(ct);
            var current = await projects.LoadAsync(id, scope, ct);
            if (r.Version is not { } v) throw new ConcurrencyConflictException("请提供 version（读取项目时得到的版本号）。");
            await projects.UpdateAsync(id, v, r.ToInput(current.OrganizationId), me.OrganizationId, me.Roles, scope, ct);
            return ToDetail(await projects.LoadAsync(id, scope, ct), projects);
        }).WithSummary("修改项目（目标申报前；version 不符为 409）");

        Goals.GoalsApi.Map(g);
        Goals.GoalExcelApi.MapOnProjects(g);
    }

    private static ProjectDetail ToDetail(Project p, ProjectService projects) => new(p.Id, p.FiscalYear, p.Code, p.Name, p.Kind.ToString(), p.OrganizationId, p.DepartmentId,
        p.BudgetKind.ToString(), p.Category.ToString(), p.IsNewMajor, p.IsRenewal, p.StartYear, p.EndYear, p.ResponsiblePersonName,
        Jixiao.Core.Security.Masking.Mask(projects.ResponsiblePersonPhone(p)), p.CurrentYearAppropriation, p.CarryOver, p.OtherFunding, p.TotalBudget, p.Description, p.Version);
}
