using System.Text;
using Jixiao.Core.Organizations;
using Jixiao.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Tests.Organizations;

/// <summary>
/// Issue 2: the organisation tree of a real deployment comes from a CSV file as finance systems save it
/// (UTF-8 with or without BOM, GB18030; Chinese or data-standard headers). All-or-nothing, repeatable.
/// </summary>
public sealed class OrganizationImportTests
{
    static OrganizationImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public enum FileEncoding
    {
        Utf8WithBom,
        Utf8,
        Gb18030,
    }

    private const string ChineseHeaders = "区划代码,区划名称,单位代码,单位名称,组织类型,上级代码";
    private const string StandardHeaders = "mof_div_code,mof_div_name,agency_code,agency_name,org_kind,parent_agency_code";

    /// <summary>长治市 with its finance bureau, a section, a department with a unit and sub-unit, and 潞州区 with its bureau.</summary>
    private static readonly string[] Rows =
    [
        "140400000,长治市,CZCZJ,长治市财政局,财政部门,",
        "140400000,长治市,CZJXK,长治市财政局绩效管理科,绩效管理科,CZCZJ",
        "140400000,长治市,001,长治市教育局,预算部门,",
        "140400000,长治市,001001,长治市第一中学,预算单位,001",
        "140400000,长治市,001001001,长治市第一中学分校,预算单位,001001",
        "140403000,潞州区,LZCZJ,潞州区财政局,财政部门,",
    ];

    private static MemoryStream File(FileEncoding encoding, params string[] lines)
    {
        var text = string.Join("\r\n", lines) + "\r\n";
        byte[] bytes = encoding switch
        {
            FileEncoding.Utf8WithBom => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            FileEncoding.Utf8 => Encoding.UTF8.GetBytes(text),
            FileEncoding.Gb18030 => Encoding.GetEncoding("GB18030").GetBytes(text),
        };
        return new MemoryStream(bytes);
    }

    private static MemoryStream File(params string[] lines) => File(FileEncoding.Utf8, lines);

    private static async Task<(int Regions, int Orgs, int Audit)> CountsAsync(TestDatabase tdb)
    {
        await using var db = tdb.NewContext();
        return (await db.Regions.CountAsync(), await db.Organizations.CountAsync(), await db.AuditRecords.CountAsync());
    }

    public static TheoryData<DbProvider, FileEncoding, string> EncodingsAndHeaders()
    {
        var data = new TheoryData<DbProvider, FileEncoding, string>();
        foreach (var provider in Enum.GetValues<DbProvider>())
            foreach (var encoding in Enum.GetValues<FileEncoding>())
                foreach (var headers in new[] { "chinese", "standard" })
                    data.Add(provider, encoding, headers);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(EncodingsAndHeaders))]
    public async Task ImportCsvAsync_EncodingAndHeaders_ImportsTheTree(DbProvider provider, FileEncoding encoding, string headers)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();

        var result = await new OrganizationService(db).ImportCsvAsync(File(encoding, [headers == "chinese" ? ChineseHeaders : StandardHeaders, .. Rows]));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal((6, 0, 0, 2), (result.Created, result.Updated, result.Unchanged, result.RegionsCreated));
        await using var check = tdb.NewContext();
        var city = await check.Regions.SingleAsync(r => r.Code == "140400000");
        var county = await check.Regions.SingleAsync(r => r.Code == "140403000");
        Assert.Equal(("长治市", "潞州区", city.Id), (city.Name, county.Name, county.ParentId));
        var orgs = await check.Organizations.ToDictionaryAsync(o => o.Code);
        Assert.Equal("长治市第一中学分校", orgs["001001001"].Name);
        Assert.Equal(orgs["001001"].Id, orgs["001001001"].ParentId);
        Assert.Equal(orgs["001"].Id, orgs["001001"].ParentId);
        Assert.Equal((OrganizationKind.PerformanceSection, orgs["CZCZJ"].Id), (orgs["CZJXK"].Kind, orgs["CZJXK"].ParentId));
        Assert.Equal(county.Id, orgs["LZCZJ"].RegionId);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportCsvAsync_ChildrenBeforeParents_Imports(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();

        var result = await new OrganizationService(db).ImportCsvAsync(File([ChineseHeaders, .. Rows.Reverse()]));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(6, result.Created);
        await using var check = tdb.NewContext();
        var orgs = await check.Organizations.ToDictionaryAsync(o => o.Code);
        Assert.Equal(orgs["001001"].Id, orgs["001001001"].ParentId);
        Assert.Equal(orgs["001"].Id, orgs["001001"].ParentId);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportCsvAsync_UnknownParentOnOneRow_ChangesNothingAndNamesRowAndColumn(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var before = await CountsAsync(tdb);
        await using var db = tdb.NewContext();

        // Line 6 of the file: its parent 009 exists nowhere. The rows before it are valid and are placed first.
        var result = await new OrganizationService(db).ImportCsvAsync(File(
            [ChineseHeaders, .. Rows[..4], "140400000,长治市,009001,某单位,预算单位,009", .. Rows[4..]]));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal((6, "上级代码"), (error.Row, error.Column));
        Assert.Contains("上级代码“009”在本区划中不存在", error.Message);
        Assert.Equal((0, 0, 0, 0), (result.Created, result.Updated, result.Unchanged, result.RegionsCreated));
        Assert.Equal(before, await CountsAsync(tdb));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportCsvAsync_KindNotAllowedUnderParent_ChangesNothing(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using (var seed = tdb.NewContext())
            await new OrganizationService(seed).ImportCsvAsync(File([ChineseHeaders, .. Rows[..3]]));
        var before = await CountsAsync(tdb);
        await using var db = tdb.NewContext();

        // A budget unit directly under the finance bureau is not a place in the tree.
        var result = await new OrganizationService(db).ImportCsvAsync(File(
            [ChineseHeaders, .. Rows, "140404000,上党区,SDCZJ,上党区财政局,财政部门,", "140400000,长治市,777,错位单位,预算单位,CZCZJ"]));

        var error = Assert.Single(result.Errors);
        Assert.Equal(9, error.Row);
        Assert.Contains("预算单位不能设在财政部门之下", error.Message);
        Assert.Equal(before, await CountsAsync(tdb));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportCsvAsync_BadCells_ReportsEveryRowAndColumnInChinese(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var before = await CountsAsync(tdb);
        await using var db = tdb.NewContext();

        var result = await new OrganizationService(db).ImportCsvAsync(File(
            ChineseHeaders,
            Rows[0],
            "14040000,长治市,002,长治市卫健委,预算部门,", // line 3: 8-digit region code
            "140400000,长治市,003,长治市农业农村局,局,", // line 4: unknown kind
            "140400000,长治市,001,长治市教育局,预算部门,",
            "140400000,长治市,001,长治市教育局（重复）,预算部门,")); // line 6: duplicate code

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Row == 3 && e.Column == "区划代码" && e.Message.Contains("9位数字"));
        Assert.Contains(result.Errors, e => e.Row == 4 && e.Column == "组织类型" && e.Message.Contains("无法识别"));
        Assert.Contains(result.Errors, e => e.Row == 6 && e.Column == "单位代码" && e.Message.Contains("重复"));
        Assert.Equal(before, await CountsAsync(tdb));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportCsvAsync_SameFileTwice_SecondTimeAllUnchanged(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using (var db = tdb.NewContext())
            Assert.Equal(6, (await new OrganizationService(db).ImportCsvAsync(File([ChineseHeaders, .. Rows]))).Created);
        var afterFirst = await CountsAsync(tdb);

        await using var again = tdb.NewContext();
        var result = await new OrganizationService(again).ImportCsvAsync(File(FileEncoding.Gb18030, [ChineseHeaders, .. Rows]));

        Assert.Equal((0, 0, 6, 0), (result.Created, result.Updated, result.Unchanged, result.RegionsCreated));
        var (regions, orgs, _) = await CountsAsync(tdb);
        Assert.Equal((afterFirst.Regions, afterFirst.Orgs), (regions, orgs));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportCsvAsync_RenamedOrganization_UpdatesTheName(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using (var db = tdb.NewContext())
            await new OrganizationService(db).ImportCsvAsync(File([ChineseHeaders, .. Rows]));

        await using var again = tdb.NewContext();
        var result = await new OrganizationService(again).ImportCsvAsync(File(
            [ChineseHeaders, .. Rows[..2], "140400000,长治市,001,长治市教育局（更名）,预算部门,", .. Rows[3..]]));

        Assert.Equal((0, 1, 5), (result.Created, result.Updated, result.Unchanged));
        await using var check = tdb.NewContext();
        Assert.Equal("长治市教育局（更名）", (await check.Organizations.SingleAsync(o => o.Code == "001")).Name);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportCsvAsync_UnknownColumns_ReportedAsIgnored(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();

        var result = await new OrganizationService(db).ImportCsvAsync(File(
            ChineseHeaders + ",备注,联系电话",
            "140400000,长治市,CZCZJ,长治市财政局,财政部门,,市级,0355-1234567"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(["备注", "联系电话"], result.IgnoredColumns);
        Assert.Equal(1, result.Created);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportCsvAsync_RequiredColumnMissing_Refused(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();

        var result = await new OrganizationService(db).ImportCsvAsync(File("mof_div_code,mof_div_name,agency_code,agency_name", "140400000,长治市,CZCZJ,长治市财政局"));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal((1, "组织类型", "缺少必需的列：组织类型（或 kind）。"), (error.Row, error.Column, error.Message));
    }
}
