using Jixiao.Core.Common;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Monitoring;

/// <summary>How a year-end projection was made.</summary>
public enum ForecastMethod
{
    /// <summary>线性外推: spending continues at this year's average monthly pace.</summary>
    Linear,
    /// <summary>按上年季节规律: this year's spending to date is the same share of the year as last year's was.</summary>
    Seasonal,
}

/// <summary>
/// A year-end projection: spending in yuan and the execution rate (fraction), both unrounded; <see cref="Warns"/> when the
/// projected rate is below the green band.
/// </summary>
public sealed record ExecutionForecast(int Month, decimal ProjectedSpending, decimal ProjectedRate, bool Warns, ForecastMethod Method);

/// <summary>
/// 预判预警 (Art. 21, RULES §5): projects a project's year-end execution rate from its spending to date, so that a
/// project heading for a poor year is flagged before the main (July) round.
/// <para>
/// Method. Let C be this year's cumulative spending at the end of month m and B the budget.
/// <b>Seasonal</b>, when last year's spending by month L₁…L₁₂ is given and usable: the share of the year last year had
/// spent by the end of month m is S = (L₁ + … + Lₘ) ÷ (L₁ + … + L₁₂); assuming this year follows the same seasonal shape,
/// the year-end spending is C ÷ S, computed as C × ΣL ÷ ΣLₘ. Last year's shape is unusable (and the linear method is
/// used) when its total or its share to month m is not above zero.
/// <b>Linear</b> otherwise: the year-end spending is C × 12 ÷ m.
/// The projected rate is the projected spending ÷ B (0 without a budget, which never warns), and the forecast warns
/// when it is below <see cref="MonitoringRules.GreenFrom"/> (exactly on the edge does not warn). At month 12 both methods
/// give the actual spending. All arithmetic is decimal; the projected rate is one division of exact products, so a
/// projection exactly on the edge is recognised as such.
/// </para>
/// <para>
/// <see cref="ExecutionForecast.Warns"/> says only how the projection compares with the band; RULES §5 asks for the
/// warning before the main round, so the caller shows it for months before <see cref="MonitoringRules.MainRoundMonth"/>
/// (from then on the round's own colours speak). The earlier in the year, the less a projection is worth: with a
/// seasonal shape that had spent little by month m, a small difference this year moves the projection a lot.
/// </para>
/// </summary>
public static class SpendingForecast
{
    /// <summary>
    /// Projects from this year's cumulative spending by month (index 0 = end of January, the last entry = the latest
    /// month with data); only the latest point enters the projection, the earlier ones are checked.
    /// </summary>
    public static ExecutionForecast Project(decimal budget, IReadOnlyList<decimal> cumulativeThisYear, IReadOnlyList<decimal>? lastYearByMonth, MonitoringRules rules)
    {
        if (cumulativeThisYear.Count is 0 or > WarningRules.MonthsPerYear)
            throw new DomainException("本年累计支出应按月提供1到12个月的数据。");
        if (cumulativeThisYear.Any(c => c < 0m)) throw new DomainException("累计支出金额不能为负数。");
        return Project(budget, cumulativeThisYear.Count, cumulativeThisYear[^1], lastYearByMonth, rules);
    }

    /// <summary>
    /// Projects from the cumulative spending <paramref name="executedToDate"/> at the end of <paramref name="month"/> and,
    /// where given, last year's spending of each of the 12 months (not cumulative; a month may be negative after reversals).
    /// </summary>
    public static ExecutionForecast Project(decimal budget, int month, decimal executedToDate, IReadOnlyList<decimal>? lastYearByMonth, MonitoringRules rules)
    {
        // Validates month and amounts with the same Chinese messages as the warnings.
        WarningRules.BudgetRatio(budget, executedToDate, month);
        if (lastYearByMonth is not null && lastYearByMonth.Count != WarningRules.MonthsPerYear)
            throw new DomainException($"上年分月支出应为12个月的数据，现为{lastYearByMonth.Count}个月。");
        if (lastYearByMonth is not null && lastYearByMonth.Any(v => Math.Abs(v) > WarningRules.MaxAmount))
            throw new DomainException(WarningRules.AmountTooLarge);

        var total = lastYearByMonth?.Sum() ?? 0m;
        var toMonth = lastYearByMonth?.Take(month).Sum() ?? 0m;
        var seasonal = total > 0m && toMonth > 0m;

        decimal spending, rate;
        if (seasonal)
        {
            spending = executedToDate * total / toMonth;
            rate = budget == 0m ? 0m : executedToDate * total / (toMonth * budget);
        }
        else
        {
            spending = executedToDate * WarningRules.MonthsPerYear / month;
            rate = budget == 0m ? 0m : executedToDate * WarningRules.MonthsPerYear / (month * budget);
        }
        var warns = budget > 0m && rate < rules.GreenFrom;
        return new(month, spending, rate, warns, seasonal ? ForecastMethod.Seasonal : ForecastMethod.Linear);
    }
}
