using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests;

/// <summary>
/// An ex-ante assessment through the pages as the unit does it, without JavaScript: the goal page of its new major
/// project says why the goal waits and links to 发起评估; the unit starts the assessment, uploads its materials
/// (an .exe is refused in Chinese and changes nothing), downloads one back, submits; the performance section then
/// finds it in its list with the organise action. Each test makes its own project, so the demo data does not matter.
/// </summary>
public sealed partial class PriorAssessmentPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unit_StartsUploadsAndSubmits_ThroughThePages_ThenPerformanceSectionMayOrganise(DbProvider provider)
    {
        var app = fixture.For(provider);
        var (projectId, title) = await NewMajorProjectAsync(app);
        using var unit = new BrowserSession(app.Factory);
        await unit.LogInAsync("unit");

        // The goal page says why a goal cannot be submitted yet and offers to start the assessment.
        var goal = await unit.TextOfPageAsync($"/Goals/Edit?projectId={projectId}");
        Assert.Contains("id=\"goal-prior-assessment\"", goal);
        Assert.Contains("尚未开展事前绩效评估", goal);
        Assert.Contains($"/PriorAssessments/Start?projectId={projectId}", goal);

        var start = await unit.TextOfPageAsync($"/PriorAssessments/Start?projectId={projectId}");
        Assert.Contains(title, start);
        string details;
        using (var started = await unit.PostFormAsync($"/PriorAssessments/Start?projectId={projectId}", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(start),
            ["ProjectId"] = projectId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rationale"] = "落实省级乡村振兴规划，现有设施不能满足需求。",
        }))
        {
            Assert.True(started.StatusCode == HttpStatusCode.Redirect, $"start: {(int)started.StatusCode} {await BrowserSession.TextOf(started)}");
            details = started.Headers.Location!.OriginalString;
        }
        Assert.StartsWith("/PriorAssessments/Details?id=", details);

        var html = await unit.TextOfPageAsync(details);
        Assert.Contains("data-state=\"Draft\"", html);
        Assert.Contains("id=\"upload-form\"", html);
        Assert.Contains("只接受 PDF", html);

        // Submitting without materials is refused and says what is missing.
        using (var early = await PostActAsync(unit, details, html, "Submit"))
        {
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
            Assert.Contains("申报材料不全", await BrowserSession.TextOf(early));
        }

        foreach (var (kind, file) in new[] { ("FeasibilityStudy", "可行性研究报告.pdf"), ("BudgetEstimate", "预算测算.pdf"), ("ImplementationPlan", "实施方案.pdf") })
        {
            using var uploaded = await UploadAsync(unit, details, html, kind, file, Pdf);
            Assert.True(uploaded.StatusCode == HttpStatusCode.Redirect, $"upload {file}: {(int)uploaded.StatusCode} {await BrowserSession.TextOf(uploaded)}");
        }
        html = await unit.TextOfPageAsync(details);
        Assert.Equal(3, AttachmentLink().Matches(html).Count);

        // A material comes back with its original name, as a download.
        var link = WebUtility.HtmlDecode(AttachmentLink().Match(html).Groups[1].Value);
        using (var download = await unit.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.EndsWith(".pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        }

        await ActAsync(unit, details, html, "Submit");
        html = await unit.TextOfPageAsync(details);
        Assert.Contains("data-state=\"Submitted\"", html);
        Assert.DoesNotContain("id=\"upload-form\"", html);
        Assert.Contains("id=\"history-table\"", html);

        goal = await unit.TextOfPageAsync($"/Goals/Edit?projectId={projectId}");
        Assert.Contains("data-gate=\"InProgress\"", goal);
        Assert.Contains(details, goal);

        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        var list = await perf.TextOfPageAsync($"/PriorAssessments/Index?q={Uri.EscapeDataString(title)}");
        Assert.Contains(details, list);
        var organiser = await perf.TextOfPageAsync(details);
        Assert.Contains("id=\"act-organise\"", organiser);
        Assert.Contains("id=\"act-return\"", organiser);
        Assert.Contains("value=\"3\"", organiser);

        // Another unit cannot see it.
        using var other = new BrowserSession(app.Factory);
        await other.LogInAsync("unit2");
        using var hidden = await other.GetAsync(details);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Upload_OfAnExe_IsRefusedInChinese_AndChangesNothing(DbProvider provider)
    {
        var app = fixture.For(provider);
        var (projectId, _) = await NewMajorProjectAsync(app);
        using var unit = new BrowserSession(app.Factory);
        await unit.LogInAsync("unit");
        var start = await unit.TextOfPageAsync("/PriorAssessments/Start");
        string details;
        using (var started = await unit.PostFormAsync("/PriorAssessments/Start", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(start),
            ["ProjectId"] = projectId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }))
            details = started.Headers.Location!.OriginalString;
        var html = await unit.TextOfPageAsync(details);

        using (var refused = await UploadAsync(unit, details, html, "Other", "setup.exe", [0x4D, 0x5A, 0x90, 0x00, 0x03]))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var text = await BrowserSession.TextOf(refused);
            Assert.Contains("文件“setup.exe”的类型不允许上传", text);
            Assert.Contains("id=\"assessment-errors\"", text);
        }
        // A PDF renamed to .docx (content and extension disagree) is refused as well.
        using (var renamed = await UploadAsync(unit, details, html, "Other", "方案.docx", Pdf))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            Assert.Contains("内容与扩展名", await BrowserSession.TextOf(renamed));
        }
        html = await unit.TextOfPageAsync(details);
        Assert.Contains("id=\"attachment-none\"", html);
        Assert.Empty(AttachmentLink().Matches(html));
        Assert.Contains("data-state=\"Draft\"", html);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SelfAssessment_ScoredByTheUnit_HiddenFromOthersUntilClosed_ThenConfirmedOpensTheGate(DbProvider provider)
    {
        var app = fixture.For(provider);
        var (projectId, _) = await NewMajorProjectAsync(app);
        using var unit = new BrowserSession(app.Factory);
        await unit.LogInAsync("unit");
        var details = await StartAndSubmitAsync(unit, projectId);

        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        var html = await perf.TextOfPageAsync(details);
        await ActAsync(perf, details, html, "Organise", ("Method", "SelfAssessment"));

        html = await unit.TextOfPageAsync(details);
        Assert.Contains("data-state=\"Scoring\"", html);
        Assert.Contains("id=\"score-form\"", html);
        var rows = SheetRow().Matches(html).Select(m => (Index: m.Groups[1].Value, Code: m.Groups[2].Value, Max: m.Groups[3].Value)).ToList();
        Assert.Equal(6, rows.Count);
        var sheet = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", BrowserSession.AntiforgeryToken(html)),
            new("ScorerVersion", Regex.Match(html, "name=\"ScorerVersion\" value=\"(\\d+)\"").Groups[1].Value),
            new("SheetOpinion", "立项必要，测算基本合理。"),
        };
        foreach (var r in rows)
        {
            sheet.Add(new($"Sheet[{r.Index}].Code", r.Code));
            sheet.Add(new($"Sheet[{r.Index}].Points", r.Max));
        }
        using (var noComments = await unit.PostFormAsync($"{details}&handler=Score", sheet))
        {
            Assert.Equal(HttpStatusCode.OK, noComments.StatusCode);
            Assert.Contains("评分说明", await BrowserSession.TextOf(noComments));
        }
        sheet.AddRange(rows.Select(r => new KeyValuePair<string, string>($"Sheet[{r.Index}].Comment", "自评说明" + r.Code)));
        using (var scored = await unit.PostFormAsync($"{details}&handler=Score", sheet))
            Assert.True(scored.StatusCode == HttpStatusCode.Redirect, $"score: {(int)scored.StatusCode} {await BrowserSession.TextOf(scored)}");

        // Until scoring closes, the organiser sees that the sheet is in, not what it says.
        html = await perf.TextOfPageAsync(details);
        Assert.Contains("scorer-submitted", html);
        Assert.DoesNotContain("自评说明", html);
        Assert.DoesNotContain("立项必要，测算基本合理。", html);
        using (var noOpinion = await PostActAsync(perf, details, html, "CloseScoring"))
        {
            Assert.Equal(HttpStatusCode.OK, noOpinion.StatusCode);
            Assert.Contains("请填写综合评估意见", await BrowserSession.TextOf(noOpinion));
        }
        await ActAsync(perf, details, html, "CloseScoring", ("Opinion", "同意单位自评意见。"));
        html = await perf.TextOfPageAsync(details);
        Assert.Contains("id=\"result-table\"", html);
        Assert.Contains("data-conclusion=\"Support\"", html);
        Assert.Contains("自评说明", html);
        Assert.Contains("自评结论尚待组织方确认", html);
        Assert.Contains("id=\"assessment-report\"", html);
        await ActAsync(perf, details, html, "ConfirmConclusion");

        // The report of the closed assessment, as a Word document with its Chinese name.
        using (var report = await unit.GetAsync($"{details}&handler=Report"))
        {
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", report.Content.Headers.ContentType?.MediaType);
            Assert.EndsWith("事前绩效评估报告.docx", report.Content.Headers.ContentDisposition?.FileNameStar);
            var docx = await report.Content.ReadAsByteArrayAsync();
            Assert.Equal((byte)'P', docx[0]);
            Assert.Equal((byte)'K', docx[1]);
        }

        var goal = await unit.TextOfPageAsync($"/Goals/Edit?projectId={projectId}");
        Assert.Contains("data-gate=\"Passed\"", goal);
        Assert.Contains("已通过事前绩效评估", goal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ReturnedThenSupportAfterRevision_ChangesReportedAndConfirmed_OpenTheGate(DbProvider provider)
    {
        var app = fixture.For(provider);
        var (projectId, _) = await NewMajorProjectAsync(app);
        using var unit = new BrowserSession(app.Factory);
        await unit.LogInAsync("unit");
        var details = await StartAndSubmitAsync(unit, projectId);

        // A return needs a reason; the unit sees it and submits again.
        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        var html = await perf.TextOfPageAsync(details);
        using (var noReason = await PostActAsync(perf, details, html, "Return"))
        {
            Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
            Assert.Contains("data-state=\"Submitted\"", await BrowserSession.TextOf(noReason));
        }
        await ActAsync(perf, details, html, "Return", ("Reason", "预算测算依据缺少单价来源。"));
        html = await unit.TextOfPageAsync(details);
        Assert.Contains("预算测算依据缺少单价来源。", html);
        Assert.Contains("id=\"assessment-returned-reason\"", html);
        await ActAsync(unit, details, html, "Submit");

        html = await perf.TextOfPageAsync(details);
        await ActAsync(perf, details, html, "Organise", ("Method", "SelfAssessment"));
        html = await unit.TextOfPageAsync(details);
        using (var scored = await unit.PostFormAsync($"{details}&handler=Score", SheetFields(html, "基本可行。", max => max == "20" ? "14" : "8")))
            Assert.Equal(HttpStatusCode.Redirect, scored.StatusCode);

        // 72 points: 调整完善后支持, which needs the required changes written down.
        html = await perf.TextOfPageAsync(details);
        using (var noChanges = await PostActAsync(perf, details, html, "CloseScoring", ("Opinion", "基本可行，需完善。")))
        {
            Assert.Equal(HttpStatusCode.OK, noChanges.StatusCode);
            Assert.Contains("请写明需要调整完善的内容", await BrowserSession.TextOf(noChanges));
        }
        await ActAsync(perf, details, html, "CloseScoring", ("Opinion", "基本可行，需完善。"), ("RequiredChanges", "补充运维费用测算。"));
        html = await perf.TextOfPageAsync(details);
        Assert.Contains("data-conclusion=\"SupportAfterRevision\"", html);
        await ActAsync(perf, details, html, "ConfirmConclusion", ("Reason", "同意。"));

        var goal = await unit.TextOfPageAsync($"/Goals/Edit?projectId={projectId}");
        Assert.Contains("data-gate=\"AwaitingChanges\"", goal);
        html = await unit.TextOfPageAsync(details);
        using (var empty = await PostActAsync(unit, details, html, "ReportChanges"))
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        await ActAsync(unit, details, html, "ReportChanges", ("ChangesReport", "已补充三年运维费用测算。"));
        html = await perf.TextOfPageAsync(details);
        Assert.Contains("已补充三年运维费用测算。", html);
        await ActAsync(perf, details, html, "ConfirmChanges");

        goal = await unit.TextOfPageAsync($"/Goals/Edit?projectId={projectId}");
        Assert.Contains("data-gate=\"Passed\"", goal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ExpertDraw_ExcludesTheConflictedExpert_AndTheRecordShowsOnlyToTheOrganiser(DbProvider provider)
    {
        var app = fixture.For(provider);
        var (projectId, _) = await NewMajorProjectAsync(app);
        var school = (await app.OrganizationIdsAsync())["长治市第一中学校"];
        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        var field = "体育设施" + Guid.NewGuid().ToString("N")[..4];
        for (var i = 1; i <= 4; i++)
        {
            var token = await perf.TokenFromAsync("/ThirdParties/ExpertEdit");
            var fields = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Version"] = "0",
                ["Input.Name"] = $"抽取专家{i}",
                ["Input.Field"] = field,
                ["Input.Title"] = "高级工程师",
                ["Input.Employer"] = "山西省体育科学研究所",
                ["Input.IsActive"] = "true",
                // The fourth once taught at the school: never drawn for it.
                ["Conflicts[0].OrganizationId"] = i == 4 ? school.ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
                ["Conflicts[0].Note"] = i == 4 ? "曾在该校任教" : "",
            };
            using var created = await perf.PostFormAsync("/ThirdParties/ExpertEdit", fields);
            Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"expert {i}: {(int)created.StatusCode} {await BrowserSession.TextOf(created)}");
        }

        using var unit = new BrowserSession(app.Factory);
        await unit.LogInAsync("unit");
        var details = await StartAndSubmitAsync(unit, projectId);
        var html = await perf.TextOfPageAsync(details);
        await ActAsync(perf, details, html, "Organise", ("Method", "Experts"), ("ExpertCount", "3"), ("ExpertField", field));

        html = await perf.TextOfPageAsync(details);
        Assert.Contains("id=\"assessment-draw\"", html);
        Assert.Matches("id=\"draw-eligible\">3 人<", html);
        Assert.Matches("id=\"draw-excluded\">1 人<", html);
        Assert.Contains(field, html);
        Assert.Equal(3, Regex.Matches(html, "scorer-waiting").Count);
        foreach (var i in new[] { 1, 2, 3 }) Assert.Contains($"抽取专家{i}", html);
        Assert.DoesNotContain("抽取专家4", html);

        // The unit sees that three experts score, not who they are, and not the draw.
        html = await unit.TextOfPageAsync(details);
        Assert.DoesNotContain("id=\"assessment-draw\"", html);
        Assert.DoesNotContain("抽取专家", html);
        Assert.Contains("专家3", html);

        // None of the drawn experts has an account: the organiser enters their signed paper sheets (代录), then closes.
        html = await perf.TextOfPageAsync(details);
        var scorers = ProxyLink().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(3, scorers.Count);
        foreach (var scorer in scorers)
        {
            var form = await perf.TextOfPageAsync($"{details}&proxyFor={scorer}");
            Assert.Contains("代录纸质评分表", form);
            var fields = SheetFields(form, "专家评分意见", points: max => max == "20" ? "16" : "8");
            fields.Add(new("ProxyFor", scorer));
            using var entered = await perf.PostFormAsync($"{details}&handler=Score", fields);
            Assert.True(entered.StatusCode == HttpStatusCode.Redirect, $"代录 {scorer}: {(int)entered.StatusCode} {await BrowserSession.TextOf(entered)}");
        }
        html = await perf.TextOfPageAsync(details);
        Assert.Equal(3, Regex.Matches(html, "scorer-submitted").Count);
        await ActAsync(perf, details, html, "CloseScoring", ("Opinion", "专家组意见：项目必要，方案基本可行。"));
        html = await perf.TextOfPageAsync(details);
        Assert.Contains("（代录）", html);
        Assert.Matches("id=\"result-total\">80<", html);
        Assert.Contains("data-conclusion=\"Support\"", html);
    }

    /// <summary>The fields of a scoring sheet on <paramref name="html"/>: every dimension scored with a comment.</summary>
    private static List<KeyValuePair<string, string>> SheetFields(string html, string opinion, Func<string, string> points)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", BrowserSession.AntiforgeryToken(html)),
            new("ScorerVersion", Regex.Match(html, "name=\"ScorerVersion\" value=\"(\\d+)\"").Groups[1].Value),
            new("SheetOpinion", opinion),
        };
        foreach (Match m in SheetRow().Matches(html))
        {
            fields.Add(new($"Sheet[{m.Groups[1].Value}].Code", m.Groups[2].Value));
            fields.Add(new($"Sheet[{m.Groups[1].Value}].Points", points(m.Groups[3].Value)));
            fields.Add(new($"Sheet[{m.Groups[1].Value}].Comment", "评分说明" + m.Groups[2].Value));
        }
        return fields;
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ThirdParty_BlacklistedNotChoosable_EngagedAgencyScores_CommissioningPartyRatesIt(DbProvider provider)
    {
        var app = fixture.For(provider);
        var (projectId, _) = await NewMajorProjectAsync(app);
        using var unit = new BrowserSession(app.Factory);
        await unit.LogInAsync("unit");
        var details = await StartAndSubmitAsync(unit, projectId);

        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        var html = await perf.TextOfPageAsync(details);
        var options = AgencyOption().Matches(html).ToList();
        Assert.NotEmpty(options);
        // Every agency shows its credit status; a blacklisted one cannot be chosen, and posting it anyway is refused.
        foreach (var o in options.Where(o => o.Value.Contains("data-credit=\"Blacklisted\"", StringComparison.Ordinal)))
        {
            Assert.Contains("disabled", o.Value);
            using var refused = await PostActAsync(perf, details, html, "Organise", ("Method", "ThirdParty"), ("AgencyId", o.Groups[1].Value));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("黑名单", await BrowserSession.TextOf(refused));
        }
        var agency = options.Single(o => o.Value.Contains("山西正信会计师事务所有限公司", StringComparison.Ordinal));
        Assert.Contains("信用：", agency.Value);
        await ActAsync(perf, details, html, "Organise", ("Method", "ThirdParty"), ("AgencyId", agency.Groups[1].Value));

        // The agency's staff score on the page, as the engaged party.
        using var staff = new BrowserSession(app.Factory);
        await staff.LogInAsync("agency");
        html = await staff.TextOfPageAsync(details);
        Assert.Contains("id=\"score-form\"", html);
        using (var scored = await staff.PostFormAsync($"{details}&handler=Score", SheetFields(html, "受托评估意见：建议支持。", max => max == "20" ? "18" : "9")))
            Assert.True(scored.StatusCode == HttpStatusCode.Redirect, $"score: {(int)scored.StatusCode} {await BrowserSession.TextOf(scored)}");

        html = await perf.TextOfPageAsync(details);
        await ActAsync(perf, details, html, "CloseScoring", ("Opinion", "同意受托机构评估意见。"));
        html = await perf.TextOfPageAsync(details);
        Assert.Matches("id=\"result-total\">90<", html);
        Assert.Contains("id=\"rating-form\"", html);
        using (var rated = await perf.PostFormAsync($"{details}&handler=Rate", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(html),
            ["RatingScore"] = "88.5",
            ["RatingRemarks"] = "报告规范，按期完成。",
        }))
            Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        html = await perf.TextOfPageAsync(details);
        Assert.Contains("id=\"agency-rating\"", html);
        Assert.Contains("报告规范，按期完成。", html);
        Assert.DoesNotContain("id=\"rating-form\"", html);

        // The rating shows on the agency's page of the pool.
        var pool = await perf.TextOfPageAsync($"/ThirdParties/AgencyEdit?id={agency.Groups[1].Value}");
        Assert.Contains("报告规范，按期完成。", pool);
    }

    /// <summary>The unit starts an assessment of the project, uploads the three required materials and submits; returns the details page.</summary>
    private static async Task<string> StartAndSubmitAsync(BrowserSession unit, long projectId)
    {
        var start = await unit.TextOfPageAsync("/PriorAssessments/Start");
        string details;
        using (var started = await unit.PostFormAsync("/PriorAssessments/Start", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(start),
            ["ProjectId"] = projectId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rationale"] = "按标准化学校建设要求新建。",
        }))
            details = started.Headers.Location!.OriginalString;
        var html = await unit.TextOfPageAsync(details);
        foreach (var kind in new[] { "FeasibilityStudy", "BudgetEstimate", "ImplementationPlan" })
        {
            using var uploaded = await UploadAsync(unit, details, html, kind, kind + ".pdf", Pdf);
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }
        await ActAsync(unit, details, await unit.TextOfPageAsync(details), "Submit");
        return details;
    }

    /// <summary>The unit registers a new major project of its own through the API (the pages are tested elsewhere).</summary>
    private static async Task<(long Id, string Name)> NewMajorProjectAsync(TestApp app)
    {
        var name = "乡村学校运动场新建" + Guid.NewGuid().ToString("N")[..6];
        var body = new
        {
            code = "PA" + Guid.NewGuid().ToString("N")[..12],
            name,
            kind = "Project",
            budgetKind = "General",
            category = "GovernmentInvestment",
            startYear = 2026,
            endYear = 2026,
            responsiblePersonName = "刘芳",
            currentYearAppropriation = 6_000_000m,
            isNewMajor = true,
        };
        using var created = await app.SendAsync("unit", HttpMethod.Post, "/api/v1/projects", body);
        var project = await created.AssertOkJsonAsync(HttpStatusCode.Created);
        return ((long)project["id"]!, name);
    }

    private static async Task<HttpResponseMessage> UploadAsync(BrowserSession s, string details, string html, string kind, string fileName, byte[] data)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(BrowserSession.AntiforgeryToken(html)), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
        };
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "Upload", fileName);
        return await s.Client.PostAsync($"{details}&handler=Upload", form);
    }

    private static async Task ActAsync(BrowserSession s, string details, string html, string action, params (string Name, string Value)[] extra)
    {
        using var response = await PostActAsync(s, details, html, action, extra);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{action}: {(int)response.StatusCode} {await BrowserSession.TextOf(response)}");
    }

    private static Task<HttpResponseMessage> PostActAsync(BrowserSession s, string details, string html, string action, params (string Name, string Value)[] extra)
    {
        var version = Regex.Match(html, $"id=\"act-{action.ToLowerInvariant()}-form\"[^>]*>\\s*<input type=\"hidden\" name=\"Version\" value=\"(\\d+)\"");
        Assert.True(version.Success, $"no {action} form with a version");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(html),
            ["Version"] = version.Groups[1].Value,
            ["act"] = action,
        };
        foreach (var (name, value) in extra) fields[name] = value;
        return s.PostFormAsync($"{details}&handler=Act", fields);
    }

    [GeneratedRegex("name=\"Sheet\\[(\\d+)\\]\\.Code\" value=\"([^\"]+)\" />.*?name=\"Sheet\\[\\d+\\]\\.Points\"[^>]*max=\"([\\d.]+)\"", RegexOptions.Singleline)]
    private static partial Regex SheetRow();

    [GeneratedRegex("<option value=\"(\\d+)\"[^>]*data-credit=[^>]*>[^<]*</option>")]
    private static partial Regex AgencyOption();

    [GeneratedRegex("proxyFor=(\\d+)")]
    private static partial Regex ProxyLink();

    [GeneratedRegex("href=\"([^\"]*handler=Download[^\"]*)\"")]
    private static partial Regex AttachmentLink();
}
