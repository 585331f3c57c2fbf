using Jixiao.Core.Identity;
using P = Jixiao.Core.Identity.Permission;
using R = Jixiao.Core.Identity.Role;

namespace Jixiao.Web.Tests.Authorization;

/// <summary>
/// What a row needs: nothing (anonymous), a signed-in caller, a permission (the endpoint's policy, 403 without it), and
/// optionally the roles that act on it (a caller with the permission but none of these roles is refused by the service:
/// 400, 403 or 404, never a success).
/// </summary>
public sealed record Needs(bool Anonymous, Permission? Required, IReadOnlySet<Role>? Roles)
{
    public static readonly Needs Anyone = new(true, null, null);

    public static readonly Needs SignedIn = new(false, null, null);

    public static Needs Permission(Core.Identity.Permission p) => new(false, p, null);

    public static Needs Business => Permission(P.UseBusinessArea);

    /// <summary>Only these roles act; other holders of the permission are refused.</summary>
    public Needs Only(params Role[] roles) => this with { Roles = roles.ToHashSet() };

    /// <summary>Only the roles that hold <paramref name="p"/> act (the service checks it and answers others 404).</summary>
    public Needs OnlyWith(Core.Identity.Permission p) => Only(Enum.GetValues<Role>().Where(r => r.Has(p)).ToArray());

    public override string ToString() =>
        Anonymous ? "anyone" : Required is null ? "signed in" : Roles is null ? $"{Required}" : $"{Required} + {string.Join("/", Roles)}";
}

/// <summary>How a mutating row is called so it passes the gate without corrupting the shared data.</summary>
public enum Call
{
    /// <summary>GET (or HEAD): no body.</summary>
    Read,
    /// <summary>A JSON body whose version cannot match (<c>{"version": -1}</c>): past the gate it ends in 400 or 409, nothing stored.</summary>
    StaleJson,
    /// <summary>A JSON array of nothing valid (endpoints taking a list).</summary>
    EmptyArray,
    /// <summary>A multipart upload of a file whose content does not match its type: past the gate it ends in 400.</summary>
    BadFile,
    /// <summary>The demo credentials of <c>perf</c> (the sign-in endpoint).</summary>
    Credentials,
    /// <summary>No body at all (the action has no input).</summary>
    NoBody,
    /// <summary>Deletes: run after every other call of the row; after the first success, a 404 is what the others get.</summary>
    Delete,
}

/// <summary>One endpoint or page: its declaration in the table.</summary>
public sealed record Row(EndpointKind Kind, string Method, string Route, Needs Needs, Owner Owner, Call Call, string? Url)
{
    public string Key => Kind == EndpointKind.Page ? $"PAGE {Route}" : $"{Method} {Route}";

    /// <summary>
    /// JSON merged into the generated body (e.g. a valid wire name the API parses before loading the record);
    /// <c>"{org:名称}"</c> becomes that organisation's id.
    /// </summary>
    public string? Body { get; init; }

    /// <summary>Its own session per call (the call ends the session it runs in, e.g. logout).</summary>
    public bool FreshSession { get; init; }

    public override string ToString() => Key;
}

/// <summary>
/// THE table of the authorization matrix: one row per <c>/api/v1</c> endpoint (method + route pattern exactly as the app maps it)
/// and per Razor page (its path). <see cref="AuthorizationMatrixTests"/> fails when the app has an endpoint or page that is not
/// here, and names the row to add. Expected outcomes are derived from the row, the demo callers' roles
/// (<see cref="Roles.Has(Role, Permission)"/>) and who may see the row's owned id (<see cref="Owns"/>).
/// See docs/security-authorization.md for how to add a row.
/// </summary>
public static class AuthorizationTable
{
    private static Row Get(string route, Needs needs, Owner? owner = null, string? url = null) =>
        new(EndpointKind.Api, "GET", route, needs, owner ?? Owns.Nothing, Call.Read, url);

    private static Row Post(string route, Needs needs, Owner? owner = null, Call call = Call.StaleJson, string? url = null) =>
        new(EndpointKind.Api, "POST", route, needs, owner ?? Owns.Nothing, call, url);

    private static Row Put(string route, Needs needs, Owner? owner = null, Call call = Call.StaleJson, string? url = null) =>
        new(EndpointKind.Api, "PUT", route, needs, owner ?? Owns.Nothing, call, url);

    private static Row Delete(string route, Needs needs, Owner owner) => new(EndpointKind.Api, "DELETE", route, needs, owner, Call.Delete, null);

    private static Row Page(string path, Needs needs, Owner? owner = null, string? url = null) =>
        new(EndpointKind.Page, "GET", path, needs, owner ?? Owns.Nothing, Call.Read, url);

    private static readonly Needs Business = Needs.Business;
    private static readonly Needs Filings = Needs.Permission(P.ViewFilings);
    private static readonly Needs Perf = Needs.Business.Only(R.PerformanceSection);

    public static readonly Row[] Rows =
    [
        // ── Account, health, OpenAPI, open data (anonymous) ──
        Post("/api/v1/auth/token", Needs.Anyone, call: Call.Credentials),
        Post("/api/v1/auth/logout", Needs.SignedIn, call: Call.NoBody) with { FreshSession = true },
        Get("/api/v1/me", Needs.SignedIn),
        new(EndpointKind.Api, "*", "/health", Needs.Anyone, Owns.Nothing, Call.Read, null),
        Get("/openapi/{documentName}.json", Needs.Anyone),
        Get("/public/api/v1/departments", Needs.Anyone),
        Get("/public/api/v1/evaluation-results", Needs.Anyone),
        Get("/public/api/v1/goals", Needs.Anyone),
        Get("/public/api/v1/rectifications", Needs.Anyone),

        // ── Organisations, users, policy, audit (三员分立) ──
        Get("/api/v1/organizations/", Needs.Permission(P.ViewOrganizations)),
        Post("/api/v1/organizations/", Needs.Permission(P.ManageOrganizations)),
        Get("/api/v1/organizations/{id:long}", Needs.Permission(P.ViewOrganizations), Owns.Organization),
        Put("/api/v1/organizations/{id:long}", Needs.Permission(P.ManageOrganizations), Owns.Organization),
        Get("/api/v1/users/", Needs.Permission(P.ListUsers)),
        Post("/api/v1/users/", Needs.Permission(P.ManageUsers)),
        Put("/api/v1/users/{id:long}", Needs.Permission(P.ManageUsers), Owns.Account) with { Body = """{"organizationId":"{org:长治市第二中学校}"}""" },
        Put("/api/v1/users/{id:long}/roles", Needs.Permission(P.ManageRoles), Owns.Account),
        Post("/api/v1/users/{id:long}/unlock", Needs.Permission(P.ManageRoles), Owns.Account, Call.NoBody),
        Get("/api/v1/security-policy/", Needs.Permission(P.ManageSecurityPolicy)),
        Put("/api/v1/security-policy/", Needs.Permission(P.ManageSecurityPolicy)),
        Get("/api/v1/audit/records", Needs.Permission(P.ReadAuditLog)),
        Post("/api/v1/audit/verify", Needs.Permission(P.ReadAuditLog), call: Call.NoBody),

        // ── Rule sets, to-dos, indicator library ──
        Get("/api/v1/rule-sets/current", Needs.Permission(P.ViewRuleSets)),
        Put("/api/v1/rule-sets/current", Needs.Permission(P.EditRuleSets)),
        Get("/api/v1/rule-sets/versions", Needs.Permission(P.ViewRuleSets)),
        Get("/api/v1/rule-sets/{id:long}", Needs.Permission(P.ViewRuleSets), Owns.RuleSetVersion),
        Get("/api/v1/todos", Business),
        Get("/api/v1/indicator-library/", Business),
        Post("/api/v1/indicator-library/", Business),
        Put("/api/v1/indicator-library/{id:long}", Business, Owns.LibraryIndicator),

        // ── Projects and goals ──
        Get("/api/v1/projects/", Business),
        Post("/api/v1/projects/", Business),
        Get("/api/v1/projects/{id:long}", Business, Owns.Project),
        Put("/api/v1/projects/{id:long}", Business, Owns.Project),
        Get("/api/v1/projects/{id:long}/goal", Business, Owns.Project),
        Put("/api/v1/projects/{id:long}/goal", Business, Owns.Project),
        Get("/api/v1/projects/{id:long}/goal/findings", Business, Owns.Project),
        Post("/api/v1/projects/{id:long}/goal/{action}", Business, Owns.Project),
        Get("/api/v1/projects/{id:long}/goal/export", Business, Owns.Project),
        Get("/api/v1/projects/goals/export", Business),
        Post("/api/v1/projects/approve-department", Needs.Permission(P.ApproveGoals), Owns.Department, Call.NoBody,
            "/api/v1/projects/approve-department?departmentId={id}&year=1990"),
        Post("/api/v1/imports/goals", Business, call: Call.BadFile),

        // ── Expert and agency pools ──
        Get("/api/v1/experts/", Needs.Permission(P.ViewThirdParties)),
        Post("/api/v1/experts/", Needs.Permission(P.ManageThirdParties)),
        Get("/api/v1/experts/{id:long}", Needs.Permission(P.ViewThirdParties), Owns.PoolExpert),
        Put("/api/v1/experts/{id:long}", Needs.Permission(P.ManageThirdParties), Owns.PoolExpert),
        Get("/api/v1/agencies/", Needs.Permission(P.ViewThirdParties)),
        Post("/api/v1/agencies/", Needs.Permission(P.ManageThirdParties)),
        Get("/api/v1/agencies/{id:long}", Needs.Permission(P.ViewThirdParties), Owns.PoolAgency),
        Put("/api/v1/agencies/{id:long}", Needs.Permission(P.ManageThirdParties), Owns.PoolAgency),
        Post("/api/v1/agencies/{id:long}/credit", Needs.Permission(P.ManageThirdParties), Owns.PoolAgency),
        Post("/api/v1/agencies/{id:long}/inspections", Needs.Permission(P.ManageThirdParties), Owns.PoolAgency),

        // ── Ex-ante assessments ──
        Get("/api/v1/assessments/", Business),
        Post("/api/v1/assessments/", Business),
        Get("/api/v1/assessments/{id:long}", Business, Owns.Assessment),
        Put("/api/v1/assessments/{id:long}", Business, Owns.Assessment),
        Post("/api/v1/assessments/{id:long}/attachments", Business, Owns.Assessment, Call.BadFile, "/api/v1/assessments/{id}/attachments?kind=Other"),
        Get("/api/v1/assessments/{id:long}/attachments/{attachmentId:long}", Business, Owns.AssessmentAttachment),
        Delete("/api/v1/assessments/{id:long}/attachments/{attachmentId:long}", Business, Owns.AssessmentAttachment),
        Post("/api/v1/assessments/{id:long}/submit", Business, Owns.Assessment),
        Post("/api/v1/assessments/{id:long}/return", Business, Owns.Assessment),
        Post("/api/v1/assessments/{id:long}/organise", Business, Owns.Assessment),
        Get("/api/v1/assessments/{id:long}/draw-check", Business, Owns.Assessment),
        Put("/api/v1/assessments/{id:long}/my-sheet", Business, Owns.Assessment),
        Post("/api/v1/assessments/{id:long}/close", Business, Owns.Assessment),
        Post("/api/v1/assessments/{id:long}/confirm", Business, Owns.Assessment),
        Post("/api/v1/assessments/{id:long}/changes", Business, Owns.Assessment),
        Post("/api/v1/assessments/{id:long}/confirm-changes", Business, Owns.Assessment),
        Post("/api/v1/assessments/{id:long}/rating", Business, Owns.Assessment),
        Get("/api/v1/assessments/{id:long}/report.docx", Business, Owns.Assessment),

        // ── Monitoring and payments ──
        Post("/api/v1/monitoring/warning-preview", Business),
        Get("/api/v1/monitoring/rounds", Business),
        Post("/api/v1/monitoring/rounds", Business),
        Post("/api/v1/monitoring/rounds/{id:long}/close", Business, Owns.MonitoringRound),
        Get("/api/v1/monitoring/rounds/{id:long}/reports", Business, Owns.MonitoringRound),
        Get("/api/v1/monitoring/reports/{id:long}", Business, Owns.MonitoringReport),
        Put("/api/v1/monitoring/reports/{id:long}", Business, Owns.MonitoringReport),
        Post("/api/v1/monitoring/reports/{id:long}/submit", Business, Owns.MonitoringReport),
        Post("/api/v1/monitoring/reports/{id:long}/pass", Business, Owns.MonitoringReport),
        Post("/api/v1/monitoring/reports/{id:long}/return", Business, Owns.MonitoringReport),
        Get("/api/v1/monitoring/warnings", Business),
        Get("/api/v1/monitoring/dashboard", Business),
        Get("/api/v1/monitoring/projects/{id:long}/funding", Business, Owns.Project),
        Post("/api/v1/monitoring/projects/{id:long}/funding", Business, Owns.Project),
        Post("/api/v1/imports/payments/", Needs.Permission(P.ImportPayments)),
        Get("/api/v1/imports/payments/batches", Needs.Permission(P.ImportPayments)),
        Get("/api/v1/imports/payments/batches/{id:long}", Needs.Permission(P.ImportPayments), Owns.PaymentBatch),
        Get("/api/v1/payments/", Business),
        Get("/api/v1/payments/{id:long}", Business, Owns.Payment),

        // ── Evaluations ──
        Post("/api/v1/scoring/self-evaluation-preview", Business),
        Get("/api/v1/evaluations/", Business),
        Get("/api/v1/evaluations/self-tasks", Business),
        Post("/api/v1/evaluations/self-tasks", Business),
        Post("/api/v1/evaluations/self-tasks/{id:long}/close", Business, Owns.SelfTask),
        Get("/api/v1/evaluations/self", Business),
        Get("/api/v1/evaluations/self/{id:long}", Business, Owns.SelfEvaluation),
        Put("/api/v1/evaluations/self/{id:long}", Business, Owns.SelfEvaluation),
        Post("/api/v1/evaluations/self/{id:long}/submit", Business, Owns.SelfEvaluation),
        Post("/api/v1/evaluations/self/{id:long}/pass", Business, Owns.SelfEvaluation),
        Post("/api/v1/evaluations/self/{id:long}/return", Business, Owns.SelfEvaluation),
        Get("/api/v1/evaluations/key/", Business),
        Post("/api/v1/evaluations/key/", Business),
        Get("/api/v1/evaluations/key/{id:long}", Business, Owns.KeyEvaluation),
        Put("/api/v1/evaluations/key/{id:long}", Business, Owns.KeyEvaluation),
        Put("/api/v1/evaluations/key/{id:long}/framework", Business, Owns.KeyEvaluation),
        Post("/api/v1/evaluations/key/{id:long}/assign", Business, Owns.KeyEvaluation),
        Get("/api/v1/evaluations/key/{id:long}/draw-check", Business, Owns.KeyEvaluation),
        Put("/api/v1/evaluations/key/{id:long}/my-sheet", Business, Owns.KeyEvaluation),
        Post("/api/v1/evaluations/key/{id:long}/close", Business, Owns.KeyEvaluation),
        Post("/api/v1/evaluations/key/{id:long}/reopen", Business, Owns.KeyEvaluation),
        Put("/api/v1/evaluations/key/{id:long}/conclusions", Business, Owns.KeyEvaluation),
        Post("/api/v1/evaluations/key/{id:long}/complete", Business, Owns.KeyEvaluation),
        Post("/api/v1/evaluations/key/{id:long}/rating", Business, Owns.KeyEvaluation),
        Get("/api/v1/evaluations/key/{id:long}/report.docx", Business, Owns.KeyEvaluation),
        Get("/api/v1/evaluations/re", Business),
        Post("/api/v1/evaluations/re", Business),
        Get("/api/v1/evaluations/re/candidates", Business),
        Get("/api/v1/evaluations/re/{id:long}", Business, Owns.ReEvaluation),
        Get("/api/v1/evaluations/re/{id:long}/verify-sample", Business, Owns.ReEvaluation),
        Post("/api/v1/evaluations/re/{id:long}/complete", Business, Owns.ReEvaluation),
        Get("/api/v1/evaluations/re/items/{itemId:long}", Business, Owns.ReEvaluationItem),
        Put("/api/v1/evaluations/re/items/{itemId:long}", Business, Owns.ReEvaluationItem),

        // ── Use of results ──
        Get("/api/v1/feedback-letters/", Business),
        Post("/api/v1/feedback-letters/", Business),
        Get("/api/v1/feedback-letters/{id:long}", Business, Owns.FeedbackLetter),
        Put("/api/v1/feedback-letters/{id:long}", Perf, Owns.FeedbackLetter) with { Body = """{"grade":"good"}""" },
        Post("/api/v1/feedback-letters/{id:long}/request-views", Perf, Owns.FeedbackLetter),
        Post("/api/v1/feedback-letters/{id:long}/views", Business.Only(R.BudgetUnit, R.Department), Owns.FeedbackLetter),
        Post("/api/v1/feedback-letters/{id:long}/send", Perf, Owns.FeedbackLetter),
        Post("/api/v1/feedback-letters/{id:long}/cancel", Perf, Owns.FeedbackLetter),
        Get("/api/v1/feedback-letters/{id:long}/docx", Business, Owns.FeedbackLetter),
        Get("/api/v1/rectifications/", Business),
        Get("/api/v1/rectifications/{id:long}", Business, Owns.Rectification),
        Put("/api/v1/rectifications/{id:long}/report", Business, Owns.Rectification),
        Put("/api/v1/rectifications/{id:long}/items/{itemId:long}", Business, Owns.RectificationItem) with { Body = """{"state":"open"}""" },
        Post("/api/v1/rectifications/{id:long}/items/{itemId:long}/evidence", Business, Owns.RectificationItem, Call.BadFile,
            "/api/v1/rectifications/{id}/items/{itemId}/evidence?version=-1"),
        Get("/api/v1/rectifications/{id:long}/evidence/{evidenceId:long}", Business, Owns.RectificationEvidence),
        Post("/api/v1/rectifications/{id:long}/submit", Business, Owns.Rectification),
        Post("/api/v1/rectifications/{id:long}/accept", Business, Owns.Rectification),
        Post("/api/v1/rectifications/{id:long}/return", Business, Owns.Rectification),

        // ── Disclosure, budget linkage, congress report ──
        Get("/api/v1/disclosure/", Business),
        Get("/api/v1/disclosure/candidates", Business),
        Post("/api/v1/disclosure/publish", Business),
        Get("/api/v1/disclosure/{id:long}", Business, Owns.DisclosureItem),
        Post("/api/v1/disclosure/{id:long}/unpublish", Perf, Owns.DisclosureItem),
        Post("/api/v1/disclosure/{id:long}/republish", Perf, Owns.DisclosureItem),
        Get("/api/v1/budget-linkage/", Business.OnlyWith(P.ViewBudgetLinkage)),
        Post("/api/v1/budget-linkage/decisions", Business.Only(R.BudgetSection)),
        Get("/api/v1/transfer-payments/", Business.OnlyWith(P.ViewBudgetLinkage)),
        Post("/api/v1/transfer-payments/", Business.Only(R.BudgetSection, R.PerformanceSection), call: Call.EmptyArray),
        Post("/api/v1/transfer-payments/import", Business.Only(R.BudgetSection, R.PerformanceSection), call: Call.BadFile),
        Get("/api/v1/congress-reports/{year:int}", Business.OnlyWith(P.ViewCongressReport)),
        Post("/api/v1/congress-reports/{year:int}", Perf, call: Call.NoBody, url: "/api/v1/congress-reports/1990"),
        Get("/api/v1/congress-reports/{year:int}/docx", Business.OnlyWith(P.ViewCongressReport)),

        // ── Appraisals (年度考核) and county fiscal operation evaluations (issue 8) ──
        Get("/api/v1/appraisals/", Business),
        Post("/api/v1/appraisals/", Business),
        Get("/api/v1/appraisals/{id:long}", Business, Owns.AppraisalRound),
        Post("/api/v1/appraisals/{id:long}/finalise", Business, Owns.AppraisalRoundStaff),
        Post("/api/v1/appraisals/{id:long}/publish", Business, Owns.AppraisalRoundStaff),
        Get("/api/v1/appraisals/{id:long}/ranking", Business, Owns.AppraisalRound),
        Get("/api/v1/appraisals/{id:long}/ranking.xlsx", Business, Owns.AppraisalRound),
        Get("/api/v1/appraisals/sheets/{sheetId:long}", Business, Owns.AppraisalSheet),
        Get("/api/v1/appraisals/sheets/{sheetId:long}/attachments/{attachmentId:long}", Business, Owns.AppraisalAttachment),
        Post("/api/v1/appraisals/sheets/{sheetId:long}/follow-ups", Business, Owns.AppraisalSheet) with { Body = """{"kind":"talk"}""" },
        Post("/api/v1/appraisals/sheets/{sheetId:long}/lines/{lineId:long}/attachments", Business, Owns.AppraisalSheet, Call.BadFile,
            "/api/v1/appraisals/sheets/{sheetId}/lines/{lineId}/attachments?version=-1"),
        Post("/api/v1/appraisals/sheets/{sheetId:long}/measure", Business, Owns.AppraisalSheet),
        Post("/api/v1/appraisals/sheets/{sheetId:long}/return", Business, Owns.AppraisalSheet),
        Post("/api/v1/appraisals/sheets/{sheetId:long}/review", Business, Owns.AppraisalSheet),
        Put("/api/v1/appraisals/sheets/{sheetId:long}/self-score", Business, Owns.AppraisalSheet),
        Post("/api/v1/appraisals/sheets/{sheetId:long}/submit", Business, Owns.AppraisalSheet),
        Get("/api/v1/fiscal-evaluations/", Business),
        Post("/api/v1/fiscal-evaluations/", Business),
        Get("/api/v1/fiscal-evaluations/{id:long}", Business, Owns.FiscalEvaluation),
        Get("/api/v1/fiscal-evaluations/{id:long}/export", Business, Owns.FiscalEvaluation),
        Get("/api/v1/fiscal-evaluations/{id:long}/template", Business, Owns.FiscalEvaluation),
        Post("/api/v1/fiscal-evaluations/{id:long}/finalise", Business, Owns.FiscalEvaluation),
        Post("/api/v1/fiscal-evaluations/{id:long}/import", Business, Owns.FiscalEvaluation, Call.BadFile),
        Post("/api/v1/fiscal-evaluations/{id:long}/reopen", Business, Owns.FiscalEvaluation),
        Post("/api/v1/fiscal-evaluations/{id:long}/score", Business, Owns.FiscalEvaluation),
        Put("/api/v1/fiscal-evaluations/{id:long}/sheets/{countyCode}", Business, Owns.FiscalSheet),
        // ── Filing of county rules (规则备案, issue 8) ──
        Get("/api/v1/filings/", Filings),
        Post("/api/v1/filings/", Filings, call: Call.BadFile),
        Get("/api/v1/filings/{id:long}", Filings, Owns.Filing),
        Get("/api/v1/filings/{id:long}/document", Filings, Owns.Filing),
        Post("/api/v1/filings/{id:long}/file", Filings, Owns.Filing),
        Post("/api/v1/filings/{id:long}/resubmit", Filings, Owns.Filing, Call.BadFile),
        Post("/api/v1/filings/{id:long}/return", Filings, Owns.Filing),

        // ── Pages (GET; their forms post to the same services the API rows exercise) ──
        Page("/Index", Needs.SignedIn),
        Page("/Error", Needs.Anyone),
        Page("/Account/Login", Needs.Anyone),
        Page("/Account/Denied", Needs.Anyone),
        Page("/Account/Logout", Needs.SignedIn),
        Page("/Account/Year", Needs.SignedIn),
        Page("/Account/ChangePassword", Needs.SignedIn),
        Page("/Disclosure/Public/Index", Needs.Anyone, url: "/public"),
        Page("/Disclosure/Public/Items", Needs.Anyone, url: "/public/items"),
        Page("/Disclosure/Public/Fields", Needs.Anyone, url: "/public/fields"),
        Page("/Disclosure/Public/Item", Needs.Anyone, Owns.PublishedItem, "/public/items/{id}"),
        Page("/Organizations/Index", Needs.Permission(P.ViewOrganizations)),
        Page("/Organizations/Create", Needs.Permission(P.ManageOrganizations)),
        Page("/Organizations/Edit", Needs.Permission(P.ManageOrganizations), Owns.Organization, "/Organizations/Edit?id={id}"),
        Page("/Organizations/Import", Needs.Permission(P.ManageOrganizations)),
        Page("/Identity/Users", Needs.Permission(P.ListUsers)),
        Page("/Identity/UserCreate", Needs.Permission(P.ManageUsers)),
        Page("/Identity/UserEdit", Needs.Permission(P.ManageUsers), Owns.Account, "/Identity/UserEdit?id={id}"),
        Page("/Identity/UserRoles", Needs.Permission(P.ManageRoles), Owns.Account, "/Identity/UserRoles?id={id}"),
        Page("/Identity/Policy", Needs.Permission(P.ManageSecurityPolicy)),
        Page("/Audit/Index", Needs.Permission(P.ReadAuditLog)),
        Page("/RuleSets/Index", Needs.Permission(P.ViewRuleSets)),
        Page("/RuleSets/Edit", Needs.Permission(P.EditRuleSets)),
        Page("/Todos/Index", Business),
        Page("/Indicators/Index", Business),
        Page("/Indicators/Edit", Business, Owns.LibraryIndicator, "/Indicators/Edit?id={id}"),
        Page("/Projects/Index", Business),
        Page("/Projects/Create", Business),
        Page("/Projects/Edit", Business, Owns.Project, "/Projects/Edit?id={id}"),
        Page("/Goals/Edit", Business, Owns.Project, "/Goals/Edit?projectId={id}"),
        Page("/Goals/Approve", Needs.Permission(P.ApproveGoals)),
        Page("/Goals/Import", Business),
        Page("/ThirdParties/Experts", Needs.Permission(P.ViewThirdParties)),
        Page("/ThirdParties/ExpertEdit", Needs.Permission(P.ManageThirdParties), Owns.PoolExpert, "/ThirdParties/ExpertEdit?id={id}"),
        Page("/ThirdParties/Agencies", Needs.Permission(P.ViewThirdParties)),
        Page("/ThirdParties/AgencyEdit", Needs.Permission(P.ViewThirdParties), Owns.PoolAgency, "/ThirdParties/AgencyEdit?id={id}"),
        Page("/PriorAssessments/Index", Business),
        Page("/PriorAssessments/Start", Business),
        Page("/PriorAssessments/Details", Business, Owns.Assessment, "/PriorAssessments/Details?id={id}"),
        Page("/Monitoring/Dashboard", Business),
        Page("/Monitoring/Warnings", Business),
        Page("/Monitoring/Rounds", Business),
        Page("/Monitoring/Reports", Business, Owns.MonitoringRound, "/Monitoring/Reports?roundId={id}"),
        Page("/Monitoring/Report", Business, Owns.MonitoringReport, "/Monitoring/Report?id={id}"),
        Page("/Monitoring/Funding", Business, Owns.Project, "/Monitoring/Funding?projectId={id}"),
        Page("/Monitoring/Payments", Business),
        Page("/Monitoring/PaymentImport", Needs.Permission(P.ImportPayments)),
        Page("/Evaluations/Index", Business),
        Page("/Evaluations/Self", Business),
        Page("/Evaluations/SelfEvaluation", Business, Owns.SelfEvaluation, "/Evaluations/SelfEvaluation?id={id}"),
        Page("/Evaluations/Key", Business),
        Page("/Evaluations/KeyCreate", Business),
        Page("/Evaluations/KeyDetails", Business, Owns.KeyEvaluation, "/Evaluations/KeyDetails?id={id}"),
        Page("/Evaluations/KeySheet", Business.Only(R.Expert, R.ThirdPartyAgency), Owns.KeyEvaluation, "/Evaluations/KeySheet?id={id}"),
        Page("/Evaluations/ReEvaluations", Business),
        Page("/Evaluations/ReEvaluation", Business, Owns.ReEvaluation, "/Evaluations/ReEvaluation?id={id}"),
        Page("/Evaluations/ReEvaluationItem", Business, Owns.ReEvaluationItem, "/Evaluations/ReEvaluationItem?id={itemId}"),
        Page("/Results/Letters", Business),
        Page("/Results/Letter", Business, Owns.FeedbackLetter, "/Results/Letter/{id}"),
        Page("/Results/Rectifications", Business),
        Page("/Results/Rectification", Business, Owns.Rectification, "/Results/Rectification/{id}"),
        Page("/Disclosure/Index", Business),
        Page("/Disclosure/Candidates", Perf),
        Page("/BudgetLinkage/Index", Needs.Permission(P.ViewBudgetLinkage)),
        Page("/BudgetLinkage/Congress", Needs.Permission(P.ViewCongressReport)),
        Page("/FiscalEvaluations/Index", Needs.Permission(P.ViewBudgetLinkage)),
        Page("/Appraisals/Index", Business),
        Page("/Appraisals/Round", Business, Owns.AppraisalRound, "/Appraisals/Round?id={id}"),
        Page("/Appraisals/Sheet", Business, Owns.AppraisalSheet, "/Appraisals/Sheet?id={sheetId}"),
        Page("/Filings/Index", Filings),
        Page("/Filings/Submit", Filings),
        Page("/Filings/Detail", Filings, Owns.Filing, "/Filings/Detail/{id}"),
        Page("/FiscalEvaluations/Details", Needs.Permission(P.ViewBudgetLinkage), Owns.FiscalEvaluation, "/FiscalEvaluations/Details?id={id}"),
        Page("/FiscalEvaluations/Sheet", Needs.Permission(P.ViewBudgetLinkage), Owns.FiscalSheet, "/FiscalEvaluations/Sheet?id={id}&county={countyCode}"),
    ];
}
