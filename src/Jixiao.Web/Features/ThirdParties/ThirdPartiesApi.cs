using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.ThirdParties;
using Jixiao.Web.Infrastructure;

namespace Jixiao.Web.Features.ThirdParties;

public sealed record ConflictItem(long OrganizationId, string? Note);

public sealed record ExpertDetail(long Id, long RegionId, string Name, string Field, string Title, string Employer, string Phone, string IdNumber,
    long? UserId, bool IsActive, string? Remarks, IReadOnlyList<ConflictItem> Conflicts, int Version);

public sealed record ExpertRequest(string Name, string Field, string Title, string Employer, string? Phone = null, string? IdNumber = null,
    string? UserName = null, bool IsActive = true, string? Remarks = null, IReadOnlyList<ConflictItem>? Conflicts = null, int? Version = null)
{
    public ExpertInput ToInput() => new(Name, Field, Title, Employer, Phone, IdNumber, UserName, IsActive, Remarks,
        (Conflicts ?? []).Select(c => new ConflictInput(c.OrganizationId, c.Note)).ToList());
}

public sealed record AgencyDetail(AgencyRow Agency, IReadOnlyList<ConflictItem> Conflicts, IReadOnlyList<RatingItem> Ratings, IReadOnlyList<InspectionItem> Inspections);

public sealed record RatingItem(long Id, string SubjectType, string SubjectId, string RatedByName, decimal Score, string Remarks, DateTime At);

public sealed record InspectionItem(long Id, DateOnly InspectedOn, string Finding, bool IsSerious, string RecordedByName, DateTime At);

public sealed record AgencyRequest(long OrganizationId, AgencyType Type, string Qualifications, int StaffCount, string ContactName,
    string? ContactPhone = null, IReadOnlyList<ConflictItem>? Conflicts = null, int? Version = null)
{
    public AgencyInput ToInput() => new(OrganizationId, Type, Qualifications, StaffCount, ContactName, ContactPhone,
        (Conflicts ?? []).Select(c => new ConflictInput(c.OrganizationId, c.Note)).ToList());
}

public sealed record CreditRequest(CreditStatus Status, int Version, string? Note = null);

public sealed record InspectionRequest(DateOnly InspectedOn, string Finding, bool IsSerious = false);

/// <summary>The expert pool and the third-party agency pool (Art. 12): personal fields always masked.</summary>
public static class ThirdPartiesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var experts = api.MapGroup("/experts").WithTags("专家库与第三方机构库").RequireAuthorization(nameof(Permission.ViewThirdParties));

        experts.MapGet("", async (int? page, int? pageSize, string? q, string? field, bool? active, CurrentUser me, ThirdPartyService pools, CancellationToken ct) =>
        {
            var (p, s) = Paging.Normalize(page, pageSize);
            return await pools.ExpertsAsync(await me.CallerAsync(ct), new ExpertFilter(q, field, active), p, s, ct);
        }).WithSummary("专家库（本级及上级；联系电话、身份证号码脱敏，如 138****5678；可按姓名/单位/领域文字、专业领域、是否在库筛选）");

        experts.MapGet("/{id:long}", async (long id, CurrentUser me, ThirdPartyService pools, CancellationToken ct) =>
            ToDetail(await pools.ExpertAsync(id, await me.CallerAsync(ct), ct), pools)).WithSummary("专家详情（含回避单位；范围外为 404）");

        experts.MapPost("", async (ExpertRequest r, CurrentUser me, ThirdPartyService pools, CancellationToken ct) =>
        {
            var e = await pools.CreateExpertAsync(await me.CallerAsync(ct), r.ToInput(), ct);
            return Results.Created($"/api/v1/experts/{e.Id}", ToDetail(e, pools));
        }).RequireAuthorization(nameof(Permission.ManageThirdParties)).WithSummary("新增专家（绩效管理科；身份证号码按 GB 11643 校验）");

        experts.MapPut("/{id:long}", async (long id, ExpertRequest r, CurrentUser me, ThirdPartyService pools, CancellationToken ct) =>
        {
            if (r.Version is not { } v) throw new ConcurrencyConflictException("请提供 version（读取专家时得到的版本号）。");
            return ToDetail(await pools.UpdateExpertAsync(id, v, await me.CallerAsync(ct), r.ToInput(), ct), pools);
        }).RequireAuthorization(nameof(Permission.ManageThirdParties)).WithSummary("修改专家（脱敏值原样提交表示不修改；version 不符为 409）");

        var agencies = api.MapGroup("/agencies").WithTags("专家库与第三方机构库").RequireAuthorization(nameof(Permission.ViewThirdParties));

        agencies.MapGet("", async (int? page, int? pageSize, string? q, AgencyType? type, CreditStatus? credit, CurrentUser me, ThirdPartyService pools, CancellationToken ct) =>
        {
            var (p, s) = Paging.Normalize(page, pageSize);
            return await pools.AgenciesAsync(await me.CallerAsync(ct), new AgencyFilter(q, type, credit), p, s, ct);
        }).WithSummary("第三方机构库（含信用状况、历次质量评价均分、监督检查发现；联系电话脱敏）");

        agencies.MapGet("/{id:long}", async (long id, CurrentUser me, ThirdPartyService pools, CancellationToken ct) =>
            await AgencyDetailAsync(id, await me.CallerAsync(ct), pools, ct)).WithSummary("第三方机构详情（含回避单位、质量评价、监督检查；范围外为 404）");

        agencies.MapPost("", async (AgencyRequest r, CurrentUser me, ThirdPartyService pools, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var a = await pools.CreateAgencyAsync(caller, r.ToInput(), ct);
            return Results.Created($"/api/v1/agencies/{a.Id}", await AgencyDetailAsync(a.Id, caller, pools, ct));
        }).RequireAuthorization(nameof(Permission.ManageThirdParties)).WithSummary("将已登记为第三方机构的组织机构纳入机构库（绩效管理科）");

        agencies.MapPut("/{id:long}", async (long id, AgencyRequest r, CurrentUser me, ThirdPartyService pools, CancellationToken ct) =>
        {
            if (r.Version is not { } v) throw new ConcurrencyConflictException("请提供 version（读取机构时得到的版本号）。");
            var caller = await me.CallerAsync(ct);
            await pools.UpdateAgencyAsync(id, v, caller, r.ToInput(), ct);
            return await AgencyDetailAsync(id, caller, pools, ct);
        }).RequireAuthorization(nameof(Permission.ManageThirdParties)).WithSummary("修改第三方机构信息（version 不符为 409）");

        agencies.MapPost("/{id:long}/credit", async (long id, CreditRequest r, CurrentUser me, ThirdPartyService pools, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await pools.SetCreditAsync(id, r.Version, r.Status, r.Note, caller, ct);
            return await AgencyDetailAsync(id, caller, pools, ct);
        }).RequireAuthorization(nameof(Permission.ManageThirdParties)).WithSummary("设置信用状况（Good 良好 / Watch 关注 / Blacklisted 黑名单；后两者须说明原因；黑名单机构不能再被委托）");

        agencies.MapPost("/{id:long}/inspections", async (long id, InspectionRequest r, CurrentUser me, ThirdPartyService pools, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await pools.AddInspectionAsync(id, r.InspectedOn, r.Finding, r.IsSerious, caller, ct);
            return await AgencyDetailAsync(id, caller, pools, ct);
        }).RequireAuthorization(nameof(Permission.ManageThirdParties)).WithSummary("记录监督检查发现（选择机构时显示）");
    }

    private static ExpertDetail ToDetail(Expert e, ThirdPartyService pools) => new(e.Id, e.RegionId, e.Name, e.Field, e.Title, e.Employer,
        pools.MaskedPhone(e), pools.MaskedIdNumber(e), e.UserId, e.IsActive, e.Remarks, e.Conflicts.Select(c => new ConflictItem(c.OrganizationId, c.Note)).ToList(), e.Version);

    private static async Task<AgencyDetail> AgencyDetailAsync(long id, Jixiao.Core.Organizations.Caller caller, ThirdPartyService pools, CancellationToken ct)
    {
        var agency = await pools.AgencyAsync(id, caller, ct);
        return new AgencyDetail(await pools.AgencyRowAsync(id, caller, ct),
            agency.Conflicts.Select(c => new ConflictItem(c.OrganizationId, c.Note)).ToList(),
            (await pools.RatingsAsync(id, caller, ct)).Select(r => new RatingItem(r.Id, r.SubjectType, r.SubjectId, r.RatedByName, r.Score, r.Remarks, r.At)).ToList(),
            (await pools.InspectionsAsync(id, caller, ct)).Select(i => new InspectionItem(i.Id, i.InspectedOn, i.Finding, i.IsSerious, i.RecordedByName, i.At)).ToList());
    }
}
