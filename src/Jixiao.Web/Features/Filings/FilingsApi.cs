using Jixiao.Core.Attachments;
using Jixiao.Core.Common;
using Jixiao.Core.Filings;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Workflows;
using Jixiao.Web.Features.RuleSets;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jixiao.Web.Features.Filings;

public sealed record FilingListItem(long Id, long RegionId, string RegionName, int FiscalYear, long RuleSetId, int RuleSetVersionNo, string DocumentName,
    string State, string StateName, string? Number, DateTime SubmittedAt, string SubmittedByName, int Submissions, DateTime? FiledAt, int Version)
{
    public static FilingListItem From(FilingRow r) => new(r.Id, r.RegionId, r.RegionName, r.FiscalYear, r.RuleSetId, r.RuleSetVersionNo, r.DocumentName,
        r.State.ToString(), r.State.ChineseName(), r.Number, r.SubmittedAt, r.SubmittedByName, r.Submissions, r.FiledAt, r.Version);
}

/// <summary>One rule item side by side: <c>path</c> as in the rule set's JSON, <c>label</c> its Chinese name, the city's and the county's value.</summary>
public sealed record FilingDiffRow(string Path, string Label, string City, string County, bool Changed);

public sealed record FilingDocumentInfo(string Name, string ContentType, long Size, string Sha256);

public sealed record FilingResponse(long Id, long RegionId, string RegionName, long CityRegionId, string CityRegionName, int FiscalYear, long RuleSetId,
    int RuleSetVersionNo, long? CityRuleSetId, string CityRuleSetLabel, FilingDocumentInfo Document, string? Note, string State, string StateName,
    DateTime SubmittedAt, string SubmittedByName, int Submissions, string? Number, DateTime? FiledAt, string? FiledByName, string? FilingComment,
    string? ReturnComments, DateTime? ReturnedAt, string? ReturnedByName, int ChangedCount, IReadOnlyList<FilingDiffRow> Differences,
    IReadOnlyList<string> Actions, IReadOnlyList<WorkflowStep> History, int Version)
{
    public static FilingResponse From(FilingDetail d)
    {
        var f = d.Filing;
        return new(f.Id, f.RegionId, d.RegionName, f.CityRegionId, d.CityRegionName, f.FiscalYear, f.RuleSetId, d.CountyRuleSet.VersionNo, f.CityRuleSetId,
            d.CityRuleSetLabel, new(f.DocumentName, f.DocumentContentType, f.DocumentSize, f.DocumentSha256), f.Note, f.State.ToString(), f.State.ChineseName(),
            f.SubmittedAt, f.SubmittedByName, f.Submissions, f.Number, f.FiledAt, f.FiledByName, f.FilingComment, f.ReturnComments, f.ReturnedAt,
            f.ReturnedByName, d.ChangedCount, FilingsApi.Rows(d), d.Actions.Select(a => a.ToString()).ToList(), d.History, f.Version);
    }
}

public sealed record FileRequest(int Version, string? Comment = null);

public sealed record ReturnFilingRequest(int Version, string? Comments = null);

/// <summary>规则备案 (Art. 38): /filings.</summary>
public static class FilingsApi
{
    private const long RequestLimit = UploadCheck.RequestLimitBytes;

    /// <summary>The side-by-side rows with Chinese names and plain values; <paramref name="changedOnly"/> for the changed items only.</summary>
    public static IReadOnlyList<FilingDiffRow> Rows(FilingDetail d, bool changedOnly = false) =>
        d.Rows.Where(r => !changedOnly || r.Changed)
            .Select(r => new FilingDiffRow(r.Path, RuleSetLabels.Of(r.Path), RuleSetLabels.Value(r.Left), RuleSetLabels.Value(r.Right), r.Changed)).ToList();

    public static FilingState? ParseState(string? s) =>
        string.IsNullOrWhiteSpace(s) ? null
        : Enum.TryParse<FilingState>(s.Trim(), true, out var v) && Enum.IsDefined(v) ? v : throw new DomainException("备案状态无效（Submitted/Filed/Returned）。");

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length > UploadCheck.DefaultMaxBytes) throw new DomainException($"文件超过{UploadCheck.DefaultMaxBytes / 1024 / 1024}MB的上限：请压缩或拆分后上传。");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/filings").WithTags("规则备案").RequireAuthorization(nameof(Permission.ViewFilings));

        g.MapGet("", async (int? year, string? state, long? regionId, string? q, int? page, int? pageSize, CurrentUser me, FilingService s,
            CancellationToken ct) =>
        {
            var (p, size) = Paging.Normalize(page, pageSize);
            var result = await s.ListAsync(new FilingFilter(year, ParseState(state), regionId, q), await me.CallerAsync(ct), p, size, ct);
            return new Page<FilingListItem>(result.Items.Select(FilingListItem.From).ToList(), result.Total);
        }).WithSummary("实施细则备案列表（县区只见本级；市级绩效管理科和审计机关见所辖县区；按年度 year、状态 state（Submitted/Filed/Returned）、县区 regionId、关键词 q 筛选，分页）");

        g.MapPost("", async (IFormFile file, [FromForm] int year, [FromForm] long? ruleSetId, [FromForm] string? note, CurrentUser me, FilingService s,
            CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var f = await s.SubmitAsync(year, ruleSetId, file.FileName, await ReadAsync(file, ct), note, caller, ct: ct);
            return Results.Created($"/api/v1/filings/{f.Id}", FilingResponse.From(await s.DetailAsync(f.Id, caller, ct)));
        })
            .DisableAntiforgery() // bearer-token API: no cookie, so no cross-site request to forge
            .WithMetadata(new RequestSizeLimitAttribute(RequestLimit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = RequestLimit })
            .WithSummary($"报送备案（县区财政部门绩效管理机构；multipart：file 实施细则文件（{UploadCheck.DocumentsText}，不超过 20 MB）、year 年度、ruleSetId 本级规则版本（缺省为该年度最新版本，须为本区划的规则）、note 说明）；市财政局绩效管理科收到待办")
            .Produces<FilingResponse>(StatusCodes.Status201Created);

        g.MapGet("/{id:long}", async (long id, CurrentUser me, FilingService s, CancellationToken ct) =>
            FilingResponse.From(await s.DetailAsync(id, await me.CallerAsync(ct), ct)))
            .WithSummary("备案详情：文件、说明、备案号或退回意见、可执行操作、流转记录，以及县区规则与市级同年度规则的逐项对照（differences，changed 为不同项，changedCount 为不同项数；范围外为 404）");

        g.MapPost("/{id:long}/file", async (long id, FileRequest r, CurrentUser me, FilingService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.FileAsync(id, r.Version, r.Comment, caller, ct);
            return FilingResponse.From(await s.DetailAsync(id, caller, ct));
        }).WithSummary("备案（上级财政部门绩效管理科；编备案号：长绩备〔年度〕N号，按市和年度连续编号；comment 备案意见可选；version 不是最新时为 409）");

        g.MapPost("/{id:long}/return", async (long id, ReturnFilingRequest r, CurrentUser me, FilingService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            await s.ReturnAsync(id, r.Version, r.Comments, caller, ct);
            return FilingResponse.From(await s.DetailAsync(id, caller, ct));
        }).WithSummary("退回（上级财政部门绩效管理科；comments 修改意见必填，未填时为 400 且不作任何改动；县区收到待办）");

        g.MapPost("/{id:long}/resubmit", async (long id, [FromForm] int version, [FromForm] long? ruleSetId, [FromForm] string? note, IFormFile? file,
            CurrentUser me, FilingService s, CancellationToken ct) =>
        {
            var caller = await me.CallerAsync(ct);
            var data = file is null ? null : await ReadAsync(file, ct);
            await s.ResubmitAsync(id, version, ruleSetId, file?.FileName, data, note, caller, ct: ct);
            return FilingResponse.From(await s.DetailAsync(id, caller, ct));
        })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(RequestLimit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = RequestLimit })
            .WithSummary("重新报送（报送的县区，已退回时；multipart：version、ruleSetId 新的本级规则版本和/或 file 修改后的文件（至少其一有变化）、note 说明）");

        g.MapGet("/{id:long}/document", async (long id, CurrentUser me, FilingService s, CancellationToken ct) =>
        {
            var (doc, data) = await s.DocumentAsync(id, await me.CallerAsync(ct), ct);
            return Results.File(data, doc.ContentType, doc.Name);
        }).WithSummary("下载报备的实施细则文件（当前版本）");
    }
}
