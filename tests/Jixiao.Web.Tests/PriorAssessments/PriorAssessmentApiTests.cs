using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Jixiao.Web.Tests.PriorAssessments;

/// <summary>
/// Ex-ante assessments and the pools over the API as the people who act, on the demo assessments (DemoPriorAssessments):
/// the budget gate, expert isolation, the draw's exclusions and reproducibility, the blacklist and conflicts, uploads,
/// the report, and personal data encrypted at rest. Each test works on its own demo assessment.
/// </summary>
public sealed partial class PriorAssessmentApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string[] Codes = ["Necessity", "Economy", "GoalReasonableness", "Feasibility", "FinancingCompliance", "RiskResponse"];

    private static async Task<JsonNode> AssessmentOfAsync(TestApp app, string user, string title)
    {
        var page = await app.GetJsonAsync(user, $"/api/v1/assessments?q={Uri.EscapeDataString(title)}");
        var id = (long)page["items"]!.AsArray().Single(a => (string)a!["title"]! == title)!["id"]!;
        return await app.GetJsonAsync(user, $"/api/v1/assessments/{id}");
    }

    private static object Sheet(decimal[] points, int? version = null) => new
    {
        dimensions = points.Select((p, i) => new { code = Codes[i], points = p, comment = "评分说明" }).ToArray(),
        opinion = "综合意见",
        version,
    };

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pools_ListedWithPersonalFieldsMasked_AndOnlyForTheFinanceSide(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var raw = await app.GetAsync("perf", "/api/v1/experts?pageSize=100");
        var text = await raw.Content.ReadAsStringAsync();
        var experts = JsonNode.Parse(text)!;
        Assert.True((int)experts["total"]! >= 12);
        foreach (var e in experts["items"]!.AsArray())
        {
            Assert.Matches(MaskedPhone(), (string)e!["phone"]!);
            Assert.Matches(@"^\d{3}\*{11}[\dX]{4}$", (string)e["idNumber"]!);
        }
        Assert.DoesNotContain("13903550001", text, StringComparison.Ordinal);

        var agencies = await app.GetJsonAsync("perf", "/api/v1/agencies?pageSize=100");
        Assert.True((int)agencies["total"]! >= 4);
        Assert.Contains(agencies["items"]!.AsArray(), a => (string)a!["creditStatus"]! == "Blacklisted");

        using var unit = await app.GetAsync("unit", "/api/v1/experts");
        Assert.Equal(HttpStatusCode.Forbidden, unit.StatusCode);
        using var expert = await app.GetAsync("expert", "/api/v1/agencies");
        Assert.Equal(HttpStatusCode.Forbidden, expert.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task DemoAssessments_InSeveralStates_OneNotSupported(DbProvider provider)
    {
        var app = fixture.For(provider);
        var page = await app.GetJsonAsync("perf", "/api/v1/assessments?pageSize=100");
        var items = page["items"]!.AsArray();
        Assert.True(items.Count >= 3);
        Assert.True(items.Select(a => (string)a!["state"]!).Distinct().Count() >= 3);
        Assert.Contains(items, a => (string?)a!["conclusion"] == "NotSupported");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Gate_HospitalGoalRefusedUntilTheExpertsScoreAndTheConclusionSupports(DbProvider provider)
    {
        var app = fixture.For(provider);
        var projects = await app.GetJsonAsync("unit2", $"/api/v1/projects?q={Uri.EscapeDataString("公立医院医疗设备购置")}");
        var projectId = (long)projects["items"]![0]!["id"]!;
        async Task<HttpResponseMessage> SubmitGoalAsync()
        {
            var goal = await app.GetJsonAsync("unit2", $"/api/v1/projects/{projectId}/goal");
            return await app.SendAsync("unit2", HttpMethod.Post, $"/api/v1/projects/{projectId}/goal/submit", new { version = (int)goal["current"]!["version"]! });
        }

        using (var refused = await SubmitGoalAsync())
        {
            var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("事前绩效评估", (string)problem["detail"]!);
            Assert.Contains("尚未得出结论", (string)problem["detail"]!);
        }

        var a = await AssessmentOfAsync(app, "perf", "公立医院医疗设备购置");
        var id = (long)a["id"]!;
        using (var early = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/assessments/{id}/close", new { version = (int)a["version"]!, opinion = "同意" }))
            Assert.Contains("未提交评分", (string)(await early.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);

        // The demo expert 周敏 ("expert2") scores; before closing she sees her own sheet only, not the other expert's.
        (await app.SendAsync("expert2", HttpMethod.Put, $"/api/v1/assessments/{id}/my-sheet", Sheet([19, 18, 18, 18, 9, 9]))).EnsureSuccessStatusCode();
        var seen = await app.GetJsonAsync("expert2", $"/api/v1/assessments/{id}");
        var scorers = seen["scorers"]!.AsArray();
        Assert.Equal(2, scorers.Count);
        Assert.NotNull(scorers.Single(s => (bool)s!["isMine"]!)!["scores"]);
        var other = scorers.Single(s => !(bool)s!["isMine"]!)!;
        Assert.Null(other["scores"]);
        Assert.Null(other["opinion"]);
        Assert.Null(other["name"]);
        Assert.Null(seen["result"]);
        var byPerf = await app.GetJsonAsync("perf", $"/api/v1/assessments/{id}");
        Assert.All(byPerf["scorers"]!.AsArray(), s => Assert.Null(s!["scores"]));

        var closed = await (await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/assessments/{id}/close",
            new { version = (int)byPerf["version"]!, opinion = "设备配置与诊疗需求匹配，同意予以支持。" })).AssertOkJsonAsync();
        // (17+15+16+15+8+8 = 79 and 91) → mean 85 → 予以支持.
        Assert.Equal(85m, (decimal)closed["result"]!["total"]!);
        Assert.Equal("Support", (string)closed["result"]!["conclusion"]!);
        Assert.Equal("Passed", (string)closed["gate"]!);
        var afterClose = await app.GetJsonAsync("expert2", $"/api/v1/assessments/{id}");
        Assert.All(afterClose["scorers"]!.AsArray(), s => Assert.NotNull(s!["scores"]));

        (await SubmitGoalAsync()).EnsureSuccessStatusCode();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Tokens_AnExpertAndAnAgencyReachOnlyTheirAssignments(DbProvider provider)
    {
        var app = fixture.For(provider);
        var hospital = (long)(await AssessmentOfAsync(app, "perf", "公立医院医疗设备购置"))["id"]!;
        var parking = (long)(await AssessmentOfAsync(app, "perf", "城区智慧停车诱导系统建设"))["id"]!;

        // (Another test may draw 孙明 for a further assessment; he is never on the hospital's or the parking system's.)
        var expertList = (await app.GetJsonAsync("expert", "/api/v1/assessments"))["items"]!.AsArray().Select(a => (string)a!["title"]!).ToList();
        Assert.Contains("高标准农田建设", expertList);
        Assert.DoesNotContain("公立医院医疗设备购置", expertList);
        Assert.DoesNotContain("城区智慧停车诱导系统建设", expertList);
        using (var notAssigned = await app.GetAsync("expert", $"/api/v1/assessments/{hospital}"))
            Assert.Equal(HttpStatusCode.NotFound, notAssigned.StatusCode);
        using (var notHis = await app.SendAsync("expert", HttpMethod.Put, $"/api/v1/assessments/{hospital}/my-sheet", Sheet([20, 20, 20, 20, 10, 10])))
            Assert.Equal(HttpStatusCode.NotFound, notHis.StatusCode);

        var agencyList = await app.GetJsonAsync("agency", "/api/v1/assessments");
        Assert.Equal(["社区居家养老服务中心建设"], agencyList["items"]!.AsArray().Select(a => (string)a!["title"]!).ToList());
        using (var other = await app.GetAsync("agency", $"/api/v1/assessments/{parking}"))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        // A unit never sees who the experts are, even after closing.
        var farmland = await AssessmentOfAsync(app, "perf", "高标准农田建设");
        Assert.All(farmland["scorers"]!.AsArray(), s => Assert.NotNull(s!["name"]));
        using var unitView = await app.GetAsync("unit", $"/api/v1/assessments/{(long)farmland["id"]!}");
        Assert.Equal(HttpStatusCode.NotFound, unitView.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Organise_BlacklistedOrConflictedAgencyRefused_ThenExpertDrawExcludesConflictsAndReproduces(DbProvider provider)
    {
        var app = fixture.For(provider);
        var a = await AssessmentOfAsync(app, "perf", "学生综合实践基地运行补助");
        var id = (long)a["id"]!;
        Assert.Equal("Submitted", (string)a["state"]!);
        var agencies = (await app.GetJsonAsync("perf", "/api/v1/agencies?pageSize=100"))["items"]!.AsArray();
        long AgencyId(string name) => (long)agencies.Single(x => (string)x!["name"]! == name)!["id"]!;

        using (var blacklisted = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/assessments/{id}/organise",
            new { version = (int)a["version"]!, method = "ThirdParty", agencyId = AgencyId("山西鼎诚项目管理咨询有限公司") }))
            Assert.Contains("黑名单", (string)(await blacklisted.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        // 长治学院区域经济研究中心 declared a relationship with the school's department (市教育局).
        using (var conflicted = await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/assessments/{id}/organise",
            new { version = (int)a["version"]!, method = "ThirdParty", agencyId = AgencyId("长治学院区域经济研究中心") }))
            Assert.Contains("关联关系", (string)(await conflicted.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        Assert.Equal("Submitted", (string)(await app.GetJsonAsync("perf", $"/api/v1/assessments/{id}"))["state"]!);

        var organised = await (await app.SendAsync("perf", HttpMethod.Post, $"/api/v1/assessments/{id}/organise",
            new { version = (int)a["version"]!, method = "Experts", expertCount = 5 })).AssertOkJsonAsync();
        Assert.Equal("Scoring", (string)organised["state"]!);
        var draw = organised["draw"]!;
        Assert.Equal(5, (int)draw["count"]!);
        // 马文涛 declared a tie to 市教育局; 赵雅琴 is no longer in the pool.
        Assert.True((int)draw["excluded"]! >= 1);
        var names = organised["scorers"]!.AsArray().Select(s => (string)s!["name"]!).ToList();
        Assert.Equal(5, names.Distinct().Count());
        Assert.DoesNotContain("马文涛", names);
        Assert.DoesNotContain("赵雅琴", names);
        Assert.True((bool)(await app.GetJsonAsync("perf", $"/api/v1/assessments/{id}/draw-check"))["reproduced"]!);
        var history = organised["actions"]!.AsArray().Select(x => (string)x!).ToList();
        Assert.Contains("CloseScoring", history);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SelfAssessment_AdjustedConclusionCountsOnlyAfterTheChangesAreConfirmed(DbProvider provider)
    {
        var app = fixture.For(provider);
        var a = await AssessmentOfAsync(app, "unit", "校园安全智能监控系统升级");
        var id = (long)a["id"]!;
        Assert.Equal("SupportAfterRevision", (string)a["result"]!["conclusion"]!);
        Assert.Equal("AwaitingChanges", (string)a["gate"]!);
        Assert.Contains(a["actions"]!.AsArray(), x => (string)x! == "ReportChanges");

        using (var noText = await app.SendAsync("unit", HttpMethod.Post, $"/api/v1/assessments/{id}/changes", new { version = (int)a["version"]!, reason = " " }))
            await noText.AssertProblemAsync(HttpStatusCode.BadRequest);
        var reported = await (await app.SendAsync("unit", HttpMethod.Post, $"/api/v1/assessments/{id}/changes",
            new { version = (int)a["version"]!, reason = "已按点位重新测算摄像头为186个，补充三年运维费用测算。" })).AssertOkJsonAsync();
        Assert.Equal("AwaitingChanges", (string)reported["gate"]!);
        using (var byUnit = await app.SendAsync("unit", HttpMethod.Post, $"/api/v1/assessments/{id}/confirm-changes", new { version = (int)reported["version"]! }))
            await byUnit.AssertProblemAsync(HttpStatusCode.BadRequest);

        var todos = await app.GetJsonAsync("dept", "/api/v1/todos");
        Assert.Contains(todos["items"]!.AsArray(), t => ((string)t!["title"]!).Contains("确认调整完善情况"));
        var confirmed = await (await app.SendAsync("dept", HttpMethod.Post, $"/api/v1/assessments/{id}/confirm-changes", new { version = (int)reported["version"]! })).AssertOkJsonAsync();
        Assert.Equal("Passed", (string)confirmed["gate"]!);
        var steps = (await app.GetJsonAsync("dept", $"/api/v1/assessments/{id}"))["actions"]!.AsArray();
        Assert.Empty(steps);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Materials_CheckedOnUpload_SubmitNeedsAllThree_AndDownloadGivesTheSameBytes(DbProvider provider)
    {
        var app = fixture.For(provider);
        var project = await (await app.SendAsync("unit", HttpMethod.Post, "/api/v1/projects", new
        {
            code = $"T{Guid.NewGuid():N}"[..12],
            name = "智慧校园网络改造",
            kind = "Project",
            budgetKind = "General",
            category = "Ordinary",
            startYear = 2026,
            endYear = 2026,
            responsiblePersonName = "刘芳",
            currentYearAppropriation = 3_000_000m,
            isNewMajor = true,
        })).AssertOkJsonAsync(HttpStatusCode.Created);
        var a = await (await app.SendAsync("unit", HttpMethod.Post, "/api/v1/assessments",
            new { projectId = (long)project["id"]!, rationale = "校园网络设备老化，需整体改造。" })).AssertOkJsonAsync(HttpStatusCode.Created);
        var id = (long)a["id"]!;
        using (var again = await app.SendAsync("unit", HttpMethod.Post, "/api/v1/assessments", new { projectId = (long)project["id"]! }))
            Assert.Contains("不能重复发起", (string)(await again.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        string Url(string kind) => $"/api/v1/assessments/{id}/attachments?kind={kind}";
        using (var exe = await app.PostFileAsync("unit", Url("Other"), [0x4D, 0x5A, 0x90, 0x00], "setup.exe", "application/octet-stream"))
            Assert.Contains("类型不允许", (string)(await exe.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        using (var renamed = await app.PostFileAsync("unit", Url("Other"), Encoding.UTF8.GetBytes("<html></html>"), "方案.pdf", "application/pdf"))
            Assert.Contains("内容与扩展名", (string)(await renamed.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!);
        using (var byPerf = await app.PostFileAsync("perf", Url("Other"), pdf, "a.pdf", "application/pdf"))
            await byPerf.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty((await app.GetJsonAsync("unit", $"/api/v1/assessments/{id}"))["attachments"]!.AsArray());

        var uploaded = await (await app.PostFileAsync("unit", Url("FeasibilityStudy"), pdf, @"C:\材料\..\可行性研究报告.pdf", "application/pdf")).AssertOkJsonAsync(HttpStatusCode.Created);
        Assert.Equal("可行性研究报告.pdf", (string)uploaded["fileName"]!);
        var version = (int)(await app.GetJsonAsync("unit", $"/api/v1/assessments/{id}"))["version"]!;
        using (var incomplete = await app.SendAsync("unit", HttpMethod.Post, $"/api/v1/assessments/{id}/submit", new { version }))
        {
            var detail = (string)(await incomplete.AssertProblemAsync(HttpStatusCode.BadRequest))["detail"]!;
            Assert.Contains("预算测算依据", detail);
            Assert.Contains("实施方案", detail);
        }
        (await app.PostFileAsync("unit", Url("BudgetEstimate"), pdf, "测算.pdf", "application/pdf")).EnsureSuccessStatusCode();
        (await app.PostFileAsync("unit", Url("ImplementationPlan"), pdf, "方案.pdf", "application/pdf")).EnsureSuccessStatusCode();
        (await app.SendAsync("unit", HttpMethod.Post, $"/api/v1/assessments/{id}/submit", new { version })).EnsureSuccessStatusCode();
        using (var late = await app.PostFileAsync("unit", Url("Other"), pdf, "补充.pdf", "application/pdf"))
            await late.AssertProblemAsync(HttpStatusCode.BadRequest);

        using var download = await app.GetAsync("perf", $"/api/v1/assessments/{id}/attachments/{(long)uploaded["id"]!}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        using var otherUnit = await app.GetAsync("unit2", $"/api/v1/assessments/{id}/attachments/{(long)uploaded["id"]!}");
        Assert.Equal(HttpStatusCode.NotFound, otherUnit.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Report_WordDocumentWithTheConclusionScoresAndAnonymousOpinions(DbProvider provider)
    {
        var app = fixture.For(provider);
        var a = await AssessmentOfAsync(app, "perf", "高标准农田建设");
        using var response = await app.GetAsync("perf", $"/api/v1/assessments/{(long)a["id"]!}/report.docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        using var doc = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("高标准农田建设事前绩效评估报告", text);
        Assert.Contains("予以支持", text);
        Assert.Contains("立项必要性", text);
        Assert.Contains("专家1", text);
        Assert.DoesNotContain("孙明", text);

        var scoring = await AssessmentOfAsync(app, "perf", "社区居家养老服务中心建设");
        using var notYet = await app.GetAsync("perf", $"/api/v1/assessments/{(long)scoring["id"]!}/report.docx");
        await notYet.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PersonalData_StoredEncrypted_NeverInPlainInTheDatabase(DbProvider provider)
    {
        var app = fixture.For(provider);
        await app.GetJsonAsync("perf", "/api/v1/experts");
        var stored = new List<string>();
        if (provider == DbProvider.Sqlite)
        {
            await using var c = new SqliteConnection(app.Factory.ConnectionString);
            await c.OpenAsync();
            await using (var checkpoint = c.CreateCommand())
            {
                checkpoint.CommandText = "PRAGMA wal_checkpoint(FULL)";
                await checkpoint.ExecuteNonQueryAsync();
            }
            await using var cmd = c.CreateCommand();
            cmd.CommandText = """SELECT "PhoneEncrypted", "IdNumberEncrypted" FROM "Experts" """;
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) stored.AddRange([r.GetString(0), r.GetString(1)]);
            var file = new SqliteConnectionStringBuilder(app.Factory.ConnectionString).DataSource;
            var bytes = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
            Assert.DoesNotContain("13903550001", bytes, StringComparison.Ordinal);
        }
        else
        {
            await using var c = new NpgsqlConnection(app.Factory.ConnectionString);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("""SELECT "PhoneEncrypted", "IdNumberEncrypted" FROM "Experts" """, c);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) stored.AddRange([r.GetString(0), r.GetString(1)]);
        }
        Assert.True(stored.Count >= 24);
        Assert.All(stored, s => Assert.StartsWith("sm4gcm:", s, StringComparison.Ordinal));
        Assert.DoesNotContain(stored, s => s.Contains("1390355", StringComparison.Ordinal) || s.Contains("140402", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\d{3}\*{4}\d{4}$")]
    private static partial Regex MaskedPhone();
}
