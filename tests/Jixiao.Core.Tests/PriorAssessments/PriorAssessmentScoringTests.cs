using System.Globalization;
using Jixiao.Core.Common;
using Jixiao.Core.PriorAssessments;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.PriorAssessments;

/// <summary>RULES §6: ≥ 80 予以支持; [60, 80) 调整完善后支持; &lt; 60 不予支持 (rule-set numbers); mean per dimension.</summary>
public sealed class PriorAssessmentScoringTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("100", PriorConclusion.Support)]
    [InlineData("80.01", PriorConclusion.Support)]
    [InlineData("80", PriorConclusion.Support)]
    [InlineData("79.99", PriorConclusion.SupportAfterRevision)]
    [InlineData("60.01", PriorConclusion.SupportAfterRevision)]
    [InlineData("60", PriorConclusion.SupportAfterRevision)]
    [InlineData("59.99", PriorConclusion.NotSupported)]
    [InlineData("0", PriorConclusion.NotSupported)]
    public void ConclusionOf_DefaultBands(string total, PriorConclusion expected)
    {
        Assert.Equal(expected, PriorAssessmentScoring.ConclusionOf(D(total), new PriorAssessmentRules()));
    }

    [Theory]
    [InlineData("85", PriorConclusion.Support)]
    [InlineData("84.99", PriorConclusion.SupportAfterRevision)]
    [InlineData("70", PriorConclusion.SupportAfterRevision)]
    [InlineData("69.99", PriorConclusion.NotSupported)]
    public void ConclusionOf_CustomBands(string total, PriorConclusion expected)
    {
        var rules = new PriorAssessmentRules { SupportFrom = 85m, SupportAfterRevisionFrom = 70m };
        Assert.Equal(expected, PriorAssessmentScoring.ConclusionOf(D(total), rules));
    }

    [Theory]
    [InlineData(PriorConclusion.Support, "予以支持")]
    [InlineData(PriorConclusion.SupportAfterRevision, "调整完善后支持")]
    [InlineData(PriorConclusion.NotSupported, "不予支持")]
    public void Text_IsChinese(PriorConclusion c, string text) => Assert.Equal(text, PriorAssessmentScoring.Text(c));

    private static List<DimensionPoints> Sheet(params decimal[] p)
    {
        var dims = new PriorAssessmentRules().Dimensions;
        return dims.Select((d, i) => new DimensionPoints(d.Code, p[i])).ToList();
    }

    /// <summary>Totals built from three experts so that the mean lands at and around each edge.</summary>
    [Theory]
    // one expert: total = sum
    [InlineData(new[] { "20", "20", "20", "20", "0", "0" }, null, null, "80", PriorConclusion.Support)]
    [InlineData(new[] { "20", "20", "20", "19.99", "0", "0" }, null, null, "79.99", PriorConclusion.SupportAfterRevision)]
    [InlineData(new[] { "20", "20", "20", "0", "0", "0" }, null, null, "60", PriorConclusion.SupportAfterRevision)]
    [InlineData(new[] { "20", "20", "19.99", "0", "0", "0" }, null, null, "59.99", PriorConclusion.NotSupported)]
    public void Score_OneExpert(string[] a, string[]? b, string[]? c, string total, PriorConclusion conclusion)
    {
        var sheets = new[] { a, b, c }.Where(s => s is not null).Select(s => (IReadOnlyList<DimensionPoints>)Sheet(s!.Select(D).ToArray())).ToList();
        var r = PriorAssessmentScoring.Score(sheets, new PriorAssessmentRules());
        Assert.Equal(D(total), r.Total);
        Assert.Equal(conclusion, r.Conclusion);
    }

    [Fact]
    public void Score_MeanRoundedHalfUpAtTheEnd_NotPerDimension()
    {
        // Three experts: means 79.995 in total → rounds half-up to 80.00 → 予以支持.
        var a = Sheet(20m, 20m, 20m, 19.995m, 0m, 0m);
        var r = PriorAssessmentScoring.Score([a, a, a], new PriorAssessmentRules());
        Assert.Equal(80.00m, r.Total);
        Assert.Equal(PriorConclusion.Support, r.Conclusion);

        // 79.99 + 79.99 + 80 → mean 79.9933… → 79.99 → 调整完善后支持.
        var b = Sheet(20m, 20m, 20m, 19.99m, 0m, 0m);
        var c = Sheet(20m, 20m, 20m, 20m, 0m, 0m);
        var r2 = PriorAssessmentScoring.Score([b, b, c], new PriorAssessmentRules());
        Assert.Equal(79.99m, r2.Total);
        Assert.Equal(PriorConclusion.SupportAfterRevision, r2.Conclusion);
    }

    [Fact]
    public void Score_MeanPerDimension()
    {
        var a = Sheet(18m, 16m, 15m, 14m, 8m, 7m);   // 78
        var b = Sheet(20m, 18m, 17m, 16m, 9m, 8m);   // 88
        var c = Sheet(19m, 17m, 17m, 18m, 10m, 9m);  // 90
        var r = PriorAssessmentScoring.Score([a, b, c], new PriorAssessmentRules());
        Assert.Equal(85.33m, r.Total); // 256 / 3
        Assert.Equal(19m, r.Dimensions[0].Mean);
        Assert.Equal(16.33m, r.Dimensions[2].Mean);
        Assert.Equal("立项必要性", r.Dimensions[0].Name);
        Assert.Equal(PriorConclusion.Support, r.Conclusion);
    }

    [Fact]
    public void Score_CustomBandsAndDimensions()
    {
        var rules = new PriorAssessmentRules
        {
            Dimensions = [new() { Code = "A", Name = "甲", Points = 50m }, new() { Code = "B", Name = "乙", Points = 50m }],
            SupportFrom = 90m,
            SupportAfterRevisionFrom = 70m,
        };
        var r = PriorAssessmentScoring.Score([[new("A", 45m), new("B", 44m)]], rules);
        Assert.Equal(89m, r.Total);
        Assert.Equal(PriorConclusion.SupportAfterRevision, r.Conclusion);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("20.01")]
    public void Validate_PointsOutsideTheDimension_Refused(string p)
    {
        var ex = Assert.Throws<DomainException>(() => PriorAssessmentScoring.Validate(Sheet(D(p), 20m, 20m, 20m, 10m, 10m), new PriorAssessmentRules()));
        Assert.Contains("立项必要性", ex.Message);
    }

    [Fact]
    public void Validate_MissingDimension_Refused()
    {
        var sheet = Sheet(20m, 20m, 20m, 20m, 10m, 10m);
        sheet.RemoveAt(5);
        Assert.Contains("风险应对措施", Assert.Throws<DomainException>(() => PriorAssessmentScoring.Validate(sheet, new PriorAssessmentRules())).Message);
    }

    [Fact]
    public void Validate_UnknownDimension_Refused()
    {
        var sheet = Sheet(20m, 20m, 20m, 20m, 10m, 10m);
        sheet.Add(new("Other", 1m));
        Assert.Throws<DomainException>(() => PriorAssessmentScoring.Validate(sheet, new PriorAssessmentRules()));
    }

    [Fact]
    public void Score_NoSheets_Refused() =>
        Assert.Throws<DomainException>(() => PriorAssessmentScoring.Score([], new PriorAssessmentRules()));
}
