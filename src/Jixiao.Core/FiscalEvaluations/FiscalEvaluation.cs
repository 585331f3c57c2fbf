using System.Text.Json;
using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Workflows;

namespace Jixiao.Core.FiscalEvaluations;

/// <summary>The states of a county fiscal operation evaluation.</summary>
public enum FiscalEvaluationState
{
    /// <summary>草稿: the values of the counties are entered or imported.</summary>
    Draft,
    /// <summary>已评分: every county's sheet is complete; scores, grades and the ranking are fixed.</summary>
    Scored,
    /// <summary>已定稿: the result is final and shown beside the county's transfer payments (Art. 35).</summary>
    Finalised,
}

public enum FiscalEvaluationAction
{
    Score,
    Finalise,
    /// <summary>Back to the draft to correct values (reason required); the scores are cleared.</summary>
    Reopen,
}

/// <summary>
/// The declared transition table: the city's performance section scores the evaluation once every county's values are complete, finalises
/// it, and may reopen a scored or finalised one with a reason.
/// </summary>
public static class FiscalEvaluationWorkflow
{
    public static string ChineseName(FiscalEvaluationState s) => s switch
    {
        FiscalEvaluationState.Draft => "草稿",
        FiscalEvaluationState.Scored => "已评分",
        FiscalEvaluationState.Finalised => "已定稿",
    };

    public static string ChineseName(FiscalEvaluationAction a) => a switch
    {
        FiscalEvaluationAction.Score => "计算得分",
        FiscalEvaluationAction.Finalise => "定稿",
        FiscalEvaluationAction.Reopen => "退回修改",
    };

    public static readonly StateMachine<FiscalEvaluationState, FiscalEvaluationAction> Machine =
        new StateMachine<FiscalEvaluationState, FiscalEvaluationAction>(ChineseName, ChineseName)
            .Allow(FiscalEvaluationState.Draft, FiscalEvaluationAction.Score, FiscalEvaluationState.Scored, false, Role.PerformanceSection)
            .Allow(FiscalEvaluationState.Scored, FiscalEvaluationAction.Finalise, FiscalEvaluationState.Finalised, false, Role.PerformanceSection)
            .Allow(FiscalEvaluationState.Scored, FiscalEvaluationAction.Reopen, FiscalEvaluationState.Draft, true, Role.PerformanceSection)
            .Allow(FiscalEvaluationState.Finalised, FiscalEvaluationAction.Reopen, FiscalEvaluationState.Draft, true, Role.PerformanceSection);
}

/// <summary>
/// 财政运行综合绩效评价 (Art. 26, 35): the city evaluates the fiscal operation of each county below it for a fiscal year against the
/// indicator framework of its rule set, pinned at creation with the rule-set version, so a later edit of the rules changes nothing here.
/// </summary>
public sealed class FiscalEvaluation : IVersioned
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private FiscalEvaluation() { }

    public FiscalEvaluation(long regionId, int fiscalYear, string title, long organizerOrganizationId, RuleSet ruleSet, DateTime at)
    {
        title = title.Trim();
        if (title.Length is 0 or > 200) throw new DomainException("请填写评价名称（不超过200字）。");
        if (fiscalYear is < 2000 or > 2100) throw new DomainException("评价年度无效。");
        RegionId = regionId;
        FiscalYear = fiscalYear;
        Title = title;
        OrganizerOrganizationId = organizerOrganizationId;
        RuleSetId = ruleSet.Id;
        RuleSetVersionNo = ruleSet.VersionNo;
        var content = ruleSet.Content;
        FrameworkJson = JsonSerializer.Serialize(content.FiscalOperation.Indicators, Json);
        GradesJson = JsonSerializer.Serialize(content.Grades, Json);
        CreatedAt = at;
        State = FiscalEvaluationState.Draft;
    }

    public long Id { get; private set; }

    /// <summary>The evaluating region (the city); the counties are the regions directly below it.</summary>
    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    public string Title { get; private set; } = "";

    public long OrganizerOrganizationId { get; private set; }

    /// <summary>The rule-set version the framework and grade bands were taken from.</summary>
    public long RuleSetId { get; private set; }

    public int RuleSetVersionNo { get; private set; }

    /// <summary>The pinned indicator framework (JSON of <see cref="FiscalIndicator"/>s).</summary>
    public string FrameworkJson { get; private set; } = "[]";

    /// <summary>The pinned grade bands.</summary>
    public string GradesJson { get; private set; } = "{}";

    public FiscalEvaluationState State { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? ScoredAt { get; private set; }

    public DateTime? FinalisedAt { get; private set; }

    public string? ReopenReason { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<FiscalIndicator> Framework => JsonSerializer.Deserialize<List<FiscalIndicator>>(FrameworkJson, Json) ?? [];

    public GradeBands Grades => JsonSerializer.Deserialize<GradeBands>(GradesJson, Json) ?? new();

    internal void Move(Transition<FiscalEvaluationState, FiscalEvaluationAction> t, string? reason, DateTime at)
    {
        State = t.To;
        switch (t.Action)
        {
            case FiscalEvaluationAction.Score:
                ScoredAt = at;
                ReopenReason = null;
                break;
            case FiscalEvaluationAction.Finalise:
                FinalisedAt = at;
                break;
            case FiscalEvaluationAction.Reopen:
                ScoredAt = null;
                FinalisedAt = null;
                ReopenReason = reason?.Trim();
                break;
        }
    }
}

/// <summary>One county's sheet of values (decimal, in each indicator's unit) and, once scored, its total, grade and rank.</summary>
public sealed class FiscalEvaluationSheet : IVersioned
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private FiscalEvaluationSheet() { }

    public FiscalEvaluationSheet(long evaluationId, long countyRegionId)
    {
        EvaluationId = evaluationId;
        CountyRegionId = countyRegionId;
    }

    public long Id { get; private set; }

    public long EvaluationId { get; private set; }

    public long CountyRegionId { get; private set; }

    /// <summary>Indicator code → value, as JSON (one audited column, so a change shows before and after and bumps the version).</summary>
    public string ValuesJson { get; private set; } = "{}";

    public decimal? Score { get; private set; }

    public Grade? Grade { get; private set; }

    public int? Rank { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyDictionary<string, decimal> Values =>
        JsonSerializer.Deserialize<Dictionary<string, decimal>>(ValuesJson, Json) ?? [];

    /// <summary>Replaces the values (in framework order, trailing zeros dropped); true when anything changed.</summary>
    internal bool SetValues(IReadOnlyDictionary<string, decimal> values, IReadOnlyList<FiscalIndicator> framework)
    {
        var current = Values;
        if (current.Count == values.Count && values.All(kv => current.TryGetValue(kv.Key, out var v) && v == kv.Value)) return false;
        var ordered = framework.Where(i => values.ContainsKey(i.Code)).ToDictionary(i => i.Code, i => Normalize(values[i.Code]));
        ValuesJson = JsonSerializer.Serialize(ordered, Json);
        return true;
    }

    internal void Scored(decimal score, Grade grade, int rank)
    {
        Score = score;
        Grade = grade;
        Rank = rank;
    }

    internal void ClearScore()
    {
        Score = null;
        Grade = null;
        Rank = null;
    }

    private static decimal Normalize(decimal v) => v / 1.000000000000000000000000000000000m;
}
