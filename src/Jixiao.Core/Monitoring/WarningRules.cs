using Jixiao.Core.Common;
using Jixiao.Core.Indicators;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Monitoring;

/// <summary>
/// One indicator's progress as plain values: quantitative (<c>≥</c>, <c>≤</c>, <c>=</c>) with its annual target and
/// the value to date, or qualitative with the unit's own band.
/// </summary>
public sealed record IndicatorProgress(Comparison Comparison, decimal? Target = null, decimal? ToDate = null, QualitativeBand? Band = null);

/// <summary>One project at the end of <paramref name="Month"/>: budget and cumulative spending in yuan, and its indicators.</summary>
public sealed record WarningInput(int Month, decimal Budget, decimal Executed, IReadOnlyList<IndicatorProgress> Indicators);

/// <summary>The warnings of one project (RULES §5); rates are fractions, unrounded.</summary>
public sealed record WarningResult(
    decimal TimeProgress, decimal ExecutionRate, WarningColor BudgetColor, IReadOnlyList<WarningColor> IndicatorColors, WarningColor ProjectColor);

/// <summary>
/// The warning rules of dual monitoring (RULES §5, Art. 19-21; 财预〔2019〕136号), pure functions over plain values.
/// <list type="bullet">
/// <item>Time progress = month ÷ 12 (data to the end of the month); execution rate = executed ÷ budget.</item>
/// <item>Budget colour from execution rate ÷ time progress: red below <see cref="MonitoringRules.YellowFrom"/>, yellow up to
/// <see cref="MonitoringRules.GreenFrom"/>, green from there.</item>
/// <item>Quantitative indicator (<c>≥</c>, and <c>=</c> with a target above 0): value to date ÷ (target × time progress), the same
/// bands plus blue from <see cref="MonitoringRules.BlueFrom"/>; target 0 → green. <c>≤</c> (and <c>=</c> with target 0): green when
/// the value to date is within the target, else red. Qualitative: achieved / partial / not achieved → green / yellow / red.</item>
/// <item>Project colour: the worst of the budget colour and the indicator colours, red before yellow before blue before green.</item>
/// </list>
/// Bands are closed below: a ratio exactly on an edge belongs to the higher band. Every threshold comes from the
/// region's rule set. To recognise an edge exactly, a ratio is computed as one division of exact products
/// (executed × 12 ÷ (budget × month)) rather than as a quotient of two already rounded quotients (7 ÷ 12 does not terminate).
/// A project without budget (budget 0) has an execution rate of 0 and a green budget colour: nothing was to be spent, so
/// nothing is behind; spending without a budget is a matter for the payment checks, not for this warning.
/// </summary>
public static class WarningRules
{
    /// <summary>Months of the fiscal year (the calendar year in China), not a rule-set number.</summary>
    public const int MonthsPerYear = 12;

    /// <summary>The largest amount accepted, in yuan (10^13, 十万亿元: beyond any project; keeps every product within decimal).</summary>
    public const decimal MaxAmount = 10_000_000_000_000m;

    /// <summary>The largest magnitude accepted for an indicator value (10^15).</summary>
    public const decimal MaxValue = 1_000_000_000_000_000m;

    public static void CheckMonth(int month)
    {
        if (month is < 1 or > MonthsPerYear)
            throw new DomainException($"月份应在1到12之间，现为{month}。", Field("month", "月份应在1到12之间。"));
    }

    /// <summary>Share of the year elapsed at the end of <paramref name="month"/>: month ÷ 12.</summary>
    public static decimal TimeProgress(int month)
    {
        CheckMonth(month);
        return (decimal)month / MonthsPerYear;
    }

    /// <summary>Executed ÷ budget, a fraction; 0 when there is no budget. Refuses negative or absurd amounts.</summary>
    public static decimal ExecutionRate(decimal budget, decimal executed)
    {
        CheckAmounts(budget, executed);
        return budget == 0m ? 0m : executed / budget;
    }

    /// <summary>Execution rate ÷ time progress, as executed × 12 ÷ (budget × month); 0 when there is no budget.</summary>
    public static decimal BudgetRatio(decimal budget, decimal executed, int month)
    {
        CheckMonth(month);
        CheckAmounts(budget, executed);
        return budget == 0m ? 0m : executed * MonthsPerYear / (budget * month);
    }

    /// <summary>The budget colour at the end of <paramref name="month"/>; green when there is no budget.</summary>
    public static WarningColor BudgetColor(decimal budget, decimal executed, int month, MonitoringRules rules)
    {
        var ratio = BudgetRatio(budget, executed, month);
        return budget == 0m ? WarningColor.Green : ColorOfRatio(ratio, rules, allowBlue: false);
    }

    /// <summary>
    /// The band of a progress ratio: red below YellowFrom, yellow below GreenFrom, green from GreenFrom, and (indicators only)
    /// blue from BlueFrom. Closed below: a ratio exactly on an edge takes the higher band.
    /// </summary>
    public static WarningColor ColorOfRatio(decimal ratio, MonitoringRules rules, bool allowBlue) =>
        allowBlue && ratio >= rules.BlueFrom ? WarningColor.Blue
        : ratio >= rules.GreenFrom ? WarningColor.Green
        : ratio >= rules.YellowFrom ? WarningColor.Yellow
        : WarningColor.Red;

    /// <summary>
    /// Value to date ÷ (target × time progress) of a <c>≥</c> indicator, or of a <c>=</c> indicator with a target above 0;
    /// null when the indicator is not judged by a ratio (<c>≤</c>, <c>=</c> with target 0, <c>≥</c> with target 0, qualitative).
    /// </summary>
    public static decimal? IndicatorRatio(Comparison comparison, decimal target, decimal toDate, int month)
    {
        CheckMonth(month);
        CheckIndicatorValues(comparison, target, toDate);
        return comparison is Comparison.AtLeast or Comparison.Equal && target > 0m
            ? toDate * MonthsPerYear / (target * month)
            : null;
    }

    /// <summary>The colour of a quantitative indicator (RULES §5).</summary>
    public static WarningColor QuantitativeColor(Comparison comparison, decimal target, decimal toDate, int month, MonitoringRules rules)
    {
        if (comparison == Comparison.Qualitative) throw new DomainException("定性指标按完成档次判断，不按数值计算。");
        var ratio = IndicatorRatio(comparison, target, toDate, month);
        if (ratio is { } r) return ColorOfRatio(r, rules, allowBlue: true);
        return comparison switch
        {
            // ≥ 0 is met by anything: nothing to warn about.
            Comparison.AtLeast => WarningColor.Green,
            // ≤ T, and = 0: a cumulative value already over the annual cap cannot come back.
            Comparison.AtMost or Comparison.Equal => toDate <= target ? WarningColor.Green : WarningColor.Red,
            Comparison.Qualitative => throw new InvalidOperationException("unreachable"),
        };
    }

    /// <summary>The colour of a qualitative indicator: 达成 green, 部分达成 yellow, 未达成 red.</summary>
    public static WarningColor QualitativeColor(QualitativeBand band) => band switch
    {
        QualitativeBand.Achieved => WarningColor.Green,
        QualitativeBand.Partial => WarningColor.Yellow,
        QualitativeBand.NotAchieved => WarningColor.Red,
    };

    /// <summary>The colour of one indicator; refuses, in Chinese, an indicator without the values its comparison needs.</summary>
    public static WarningColor IndicatorColor(IndicatorProgress indicator, int month, MonitoringRules rules)
    {
        if (indicator.Comparison == Comparison.Qualitative)
        {
            if (indicator.Band is not { } band)
                throw new DomainException("定性指标须填写完成档次（achieved 达成、partial 部分达成、notAchieved 未达成）。");
            CheckMonth(month);
            return QualitativeColor(band);
        }
        if (indicator.Target is not { } target) throw new DomainException($"定量指标（{indicator.Comparison.Symbol()}）须填写目标值（target）。");
        if (indicator.ToDate is not { } toDate) throw new DomainException($"定量指标（{indicator.Comparison.Symbol()}）须填写截至本月的完成值（toDate）。");
        return QuantitativeColor(indicator.Comparison, target, toDate, month, rules);
    }

    /// <summary>The worst colour, in the order red, yellow, blue, green; green when there is none.</summary>
    public static WarningColor Worst(IEnumerable<WarningColor> colors) =>
        colors.Aggregate(WarningColor.Green, (worst, c) => c.Severity() > worst.Severity() ? c : worst);

    /// <summary>The project colour: the worst of its budget colour and its indicator colours.</summary>
    public static WarningColor ProjectColor(WarningColor budgetColor, IEnumerable<WarningColor> indicatorColors) =>
        Worst(indicatorColors.Prepend(budgetColor));

    /// <summary>Every warning of one project. An indicator's refusal names its position (第 n 个指标).</summary>
    public static WarningResult Evaluate(WarningInput input, MonitoringRules rules)
    {
        var progress = TimeProgress(input.Month);
        var rate = ExecutionRate(input.Budget, input.Executed);
        var budgetColor = BudgetColor(input.Budget, input.Executed, input.Month, rules);
        var colors = new List<WarningColor>(input.Indicators.Count);
        for (var i = 0; i < input.Indicators.Count; i++)
        {
            try
            {
                colors.Add(IndicatorColor(input.Indicators[i], input.Month, rules));
            }
            catch (DomainException e)
            {
                var message = $"第{i + 1}个指标：{e.Message}";
                throw new DomainException(message, Field($"indicators[{i}]", message));
            }
        }
        return new(progress, rate, budgetColor, colors, ProjectColor(budgetColor, colors));
    }

    private static void CheckAmounts(decimal budget, decimal executed)
    {
        if (budget < 0m) throw new DomainException("预算金额不能为负数。", Field("budget", "预算金额不能为负数。"));
        if (executed < 0m) throw new DomainException("累计支出金额不能为负数。", Field("executed", "累计支出金额不能为负数。"));
        if (budget > MaxAmount || executed > MaxAmount)
            throw new DomainException(AmountTooLarge);
    }

    private static void CheckIndicatorValues(Comparison comparison, decimal target, decimal toDate)
    {
        if (Math.Abs(target) > MaxValue || Math.Abs(toDate) > MaxValue) throw new DomainException("指标值超出可处理的范围，请核对。");
        // A ratio against a negative target means nothing; ≤ a negative value (e.g. a fall of at least 2 %) is fine.
        if (target < 0m && comparison is Comparison.AtLeast or Comparison.Equal)
            throw new DomainException($"“{comparison.Symbol()}”指标的目标值不能为负数，现为{target:0.####}。");
    }

    internal const string AmountTooLarge = "金额超出可处理的范围（不超过10万亿元），请核对（单位为元）。";

    private static Dictionary<string, string[]> Field(string name, string message) => new() { [name] = [message] };
}
