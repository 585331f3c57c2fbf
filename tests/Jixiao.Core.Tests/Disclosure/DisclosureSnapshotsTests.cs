using System.Text.Json.Nodes;
using Jixiao.Core.Disclosure;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Goals;
using Jixiao.Core.Indicators;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.Disclosure;

/// <summary>The whitelist: a snapshot carries exactly the public fields, whatever else the source holds.</summary>
public sealed class DisclosureSnapshotsTests
{
    [Fact]
    public void Goal_CopiesOnlyThePublicFields()
    {
        var project = new Project(1, 2026, 10, 11, ProjectKind.Project, "P001", "学生营养改善计划");
        project.Update("P001", "学生营养改善计划", BudgetKind.General, ProjectCategory.Ordinary, false, false, 2026, 2026, "责任人甲乙",
            "ENCRYPTED-PHONE", 1_000_000m, 0m, 0m, "内部项目概况说明");
        var goal = new PerformanceGoal(5, 1, 2026, 10, 11, 1, GoalState.Draft);
        goal.Edit("中长期目标", "年度目标", [new GoalIndicator("Output", "Quantity", "受益学生人数", Comparison.AtLeast, 5000m, null, "人", 20m,
            "内部评分标准", TargetBasis.Plan, "内部备注", 77)], null);

        var json = DisclosureSnapshots.Serialize(DisclosureSnapshots.Goal(goal, project, "长治市", "长治市教育局", "长治市第一中学校",
            IndicatorCategory.Defaults()));

        var node = JsonNode.Parse(json)!.AsObject();
        Assert.Equal(["fiscalYear", "region", "department", "unit", "projectCode", "projectName", "projectKind", "totalBudget", "mediumTermGoal",
            "annualGoal", "indicators"], node.Select(p => p.Key).ToArray());
        var indicator = node["indicators"]![0]!.AsObject();
        Assert.Equal(["level1", "level2", "name", "target", "unit", "weight"], indicator.Select(p => p.Key).ToArray());
        Assert.Equal("产出指标", (string)indicator["level1"]!);
        Assert.Equal("5000", (string)indicator["target"]!);
        foreach (var secret in new[] { "责任人甲乙", "ENCRYPTED-PHONE", "内部项目概况说明", "内部评分标准", "内部备注" })
            Assert.DoesNotContain(secret, json);
    }

    [Fact]
    public void EvaluationResult_CopiesOnlyThePublicFields()
    {
        var row = new EvaluationCatalogRow(EvaluationType.Key, 9, 2026, 11, "长治市教育局", "101", null, null, "学生营养改善计划", 88.5m, Grade.Good,
            "已完成", true, "/Evaluations/KeyDetails?id=9");
        var json = DisclosureSnapshots.Serialize(DisclosureSnapshots.EvaluationResult(row, "长治市"));
        Assert.Equal(["fiscalYear", "region", "department", "unit", "subject", "evaluationType", "score", "grade"],
            JsonNode.Parse(json)!.AsObject().Select(p => p.Key).ToArray());
        Assert.DoesNotContain("KeyDetails", json);
        Assert.Contains("良", json);
    }
}
