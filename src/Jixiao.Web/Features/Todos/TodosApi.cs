using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Todos;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.Todos;

public static class TodosApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/todos", async (int? year, int? page, int? pageSize, CurrentUser me, TodoService todos, CancellationToken ct) =>
        {
            var (p, s) = Paging.Normalize(page, pageSize, 50);
            var all = await todos.OpenForAsync(me.Id, me.OrganizationId ?? 0, me.Roles, year ?? me.FiscalYear, ct);
            return new Page<TodoItem>(all.Skip((p - 1) * s).Take(s).ToList(), all.Count);
        }).RequireAuthorization(nameof(Permission.UseBusinessArea)).WithTags("待办").WithSummary("我的待办");
    }
}
