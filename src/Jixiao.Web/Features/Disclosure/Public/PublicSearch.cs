using Jixiao.Core.Disclosure;
using Jixiao.Core.Evaluations;
using Jixiao.Core.RuleSets;

namespace Jixiao.Web.Features.Disclosure.Public;

/// <summary>The portal's search form: its options (years and departments with published items) and the values searched.</summary>
public sealed record PublicSearch(IReadOnlyList<int> Years, IReadOnlyList<string> Departments, int? Year, string? Department, string? Grade, string? Kind,
    string? Text)
{
    public static async Task<PublicSearch> LoadAsync(DisclosureService s, int? year, string? department, string? grade, string? kind, string? text,
        CancellationToken ct) =>
        new(await s.PublicYearsAsync(ct), (await s.PublicDepartmentsAsync(ct)).Select(d => d.Department).Distinct().ToList(), year, department, grade, kind, text);

    /// <summary>The service's filter; an unknown grade or kind is ignored.</summary>
    public PublicFilter Filter() => new(Year, Department, ParseGrade(Grade), DisclosureNames.ParseKind(Kind), Text);

    private static Grade? ParseGrade(string? text) =>
        Enum.GetValues<Grade>().Cast<Grade?>().FirstOrDefault(g => g!.Value.ChineseName() == text?.Trim() || g.Value.WireName() == text?.Trim());
}
