using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;

namespace Jixiao.Core.Tests.Evaluations;

/// <summary>
/// 部门整体自评: the dimension of each indicator category of a department-wide goal, and its workflow (the department submits, the
/// performance section passes or returns with a reason; nobody else does).
/// </summary>
public sealed class DepartmentWideSelfEvaluationTests
{
    [Theory]
    [InlineData("Cost", "EconomicCost", "运行成本")]
    [InlineData("Cost", "SocialCost", "运行成本")]
    [InlineData("Output", "Cost", "运行成本")]
    [InlineData("Output", "Timeliness", "管理效率")]
    [InlineData("Output", "Quantity", "履职效能")]
    [InlineData("Output", "Quality", "履职效能")]
    [InlineData("Benefit", "Social", "社会效应")]
    [InlineData("Benefit", "Economic", "社会效应")]
    [InlineData("Benefit", "Ecological", "社会效应")]
    [InlineData("Benefit", "Sustainability", "可持续发展能力")]
    [InlineData("Satisfaction", "ServiceRecipient", "服务对象满意度")]
    [InlineData("Other", "Unknown", "履职效能")]
    public void Dimension_OfEachCategory(string level1, string level2, string dimension)
    {
        Assert.Equal(dimension, DepartmentDimensions.Of(level1, level2));
        Assert.Equal(DepartmentDimensions.Names.ToList().IndexOf(dimension), DepartmentDimensions.Order(level1, level2));
    }

    [Fact]
    public void Dimensions_AreTheSixOfRules4()
    {
        Assert.Equal(["运行成本", "管理效率", "履职效能", "社会效应", "可持续发展能力", "服务对象满意度"], DepartmentDimensions.Names);
    }

    [Theory]
    [InlineData(SelfEvaluationState.Draft, SelfEvaluationAction.Submit, Role.Department, SelfEvaluationState.Submitted)]
    [InlineData(SelfEvaluationState.Returned, SelfEvaluationAction.Submit, Role.Department, SelfEvaluationState.Submitted)]
    [InlineData(SelfEvaluationState.Submitted, SelfEvaluationAction.Pass, Role.PerformanceSection, SelfEvaluationState.DepartmentReviewed)]
    [InlineData(SelfEvaluationState.Submitted, SelfEvaluationAction.Return, Role.PerformanceSection, SelfEvaluationState.Returned)]
    public void Workflow_DepartmentSubmits_PerformanceSectionReviews(SelfEvaluationState from, SelfEvaluationAction action, Role by, SelfEvaluationState to)
    {
        Assert.Equal(to, SelfEvaluationWorkflow.DepartmentWide.Check(from, action, [by], "理由").To);
        var others = Enum.GetValues<Role>().Where(r => r != by).ToArray();
        Assert.Throws<DomainException>(() => SelfEvaluationWorkflow.DepartmentWide.Check(from, action, others, "理由"));
    }

    [Fact]
    public void Workflow_ReturnNeedsAReason()
    {
        Assert.Throws<DomainException>(() => SelfEvaluationWorkflow.DepartmentWide.Check(SelfEvaluationState.Submitted, SelfEvaluationAction.Return, [Role.PerformanceSection], " "));
    }

    [Fact]
    public void StateName_OfAReviewedWholeDepartmentForm_SaysTheFinanceSideReviewedIt()
    {
        Assert.Equal("财政已审核", SelfEvaluationWorkflow.StateName(SelfEvaluationState.DepartmentReviewed, departmentWide: true));
        Assert.Equal("部门已审核", SelfEvaluationWorkflow.StateName(SelfEvaluationState.DepartmentReviewed, departmentWide: false));
    }
}
