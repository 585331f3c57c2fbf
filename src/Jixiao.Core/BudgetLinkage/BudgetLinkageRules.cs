using Jixiao.Core.RuleSets;

namespace Jixiao.Core.BudgetLinkage;

/// <summary>What the budget linkage list suggests for a project in next year's budget (RULES §7, Art. 32).</summary>
public enum LinkageSuggestion
{
    /// <summary>优先保障: graded 良 or better.</summary>
    Priority,
    /// <summary>维持: graded 中, or not evaluated.</summary>
    Maintain,
    /// <summary>从严控制: graded 差, or problems not rectified (or rectified incompletely); a reduction is suggested.</summary>
    StrictControl,
    /// <summary>建议取消: 差 for the rule set's number of years in a row.</summary>
    Cancel,
}

/// <summary>Where the rectification of a project's problems stands, as the linkage list sees it.</summary>
public enum LinkageRectification
{
    /// <summary>No problems found, nothing to rectify.</summary>
    None,
    /// <summary>Rectification accepted.</summary>
    Rectified,
    /// <summary>Rectification under way, deadline not passed.</summary>
    InProgress,
    /// <summary>整改不到位: items partly done or the report returned.</summary>
    Incomplete,
    /// <summary>不进行整改: deadline passed and nothing accepted.</summary>
    NotRectified,
}

public sealed record LinkageResult(LinkageSuggestion Suggestion, decimal SuggestedReduction, string Reason);

public static class LinkageNames
{
    public static string ChineseName(this LinkageSuggestion s) => s switch
    {
        LinkageSuggestion.Priority => "优先保障",
        LinkageSuggestion.Maintain => "维持",
        LinkageSuggestion.StrictControl => "从严控制",
        LinkageSuggestion.Cancel => "建议取消",
    };

    public static string WireName(this LinkageSuggestion s) => s switch
    {
        LinkageSuggestion.Priority => "priority",
        LinkageSuggestion.Maintain => "maintain",
        LinkageSuggestion.StrictControl => "strict",
        LinkageSuggestion.Cancel => "cancel",
    };

    public static LinkageSuggestion? ParseSuggestion(string? text)
    {
        text = text?.Trim();
        foreach (var s in Enum.GetValues<LinkageSuggestion>())
            if (string.Equals(text, s.WireName(), StringComparison.OrdinalIgnoreCase) || text == s.ChineseName()) return s;
        return null;
    }

    public static string ChineseName(this LinkageRectification r) => r switch
    {
        LinkageRectification.None => "无整改事项",
        LinkageRectification.Rectified => "已整改",
        LinkageRectification.InProgress => "整改中",
        LinkageRectification.Incomplete => "整改不到位",
        LinkageRectification.NotRectified => "未整改",
    };

    public static string WireName(this LinkageRectification r) => r switch
    {
        LinkageRectification.None => "none",
        LinkageRectification.Rectified => "rectified",
        LinkageRectification.InProgress => "in-progress",
        LinkageRectification.Incomplete => "incomplete",
        LinkageRectification.NotRectified => "not-rectified",
    };
}

/// <summary>
/// The budget linkage rule of Art. 32 and RULES §7 (pure): 良 or better → 优先保障; 差, or problems not rectified or rectified incompletely →
/// 从严控制 with the rule set's reduction share of the budget; 差 for the rule set's number of years in a row → cancellation suggested;
/// otherwise 维持. The grade comes from the bands of the rule set the evaluation was scored with.
/// </summary>
public static class BudgetLinkageRules
{
    /// <param name="grade">The project's grade for the evaluated year, or null when not evaluated.</param>
    /// <param name="poorYearsInRow">Consecutive 差 years ending with the evaluated year (0 when this year is not 差).</param>
    /// <param name="rectification">Where the rectification of its problems stands.</param>
    /// <param name="budget">The project's budget (yuan) the reduction is a share of.</param>
    /// <param name="rules">The rule set's use-of-results numbers.</param>
    public static LinkageResult Suggest(Grade? grade, int poorYearsInRow, LinkageRectification rectification, decimal budget, ResultRules rules)
    {
        if (grade == Grade.Poor && rules.CancelAfterPoorYears > 0 && poorYearsInRow >= rules.CancelAfterPoorYears)
            return new(LinkageSuggestion.Cancel, budget, $"连续{poorYearsInRow}年评价为差，建议取消");
        var reduction = Math.Round(budget * rules.StrictControlReductionShare, 2, MidpointRounding.AwayFromZero);
        var share = $"{rules.StrictControlReductionShare * 100m:0.##}%";
        if (grade == Grade.Poor)
            return new(LinkageSuggestion.StrictControl, reduction, $"评价为差，建议压减{share}");
        if (rectification is LinkageRectification.NotRectified or LinkageRectification.Incomplete)
            return new(LinkageSuggestion.StrictControl, reduction, $"发现问题{rectification.ChineseName()}，建议压减{share}");
        return grade switch
        {
            Grade.Excellent or Grade.Good => new(LinkageSuggestion.Priority, 0m, $"评价为{grade.Value.ChineseName()}，优先保障"),
            Grade.Fair => new(LinkageSuggestion.Maintain, 0m, "评价为中，维持"),
            _ => new(LinkageSuggestion.Maintain, 0m, "尚未评价，维持"),
        };
    }

    /// <summary>The same from a score, graded with <paramref name="bands"/>.</summary>
    public static LinkageResult Suggest(decimal? score, GradeBands bands, int previousPoorYearsInRow, LinkageRectification rectification, decimal budget,
        ResultRules rules)
    {
        Grade? grade = score is { } s ? bands.GradeOf(s) : null;
        return Suggest(grade, grade == Grade.Poor ? previousPoorYearsInRow + 1 : 0, rectification, budget, rules);
    }

    /// <summary>Consecutive 差 years ending with the latest year of <paramref name="gradesByYear"/> (a missing year breaks the run).</summary>
    public static int PoorYearsInRow(IReadOnlyDictionary<int, Grade> gradesByYear, int year)
    {
        var n = 0;
        while (gradesByYear.TryGetValue(year - n, out var g) && g == Grade.Poor) n++;
        return n;
    }
}
