using System.Net;
using Jixiao.Web.Tests.Infrastructure;

namespace Jixiao.Web.Tests;

/// <summary>
/// Scope below the pages: which organisations each demo user sees through the API, and that an id outside
/// one's scope is 404 (never 403, which would tell that it exists). Read-only: one app per provider.
/// </summary>
public sealed class ScopeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string[] CityEducation = ["长治市教育局", "长治市第一中学校", "长治市第二中学校", "长治市实验小学"];
    private static readonly string[] CityHealth = ["长治市卫生健康委员会", "长治市人民医院", "长治市疾病预防控制中心", "长治市妇幼保健院"];
    private static readonly string[] CityCivilAffairs = ["长治市民政局", "长治市社会福利院", "长治市救助管理站", "长治市殡仪馆"];
    private static readonly string[] CityAgriculture = ["长治市农业农村局", "长治市农业技术推广中心", "长治市农村经济经营管理站"];
    private static readonly string[] CityTransport = ["长治市交通运输局", "长治市公路管理段", "长治市道路运输事业发展中心"];
    private static readonly string[] CityEnvironment = ["长治市生态环境局", "长治市生态环境监测中心", "长治市生态环境保护综合行政执法队"];

    private static readonly string[] CityOrganizations =
    [
        "长治市财政局", "长治市财政局绩效管理科", "长治市财政局部门预算管理一科", "长治市财政局部门预算管理二科", "长治市预算绩效评价专家库",
        .. CityEducation, .. CityHealth, .. CityAgriculture, .. CityTransport, .. CityEnvironment, .. CityCivilAffairs,
        "山西正信会计师事务所有限公司", "山西恒信绩效评价咨询有限公司", "长治学院区域经济研究中心", "山西晋法律师事务所", "山西鼎诚项目管理咨询有限公司", "长治市审计局", "长治市人大常委会预算工作委员会",
    ];

    private static string[] County(string name) =>
        [$"{name}财政局", $"{name}财政局绩效股", $"{name}财政局预算股", $"{name}教育局", $"{name}第一中学", $"{name}实验小学", $"{name}卫生健康局", $"{name}人民医院"];

    private static readonly string[] Everything = [.. CityOrganizations, .. County("潞州区"), .. County("上党区"), .. County("襄垣县")];

    /// <summary>User → the exact set of organisation names GET /api/v1/organizations returns (null: 403).</summary>
    public static TheoryData<DbProvider, string> Rows()
    {
        var data = new TheoryData<DbProvider, string>();
        foreach (var p in new[] { DbProvider.Sqlite, DbProvider.Postgres })
            foreach (var user in Expected.Keys) data.Add(p, user);
        return data;
    }

    private static readonly Dictionary<string, string[]?> Expected = new()
    {
        ["unit"] = ["长治市第一中学校"],
        ["unit2"] = ["长治市人民医院"],
        ["dept"] = CityEducation,
        ["budget"] = ["长治市财政局部门预算管理一科", .. CityEducation, .. CityHealth, .. CityCivilAffairs],
        ["perf"] = Everything,
        ["county"] = County("潞州区"),
        ["auditor"] = Everything,
        ["sysadmin"] = Everything,
        ["secadmin"] = Everything,
        // Experts and agencies see their own organisation only; their assignments are checked per record.
        ["expert"] = ["长治市预算绩效评价专家库"],
        ["agency"] = ["山西正信会计师事务所有限公司"],
        // No permission to view organisations at all (三员分立: the audit admin reads the audit log only).
        ["auditadmin"] = null,
    };

    /// <summary>The organisation names a demo user sees (null: none at all); the authorization matrix derives its expectations from it.</summary>
    internal static string[]? VisibleOrganizations(string user) => Expected.GetValueOrDefault(user);

    [SkippableTheory]
    [MemberData(nameof(Rows))]
    public async Task ListOrganizations_EachDemoUser_SeesExactlyTheirScope(DbProvider provider, string user)
    {
        var app = fixture.For(provider);
        var expected = Expected[user];
        using var response = await app.GetAsync(user, "/api/v1/organizations?pageSize=1000");
        if (expected is null)
        {
            await response.AssertProblemAsync(HttpStatusCode.Forbidden);
            return;
        }
        var page = await response.AssertOkJsonAsync();
        var names = page["items"]!.AsArray().Select(o => (string)o!["name"]!).ToList();
        Assert.Equal(names.Count, (int)page["total"]!);
        Assert.Equal(expected.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.All(page["items"]!.AsArray(), o =>
        {
            Assert.True((long)o!["id"]! > 0);
            Assert.False(string.IsNullOrEmpty((string?)o["kind"]));
            Assert.True(o.AsObject().ContainsKey("parentId"));
        });
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ListOrganizations_BudgetSection_NotTheOtherSectionsDepartments(DbProvider provider)
    {
        var app = fixture.For(provider);
        var names = (await app.GetJsonAsync("budget", "/api/v1/organizations?pageSize=1000"))["items"]!.AsArray().Select(o => (string)o!["name"]!).ToList();
        Assert.Contains("长治市教育局", names);
        Assert.DoesNotContain("长治市农业农村局", names);
        Assert.DoesNotContain("长治市财政局部门预算管理二科", names);
        Assert.DoesNotContain("潞州区教育局", names);
    }

    public static TheoryData<DbProvider, string, string, string> OutOfScope()
    {
        var data = new TheoryData<DbProvider, string, string, string>();
        foreach (var p in new[] { DbProvider.Sqlite, DbProvider.Postgres })
        {
            data.Add(p, "unit", "长治市第一中学校", "长治市第二中学校");
            data.Add(p, "unit", "长治市第一中学校", "长治市人民医院");
            data.Add(p, "dept", "长治市教育局", "长治市人民医院");
            data.Add(p, "dept", "长治市第二中学校", "长治市卫生健康委员会");
            data.Add(p, "county", "潞州区第一中学", "长治市第一中学校");
            data.Add(p, "county", "潞州区财政局", "上党区第一中学");
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(OutOfScope))]
    public async Task GetOrganization_OutsideScope_Is404Not403(DbProvider provider, string user, string inside, string outside)
    {
        var app = fixture.For(provider);
        var ids = await app.OrganizationIdsAsync();

        var own = await app.GetJsonAsync(user, $"/api/v1/organizations/{ids[inside]}");
        Assert.Equal(inside, (string?)own["name"]);

        using var other = await app.GetAsync(user, $"/api/v1/organizations/{ids[outside]}");
        var problem = await other.AssertProblemAsync(HttpStatusCode.NotFound);
        using var missing = await app.GetAsync(user, "/api/v1/organizations/987654321");
        var nonexistent = await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        // Same answer as for an id that does not exist: nothing tells the caller the organisation is there.
        Assert.Equal((string?)nonexistent["detail"], (string?)problem["detail"]);
        Http.AssertChinese((string?)problem["detail"]);
    }
}
