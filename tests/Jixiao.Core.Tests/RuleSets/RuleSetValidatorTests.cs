using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.RuleSets;

/// <summary>A rule set's numbers must fit together before a version is stored.</summary>
public sealed class RuleSetValidatorTests
{
    /// <summary>One way to break each rule, by name, so each theory row reads as the rule it breaks.</summary>
    private static readonly Dictionary<string, Action<RuleSetContent>> Breaks = new()
    {
        ["grade bands not descending (良 = 优)"] = c => c.Grades.Good = c.Grades.Excellent,
        ["grade bands not descending (中 > 良)"] = c => c.Grades.Fair = 85m,
        ["优 above 100"] = c => c.Grades.Excellent = 100.01m,
        ["self-evaluation weights sum to 101"] = c => c.SelfEvaluation.SatisfactionPoints = 11m,
        ["self-evaluation weights sum to 99"] = c => c.SelfEvaluation.BenefitPoints = 29m,
        ["qualitative bands leave a gap"] = c => c.SelfEvaluation.Partial.Min = 0.65m,
        ["prior-assessment dimensions sum to 105"] = c => c.PriorAssessment.Dimensions[0].Points = 25m,
        ["prior-assessment dimensions sum to 95"] = c => c.PriorAssessment.Dimensions.RemoveAt(5),
        ["appraisal items sum to 101"] = c => c.Appraisal.Items[0].Points = 11m,
        ["appraisal items sum to 90"] = c => c.Appraisal.Items.RemoveAt(6),
        ["appraisal sub-items sum below their item"] = c => c.Appraisal.Items[0].SubItems[0].Points = 4m,
        ["appraisal sub-item measure unknown"] = c => c.Appraisal.Items[1].SubItems[0].Measure = "GoalsOnTimeX",
        ["appraisal sub-item codes repeat"] = c => c.Appraisal.Items[0].SubItems[1].Code = c.Appraisal.Items[0].SubItems[0].Code,
        ["appraisal deduction sub-item measured"] = c => c.Appraisal.Items[6].SubItems[0].Measure = "GoalsOnTime",
        ["county appraisal items sum to 99"] = c => (c.Appraisal.CountyItems[0].Points, c.Appraisal.CountyItems[0].SubItems[0].Points) = (9m, 3m),
        ["warning bands out of order (yellow ≥ green)"] = c => (c.Monitoring.YellowFrom, c.Monitoring.GreenFrom) = (0.80m, 0.60m),
        ["blue band not above 1"] = c => c.Monitoring.BlueFrom = 1.00m,
        ["green band above 1"] = c => c.Monitoring.GreenFrom = 1.01m,
        ["rectification deadline 0 days"] = c => c.Results.RectificationDeadlineDays = 0,
        ["rectification deadline 366 days"] = c => c.Results.RectificationDeadlineDays = 366,
        ["PEFA majority not below most"] = c => c.Disclosure.PefaMajorityShare = 0.75m,
    };

    [Fact]
    public void Validate_Defaults_Valid()
    {
        Assert.Empty(RuleSetValidator.Validate(new RuleSetContent()));
    }

    [Theory]
    [InlineData("grade bands not descending (良 = 优)", "Grades")]
    [InlineData("grade bands not descending (中 > 良)", "Grades")]
    [InlineData("优 above 100", "Grades")]
    [InlineData("self-evaluation weights sum to 101", "SelfEvaluation")]
    [InlineData("self-evaluation weights sum to 99", "SelfEvaluation")]
    [InlineData("qualitative bands leave a gap", "SelfEvaluation.Bands")]
    [InlineData("prior-assessment dimensions sum to 105", "PriorAssessment.Dimensions")]
    [InlineData("prior-assessment dimensions sum to 95", "PriorAssessment.Dimensions")]
    [InlineData("appraisal items sum to 101", "Appraisal.Items")]
    [InlineData("appraisal items sum to 90", "Appraisal.Items")]
    [InlineData("appraisal sub-items sum below their item", "Appraisal.Items")]
    [InlineData("appraisal sub-item measure unknown", "Appraisal.Items")]
    [InlineData("appraisal sub-item codes repeat", "Appraisal.Items")]
    [InlineData("appraisal deduction sub-item measured", "Appraisal.Items")]
    [InlineData("county appraisal items sum to 99", "Appraisal.CountyItems")]
    [InlineData("warning bands out of order (yellow ≥ green)", "Monitoring")]
    [InlineData("blue band not above 1", "Monitoring")]
    [InlineData("green band above 1", "Monitoring")]
    [InlineData("rectification deadline 0 days", "Results")]
    [InlineData("rectification deadline 366 days", "Results")]
    [InlineData("PEFA majority not below most", "Disclosure")]
    public void Validate_OneRuleBroken_ReportsExactlyThatRule(string broken, string key)
    {
        var content = new RuleSetContent();
        Breaks[broken](content);

        var errors = RuleSetValidator.Validate(content);

        Assert.Equal([key], errors.Keys);
        Assert.All(errors[key], m => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", m));
    }

    [Theory]
    [InlineData("100", "80", "60")] // 优 at its maximum
    [InlineData("80", "70", "60")] // another province's bands
    [InlineData("90", "80", "0.01")]
    public void Validate_DescendingBandsWithin100_Valid(string excellent, string good, string fair)
    {
        var content = new RuleSetContent();
        content.Grades.Excellent = decimal.Parse(excellent, System.Globalization.CultureInfo.InvariantCulture);
        content.Grades.Good = decimal.Parse(good, System.Globalization.CultureInfo.InvariantCulture);
        content.Grades.Fair = decimal.Parse(fair, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Empty(RuleSetValidator.Validate(content));
    }

    [Theory]
    [InlineData(1, 0, true)] // a deadline of one day with no reminder
    [InlineData(8, 7, true)] // the reminder just before the deadline
    [InlineData(7, 7, false)] // the reminder on the deadline's first day
    [InlineData(365, 7, true)]
    public void Validate_RectificationDaysAndReminder_ReminderBeforeDeadline(int deadlineDays, int reminderDays, bool valid)
    {
        var content = new RuleSetContent();
        content.Results.RectificationDeadlineDays = deadlineDays;
        content.Results.RectificationReminderDays = reminderDays;

        Assert.Equal(valid, RuleSetValidator.Validate(content).Count == 0);
    }
}
