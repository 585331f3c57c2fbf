using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features;

/// <summary>
/// The page people see instead of a bare status code: an unhandled error, or a 400/403/404/413 of a page
/// (re-executed by the status-code pages; the API answers with problem JSON instead).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var failed = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        Status = code ?? (failed ? StatusCodes.Status500InternalServerError : Response.StatusCode);
        (Title, Message) = Status switch
        {
            StatusCodes.Status400BadRequest => ("请求有误", "提交的内容无法处理（可能是页面已过期）。请刷新页面后重新操作。"),
            StatusCodes.Status403Forbidden => ("无权访问", "您的角色不能使用此功能。如需开通，请联系安全管理员。"),
            StatusCodes.Status404NotFound => ("页面或记录不存在", "您要找的页面或记录不存在，或不在您的权限范围内。"),
            StatusCodes.Status413PayloadTooLarge => ("上传文件过大", "上传的文件超过了允许的大小，请压缩或拆分后再上传。"),
            _ => ("系统出错", "请求未能完成，数据未被修改。请稍后重试；如问题持续，请联系系统管理员并提供发生时间。"),
        };
        // A page refused with a reason (a DomainException while opening it): show that reason, not the generic text.
        if (Status == StatusCodes.Status400BadRequest && HttpContext.Items[Infrastructure.DomainExceptionPageFilter.RefusalKey] is string reason)
            (Title, Message) = ("无法办理", reason);
        if (code is not null) Response.StatusCode = Status;
    }
}
