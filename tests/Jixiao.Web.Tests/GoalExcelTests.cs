using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Jixiao.Web.Tests.Infrastructure;
using MiniExcelLibs;

namespace Jixiao.Web.Tests;

/// <summary>
/// Goals and Excel through the API: the flat template round-trips unchanged, an edit in Excel changes only that goal,
/// a file with any bad row changes nothing, data-standard headers import, and the 申报表 opens and stays in scope.
/// Every test compares the state it starts from, so the order the tests run in does not matter.
/// </summary>
public sealed class GoalExcelTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Template_ExportedAndImportedBack_ChangesNothing(DbProvider provider)
    {
        var app = fixture.For(provider);
        var before = await GoalsAsync(app, "unit");
        var file = await ExportTemplateAsync(app, "unit");

        var result = await (await ImportAsync(app, "unit", file, "绩效目标导入模板.xlsx")).AssertOkJsonAsync();
        var withIndicators = before.Values.Count(g => g?["indicators"]!.AsArray().Count > 0);
        Assert.Equal(0, (int)result["projectsUpdated"]!);
        Assert.Equal(withIndicators, (int)result["projectsUnchanged"]!);
        Assert.Equal(before.Values.Sum(g => g?["indicators"]!.AsArray().Count ?? 0), (int)result["indicators"]!);
        Assert.Empty(result["ignoredColumns"]!.AsArray());

        // Identical goals, and no new version numbers.
        AssertSame(before, await GoalsAsync(app, "unit"));

        // Twice is the same as once.
        var again = await (await ImportAsync(app, "unit", file, "绩效目标导入模板.xlsx")).AssertOkJsonAsync();
        Assert.Equal(0, (int)again["projectsUpdated"]!);
        AssertSame(before, await GoalsAsync(app, "unit"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Template_WeightEditedInExcel_ChangesThatGoalOnly(DbProvider provider)
    {
        var app = fixture.For(provider);
        var (id, code) = await EditableProjectAsync(app);
        var before = await GoalsAsync(app, "unit");
        var oldWeight = (decimal)before[id]!["indicators"]![0]!["weight"]!;
        var newWeight = oldWeight == 18m ? 17m : 18m;

        var file = EditCells(await ExportTemplateAsync(app, "unit"), code, 0, ("分值", newWeight.ToString(System.Globalization.CultureInfo.InvariantCulture), true));
        var result = await (await ImportAsync(app, "unit", file, "目标.xlsx")).AssertOkJsonAsync();
        Assert.Equal(1, (int)result["projectsUpdated"]!);

        var after = await GoalsAsync(app, "unit");
        Assert.Equal(newWeight, (decimal)after[id]!["indicators"]![0]!["weight"]!);
        Assert.Equal((int)before[id]!["version"]! + 1, (int)after[id]!["version"]!);
        // Everything else of that goal is as it was (target texts and library links are kept).
        for (var i = 1; i < before[id]!["indicators"]!.AsArray().Count; i++)
            Assert.Equal(before[id]!["indicators"]![i]!.ToJsonString(), after[id]!["indicators"]![i]!.ToJsonString());
        AssertSame(before.Where(kv => kv.Key != id).ToDictionary(), after.Where(kv => kv.Key != id).ToDictionary());
    }

    public static TheoryData<DbProvider, string, string, string> BadCells()
    {
        var data = new TheoryData<DbProvider, string, string, string>();
        foreach (var p in new[] { DbProvider.Sqlite, DbProvider.Postgres })
        {
            data.Add(p, "二级指标", "不存在的指标", "二级指标");
            data.Add(p, "分值", "十分", "分值");
            data.Add(p, "指标值", "九十五", "指标值");
            data.Add(p, "分值", "-5", "分值");
            data.Add(p, "一级指标", "产出类", "一级指标");
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(BadCells))]
    public async Task Template_OneBadCell_Is400WithRowAndColumn_AndChangesNothing(DbProvider provider, string column, string value, string expectedColumn)
    {
        var app = fixture.For(provider);
        var (id, code) = await EditableProjectAsync(app);
        var before = await GoalsAsync(app, "unit");
        var oldWeight = (decimal)before[id]!["indicators"]![1]!["weight"]!;
        // A valid edit on one row and a bad cell on another: the valid one must not be saved either.
        var file = await ExportTemplateAsync(app, "unit");
        file = EditCells(file, code, 1, ("分值", (oldWeight + 1m).ToString(System.Globalization.CultureInfo.InvariantCulture), true));
        file = EditCells(file, code, 2, (column, value, false));

        using var response = await ImportAsync(app, "unit", file, "目标.xlsx");
        var body = await response.AssertOkJsonAsync(HttpStatusCode.BadRequest);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(RowOf(file, code, 2), (int)error["row"]!);
        Assert.Equal(expectedColumn, (string?)error["column"]);
        Http.AssertChinese((string?)error["message"]);
        Assert.Contains(value.TrimStart('-'), (string?)error["message"] ?? "", StringComparison.Ordinal);

        AssertSame(before, await GoalsAsync(app, "unit"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_AnotherUnitsProjectCode_IsRefused_AndChangesNothing(DbProvider provider)
    {
        var app = fixture.For(provider);
        var other = (await app.GetJsonAsync("unit2", "/api/v1/projects?pageSize=100"))["items"]!.AsArray().First()!;
        var otherCode = (string)other["code"]!;
        var (_, code) = await EditableProjectAsync(app);
        var before = await GoalsAsync(app, "unit");
        var otherBefore = (await app.GetJsonAsync("unit2", $"/api/v1/projects/{(long)other["id"]!}/goal"))["current"]!.ToJsonString();

        var file = Xlsx(
            Row(("项目代码", code), ("一级指标", "产出指标"), ("二级指标", "数量指标"), ("三级指标", "资助学生人数"), ("指标性质", "≥"), ("指标值", 2000m), ("度量单位", "人"), ("分值", 20m)),
            Row(("项目代码", otherCode), ("一级指标", "产出指标"), ("二级指标", "数量指标"), ("三级指标", "购置设备"), ("指标性质", "≥"), ("指标值", 1m), ("度量单位", "台"), ("分值", 90m)));
        using var response = await ImportAsync(app, "unit", file, "目标.xlsx");
        var body = await response.AssertOkJsonAsync(HttpStatusCode.BadRequest);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(3, (int)error["row"]!);
        Assert.Equal("项目代码", (string?)error["column"]);
        Assert.Contains("不存在或无权导入", (string?)error["message"] ?? "", StringComparison.Ordinal);

        AssertSame(before, await GoalsAsync(app, "unit"));
        Assert.Equal(otherBefore, (await app.GetJsonAsync("unit2", $"/api/v1/projects/{(long)other["id"]!}/goal"))["current"]!.ToJsonString());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_DataStandardHeaders_ParsesSignsAndUnits(DbProvider provider)
    {
        var app = fixture.For(provider);
        var (id, code) = await EditableProjectAsync(app);
        var file = Xlsx(
            Row(("PRO_CODE", code), ("kpi_target", "资助家庭经济困难学生1900人。"), ("KPI_LV1", "产出指标"), ("kpi_lv2", "数量指标"), ("kpi_lv3", "资助学生人数"),
                ("kpi_val", "≧1900人"), ("ind_weight", 30m), ("kpi_evalstd", "达到目标得满分"), ("kpi_remark", "按学期发放"), ("来源系统", "预算一体化")),
            Row(("PRO_CODE", code), ("kpi_target", ""), ("KPI_LV1", "Output"), ("kpi_lv2", "Quality"), ("kpi_lv3", "资助对象认定准确率"),
                ("kpi_val", "100%"), ("ind_weight", 20m), ("kpi_evalstd", ""), ("kpi_remark", ""), ("来源系统", "")),
            Row(("PRO_CODE", code), ("kpi_target", ""), ("KPI_LV1", "成本指标"), ("kpi_lv2", "经济成本指标"), ("kpi_lv3", "资助总成本"),
                ("kpi_val", "≤260万元"), ("ind_weight", 10m), ("kpi_evalstd", ""), ("kpi_remark", ""), ("来源系统", "")),
            Row(("PRO_CODE", code), ("kpi_target", ""), ("KPI_LV1", "效益"), ("kpi_lv2", "社会效益"), ("kpi_lv3", "因贫辍学学生人数"),
                ("kpi_val", "﹦0人"), ("ind_weight", 20m), ("kpi_evalstd", ""), ("kpi_remark", ""), ("来源系统", "")),
            Row(("PRO_CODE", code), ("kpi_target", ""), ("KPI_LV1", "满意度指标"), ("kpi_lv2", "服务对象满意度指标"), ("kpi_lv3", "受助学生满意度"),
                ("kpi_val", "≥95%"), ("ind_weight", 10m), ("kpi_evalstd", ""), ("kpi_remark", ""), ("来源系统", "")));
        var result = await (await ImportAsync(app, "unit", file, "PM_PERF_INDICATOR.xlsx")).AssertOkJsonAsync();
        Assert.Equal(1, (int)result["projectsUpdated"]!);
        Assert.Equal(5, (int)result["indicators"]!);
        Assert.Equal(["来源系统"], result["ignoredColumns"]!.AsArray().Select(x => (string)x!));

        var goal = (await app.GetJsonAsync("unit", $"/api/v1/projects/{id}/goal"))["current"]!;
        Assert.Equal("资助家庭经济困难学生1900人。", (string?)goal["annualGoal"]);
        var ind = goal["indicators"]!.AsArray().Select(x => x!).ToList();
        Assert.Equal(5, ind.Count);
        Assert.Equal(("Output", "Quantity", "资助学生人数", "AtLeast", 1900m, "人", 30m), Tuple(ind[0]));
        Assert.Equal("达到目标得满分", (string?)ind[0]["scoringStandard"]);
        Assert.Equal("按学期发放", (string?)ind[0]["remark"]);
        Assert.Equal(("Output", "Quality", "资助对象认定准确率", "AtLeast", 100m, "%", 20m), Tuple(ind[1]));
        Assert.Equal(("Cost", "EconomicCost", "资助总成本", "AtMost", 260m, "万元", 10m), Tuple(ind[2]));
        Assert.Equal(("Benefit", "Social", "因贫辍学学生人数", "Equal", 0m, "人", 20m), Tuple(ind[3]));
        Assert.Equal(("Satisfaction", "ServiceRecipient", "受助学生满意度", "AtLeast", 95m, "%", 10m), Tuple(ind[4]));
        Assert.Equal("≥95%", (string?)ind[4]["targetText"]);

        // The same file again: nothing to do.
        var again = await (await ImportAsync(app, "unit", file, "PM_PERF_INDICATOR.xlsx")).AssertOkJsonAsync();
        Assert.Equal(0, (int)again["projectsUpdated"]!);
        Assert.Equal((int)goal["version"]!, (int)(await app.GetJsonAsync("unit", $"/api/v1/projects/{id}/goal"))["current"]!["version"]!);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_Csv_WithDirectionColumn(DbProvider provider)
    {
        var app = fixture.For(provider);
        var (id, code) = await EditableProjectAsync(app);
        var csv = "项目代码,一级指标,二级指标,三级指标,指标值,指标方向,分值\n"
            + $"{code},产出指标,数量指标,资助学生人数,1850人,正向,45\n"
            + $"{code},效益指标,社会效益指标,因贫辍学学生人数,0,反向,45\n";
        var result = await (await ImportAsync(app, "unit", Encoding.UTF8.GetBytes(csv), "目标.csv")).AssertOkJsonAsync();
        Assert.Equal(2, (int)result["indicators"]!);
        var ind = (await app.GetJsonAsync("unit", $"/api/v1/projects/{id}/goal"))["current"]!["indicators"]!.AsArray().Select(x => x!).ToList();
        Assert.Equal(("Output", "Quantity", "资助学生人数", "AtLeast", 1850m, "人", 45m), Tuple(ind[0]));
        Assert.Equal(("Benefit", "Social", "因贫辍学学生人数", "AtMost", 0m, null, 45m), Tuple(ind[1]));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_TextFileNamedXlsx_IsRefusedInChinese(DbProvider provider)
    {
        var app = fixture.For(provider);
        var before = await GoalsAsync(app, "unit");
        var (_, code) = await EditableProjectAsync(app);
        var fake = Encoding.UTF8.GetBytes($"项目代码,三级指标\n{code},资助学生人数\n");
        using var response = await ImportAsync(app, "unit", fake, "目标.xlsx");
        var body = await response.AssertOkJsonAsync(HttpStatusCode.BadRequest);
        var message = (string?)body["errors"]![0]!["message"];
        Http.AssertChinese(message);
        Assert.Contains(".xlsx", message ?? "", StringComparison.Ordinal);

        // A zip that is no workbook is refused too.
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, true))
        {
            using var w = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            await w.WriteAsync("not a workbook");
        }
        using var second = await ImportAsync(app, "unit", zip.ToArray(), "目标.xlsx");
        Http.AssertChinese((string?)(await second.AssertOkJsonAsync(HttpStatusCode.BadRequest))["errors"]![0]!["message"]);
        AssertSame(before, await GoalsAsync(app, "unit"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_FormulaCell_IsRefused(DbProvider provider)
    {
        var app = fixture.For(provider);
        var (_, code) = await EditableProjectAsync(app);
        var before = await GoalsAsync(app, "unit");
        var file = await ExportTemplateAsync(app, "unit");
        using (var stream = new MemoryStream())
        {
            stream.Write(file);
            using (var doc = SpreadsheetDocument.Open(stream, true))
            {
                var (cell, _) = FindCell(doc, code, 0, "分值");
                cell.CellFormula = new CellFormula("10+10");
                cell.CellValue = new CellValue("20");
                cell.DataType = null;
            }
            file = stream.ToArray();
        }
        var body = await (await ImportAsync(app, "unit", file, "目标.xlsx")).AssertOkJsonAsync(HttpStatusCode.BadRequest);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal("分值", (string?)error["column"]);
        Assert.Contains("公式", (string?)error["message"] ?? "", StringComparison.Ordinal);
        AssertSame(before, await GoalsAsync(app, "unit"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Declaration_OpensWithTitleProjectAndIndicators(DbProvider provider)
    {
        var app = fixture.For(provider);
        var project = (await app.GetJsonAsync("unit", "/api/v1/projects?pageSize=100"))["items"]!.AsArray().First(p => p!["goalState"] is not null)!;
        using var response = await app.GetAsync("unit", $"/api/v1/projects/{(long)project["id"]!}/goal/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var texts = doc.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList();
        Assert.Contains("项目支出绩效目标申报表", texts);
        Assert.Contains((string)project["name"]!, texts);
        Assert.Contains("（2026年度）", texts);
        foreach (var h in new[] { "项目资金（万元）", "年度资金总额", "其中：本年财政拨款", "上年结转资金", "其他资金", "中长期目标", "年度目标",
            "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值", "评(扣)分标准", "指标值设定依据", "备注", "产出指标", "数量指标" })
            Assert.Contains(h, texts);
        var sheet = ((WorksheetPart)doc.WorkbookPart.GetPartById(doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!)).Worksheet;
        var merges = sheet.GetFirstChild<MergeCells>()!.Elements<MergeCell>().Select(m => m.Reference!.Value).ToList();
        Assert.Contains("A1:J1", merges);
        Assert.Contains("A5:A8", merges);
        Assert.Contains(merges, m => m!.StartsWith("A12:A", StringComparison.Ordinal)); // the 产出指标 group
        AssertValid(doc);
        using var template = SpreadsheetDocument.Open(new MemoryStream(await ExportTemplateAsync(app, "unit")), false);
        AssertValid(template);
    }

    /// <summary>Excel refuses files that break the schema (e.g. elements out of order) with a "repair" prompt.</summary>
    private static void AssertValid(SpreadsheetDocument doc)
    {
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OpenApi_DocumentsTheExcelEndpoints(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var response = await app.Client.GetAsync("/openapi/v1.json");
        var doc = await response.AssertOkJsonAsync();
        var paths = doc["paths"]!.AsObject();
        Http.AssertChinese((string?)paths["/api/v1/projects/{id}/goal/export"]!["get"]!["summary"]);
        Http.AssertChinese((string?)paths["/api/v1/projects/goals/export"]!["get"]!["summary"]);
        var post = paths["/api/v1/imports/goals"]!["post"]!;
        Http.AssertChinese((string?)post["summary"]);
        Assert.NotNull(post["requestBody"]!["content"]!["multipart/form-data"]);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Declaration_OfAnotherUnitsProject_Is404(DbProvider provider)
    {
        var app = fixture.For(provider);
        var other = (long)(await app.GetJsonAsync("unit2", "/api/v1/projects?pageSize=100"))["items"]![0]!["id"]!;
        using var response = await app.GetAsync("unit", $"/api/v1/projects/{other}/goal/export");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);

        // The template of the list holds only the caller's own projects.
        var codes = ReadTemplate(await ExportTemplateAsync(app, "unit")).Select(r => r["项目代码"]).Distinct().ToList();
        var own = (await app.GetJsonAsync("unit", "/api/v1/projects?pageSize=100"))["items"]!.AsArray().Select(p => (string)p!["code"]!).ToList();
        Assert.Equal(own.Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ImportPage_ShowsFormAndTemplateLink(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var browser = new BrowserSession(app.Factory);
        using (await browser.LogInAsync("unit"))
        {
        }
        using var page = await browser.GetAsync("/Goals/Import");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await BrowserSession.TextOf(page);
        Assert.Contains("下载导入模板", html, StringComparison.Ordinal);
        Assert.Contains("goal-import-form", html, StringComparison.Ordinal);
        using var template = await browser.GetAsync("/Goals/Import?handler=Template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal(XlsxType, template.Content.Headers.ContentType?.MediaType);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ImportPage_BadFile_ShowsErrorTable_GoodFileShowsCounts(DbProvider provider)
    {
        var app = fixture.For(provider);
        var (_, code) = await EditableProjectAsync(app);
        var before = await GoalsAsync(app, "unit");
        using var browser = new BrowserSession(app.Factory);
        using (await browser.LogInAsync("unit"))
        {
        }

        var bad = EditCells(await ExportTemplateAsync(app, "unit"), code, 0, ("分值", "十分", false));
        var html = await PostPageAsync(browser, bad, "目标.xlsx");
        Assert.Contains("id=\"import-errors\"", html, StringComparison.Ordinal);
        Assert.Contains($"<td>{RowOf(bad, code, 0)}</td><td>分值</td>", html, StringComparison.Ordinal);
        Assert.Contains("未导入任何数据", html, StringComparison.Ordinal);
        AssertSame(before, await GoalsAsync(app, "unit"));

        html = await PostPageAsync(browser, await ExportTemplateAsync(app, "unit"), "目标.xlsx");
        Assert.Contains("id=\"import-success\"", html, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"import-updated\">0</strong>", html, StringComparison.Ordinal);
        AssertSame(before, await GoalsAsync(app, "unit"));
    }

    private static async Task<string> PostPageAsync(BrowserSession browser, byte[] file, string fileName)
    {
        var token = await browser.TokenFromAsync("/Goals/Import");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        content.Add(part, "Upload", fileName);
        using var response = await browser.Client.PostAsync("/Goals/Import", content);
        var html = await BrowserSession.TextOf(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /Goals/Import: {(int)response.StatusCode}");
        return html;
    }

    // ------------------------------------------------------------------ helpers

    private static (string, string, string, string, decimal?, string?, decimal) Tuple(JsonNode i) =>
        ((string)i["level1"]!, (string)i["level2"]!, (string)i["name"]!, (string)i["comparison"]!, (decimal?)i["targetValue"], (string?)i["unit"], (decimal)i["weight"]!);

    /// <summary>The unit's project whose goal is editable (the demo's returned one).</summary>
    private static async Task<(long Id, string Code)> EditableProjectAsync(TestApp app)
    {
        var items = (await app.GetJsonAsync("unit", "/api/v1/projects?pageSize=100"))["items"]!.AsArray();
        var p = items.First(p => (string?)p!["goalState"] is "Returned" or "Draft")!;
        return ((long)p["id"]!, (string)p["code"]!);
    }

    /// <summary>Project id → its current goal version (null when none), as the API shows it.</summary>
    private static async Task<Dictionary<long, JsonNode?>> GoalsAsync(TestApp app, string user)
    {
        var result = new Dictionary<long, JsonNode?>();
        foreach (var p in (await app.GetJsonAsync(user, "/api/v1/projects?pageSize=1000"))["items"]!.AsArray())
        {
            var id = (long)p!["id"]!;
            result[id] = (await app.GetJsonAsync(user, $"/api/v1/projects/{id}/goal"))["current"]?.DeepClone();
        }
        return result;
    }

    private static void AssertSame(Dictionary<long, JsonNode?> expected, Dictionary<long, JsonNode?> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (id, g) in expected) Assert.Equal(g?.ToJsonString(), actual[id]?.ToJsonString());
    }

    private static async Task<byte[]> ExportTemplateAsync(TestApp app, string user)
    {
        using var response = await app.GetAsync(user, "/api/v1/projects/goals/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static Task<HttpResponseMessage> ImportAsync(TestApp app, string user, byte[] file, string fileName) =>
        app.PostFileAsync(user, "/api/v1/imports/goals", file, fileName, fileName.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : XlsxType);

    private static List<Dictionary<string, string>> ReadTemplate(byte[] file) =>
        MiniExcel.Query(new MemoryStream(file), useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Select(r => r.ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")).ToList();

    private static Dictionary<string, object> Row(params (string Column, object Value)[] cells) => cells.ToDictionary(c => c.Column, c => c.Value);

    private static byte[] Xlsx(params Dictionary<string, object>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, printHeader: true, sheetName: "Sheet1", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The spreadsheet row number of the project's n-th indicator row.</summary>
    private static int RowOf(byte[] file, string code, int nth)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(file), false);
        return FindCell(doc, code, nth, "项目代码").Row;
    }

    /// <summary>Sets cells of the project's n-th row (by heading), as a person editing the sheet in Excel would.</summary>
    private static byte[] EditCells(byte[] file, string code, int nth, params (string Heading, string Value, bool Number)[] edits)
    {
        using var stream = new MemoryStream();
        stream.Write(file);
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            foreach (var (heading, value, number) in edits)
            {
                var (cell, _) = FindCell(doc, code, nth, heading);
                if (number)
                {
                    cell.DataType = null;
                    cell.CellValue = new CellValue(value);
                }
                else
                {
                    cell.DataType = CellValues.InlineString;
                    cell.CellValue = null;
                    cell.InlineString = new InlineString(new Text(value));
                }
            }
        }
        return stream.ToArray();
    }

    private static (Cell Cell, int Row) FindCell(SpreadsheetDocument doc, string code, int nth, string heading)
    {
        var book = doc.WorkbookPart!;
        var strings = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        string Text(Cell c) => c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
            : c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "";
        string Column(Cell c) => new(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());
        var sheet = ((WorksheetPart)book.GetPartById(book.Workbook.Sheets!.Elements<Sheet>().First().Id!)).Worksheet;
        var rows = sheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        var header = rows[0].Elements<Cell>().ToList();
        var column = Column(header.First(c => Text(c) == heading));
        var codeColumn = Column(header.First(c => Text(c) == "项目代码"));
        var row = rows.Skip(1).Where(r => r.Elements<Cell>().Any(c => Column(c) == codeColumn && Text(c) == code)).ElementAt(nth);
        var cell = row.Elements<Cell>().FirstOrDefault(c => Column(c) == column);
        if (cell is null)
        {
            cell = new Cell { CellReference = column + row.RowIndex!.Value };
            row.Append(cell);
        }
        return (cell, (int)row.RowIndex!.Value);
    }
}
