using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Security;
using Jixiao.Core.Todos;
using Jixiao.Web.Demo;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jixiao.Web.Infrastructure;

/// <summary>Service registration and the request pipeline, shared by the app and the test host.</summary>
public static class WebSetup
{
    public static void AddJixiao(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Read when first resolved, after the host is built, so test hosts and environment overrides apply.
        services.AddSingleton(sp => DatabaseSettings.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath));
        services.TryAddTimeProvider();
        services.AddDbContext<JixiaoDbContext>((sp, o) => sp.GetRequiredService<DatabaseSettings>().Apply(o));
        services.AddSingleton(sp => KeyRingLoader.LoadAsync(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<DatabaseSettings>().Options()).GetAwaiter().GetResult());
        services.AddFieldCipher();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<IAuditContext, HttpAuditContext>();

        // Feature services: thin, over EF Core directly.
        services.AddScoped<ScopeService>();
        services.AddScoped<AccountService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<SecurityPolicyService>();
        services.AddScoped<OrganizationService>();
        services.AddScoped<RuleSetService>();
        services.AddScoped<TodoService>();
        services.AddScoped<Jixiao.Core.Projects.ProjectService>();
        services.AddScoped<Jixiao.Core.Goals.GoalService>();
        services.AddScoped<Jixiao.Core.Goals.GoalExcelService>();
        services.AddScoped<Jixiao.Core.Indicators.IndicatorLibraryService>();
        services.AddScoped<Jixiao.Core.PriorAssessments.PriorAssessmentGate>();
        services.AddScoped<Jixiao.Core.Goals.IPriorAssessmentGate>(sp => sp.GetRequiredService<Jixiao.Core.PriorAssessments.PriorAssessmentGate>());
        services.AddScoped<Jixiao.Core.ThirdParties.ThirdPartyService>();
        services.AddScoped(sp => new Jixiao.Core.PriorAssessments.PriorAssessmentService(sp.GetRequiredService<JixiaoDbContext>(),
            sp.GetRequiredService<Jixiao.Core.RuleSets.RuleSetService>(), sp.GetRequiredService<Jixiao.Core.Todos.TodoService>(),
            sp.GetRequiredService<Jixiao.Core.ThirdParties.ThirdPartyService>())
        {
            MaxAttachmentBytes = Math.Clamp(sp.GetRequiredService<IConfiguration>().GetValue("Jixiao:Attachments:MaxBytes", Jixiao.Core.Attachments.UploadCheck.DefaultMaxBytes),
                1, Jixiao.Core.Attachments.UploadCheck.MaxConfigurableBytes),
        });
        services.AddScoped<Jixiao.Core.Monitoring.PaymentImportService>();
        services.AddScoped<Jixiao.Core.Monitoring.PaymentService>();
        services.AddScoped<Jixiao.Core.Monitoring.WarningBoard>();
        services.AddScoped<Jixiao.Core.Monitoring.MonitoringService>();
        services.AddScoped<Jixiao.Core.Evaluations.SelfEvaluationService>();
        services.AddScoped<Jixiao.Core.Evaluations.KeyEvaluationService>();
        services.AddScoped<Jixiao.Core.Evaluations.ReEvaluationService>();
        services.AddScoped<Jixiao.Core.Appraisals.AppraisalService>();
        services.AddScoped<Jixiao.Core.Evaluations.EvaluationCatalog>();
        services.AddScoped<Jixiao.Core.Results.ResultService>();
        services.AddHostedService<Features.ResultApplication.RectificationJobHost>();
        services.AddScoped<Jixiao.Core.Disclosure.DisclosureService>();
        Features.Disclosure.OpenDataApi.AddOpenDataRateLimit(services);
        services.AddScoped<Jixiao.Core.BudgetLinkage.BudgetLinkageService>();
        services.AddScoped<Jixiao.Core.BudgetLinkage.CongressReportService>();
        services.AddScoped<Jixiao.Core.Filings.FilingService>();
        services.AddScoped<Jixiao.Core.BudgetLinkage.ILinkageRectificationSource, Jixiao.Core.BudgetLinkage.RectificationLinkageSource>();
        services.AddScoped<Jixiao.Core.Appraisals.IAppraisalMeasures, Jixiao.Core.Appraisals.AppraisalMeasurementService>();
        services.AddScoped<Jixiao.Core.FiscalEvaluations.FiscalEvaluationService>();
        services.AddScoped<Jixiao.Core.BudgetLinkage.IFiscalOperationResults, Jixiao.Core.FiscalEvaluations.FiscalOperationResults>();
        services.AddSingleton<Features.Monitoring.PaymentImportJobs>();

        services.AddDataProtection().SetApplicationName("Jixiao").PersistKeysToDbContext<JixiaoDbContext>();
        services.AddSm4KeyEncryption();
        services.AddJixiaoAuth();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "Jixiao.Csrf";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Account/Denied");
            o.Conventions.AllowAnonymousToPage("/Error");
        }).AddMvcOptions(o =>
        {
            o.Filters.Add<DomainExceptionPageFilter>();
            ChineseBindingMessages.Apply(o.ModelBindingMessageProvider);
        })
        // Checks are the server's (no client validation library): no English data-val-* attributes in the pages.
        .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
        // The open data has its own document (/openapi/public.json); v1 is the staff API.
        services.AddOpenApi("v1", o => o.ShouldInclude = d => d.GroupName != Features.Disclosure.OpenDataApi.DocumentName);
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Jixiao 预算绩效管理信息系统 API";
            doc.Info.Version = "v1";
            doc.Info.Description = "POST /api/v1/auth/token 获取令牌后，以 Authorization: Bearer <令牌> 调用其余接口。列表接口统一返回 {items,total}，以 page、pageSize 分页。";
            return Task.CompletedTask;
        }));
        services.AddOpenApi(Features.Disclosure.OpenDataApi.DocumentName, o => o.ShouldInclude = d => d.GroupName == Features.Disclosure.OpenDataApi.DocumentName);
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>(Features.Disclosure.OpenDataApi.DocumentName, o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Jixiao 预算绩效信息公开 开放数据";
            doc.Info.Version = "v1";
            doc.Info.Description = "公开的重点项目绩效目标、绩效评价结果、整改情况及部门目录。无需登录，只读，按访问来源限流；?format=csv 返回 UTF-8（带 BOM）的 CSV。字段说明见 /public/fields。";
            return Task.CompletedTask;
        }));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            // A missing required field is a 400 with a message, not a null reaching the services.
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
        });
        // Pages are Chinese: write CJK as characters, not as &#x...; entities (HTML-special characters stay encoded).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddProblemDetails();
        // Unreadable JSON or parameters become BadHttpRequestException in every environment, so the API answers
        // them with its Chinese problem (ApiExceptionMiddleware) instead of an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }

    public static void UseJixiao(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error");
        // Pages get a Chinese page for 400/403/404/413 instead of an empty response; the API keeps its problem JSON.
        app.UseWhen(http => !ApiPaths.IsApi(http.Request.Path) && !http.Request.Path.StartsWithSegments("/health")
                && !http.Request.Path.StartsWithSegments("/openapi"),
            branch => branch.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (app.Configuration.GetValue<bool>("Jixiao:HttpsRedirection")) app.UseHttpsRedirection();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<ApiExceptionMiddleware>();
        // After the exception middleware: an API request that cannot get a connection is answered as a problem in Chinese.
        app.UseMiddleware<RequestConnectionMiddleware>();
        app.UseAntiforgery();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        if (app.Environment.IsDevelopment())
            app.UseSwaggerUI(o =>
            {
                o.SwaggerEndpoint("/openapi/v1.json", "Jixiao API v1");
                o.DocumentTitle = "Jixiao API";
            });
        app.MapRazorPages();
        Features.Api.MapApi(app);
    }

    /// <summary>Start-up: apply migrations, load or create keys, make sure the policy row exists, seed demo data if asked.</summary>
    public static async Task InitializeAsync(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        await using (var db = new JixiaoDbContext(settings.Options()))
        {
            await db.Database.MigrateAsync();
        }
        // ASP.NET Core buffers large multipart uploads in ASPNETCORE_TEMP: unless the operator chose a place, in the folder
        // that is swept, so a crash mid-upload leaves nothing behind either.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_TEMP")))
        {
            Directory.CreateDirectory(Core.Common.TempFiles.Directory);
            Environment.SetEnvironmentVariable("ASPNETCORE_TEMP", Core.Common.TempFiles.Directory);
        }
        // Uploads copied to disk by imports that a crash interrupted (file ages are wall-clock, not the business clock).
        var swept = Core.Common.TempFiles.Sweep(DateTime.UtcNow);
        if (swept > 0) app.Logger.LogInformation("Deleted {Count} upload copies left by interrupted imports in {Directory}", swept, Core.Common.TempFiles.Directory);
        var keys = app.Services.GetRequiredService<KeyRing>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        await using (var db = new JixiaoDbContext(settings.Options(), new SystemAuditContext(Core.Audit.AuditActor.System, time, keys)))
        {
            if (!await db.SecurityPolicies.AnyAsync())
            {
                db.SecurityPolicies.Add(new SecurityPolicy());
                await db.SaveChangesAsync();
            }
        }
        var demo = app.Configuration.GetValue<bool?>("Jixiao:DemoData") ?? settings.Provider == DatabaseProvider.Sqlite;
        if (demo)
        {
            JixiaoDbContext ContextAt(Core.Audit.AuditActor actor, TimeProvider at) => new(settings.Options(), new SystemAuditContext(actor, at, keys));
            JixiaoDbContext ContextFor(Core.Audit.AuditActor actor) => ContextAt(actor, time);
            await using var db = ContextFor(new Core.Audit.AuditActor(null, "demo-seed", null, null, null));
            await DemoData.SeedAsync(db, app.Services.GetRequiredService<FieldCipher>(), time, ContextFor, ContextAt);
        }
    }
}

/// <summary>/health answers 200 only when the database answers a query.</summary>
public sealed class DatabaseHealthCheck(JixiaoDbContext db) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.SecurityPolicies.AsNoTracking().AnyAsync(cancellationToken);
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("database unavailable", e);
        }
    }
}
