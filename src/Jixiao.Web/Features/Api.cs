namespace Jixiao.Web.Features;

/// <summary>/api/v1: every feature maps its endpoints on the same group (bearer token, problem responses).</summary>
public static class Api
{
    public static void MapApi(WebApplication app)
    {
        var open = app.MapGroup("/api/v1").WithTags("认证");
        Account.AccountApi.MapAnonymous(open);

        var api = app.MapGroup("/api/v1").RequireAuthorization(Infrastructure.Auth.ApiPolicy);
        Account.AccountApi.Map(api);
        Organizations.OrganizationsApi.Map(api);
        Identity.UsersApi.Map(api);
        RuleSets.RuleSetsApi.Map(api);
        Todos.TodosApi.Map(api);
        Audit.AuditApi.Map(api);
        Projects.ProjectsApi.Map(api);
        Indicators.IndicatorsApi.Map(api);
        Goals.GoalExcelApi.Map(api);
        ThirdParties.ThirdPartiesApi.Map(api);
        PriorAssessments.PriorAssessmentsApi.Map(api);
        Monitoring.MonitoringApi.Map(api);
        Monitoring.PaymentsApi.Map(api);
        Evaluations.EvaluationsApi.Map(api);
        Evaluations.SelfEvaluationsApi.Map(api);
        Evaluations.KeyEvaluationsApi.Map(api);
        Evaluations.ReEvaluationsApi.Map(api);
        ResultApplication.ResultsApi.Map(api);
        Disclosure.DisclosureApi.Map(api);
        Disclosure.OpenDataApi.Map(app);
        BudgetLinkage.BudgetLinkageApi.Map(api);
        FiscalEvaluations.FiscalEvaluationsApi.Map(api);
        Appraisals.AppraisalsApi.Map(api);
    }
}
