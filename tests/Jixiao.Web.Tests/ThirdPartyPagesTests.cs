using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests;

/// <summary>
/// The expert and agency pool pages as the performance section keeps them, without JavaScript: phone and ID number
/// only ever appear masked (list, edit form, export) and a masked value sent back keeps the stored one; a blacklisted
/// agency shows red; a unit (and an expert) cannot open the pools.
/// </summary>
public sealed partial class ThirdPartyPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Phone = "13912345678";
    private const string MaskedPhone = "139****5678";

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ExpertList_ShowsPhoneAndIdMasked_NeverPlain_AndKeepsThemWhenTheMaskedFormIsSentBack(DbProvider provider)
    {
        var app = fixture.For(provider);
        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        var name = "测试专家" + Guid.NewGuid().ToString("N")[..6];
        var idNumber = ResidentId("11010519491231002");

        var token = await perf.TokenFromAsync("/ThirdParties/ExpertEdit");
        using (var created = await perf.PostFormAsync("/ThirdParties/ExpertEdit", ExpertFields(token, 0, name, Phone, idNumber)))
            Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"create: {(int)created.StatusCode} {await BrowserSession.TextOf(created)}");

        var list = await perf.TextOfPageAsync($"/ThirdParties/Experts?q={Uri.EscapeDataString(name)}");
        Assert.Contains(name, list);
        Assert.Contains(MaskedPhone, list);
        Assert.Contains(idNumber[..3] + new string('*', 11) + idNumber[^4..], list);
        Assert.DoesNotContain(Phone, list);
        Assert.DoesNotContain(idNumber, list);

        // The edit form shows the masked values; sending them back unchanged keeps the stored ones.
        var id = ExpertIdOf(list);
        var edit = await perf.TextOfPageAsync($"/ThirdParties/ExpertEdit?id={id}");
        Assert.Contains($"value=\"{MaskedPhone}\"", edit);
        Assert.DoesNotContain(Phone, edit);
        Assert.DoesNotContain(idNumber, edit);
        var version = Regex.Match(edit, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        var masked = Regex.Match(edit, "name=\"Input.IdNumber\" value=\"([^\"]*)\"").Groups[1].Value;
        Assert.Contains("*", masked);
        using (var saved = await perf.PostFormAsync($"/ThirdParties/ExpertEdit?id={id}",
            ExpertFields(BrowserSession.AntiforgeryToken(edit), int.Parse(version), name + "甲", MaskedPhone, masked)))
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"save: {(int)saved.StatusCode} {await BrowserSession.TextOf(saved)}");
        list = await perf.TextOfPageAsync($"/ThirdParties/Experts?q={Uri.EscapeDataString(name)}");
        Assert.Contains(name + "甲", list);
        Assert.Contains(MaskedPhone, list);
        Assert.Contains(idNumber[..3] + new string('*', 11) + idNumber[^4..], list);

        // A stale version is refused in Chinese on the form.
        using (var stale = await perf.PostFormAsync($"/ThirdParties/ExpertEdit?id={id}",
            ExpertFields(BrowserSession.AntiforgeryToken(edit), int.Parse(version), name + "乙", MaskedPhone, masked)))
        {
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            Assert.Contains("已被他人修改", await BrowserSession.TextOf(stale));
        }

        // The export of the filtered list carries the masked values only.
        using var export = await perf.GetAsync($"/ThirdParties/Experts?q={Uri.EscapeDataString(name)}&handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        var sheet = XlsxText(await export.Content.ReadAsByteArrayAsync());
        Assert.Contains(MaskedPhone, sheet);
        Assert.DoesNotContain(Phone, sheet);
        Assert.DoesNotContain(idNumber, sheet);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pools_UnitAndExpert_AreSentToTheDeniedPage(DbProvider provider)
    {
        var app = fixture.For(provider);
        foreach (var user in new[] { "unit", "expert" })
        {
            using var s = new BrowserSession(app.Factory);
            await s.LogInAsync(user);
            foreach (var page in new[] { "/ThirdParties/Experts", "/ThirdParties/ExpertEdit", "/ThirdParties/Agencies", "/ThirdParties/Agencies?handler=Export" })
            {
                // Pages answer a forbidden request as the cookie scheme does: a redirect to 无权访问 (the API answers 403).
                using var response = await s.GetAsync(page);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{user} {page}: {(int)response.StatusCode}");
                Assert.StartsWith("/Account/Denied", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
            }
            var home = await s.TextOfPageAsync("/");
            Assert.DoesNotContain("专家库", home);
            Assert.Contains("事前绩效评估", home);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Agency_AddedBlacklistedAndInspected_ListShowsRedBadgeAndFinding(DbProvider provider)
    {
        var app = fixture.For(provider);
        var ids = await app.OrganizationIdsAsync();
        var bureau = await app.GetJsonAsync("sysadmin", $"/api/v1/organizations/{ids["长治市教育局"]}");
        var orgName = "测试绩效评价咨询有限公司" + Guid.NewGuid().ToString("N")[..4];
        using (var org = await app.SendAsync("sysadmin", HttpMethod.Post, "/api/v1/organizations",
            new { regionId = (long)bureau["regionId"]!, kind = "ThirdPartyAgency", code = $"T{Random.Shared.Next(100, 999)}", name = orgName }))
            Assert.Equal(HttpStatusCode.Created, org.StatusCode);

        using var perf = new BrowserSession(app.Factory);
        await perf.LogInAsync("perf");
        var form = await perf.TextOfPageAsync("/ThirdParties/AgencyEdit");
        var orgId = Regex.Match(form, $"<option value=\"(\\d+)\">{Regex.Escape(orgName)}</option>").Groups[1].Value;
        Assert.NotEmpty(orgId);
        string page;
        using (var added = await perf.PostFormAsync("/ThirdParties/AgencyEdit", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(form),
            ["Version"] = "0",
            ["OrganizationId"] = orgId,
            ["Input.Type"] = "Consultancy",
            ["Input.StaffCount"] = "35",
            ["Input.ContactName"] = "赵敏",
            ["Input.ContactPhone"] = "0355-2201234",
            ["Input.Qualifications"] = "工程咨询单位甲级资信",
        }))
        {
            Assert.True(added.StatusCode == HttpStatusCode.Redirect, $"add: {(int)added.StatusCode} {await BrowserSession.TextOf(added)}");
            page = added.Headers.Location!.OriginalString;
        }

        var html = await perf.TextOfPageAsync(page);
        var version = Regex.Match(html, "id=\"credit-form\"[^>]*>\\s*<input type=\"hidden\" name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        using (var noReason = await perf.PostFormAsync(page + "&handler=Credit", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(html),
            ["Version"] = version,
            ["NewCredit"] = "Blacklisted",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
            Assert.Contains("须说明原因", await BrowserSession.TextOf(noReason));
        }
        using (var black = await perf.PostFormAsync(page + "&handler=Credit", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(html),
            ["Version"] = version,
            ["NewCredit"] = "Blacklisted",
            ["CreditNote"] = "出具虚假评价报告",
        }))
            Assert.Equal(HttpStatusCode.Redirect, black.StatusCode);
        using (var finding = await perf.PostFormAsync(page + "&handler=Inspection", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(html),
            ["InspectedOn"] = "2026-11-20",
            ["Finding"] = "工作底稿与报告数据不一致",
            ["IsSerious"] = "true",
        }))
            Assert.Equal(HttpStatusCode.Redirect, finding.StatusCode);

        html = await perf.TextOfPageAsync(page);
        Assert.Contains("出具虚假评价报告", html);
        Assert.Contains("工作底稿与报告数据不一致", html);
        var list = await perf.TextOfPageAsync($"/ThirdParties/Agencies?q={Uri.EscapeDataString(orgName)}");
        Assert.Matches("badge bg-danger agency-credit[^>]*>黑名单<", list);
        Assert.Contains("严重 1", list);
        Assert.Contains("035*****1234", list);
        Assert.DoesNotContain("0355-2201234", list);

        // The budget section sees the pool to choose from, read-only.
        using var budget = new BrowserSession(app.Factory);
        await budget.LogInAsync("budget");
        html = await budget.TextOfPageAsync(page);
        Assert.Contains("出具虚假评价报告", html);
        Assert.DoesNotContain("id=\"credit-form\"", html);
        Assert.DoesNotContain("id=\"agency-submit\"", html);
        using (var create = await budget.GetAsync("/ThirdParties/AgencyEdit"))
            Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
    }

    private static Dictionary<string, string> ExpertFields(string token, int version, string name, string phone, string idNumber) => new()
    {
        ["__RequestVerificationToken"] = token,
        ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Name"] = name,
        ["Input.Field"] = "教育",
        ["Input.Title"] = "教授",
        ["Input.Employer"] = "山西大学",
        ["Input.Phone"] = phone,
        ["Input.IdNumber"] = idNumber,
        ["Input.IsActive"] = "true",
        ["Conflicts[0].OrganizationId"] = "",
        ["Conflicts[0].Note"] = "",
    };

    private static long ExpertIdOf(string list) => long.Parse(ExpertLink().Match(list).Groups[1].Value);

    /// <summary>17 digits and the GB 11643 check character.</summary>
    private static string ResidentId(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    /// <summary>All the text parts of an .xlsx (cells may be shared or inline strings).</summary>
    private static string XlsxText(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }
        return text.ToString();
    }

    [GeneratedRegex("ExpertEdit\\?id=(\\d+)")]
    private static partial Regex ExpertLink();
}
