using Jixiao.Core.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Infrastructure;

/// <summary>Maps refusals of the feature services to HTTP for the API: 400 with the Chinese reason, 404, 409.</summary>
public sealed class ApiExceptionMiddleware(RequestDelegate next, ILogger<ApiExceptionMiddleware> logger)
{
    public async Task Invoke(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (ApiPaths.IsApi(http.Request.Path) && !http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            switch (e)
            {
                case NotFoundException nf:
                    await Problems.Write(http, StatusCodes.Status404NotFound, "未找到", nf.Message);
                    break;
                case ConcurrencyConflictException cc:
                    await Problems.Write(http, StatusCodes.Status409Conflict, "数据已被他人修改", cc.Message);
                    break;
                case DomainException de:
                    await Problems.Write(http, StatusCodes.Status400BadRequest, "请求有误", de.Message, de.Errors);
                    break;
                case BadHttpRequestException bad:
                    await Problems.Write(http, bad.StatusCode, "请求格式有误", "请求内容无法解析，请检查 JSON 格式和字段类型。");
                    break;
                default:
                    // Not the HTML error page: outside Development it is re-executed with the request's method,
                    // and a POST to it fails antiforgery, which left API clients with an empty 400.
                    logger.LogError(e, "Unhandled exception on {Method} {Path}", http.Request.Method, http.Request.Path);
                    await Problems.Write(http, StatusCodes.Status500InternalServerError, "服务器内部错误", "请求未能完成，请稍后重试；如问题持续，请联系系统管理员并提供发生时间。");
                    break;
            }
        }
    }
}

/// <summary>
/// For pages: a refusal on a form post puts its Chinese message into ModelState and shows the same page again
/// with what the user typed; an id outside scope is 404.
/// </summary>
public sealed class DomainExceptionPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled) return;
        switch (executed.Exception)
        {
            case NotFoundException:
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                break;
            case DomainException de when context.HandlerInstance is not IReloadOnError && HttpMethods.IsGet(context.HttpContext.Request.Method):
                // Opening a page the caller cannot use here: there is no form to show again, so the refusal is the page, with
                // its reason, as a 400 (never a 500 from rendering a half-loaded page).
                executed.Result = Refusal(context.HttpContext, de.Message);
                executed.ExceptionHandled = true;
                break;
            case DomainException de when context.HandlerInstance is PageModel page:
                page.ModelState.AddModelError(string.Empty, de.Message);
                foreach (var (field, messages) in de.Errors)
                    foreach (var m in messages) page.ModelState.AddModelError(field, m);
                if (page is IReloadOnError reload)
                {
                    try
                    {
                        await reload.ReloadAsync();
                    }
                    catch (DomainException again)
                    {
                        // The page itself cannot be shown to this caller (e.g. a scoring sheet that is not theirs).
                        executed.Result = Refusal(context.HttpContext, again.Message);
                        executed.ExceptionHandled = true;
                        break;
                    }
                    catch (NotFoundException)
                    {
                        executed.Result = new NotFoundResult();
                        executed.ExceptionHandled = true;
                        break;
                    }
                }
                executed.Result = page.Page();
                executed.ExceptionHandled = true;
                break;
        }
    }

    /// <summary>The error page with the refusal's Chinese reason, status 400 (the status-code page shows <see cref="RefusalKey"/>).</summary>
    private static StatusCodeResult Refusal(HttpContext http, string message)
    {
        http.Items[RefusalKey] = message;
        return new StatusCodeResult(StatusCodes.Status400BadRequest);
    }

    public const string RefusalKey = "Jixiao.Refusal";
}

/// <summary>A page that must reload its lists (not the posted form) before being shown again after an error.</summary>
public interface IReloadOnError
{
    Task ReloadAsync();
}

/// <summary>The JSON APIs (problem responses, no HTML error page): the staff API under /api and the open data under /public/api.</summary>
public static class ApiPaths
{
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/public/api");
}

/// <summary>Security headers on every response (等保 2.0: CSP, nosniff, no framing).</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The API explorer page (Development only) needs inline script and style.
    private const string DocsCsp = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

    public Task Invoke(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/swagger") ? DocsCsp : Csp;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (!http.Request.Path.StartsWithSegments("/lib") && !http.Request.Path.StartsWithSegments("/css") && !http.Request.Path.StartsWithSegments("/js"))
                h.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(http);
    }
}

/// <summary>Model-binding messages in Chinese (a number field left empty or holding text, and the like).</summary>
public static class ChineseBindingMessages
{
    public static void Apply(Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.DefaultModelBindingMessageProvider p)
    {
        p.SetValueMustNotBeNullAccessor(_ => "此项不能为空。");
        p.SetMissingBindRequiredValueAccessor(_ => "此项不能为空。");
        p.SetMissingKeyOrValueAccessor(() => "此项不能为空。");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容不能为空。");
        p.SetAttemptedValueIsInvalidAccessor((v, _) => $"“{v}”不是有效的值。");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => $"“{v}”不是有效的值。");
        p.SetUnknownValueIsInvalidAccessor(_ => "输入的值无效。");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "输入的值无效。");
        p.SetValueIsInvalidAccessor(v => $"“{v}”无效。");
        p.SetValueMustBeANumberAccessor(_ => "请输入数字。");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "请输入数字。");
    }
}
