using System.Text;
using Jixiao.Core.Attachments;
using Jixiao.Core.Common;
using Jixiao.Core.Filings;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.Filings;

/// <summary>
/// 规则备案 (Art. 38): the county's rules beside the city's (every item, the changed ones flagged, numbers compared by value), the filing
/// workflow's declared moves, and the documents a filing accepts (PDF, Word, OFD).
/// </summary>
public sealed class FilingComparisonTests
{
    private static RuleSetContent With(Action<RuleSetContent> change)
    {
        var c = new RuleSetContent();
        change(c);
        return c;
    }

    [Fact]
    public void SideBySide_SameRules_EveryItemListedNoneChanged()
    {
        var rows = RuleSetDiff.SideBySide(new RuleSetContent(), new RuleSetContent());

        Assert.True(rows.Count > 40, $"only {rows.Count} rows");
        Assert.DoesNotContain(rows, r => r.Changed);
        Assert.Equal(rows.Count, rows.Select(r => r.Path).Distinct().Count());
        // Document order: the grades come first, as in the rule set.
        Assert.Equal("grades.excellent", rows[0].Path);
        Assert.Equal(new RuleSetDiff.Row("grades.good", "80", "80", false), rows[1]);
    }

    /// <summary>Each threshold of the 良 band: below, at and above the city's 80; only a different value is a difference.</summary>
    [Theory]
    [InlineData(79.99, true)]
    [InlineData(80, false)]
    [InlineData(80.01, true)]
    [InlineData(85, true)]
    public void SideBySide_GoodBand_ChangedOnlyWhenTheValueDiffers(decimal countyGood, bool changed)
    {
        var county = With(c => c.Grades.Good = countyGood);

        var rows = RuleSetDiff.SideBySide(new RuleSetContent(), county);

        var good = Assert.Single(rows, r => r.Path == "grades.good");
        Assert.Equal(changed, good.Changed);
        Assert.Equal("80", good.Left);
        Assert.Equal(changed ? 1 : 0, rows.Count(r => r.Changed));
    }

    [Fact]
    public void SideBySide_SameNumberWrittenWithAnotherScale_NotADifference()
    {
        // 80.00m serialises as 80.00, the city's default as 80: the same rule.
        var county = With(c => { c.Grades.Good = 80.00m; c.Monitoring.YellowFrom = decimal.Parse("0.50", System.Globalization.CultureInfo.InvariantCulture); });
        var city = With(c => c.Monitoring.YellowFrom = 0.5m);

        Assert.DoesNotContain(RuleSetDiff.SideBySide(city, county), r => r.Changed);
    }

    [Fact]
    public void SideBySide_TwoNumbersAndAnEnumChanged_ExactlyThoseRowsFlagged()
    {
        var county = With(c =>
        {
            c.Grades.Good = 85m;
            c.Results.RectificationDeadlineDays = 20;
            c.Evaluation.ExpertAggregation = ExpertAggregation.TrimmedMean;
        });

        var changed = RuleSetDiff.SideBySide(new RuleSetContent(), county).Where(r => r.Changed).ToList();

        Assert.Equal(
            [
                new RuleSetDiff.Row("grades.good", "80", "85", true),
                new RuleSetDiff.Row("evaluation.expertAggregation", "\"Mean\"", "\"TrimmedMean\"", true),
                new RuleSetDiff.Row("results.rectificationDeadlineDays", "30", "20", true),
            ],
            changed);
    }

    [Fact]
    public void SideBySide_CountyHasAnExtraAppraisalItem_ItsFieldsOnlyOnTheCountySide()
    {
        var county = With(c => c.Appraisal.Items.Add(new AppraisalItem { Code = "X1", Name = "县级特色工作", Points = 5m }));
        var cityItems = new RuleSetContent().Appraisal.Items.Count;

        var rows = RuleSetDiff.SideBySide(new RuleSetContent(), county);

        var extra = rows.Where(r => r.Path.StartsWith($"appraisal.items[{cityItems}].", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(extra);
        Assert.All(extra, r => { Assert.True(r.Changed); Assert.Null(r.Left); });
        Assert.Contains(extra, r => r.Path.EndsWith(".name", StringComparison.Ordinal) && r.Right == "\"县级特色工作\"");
        // Items only the county has come after the city's items.
        Assert.True(rows.ToList().FindIndex(r => extra.Contains(r)) > rows.ToList().FindIndex(r => r.Path == "grades.excellent"));
        Assert.Equal(extra.Count, rows.Count(r => r.Changed));
    }

    [Fact]
    public void SideBySide_CountyDroppedAnItem_ItsFieldsOnlyOnTheCitySide()
    {
        var county = With(c => c.Appraisal.Items.RemoveAt(c.Appraisal.Items.Count - 1));

        var changed = RuleSetDiff.SideBySide(new RuleSetContent(), county).Where(r => r.Changed).ToList();

        Assert.NotEmpty(changed);
        Assert.All(changed, r => Assert.Null(r.Right));
        Assert.Contains(changed, r => r.Left == "\"监督发现问题\"");
    }

    [Fact]
    public void SideBySide_TextThatLooksLikeANumber_ComparedAsText()
    {
        var city = With(c => c.Appraisal.Items[0].Code = "01");
        var county = With(c => c.Appraisal.Items[0].Code = "1");

        var code = Assert.Single(RuleSetDiff.SideBySide(city, county), r => r.Path == "appraisal.items[0].code");
        Assert.True(code.Changed);
    }

    // ------------------------------------------------------------ the workflow

    [Theory]
    [InlineData(FilingState.Submitted, FilingAction.File, "x", FilingState.Filed)]
    [InlineData(FilingState.Submitted, FilingAction.File, null, FilingState.Filed)]
    [InlineData(FilingState.Submitted, FilingAction.Return, "请修改", FilingState.Returned)]
    [InlineData(FilingState.Returned, FilingAction.Resubmit, null, FilingState.Submitted)]
    public void Machine_DeclaredMoves(FilingState from, FilingAction action, string? reason, FilingState to) =>
        Assert.Equal(to, FilingWorkflow.Machine.Check(from, action, [Role.PerformanceSection], reason).To);

    [Theory]
    [InlineData(FilingState.Submitted, FilingAction.Return, null)]
    [InlineData(FilingState.Submitted, FilingAction.Return, "  ")]
    [InlineData(FilingState.Filed, FilingAction.Return, "晚了")]
    [InlineData(FilingState.Filed, FilingAction.File, null)]
    [InlineData(FilingState.Returned, FilingAction.File, null)]
    [InlineData(FilingState.Submitted, FilingAction.Resubmit, null)]
    [InlineData(FilingState.Filed, FilingAction.Resubmit, null)]
    public void Machine_UndeclaredMoveOrReturnWithoutComments_RefusedInChinese(FilingState from, FilingAction action, string? reason) =>
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", Assert.Throws<DomainException>(() => FilingWorkflow.Machine.Check(from, action, [Role.PerformanceSection], reason)).Message);

    [Theory]
    [InlineData(Role.AuditOffice)]
    [InlineData(Role.BudgetSection)]
    [InlineData(Role.Department)]
    public void Machine_OnlyThePerformanceSectionActs(Role role) =>
        Assert.Throws<DomainException>(() => FilingWorkflow.Machine.Check(FilingState.Submitted, FilingAction.File, [role], null));

    [Fact]
    public void FormatNumber_FirstCharacterOfTheCity() => Assert.Equal("长绩备〔2026〕3号", FilingService.FormatNumber("长治市", 2026, 3));

    // ------------------------------------------------------------ documents

    [Theory]
    [InlineData("实施细则.pdf", "%PDF-1.7", "application/pdf")]
    [InlineData("实施细则.docx", "PK\u0003\u0004", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("实施细则.OFD", "PK\u0003\u0004", "application/ofd")]
    public void Documents_PdfWordOfd_Accepted(string name, string leading, string contentType) =>
        Assert.Equal(contentType, UploadCheck.Check(name, Encoding.Latin1.GetBytes(leading + "..."), UploadCheck.Documents, UploadCheck.DocumentsText).ContentType);

    [Theory]
    [InlineData("实施细则.xlsx", "PK\u0003\u0004")]
    [InlineData("实施细则.png", "\u0089PNG\r\n\u001a\n")]
    [InlineData("实施细则.ofd", "%PDF-1.7")]
    public void Documents_OtherTypesOrWrongContent_Refused(string name, string leading) =>
        Assert.Throws<DomainException>(() => UploadCheck.Check(name, Encoding.Latin1.GetBytes(leading + "..."), UploadCheck.Documents, UploadCheck.DocumentsText));

    [Fact]
    public void Attachments_StillRefuseOfd() =>
        Assert.Contains("类型不允许", Assert.Throws<DomainException>(() => UploadCheck.Check("a.ofd", [0x50, 0x4B, 0x03, 0x04, 0])).Message);
}
