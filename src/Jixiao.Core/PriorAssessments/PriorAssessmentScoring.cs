using Jixiao.Core.Common;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.PriorAssessments;

/// <summary>The conclusion of an ex-ante assessment (RULES §6).</summary>
public enum PriorConclusion
{
    /// <summary>予以支持.</summary>
    Support,
    /// <summary>调整完善后支持.</summary>
    SupportAfterRevision,
    /// <summary>不予支持.</summary>
    NotSupported,
}

/// <summary>One scorer's points for one dimension (rule-set code).</summary>
public sealed record DimensionPoints(string Code, decimal Points);

/// <summary>The mean of one dimension over the scorers, rounded half-up to 2 decimals for display.</summary>
public sealed record DimensionResult(string Code, string Name, decimal MaxPoints, decimal Mean);

public sealed record PriorAssessmentResult(IReadOnlyList<DimensionResult> Dimensions, decimal Total, PriorConclusion Conclusion);

/// <summary>
/// Scoring of an ex-ante assessment (RULES §6, Art. 14): each scorer gives every dimension of the rule set points in
/// [0, dimension points]; the result is the mean per dimension, summed, rounded half-up to 2 decimals at the end;
/// the conclusion comes from the rule-set bands (≥ SupportFrom 予以支持; ≥ SupportAfterRevisionFrom 调整完善后支持;
/// below 不予支持). Pure.
/// </summary>
public static class PriorAssessmentScoring
{
    public static string Text(PriorConclusion c) => c switch
    {
        PriorConclusion.Support => "予以支持",
        PriorConclusion.SupportAfterRevision => "调整完善后支持",
        PriorConclusion.NotSupported => "不予支持",
    };

    /// <summary>The conclusion of a (rounded) total; a value exactly on an edge belongs to the higher band.</summary>
    public static PriorConclusion ConclusionOf(decimal total, PriorAssessmentRules rules) =>
        total >= rules.SupportFrom ? PriorConclusion.Support
        : total >= rules.SupportAfterRevisionFrom ? PriorConclusion.SupportAfterRevision
        : PriorConclusion.NotSupported;

    /// <summary>Checks one scorer's sheet: every dimension once, points within [0, dimension points].</summary>
    public static void Validate(IReadOnlyList<DimensionPoints> sheet, PriorAssessmentRules rules)
    {
        foreach (var d in rules.Dimensions)
        {
            var given = sheet.Where(s => s.Code == d.Code).ToList();
            if (given.Count == 0) throw new DomainException($"未对“{d.Name}”评分：请对每个评估维度打分。");
            if (given.Count > 1) throw new DomainException($"“{d.Name}”重复评分。");
            var p = given[0].Points;
            if (p < 0 || p > d.Points) throw new DomainException($"“{d.Name}”的得分应在0到{d.Points:0.##}分之间，现为{p:0.##}分。");
        }
        var unknown = sheet.FirstOrDefault(s => rules.Dimensions.All(d => d.Code != s.Code));
        if (unknown is not null) throw new DomainException($"评估维度“{unknown.Code}”不在本评估适用的规则集中。");
    }

    public static PriorAssessmentResult Score(IReadOnlyList<IReadOnlyList<DimensionPoints>> sheets, PriorAssessmentRules rules)
    {
        if (sheets.Count == 0) throw new DomainException("尚无评分，不能得出评估结论。");
        foreach (var s in sheets) Validate(s, rules);
        var dims = new List<DimensionResult>();
        var total = 0m;
        foreach (var d in rules.Dimensions)
        {
            var mean = sheets.Sum(s => s.Single(x => x.Code == d.Code).Points) / sheets.Count;
            total += mean;
            dims.Add(new(d.Code, d.Name, d.Points, Math.Round(mean, 2, MidpointRounding.AwayFromZero)));
        }
        var rounded = Math.Round(total, 2, MidpointRounding.AwayFromZero);
        return new(dims, rounded, ConclusionOf(rounded, rules));
    }
}
