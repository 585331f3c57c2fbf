using System.Text.Encodings.Web;
using System.Text.Json;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Goals;
using Jixiao.Core.Projects;
using Jixiao.Core.Results;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Disclosure;

/// <summary>An indicator of a published goal: names, target as written, unit and points. Nothing else of the indicator.</summary>
public sealed record GoalIndicatorSnapshot(string Level1, string Level2, string Name, string? Target, string? Unit, decimal Weight);

/// <summary>The public fields of a key project's goal.</summary>
public sealed record GoalSnapshot(int FiscalYear, string Region, string Department, string Unit, string ProjectCode, string ProjectName,
    string ProjectKind, decimal TotalBudget, string? MediumTermGoal, string? AnnualGoal, IReadOnlyList<GoalIndicatorSnapshot> Indicators);

/// <summary>The public fields of an evaluation result: what was evaluated, how, the score and the grade. No scorer, comment or conclusion.</summary>
public sealed record EvaluationResultSnapshot(int FiscalYear, string Region, string Department, string? Unit, string Subject, string EvaluationType,
    decimal Score, string Grade);

/// <summary>The public fields of a rectification: the subject, the deadline, the state and how many items are done.</summary>
public sealed record RectificationSnapshot(int FiscalYear, string Region, string Department, string? Unit, string Subject, string? Grade,
    DateOnly Deadline, string Status, int ItemCount, int ItemsDone, DateTime? CompletedAt);

/// <summary>
/// The whitelist: one function per kind copies the allowed public fields from the source into a snapshot record, and the record is the
/// only thing serialised. A field not named here never reaches the portal.
/// </summary>
public static class DisclosureSnapshots
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static GoalSnapshot Goal(PerformanceGoal goal, Project project, string region, string department, string unit,
        IReadOnlyList<IndicatorCategory> categories) => new(
        goal.FiscalYear, region, department, unit, project.Code, project.Name, project.Kind.ChineseName(), project.TotalBudget, goal.MediumTermGoal,
        goal.AnnualGoal, goal.Indicators.OrderBy(i => i.SortOrder).Select(i => new GoalIndicatorSnapshot(
            categories.FirstOrDefault(c => c.Code == i.Level1)?.Name ?? i.Level1,
            categories.FirstOrDefault(c => c.Code == i.Level1)?.Subcategories.FirstOrDefault(s => s.Code == i.Level2)?.Name ?? i.Level2,
            i.Name, i.TargetText ?? i.TargetValue?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture), i.Unit, i.Weight)).ToList());

    public static EvaluationResultSnapshot EvaluationResult(EvaluationCatalogRow row, string region) => new(
        row.FiscalYear, region, row.DepartmentName, row.UnitName, row.SubjectName, row.Type.ChineseName(), row.Score, row.Grade.ChineseName());

    /// <summary>The status at publication: the state, and 已逾期 when the deadline has passed without acceptance.</summary>
    public static RectificationSnapshot Rectification(Results.Rectification r, Results.FeedbackLetter letter, string region, string department, string? unit,
        DateOnly today) => new(
        r.FiscalYear, region, department, unit, letter.SubjectName, letter.Grade?.ChineseName(), r.Deadline,
        Results.RectificationRules.IsOverdue(r.Deadline, r.State, today) ? $"{r.State.ChineseName()}（已逾期）" : r.State.ChineseName(),
        r.Items.Count, r.Items.Count(i => i.State == Results.RectificationItemState.Done),
        r.State == Results.RectificationState.Accepted ? r.ReviewedAt : null);

    public static string Serialize<T>(T snapshot) => JsonSerializer.Serialize(snapshot, Json);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidOperationException("empty snapshot");
}
