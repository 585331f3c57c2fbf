using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests.Monitoring;

/// <summary>
/// The pages: upload through 导入支付明细 (imported in the background, progress polled as htmx does), the list with
/// filters and its .xlsx export, and the navigation that only importers see.
/// </summary>
public sealed partial class PaymentPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Upload_RunsInTheBackground_ProgressIsPolled_ThenTheListShowsTheBatch(DbProvider provider)
    {
        var app = fixture.For(provider);
        var projects = (await app.GetJsonAsync("perf", "/api/v1/projects?pageSize=100"))["items"]!.AsArray();
        var p = projects.First(x => (string)x!["unitName"]! == "长治市第一中学校")!;
        var orgs = (await app.GetJsonAsync("sysadmin", "/api/v1/organizations?pageSize=1000"))["items"]!.AsArray();
        var unitCode = (string)orgs.First(o => (long)o!["id"]! == (long)p["unitId"]!)!["code"]!;
        var id = "PG" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var csv = $"支付凭证号,支付日期,项目代码,单位代码,金额\n{id}1,{(int)p["fiscalYear"]!}-03-01,{(string)p["code"]!},{unitCode},\"12,345.67\"\n";

        using var perf = new BrowserSession(app.Factory);
        (await perf.LogInAsync("perf")).Dispose();
        var token = await perf.TokenFromAsync("/Monitoring/PaymentImport");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "支付明细.csv");
        using var posted = await perf.Client.PostAsync("/Monitoring/PaymentImport", form);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.ToString();
        Assert.Contains("job=", location, StringComparison.Ordinal);

        // Poll the fragment as htmx does until it stops asking to be polled.
        string fragment = "";
        for (var i = 0; i < 100; i++)
        {
            using var progress = await perf.GetAsync(location + "&handler=Progress");
            Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
            fragment = await BrowserSession.TextOf(progress);
            if (!fragment.Contains("data-state=\"running\"", StringComparison.Ordinal)) break;
            await Task.Delay(100);
        }
        Assert.Contains("data-state=\"done\"", fragment, StringComparison.Ordinal);
        var batch = BatchId().Match(fragment).Groups[1].Value;

        using (var list = await perf.GetAsync($"/Monitoring/Payments?batchId={batch}"))
        {
            var html = await BrowserSession.TextOf(list);
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.Contains(id + "1", html, StringComparison.Ordinal);
            Assert.Contains("12,345.67", html, StringComparison.Ordinal);
            Assert.Contains("最近的导入批次", html, StringComparison.Ordinal);
        }
        using (var export = await perf.GetAsync($"/Monitoring/Payments?batchId={batch}&handler=Export"))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        }

        // Another user cannot follow the job.
        using var budget = new BrowserSession(app.Factory);
        (await budget.LogInAsync("budget")).Dispose();
        using (var other = await budget.GetAsync(location + "&handler=Progress")) Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unit_SeesItsPayments_ButNotTheImportPage(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var unit = new BrowserSession(app.Factory);
        (await unit.LogInAsync("unit")).Dispose();
        using (var list = await unit.GetAsync("/Monitoring/Payments"))
        {
            var html = await BrowserSession.TextOf(list);
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.Contains("payment-table", html, StringComparison.Ordinal);
            Assert.DoesNotContain("导入支付明细", html, StringComparison.Ordinal);
        }
        using var import = await unit.GetAsync("/Monitoring/PaymentImport");
        Assert.NotEqual(HttpStatusCode.OK, import.StatusCode);
    }

    [GeneratedRegex("id=\"payment-import-batch\">(\\d+)<")]
    private static partial Regex BatchId();
}
