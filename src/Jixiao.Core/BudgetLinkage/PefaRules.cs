using Jixiao.Core.RuleSets;

namespace Jixiao.Core.BudgetLinkage;

/// <summary>PEFA PI-8 coverage terms (RULES §10).</summary>
public enum PefaCoverage
{
    /// <summary>"most": at least the rule set's share (default 75 %).</summary>
    Most,
    /// <summary>"majority": more than the rule set's share (default 50 %).</summary>
    Majority,
    /// <summary>Neither.</summary>
    Minority,
    /// <summary>Nothing to measure (no projects, no money).</summary>
    NotApplicable,
}

public static class PefaRules
{
    /// <summary>The term for <paramref name="part"/> of <paramref name="whole"/>; exact decimal comparison, so 75 % is "most" and 50 % is not "majority".</summary>
    public static PefaCoverage Term(decimal part, decimal whole, DisclosureRules rules)
    {
        if (whole <= 0m) return PefaCoverage.NotApplicable;
        if (part < 0m || part > whole) throw new ArgumentOutOfRangeException(nameof(part));
        // part / whole >= most  ⇔  part >= most × whole (no division, no rounding at the edge)
        if (part >= rules.PefaMostShare * whole) return PefaCoverage.Most;
        if (part > rules.PefaMajorityShare * whole) return PefaCoverage.Majority;
        return PefaCoverage.Minority;
    }

    /// <summary>The share, or null when there is nothing to measure.</summary>
    public static decimal? Share(decimal part, decimal whole) => whole > 0m ? part / whole : null;

    public static string ChineseName(this PefaCoverage c) => c switch
    {
        PefaCoverage.Most => "大部分（most）",
        PefaCoverage.Majority => "多数（majority）",
        PefaCoverage.Minority => "未过半",
        PefaCoverage.NotApplicable => "无数据",
    };

    public static string WireName(this PefaCoverage c) => c switch
    {
        PefaCoverage.Most => "most",
        PefaCoverage.Majority => "majority",
        PefaCoverage.Minority => "minority",
        PefaCoverage.NotApplicable => "n/a",
    };
}
