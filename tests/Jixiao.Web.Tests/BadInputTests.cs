using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Results;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests;

/// <summary>
/// Every upload and import endpoint × every kind of bad file (issue 9, item 2): each is refused with a 400 and a Chinese
/// message (the organisation import, a page only, shows its errors on the page) and changes NOTHING — the row count of every
/// table and the head of the audit chain are the same before and after, and the chain verifies. The endpoints are found
/// from the app's own endpoint metadata and page models, so a new upload cannot escape the table.
/// </summary>
public sealed class BadInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    // ---------------------------------------------------------------- the table

    private const string PaymentsFile = "POST /api/v1/imports/payments (file)";
    private const string PaymentsJson = "POST /api/v1/imports/payments (JSON)";
    private const string Goals = "POST /api/v1/imports/goals";
    private const string Transfers = "POST /api/v1/transfer-payments/import";
    private const string AssessmentAttachment = "POST /api/v1/assessments/{id}/attachments";
    private const string RectificationEvidence = "POST /api/v1/rectifications/{id}/items/{itemId}/evidence";
    private const string OrganizationsPage = "POST /Organizations/Import (page)";
    private const string FiscalImport = "POST /api/v1/fiscal-evaluations/{id}/import";
    private const string AppraisalAttachment = "POST /api/v1/appraisals/sheets/{sheetId}/lines/{lineId}/attachments";
    private const string FilingSubmit = "POST /api/v1/filings";
    private const string FilingResubmit = "POST /api/v1/filings/{id}/resubmit";

    /// <summary>The bad inputs of a table import (CSV and .xlsx read into rows).</summary>
    private static readonly string[] TableCases =
    [
        "empty", "png-named-xlsx", "text-named-xlsx", "zip-without-workbook", "zip-bomb", "xxe", "formula-cell", "one-line-10mb", "broken-utf8",
        "utf16-without-bom", "negative-amount", "amount-1e20", "amount-nan", "date-1900", "date-9999", "date-feb-30", "duplicate-id", "other-region",
    ];

    /// <summary>The bad inputs of a stored attachment (never parsed by the server, so its content is only checked against its name).</summary>
    private static readonly string[] AttachmentCases =
        ["empty", "png-named-pdf", "text-named-pdf", "text-named-xlsx", "png-named-docx", "exe", "one-line-10mb", "other-unit"];

    /// <summary>
    /// Endpoint → its bad inputs. Cases an endpoint cannot meet are left out with the reason here: payments allow negative
    /// amounts (冲红 is a negative payment); goals have no date column; a transfer payment has a year, not a date, so the
    /// 2月30日 case is the year column holding a date; the organisation import is CSV only (no .xlsx cases) and has no amounts,
    /// dates or owning region (the system administrator imports any region); the fiscal-evaluation import has no date column and
    /// allows negative values (a growth rate or a balance may be below zero), its id is the county's code and "another region" is
    /// a county outside the city. A first filing names no record, so it has no "another unit's" case (the other county's
    /// returned filing is that case of the resubmission).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Matrix = new Dictionary<string, string[]>
    {
        [PaymentsFile] = TableCases.Where(c => c != "negative-amount").ToArray(),
        [PaymentsJson] = ["empty", "broken-utf8", "utf16-without-bom", "one-line-10mb", "amount-1e20", "amount-nan", "date-1900", "date-9999", "date-feb-30", "duplicate-id", "other-region"],
        [Goals] = TableCases.Where(c => !c.StartsWith("date-", StringComparison.Ordinal)).ToArray(),
        [Transfers] = TableCases,
        [AssessmentAttachment] = AttachmentCases,
        [RectificationEvidence] = AttachmentCases,
        [FiscalImport] = TableCases.Where(c => c != "negative-amount" && !c.StartsWith("date-", StringComparison.Ordinal)).ToArray(),
        [AppraisalAttachment] = AttachmentCases,
        [FilingSubmit] = AttachmentCases.Where(c => c != "other-unit").ToArray(),
        [FilingResubmit] = AttachmentCases,
        [OrganizationsPage] = ["empty", "png-named-csv", "one-line-10mb", "broken-utf8", "utf16-without-bom", "duplicate-id", "formula-text"],
    };

    /// <summary>Every endpoint that accepts a file, as the app's metadata names it → the row of <see cref="Matrix"/> that covers it.</summary>
    private static readonly IReadOnlyDictionary<string, string> FileEndpoints = new Dictionary<string, string>
    {
        ["POST /api/v1/imports/payments/"] = PaymentsFile, // reads the form itself (multipart file or a JSON batch)
        ["POST /api/v1/imports/goals"] = Goals,
        ["POST /api/v1/transfer-payments/import"] = Transfers,
        ["POST /api/v1/assessments/{id:long}/attachments"] = AssessmentAttachment,
        ["POST /api/v1/rectifications/{id:long}/items/{itemId:long}/evidence"] = RectificationEvidence,
        ["POST /api/v1/fiscal-evaluations/{id:long}/import"] = FiscalImport,
        ["POST /api/v1/appraisals/sheets/{sheetId:long}/lines/{lineId:long}/attachments"] = AppraisalAttachment,
        // The pages call the same service methods as the API rows they name (the API is where the matrix runs).
        ["page Jixiao.Web.Features.Organizations.ImportModel"] = OrganizationsPage,
        ["page Jixiao.Web.Features.Goals.ImportModel"] = Goals,
        ["page Jixiao.Web.Features.Monitoring.PaymentImportModel"] = PaymentsFile,
        ["page Jixiao.Web.Features.BudgetLinkage.IndexModel"] = Transfers,
        ["page Jixiao.Web.Features.PriorAssessments.DetailsModel"] = AssessmentAttachment,
        ["page Jixiao.Web.Features.ResultApplication.RectificationModel"] = RectificationEvidence,
        ["page Jixiao.Web.Features.FiscalEvaluations.DetailsModel"] = FiscalImport,
        ["page Jixiao.Web.Features.Appraisals.SheetModel"] = AppraisalAttachment,
        ["POST /api/v1/filings/"] = FilingSubmit,
        ["POST /api/v1/filings/{id:long}/resubmit"] = FilingResubmit,
        ["page Jixiao.Web.Features.Filings.SubmitModel"] = FilingSubmit,
        ["page Jixiao.Web.Features.Filings.DetailModel"] = FilingResubmit,
    };

    /// <summary>Refusals that mean the row's record was not in the state the row needs, whatever the file.</summary>
    private static readonly string[] SetupRefusals = ["已有未办结的备案", "重新报送前请修改", "尚未制定", "请刷新后重试", "已被他人修改"];

    /// <summary>API endpoints that take the raw HttpContext (so could read a body themselves) but read no file.</summary>
    private static readonly IReadOnlySet<string> HttpContextWithoutFile = new HashSet<string>
    {
        "POST /api/v1/auth/token", // a JSON user name and password
        "POST /api/v1/auth/logout", // no body
    };

    public static TheoryData<DbProvider, string, string> Cases
    {
        get
        {
            var data = new TheoryData<DbProvider, string, string>();
            foreach (var provider in new[] { DbProvider.Sqlite, DbProvider.Postgres })
                foreach (var (endpoint, cases) in Matrix)
                    foreach (var c in cases) data.Add(provider, endpoint, c);
            return data;
        }
    }

    [Fact]
    public void EveryEndpointAcceptingAFile_IsInTheTable()
    {
        var app = fixture.For(DbProvider.Sqlite);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var sources = app.Factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var method = endpoint.Metadata.GetMetadata<MethodInfo>();
            if (method is null) continue;
            var types = method.GetParameters().Select(p => p.ParameterType).ToList();
            var verbs = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var name = $"{string.Join("|", verbs)} {endpoint.RoutePattern.RawText}";
            var takesFile = types.Any(t => t == typeof(IFormFile) || t == typeof(IFormFileCollection) || t == typeof(IFormCollection)
                || t == typeof(IEnumerable<IFormFile>) || t == typeof(IReadOnlyList<IFormFile>));
            var takesContext = types.Contains(typeof(HttpContext)) && verbs.Any(v => v is "POST" or "PUT" or "PATCH");
            if (takesFile || (takesContext && !HttpContextWithoutFile.Contains(name))) found.Add(name);
        }
        foreach (var page in typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract))
        {
            var props = page.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType);
            var handlerParams = page.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)).SelectMany(m => m.GetParameters()).Select(p => p.ParameterType);
            if (props.Concat(handlerParams).Any(t => t == typeof(IFormFile) || t == typeof(IFormFileCollection) || t == typeof(List<IFormFile>)))
                found.Add($"page {page.FullName}");
        }
        Assert.NotEmpty(found);
        var missing = found.Where(f => !FileEndpoints.ContainsKey(f)).ToList();
        Assert.True(missing.Count == 0, "file endpoints missing from the bad-input table: " + string.Join(", ", missing));
        var stale = FileEndpoints.Keys.Where(k => !found.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "bad-input table names endpoints that no longer accept a file: " + string.Join(", ", stale));
        foreach (var covered in FileEndpoints.Values) Assert.True(Matrix.ContainsKey(covered), covered);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_IsRefusedInChinese_AndChangesNothing(DbProvider provider, string endpoint, string badCase)
    {
        var app = fixture.For(provider);
        var ctx = await ContextAsync(app);
        // The page is posted by a signed-in browser; signing in writes a session and an audit record, so it comes first.
        using var browser = endpoint == OrganizationsPage ? new BrowserSession(app.Factory) : null;
        if (browser is not null) await browser.LogInAsync("sysadmin");
        var before = await DbSnapshot.TakeAsync(app.Factory);

        string message;
        if (browser is not null)
        {
            message = await PostOrganizationPageAsync(browser, badCase);
        }
        else
        {
            using var response = await SendAsync(app, ctx, endpoint, badCase);
            var text = await response.Content.ReadAsStringAsync();
            // Another unit's record is outside the caller's scope: not found, as everywhere (issue 9, item 1).
            var expected = badCase == "other-unit" ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest;
            Assert.True(response.StatusCode == expected, $"{endpoint} × {badCase}: expected {(int)expected}, got {(int)response.StatusCode}: {Short(text)}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            message = MessagesOf(JsonNode.Parse(text)!);
        }
        Http.AssertChinese(message);
        // The refusal is of the file, not of a setup that went wrong (which would refuse every file alike).
        foreach (var setup in SetupRefusals) Assert.DoesNotContain(setup, message, StringComparison.Ordinal);

        var after = await DbSnapshot.TakeAsync(app.Factory);
        before.AssertSame(after, $"{endpoint} × {badCase}");
        await DbSnapshot.AssertAuditChainIntactAsync(app.Factory);
    }

    // ---------------------------------------------------------------- what each endpoint is sent

    private sealed record Context(
        string PaymentProject, string PaymentUnit, int PaymentYear, string RegionCode, string GoalProject, string OtherUnitsProject,
        long AssessmentId, long RectificationId, long RectificationItemId, long FiscalId, long AppraisalSheetId, long AppraisalLineId,
        int FilingYear, long ReturnedFilingId, long OtherCountysFilingId);

    private static readonly ConcurrentDictionary<TestApp, Task<Context>> Contexts = new();

    private static Task<Context> ContextAsync(TestApp app) => Contexts.GetOrAdd(app, BuildContextAsync);

    private static async Task<Context> BuildContextAsync(TestApp app)
    {
        // Sign every user in first: a sign-in writes a session and an audit record, which must not fall inside a snapshot.
        foreach (var user in new[] { "perf", "unit", "unit2", "budget", "sysadmin", "county", "dept" }) await app.TokenAsync(user);

        var projects = (await app.GetJsonAsync("perf", "/api/v1/projects?pageSize=1000"))["items"]!.AsArray();
        var p = projects.First(x => (string)x!["unitName"]! == "长治市第一中学校")!;
        var orgs = (await app.GetJsonAsync("sysadmin", "/api/v1/organizations?pageSize=1000"))["items"]!.AsArray();
        var codes = orgs.ToDictionary(o => (long)o!["id"]!, o => (string)o!["code"]!);

        var own = (await app.GetJsonAsync("unit", "/api/v1/projects?pageSize=100"))["items"]!.AsArray();
        var goalProject = (string)own.First(x => (string?)x!["goalState"] is "Returned" or "Draft")!["code"]!;
        var otherUnits = (string)(await app.GetJsonAsync("unit2", "/api/v1/projects?pageSize=100"))["items"]!.AsArray().First()!["code"]!;

        // A draft ex-ante assessment of the unit's own (attachments may be added while it is a draft).
        var project = await (await app.SendAsync("unit", HttpMethod.Post, "/api/v1/projects", new
        {
            code = $"B{Guid.NewGuid():N}"[..12],
            name = "坏输入测试项目",
            kind = "Project",
            budgetKind = "General",
            category = "Ordinary",
            startYear = 2026,
            endYear = 2026,
            responsiblePersonName = "刘芳",
            currentYearAppropriation = 3_000_000m,
            isNewMajor = true,
        })).AssertOkJsonAsync(HttpStatusCode.Created);
        var assessment = await (await app.SendAsync("unit", HttpMethod.Post, "/api/v1/assessments",
            new { projectId = (long)project["id"]!, rationale = "测试。" })).AssertOkJsonAsync(HttpStatusCode.Created);

        // A rectification of the unit in progress (evidence may be added then): a letter on one of its passed self-evaluations, sent.
        var unitOrg = (long)orgs.Single(o => (string)o!["name"]! == "长治市第一中学校")!["id"]!;
        long sourceId;
        await using (var db = DbSnapshot.OpenContext(app.Factory))
        {
            sourceId = await db.SelfEvaluations.AsNoTracking()
                .Where(e => e.OrganizationId == unitOrg && e.State == SelfEvaluationState.DepartmentReviewed && e.ProjectId != 0
                    && !db.FeedbackLetters.Any(l => l.SourceKind == FeedbackSourceKind.SelfEvaluation && l.SourceId == e.Id))
                .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        }
        var letter = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/feedback-letters", new { sourceKind = "self-evaluation", sourceId }))
            .AssertOkJsonAsync(HttpStatusCode.Created);
        var letterId = (long)letter["id"]!;
        letter = await (await app.SendAsync("perf", HttpMethod.Put, $"/api/v1/feedback-letters/{letterId}", new
        {
            version = (int)letter["version"]!,
            title = (string)letter["title"]!,
            recipient = (string)letter["recipient"]!,
            issuer = (string)letter["issuer"]!,
            subjectName = (string)letter["subjectName"]!,
            score = (decimal?)letter["score"],
            grade = (string?)letter["grade"],
            problems = "绩效目标设置不够细化",
            requirements = (string)letter["requirements"]!,
            deadline = (string)letter["deadline"]!,
        })).AssertOkJsonAsync();
        letter = await (await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/feedback-letters/{letterId}/send", new { version = (int)letter["version"]! }))
            .AssertOkJsonAsync();
        var rectId = (long)letter["rectificationId"]!;
        var itemId = (long)(await app.GetJsonAsync("unit", $"/api/v1/rectifications/{rectId}"))["items"]![0]!["id"]!;

        // A draft fiscal-operation evaluation of a year nobody else touches (values may be imported while it is a draft).
        var fiscal = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/fiscal-evaluations", new { fiscalYear = 2031 }))
            .AssertOkJsonAsync(HttpStatusCode.Created);

        // A county appraisal just issued: 潞州区's own sheet takes evidence (another unit, a department, cannot see it).
        var round = await (await app.SendAsync("perf", HttpMethod.Post, "/api/v1/appraisals", new { kind = "county", year = 2023, selfScoreDeadline = "2024-03-31" }))
            .AssertOkJsonAsync(HttpStatusCode.Created);
        var sheetId = (long)round["sheets"]!.AsArray().Single(x => (string)x!["subjectName"]! == "潞州区")!["sheetId"]!;
        var lineId = (long)(await app.GetJsonAsync("county", $"/api/v1/appraisals/sheets/{sheetId}"))["lines"]![0]!["id"]!;

        // Filings: 潞州区 (user county) saves its own rules for two years nobody else uses. Of the first it files nothing (a
        // first filing of it is refused only by its file); the second it files with a good document, and the city returns it
        // (a resubmission is refused only by its file). 上党区's returned demo filing is the other county's record.
        const int filingYear = 2032, returnedYear = 2033;
        foreach (var y in new[] { filingYear, returnedYear })
        {
            var current = await app.GetJsonAsync("county", $"/api/v1/rule-sets/current?year={y}");
            using var saved = await app.SendAsync("county", HttpMethod.Put, $"/api/v1/rule-sets/current?year={y}",
                new { baseVersionNo = 0, content = current["content"]!.DeepClone(), comment = "坏输入测试" });
            await saved.AssertOkJsonAsync();
        }
        var filing = await (await app.PostMultipartAsync("county", "/api/v1/filings", new() { ["year"] = $"{returnedYear}" },
            (BadFiles.Pdf, "实施细则.pdf"))).AssertOkJsonAsync(HttpStatusCode.Created);
        await (await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/filings/{(long)filing["id"]!}/return",
            new { version = (int)filing["version"]!, comments = "请补充整改期限的依据。" })).AssertOkJsonAsync();
        var shangdang = (await app.GetJsonAsync("perf", "/api/v1/filings?pageSize=100"))["items"]!.AsArray()
            .First(f => (string?)f!["regionName"] == "上党区" && (string?)f["state"] == "Returned")!;

        return new Context((string)p["code"]!, codes[(long)p["unitId"]!], (int)p["fiscalYear"]!, "140400000", goalProject, otherUnits,
            (long)assessment["id"]!, rectId, itemId, (long)fiscal["id"]!, sheetId, lineId, filingYear, (long)filing["id"]!, (long)shangdang["id"]!);
    }

    /// <summary>A table import's header, one valid row, and where its id, amount, date and place columns are.</summary>
    private sealed record Table(string[] Header, Func<string[]> Row, int Id, int Amount, int? Date, Func<string, string>? DateText, int Place, string OtherPlace);

    private static Table TableOf(string endpoint, Context c)
    {
        switch (endpoint)
        {
            case PaymentsFile or PaymentsJson:
                return new Table(["pay_cert_no", "xpay_date", "pro_code", "agency_code", "xpay_amt", "mof_div_code", "use_des"],
                    () => [NewId(), $"{c.PaymentYear}-03-05", c.PaymentProject, c.PaymentUnit, "1234.50", c.RegionCode, "办公设备"],
                    0, 4, 1, d => d, 5, "140403000");
            case Goals:
                return new Table(["项目代码", "一级指标", "二级指标", "三级指标", "指标值", "指标方向", "分值"],
                    () => [c.GoalProject, "产出指标", "数量指标", "资助学生人数", "1850人", "正向", "45"],
                    3, 6, null, null, 0, c.OtherUnitsProject);
            case Transfers:
                return new Table(["mof_div_code", "fiscal_year", "tp_code", "tp_name", "amount"],
                    () => ["140403000", "2031", NewId()[..10], "坏输入测试补助", "1200.00"],
                    2, 4, 1, d => d.Length == 10 && d.EndsWith("-02-30", StringComparison.Ordinal) ? d : d[..4], 0, "140100000");
            case FiscalImport:
                return new Table(["mof_div_code", "mof_div_name", "R1"], () => ["140403000", "潞州区", "80.5"], 0, 2, null, null, 0, "140100000");
            default:
                throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null);
        }
    }

    private static string NewId() => "BI" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    private static readonly ConcurrentDictionary<string, byte[]> Bombs = new();

    /// <summary>The bad file of a table import, as (bytes, file name).</summary>
    private static (byte[] Bytes, string Name) TableFile(Table t, string endpoint, string badCase)
    {
        List<string[]> Rows(Action<string[]>? change = null, Action<List<string[]>>? more = null)
        {
            var row = t.Row();
            change?.Invoke(row);
            var rows = new List<string[]> { t.Header, row };
            more?.Invoke(rows);
            return rows;
        }
        (byte[], string) Csv(List<string[]> rows) => (BadFiles.Csv(rows), "bad.csv");
        var date = t.Date ?? -1;
        var dateText = t.DateText ?? (d => d);
        return badCase switch
        {
            "empty" => ([], "empty.csv"),
            "png-named-xlsx" => (BadFiles.Png, "图表.xlsx"),
            "text-named-xlsx" => (BadFiles.Csv(Rows()), "改名.xlsx"),
            "zip-without-workbook" => (BadFiles.ZipWithoutWorkbook(), "压缩包.xlsx"),
            "zip-bomb" => (Bombs.GetOrAdd(endpoint, _ => BadFiles.ZipBombXlsx(Rows())), "bomb.xlsx"),
            "xxe" => (BadFiles.XxeXlsx(Rows()), "xxe.xlsx"),
            "formula-cell" => (BadFiles.Xlsx(Rows(), formula: (1, t.Amount, "1000+234.5")), "formula.xlsx"),
            "one-line-10mb" => (BadFiles.OneLine(), "oneline.csv"),
            "broken-utf8" => (BadFiles.BrokenUtf8(Rows(r => r[t.Id] += "款"), 1, t.Id), "broken.csv"),
            "utf16-without-bom" => (BadFiles.Utf16WithoutBom(Rows()), "utf16.csv"),
            "negative-amount" => Csv(Rows(r => r[t.Amount] = "-5")),
            "amount-1e20" => Csv(Rows(r => r[t.Amount] = "100000000000000000000")),
            "amount-nan" => Csv(Rows(r => r[t.Amount] = "NaN")),
            "date-1900" => Csv(Rows(r => r[date] = dateText("1900-01-01"))),
            "date-9999" => Csv(Rows(r => r[date] = dateText("9999-12-31"))),
            "date-feb-30" => Csv(Rows(r => r[date] = dateText(r[date][..4] is var y && int.TryParse(y, out _) ? $"{y}-02-30" : "2026-02-30"))),
            "duplicate-id" => Csv(Rows(more: rows =>
            {
                var again = rows[1].ToArray();
                again[t.Amount] = again[t.Amount] == "45" ? "40" : "99.00";
                rows.Add(again);
            })),
            "other-region" => Csv(Rows(r => r[t.Place] = t.OtherPlace)),
            _ => throw new ArgumentOutOfRangeException(nameof(badCase), badCase, null),
        };
    }

    private static async Task<HttpResponseMessage> SendAsync(TestApp app, Context c, string endpoint, string badCase)
    {
        switch (endpoint)
        {
            case PaymentsFile:
            case Goals:
            case Transfers:
            case FiscalImport:
                {
                    var (bytes, name) = TableFile(TableOf(endpoint, c), endpoint, badCase);
                    var (user, url) = endpoint switch
                    {
                        PaymentsFile => ("perf", "/api/v1/imports/payments"),
                        Goals => ("unit", "/api/v1/imports/goals"),
                        FiscalImport => ("perf", $"/api/v1/fiscal-evaluations/{c.FiscalId}/import"),
                        _ => ("budget", "/api/v1/transfer-payments/import"),
                    };
                    return await app.PostFileAsync(user, url, bytes, name, name.EndsWith(".xlsx", StringComparison.Ordinal) ? BadFiles.XlsxType : "text/csv");
                }
            case PaymentsJson:
                return await PostPaymentsJsonAsync(app, c, badCase);
            case AssessmentAttachment:
                {
                    var (user, bytes, name) = AttachmentFile(badCase);
                    return await app.PostFileAsync(user, $"/api/v1/assessments/{c.AssessmentId}/attachments?kind=Other", bytes, name, "application/octet-stream");
                }
            case RectificationEvidence:
                {
                    var (user, bytes, name) = AttachmentFile(badCase);
                    var version = (int)(await app.GetJsonAsync("unit", $"/api/v1/rectifications/{c.RectificationId}"))["version"]!;
                    return await app.PostFileAsync(user, $"/api/v1/rectifications/{c.RectificationId}/items/{c.RectificationItemId}/evidence?version={version}",
                        bytes, name, "application/octet-stream");
                }
            case AppraisalAttachment:
                {
                    // The sheet's subject is 潞州区 (user county); the "other unit" is a department (user dept), outside its scope.
                    var (user, bytes, name) = AttachmentFile(badCase, "county", "dept");
                    var version = (int)(await app.GetJsonAsync("county", $"/api/v1/appraisals/sheets/{c.AppraisalSheetId}"))["version"]!;
                    return await app.PostFileAsync(user, $"/api/v1/appraisals/sheets/{c.AppraisalSheetId}/lines/{c.AppraisalLineId}/attachments?version={version}",
                        bytes, name, "application/octet-stream");
                }
            case FilingSubmit:
                {
                    var (user, bytes, name) = AttachmentFile(badCase, "county");
                    return await app.PostMultipartAsync(user, "/api/v1/filings", new() { ["year"] = $"{c.FilingYear}" }, (bytes, name));
                }
            case FilingResubmit:
                {
                    // "Another unit's" record here is the other county's returned filing, resubmitted by 潞州区: not found for it.
                    var (user, bytes, name) = AttachmentFile(badCase, "county", "county");
                    var id = badCase == "other-unit" ? c.OtherCountysFilingId : c.ReturnedFilingId;
                    var version = badCase == "other-unit" ? 1 : (int)(await app.GetJsonAsync("county", $"/api/v1/filings/{id}"))["version"]!;
                    return await app.PostMultipartAsync(user, $"/api/v1/filings/{id}/resubmit", new() { ["version"] = $"{version}" },
                        (bytes, name));
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null);
        }
    }

    private static (string User, byte[] Bytes, string Name) AttachmentFile(string badCase, string owner = "unit", string other = "unit2") => badCase switch
    {
        "empty" => (owner, [], "空文件.pdf"),
        "png-named-pdf" => (owner, BadFiles.Png, "方案.pdf"),
        "text-named-pdf" => (owner, Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "方案.pdf"),
        "text-named-xlsx" => (owner, Encoding.UTF8.GetBytes("a,b\n1,2\n"), "测算.xlsx"),
        "png-named-docx" => (owner, BadFiles.Png, "报告.docx"),
        "exe" => (owner, [0x4D, 0x5A, 0x90, 0x00, 0x03], "setup.exe"),
        "one-line-10mb" => (owner, BadFiles.OneLine(), "长文本.pdf"),
        // Another unit uploads to this unit's record: not found for it (the record is outside its scope).
        "other-unit" => (other, BadFiles.Pdf, "材料.pdf"),
        _ => throw new ArgumentOutOfRangeException(nameof(badCase), badCase, null),
    };

    private static async Task<HttpResponseMessage> PostPaymentsJsonAsync(TestApp app, Context c, string badCase)
    {
        var t = TableOf(PaymentsJson, c);
        JsonObject Item(Action<string[]>? change = null)
        {
            var row = t.Row();
            change?.Invoke(row);
            var o = new JsonObject();
            for (var i = 0; i < t.Header.Length; i++) o[t.Header[i]] = row[i];
            return o;
        }
        byte[] Batch(params JsonObject[] items) => Encoding.UTF8.GetBytes(new JsonObject { ["payments"] = new JsonArray(items) }.ToJsonString());
        byte[] body = badCase switch
        {
            "empty" => [],
            "broken-utf8" => [.. Batch(Item())[..^3], 0xFF, 0xFE, 0x80, .. "]}"u8.ToArray()],
            "utf16-without-bom" => new UnicodeEncoding(false, false).GetBytes(Encoding.UTF8.GetString(Batch(Item()))),
            "one-line-10mb" => BadFiles.OneLine(),
            "amount-1e20" => Batch(Item(r => r[t.Amount] = "100000000000000000000")),
            "amount-nan" => Batch(Item(r => r[t.Amount] = "NaN")),
            "date-1900" => Batch(Item(r => r[t.Date!.Value] = "1900-01-01")),
            "date-9999" => Batch(Item(r => r[t.Date!.Value] = "9999-12-31")),
            "date-feb-30" => Batch(Item(r => r[t.Date!.Value] = $"{c.PaymentYear}-02-30")),
            "duplicate-id" => DuplicateBatch(),
            "other-region" => Batch(Item(r => r[t.Place] = t.OtherPlace)),
            _ => throw new ArgumentOutOfRangeException(nameof(badCase), badCase, null),
        };
        byte[] DuplicateBatch()
        {
            var first = Item();
            var second = first.DeepClone().AsObject();
            second[t.Header[t.Amount]] = "99.00";
            return Batch(first, second);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/payments");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync("perf"));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await app.Client.SendAsync(request);
    }

    /// <summary>Posts the organisation import page as the system administrator; returns the page's error text (it must show one).</summary>
    private static async Task<string> PostOrganizationPageAsync(BrowserSession browser, string badCase)
    {
        string[] header = ["区划代码", "区划名称", "单位代码", "单位名称", "组织类型", "上级代码"];
        string[] Row() => ["140400000", "长治市", "9" + Guid.NewGuid().ToString("N")[..8], "坏输入测试单位", "预算部门", ""];
        List<string[]> Rows(Action<List<string[]>>? change = null)
        {
            var rows = new List<string[]> { header, Row() };
            change?.Invoke(rows);
            return rows;
        }
        var (bytes, name) = badCase switch
        {
            "empty" => ([], "空.csv"),
            "png-named-csv" => (BadFiles.Png, "组织.csv"),
            "one-line-10mb" => (BadFiles.OneLine(), "组织.csv"),
            "broken-utf8" => (BadFiles.BrokenUtf8(Rows(), 1, 3), "组织.csv"),
            "utf16-without-bom" => (BadFiles.Utf16WithoutBom(Rows()), "组织.csv"),
            "duplicate-id" => (BadFiles.Csv(Rows(rows => rows.Add([.. rows[1][..3], "重复单位", "预算部门", ""]))), "组织.csv"),
            // A formula where a name belongs, and no organisation type the import knows: refused by the row check.
            "formula-text" => (BadFiles.Csv(Rows(rows => rows[1][4] = "=HYPERLINK(\"http://x\",\"预算部门\")")), "组织.csv"),
            _ => throw new ArgumentOutOfRangeException(nameof(badCase), badCase, null),
        };
        var token = await browser.TokenFromAsync("/Organizations/Import");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "Upload", name);
        using var response = await browser.Client.PostAsync("/Organizations/Import", content);
        var html = await BrowserSession.TextOf(response);
        if (badCase == "one-line-10mb")
        {
            // Over the page's request limit (5 MB file): refused before the handler runs, by the limits of the page.
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge,
                $"organisation import × {badCase}: {(int)response.StatusCode}");
            return System.Text.RegularExpressions.Regex.Match(html, "<main.*?</main>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        }
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"organisation import × {badCase}: {(int)response.StatusCode} {Short(html)}");
        Assert.DoesNotContain("id=\"import-success\"", html, StringComparison.Ordinal);
        var errors = System.Text.RegularExpressions.Regex.Matches(html, "<table class=\"table table-sm\" id=\"import-errors\">(.*?)</table>|<div class=\"alert alert-danger[^\"]*\"[^>]*>(.*?)</div>",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        var text = string.Concat(errors.Select(m => m.Value));
        Assert.True(text.Length > 0, $"organisation import × {badCase}: the page shows no error");
        return text;
    }

    /// <summary>The message of a problem response and of its row errors.</summary>
    private static string MessagesOf(JsonNode problem)
    {
        var parts = new List<string?> { (string?)problem["detail"] };
        if (problem["errors"] is JsonArray list) parts.AddRange(list.Select(e => e?["message"]?.GetValue<string>()));
        else if (problem["errors"] is JsonObject map) parts.AddRange(map.Select(kv => kv.Value?.ToJsonString()));
        return string.Join(" ", parts.Where(p => p is not null));
    }

    private static string Short(string s) => s.Length > 600 ? s[..600] + "…" : s;
}
