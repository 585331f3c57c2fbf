using Jixiao.Core.Organizations;
using Jixiao.Core.ThirdParties;

namespace Jixiao.Web.Features.ThirdParties;

/// <summary>One declared conflict (回避单位) as typed in a pool form: an organisation and what the relationship is.</summary>
public sealed class ConflictRow
{
    public long? OrganizationId { get; set; }

    public string? Note { get; set; }
}

/// <summary>The conflict rows of an expert or agency form: the declared ones plus a few empty rows to add more without script.</summary>
public sealed record ConflictEditor(IReadOnlyList<ConflictRow> Rows, IReadOnlyList<OrganizationRow> Organizations, bool ReadOnly);

public static class ThirdPartyLabels
{
    /// <summary>Empty rows offered below the declared conflicts.</summary>
    public const int BlankConflictRows = 3;

    public static List<ConflictRow> WithBlankRows(IEnumerable<ConflictRow> rows) =>
        [.. rows.Where(r => r.OrganizationId is not null), .. Enumerable.Range(0, BlankConflictRows).Select(_ => new ConflictRow())];

    public static IReadOnlyList<ConflictInput> ToInput(IEnumerable<ConflictRow> rows) =>
        rows.Where(r => r.OrganizationId is not null).Select(r => new ConflictInput(r.OrganizationId!.Value, r.Note)).ToList();

    /// <summary>Bootstrap badge colour of a credit status: 黑名单 red, 关注 amber.</summary>
    public static string BadgeClass(CreditStatus s) => s switch
    {
        CreditStatus.Good => "bg-success",
        CreditStatus.Watch => "bg-warning text-dark",
        CreditStatus.Blacklisted => "bg-danger",
    };

    /// <summary>The organisations a conflict may name: the region's, plus any already declared that the list lacks (so a save keeps them).</summary>
    public static IReadOnlyList<OrganizationRow> WithDeclared(IReadOnlyList<OrganizationRow> options, IEnumerable<long> declared, IReadOnlyDictionary<long, string> names) =>
        [.. options, .. declared.Where(id => options.All(o => o.Id != id)).Distinct()
            .Select(id => new OrganizationRow(id, names.GetValueOrDefault(id, $"机构 {id}"), "", null, OrganizationKind.BudgetUnit, 0, "", true, 0))];
}
