using Jixiao.Core.Common;

namespace Jixiao.Core.Evaluations;

/// <summary>
/// Which projects a self-evaluation task covers (all three conditions together; an empty list or false means no condition):
/// the departments (主管部门, by organisation id), key-monitoring projects only (重点监控), explicit project codes.
/// </summary>
public sealed record SelfEvaluationTaskFilter(IReadOnlyList<long> DepartmentIds, bool KeyMonitoringOnly, IReadOnlyList<string> ProjectCodes)
{
    public static readonly SelfEvaluationTaskFilter All = new([], false, []);

    public bool IsAll => DepartmentIds.Count == 0 && !KeyMonitoringOnly && ProjectCodes.Count == 0;
}

/// <summary>
/// A project that may get a self-evaluation form: goals in force, a unit's project or a department's whole spending; IsKeyMonitoring:
/// under key monitoring (重点监控) in the year, never for a whole-spending record.
/// </summary>
public sealed record SelfEvaluationCandidate(long ProjectId, string Code, long DepartmentId, bool IsKeyMonitoring);

/// <summary>Selected: the projects that get a form in the new task, in the candidates' order; Skipped: how many the filter matched that another task of the year already covers.</summary>
public sealed record SelfEvaluationSelection(IReadOnlyList<long> Selected, int Skipped);

/// <summary>
/// The self-evaluation task's selection rule (issue 6: "all projects with approved goals, or a filter"): the filter's conditions all
/// apply; a project is in at most one self-evaluation task per year, so a later task skips the projects already covered and says how
/// many; a task with nothing left is refused. Pure.
/// </summary>
public static class SelfEvaluationTaskSelection
{
    public const int MaxCodes = 500;

    /// <summary>The filter as entered, cleaned: ids and codes distinct, codes trimmed; codes may be separated by commas, spaces or lines.</summary>
    public static SelfEvaluationTaskFilter Normalize(IEnumerable<long>? departmentIds, bool keyMonitoringOnly, IEnumerable<string>? projectCodes)
    {
        var codes = (projectCodes ?? [])
            .SelectMany(c => (c ?? "").Split([',', '，', '、', ';', '；', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count > MaxCodes) throw new DomainException($"一次最多指定{MaxCodes}个项目代码，现为{codes.Count}个。");
        var tooLong = codes.FirstOrDefault(c => c.Length > 50);
        if (tooLong is not null) throw new DomainException($"项目代码“{tooLong[..20]}…”超过50个字符。");
        var departments = (departmentIds ?? []).Distinct().Order().ToList();
        if (departments.Count > 200) throw new DomainException("一次最多选择200个部门。");
        return new(departments, keyMonitoringOnly, codes);
    }

    public static SelfEvaluationSelection Select(IReadOnlyList<SelfEvaluationCandidate> candidates, SelfEvaluationTaskFilter filter, IReadOnlySet<long> covered)
    {
        var unknown = filter.ProjectCodes.Where(c => candidates.All(p => p.Code != c)).ToList();
        if (unknown.Count > 0)
            throw new DomainException($"项目代码{string.Join("、", unknown.Take(10).Select(c => $"“{c}”"))}{(unknown.Count > 10 ? $"等{unknown.Count}个" : "")}"
                + "不是本区划本年度目标已批复的单位项目或部门整体支出：未下达自评任务。");
        var matched = candidates.Where(p => (filter.DepartmentIds.Count == 0 || filter.DepartmentIds.Contains(p.DepartmentId))
            && (!filter.KeyMonitoringOnly || p.IsKeyMonitoring)
            && (filter.ProjectCodes.Count == 0 || filter.ProjectCodes.Contains(p.Code))).ToList();
        var selected = matched.Where(p => !covered.Contains(p.ProjectId)).Select(p => p.ProjectId).ToList();
        var skipped = matched.Count - selected.Count;
        if (selected.Count == 0)
            throw new DomainException(skipped > 0
                ? $"符合条件的{skipped}个项目已经下达过本年度的自评任务（每个项目每年只在一个自评任务中）：未下达自评任务。"
                : "没有符合条件的项目（须为目标已批复且尚未自评的单位项目或部门整体支出，并满足所选的筛选条件）：未下达自评任务。");
        return new(selected, skipped);
    }
}
