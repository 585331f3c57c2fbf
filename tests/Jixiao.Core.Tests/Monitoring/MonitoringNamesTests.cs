using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;

namespace Jixiao.Core.Tests.Monitoring;

/// <summary>The Chinese names on the screen and the stable wire names of the API, and parsing them back.</summary>
public sealed class MonitoringNamesTests
{
    [Theory]
    [InlineData(WarningColor.Green, "绿灯", "green")]
    [InlineData(WarningColor.Yellow, "黄灯", "yellow")]
    [InlineData(WarningColor.Red, "红灯", "red")]
    [InlineData(WarningColor.Blue, "蓝灯", "blue")]
    public void WarningColor_NamesRoundTrip(WarningColor color, string chinese, string wire)
    {
        Assert.Equal(chinese, color.ChineseName());
        Assert.Equal(wire, color.WireName());
        Assert.False(string.IsNullOrEmpty(color.Meaning()));
        Assert.Equal(color, MonitoringNames.ParseColor(wire));
        Assert.Equal(color, MonitoringNames.ParseColor(wire.ToUpperInvariant()));
        Assert.Equal(color, MonitoringNames.ParseColor(chinese));
        Assert.Equal(color, MonitoringNames.ParseColor(chinese[..1]));
    }

    [Theory]
    [InlineData(QualitativeBand.Achieved, "达成", "achieved")]
    [InlineData(QualitativeBand.Partial, "部分达成", "partial")]
    [InlineData(QualitativeBand.NotAchieved, "未达成", "notAchieved")]
    public void QualitativeBand_NamesRoundTrip(QualitativeBand band, string chinese, string wire)
    {
        Assert.Equal(chinese, band.ChineseName());
        Assert.Equal(wire, band.WireName());
        Assert.Equal(band, MonitoringNames.ParseBand(wire));
        Assert.Equal(band, MonitoringNames.ParseBand(wire.ToUpperInvariant()));
        Assert.Equal(band, MonitoringNames.ParseBand(chinese));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("half")]
    [InlineData("orange")]
    public void Parse_Unknown_IsNull(string? text)
    {
        Assert.Null(MonitoringNames.ParseBand(text));
        Assert.Null(MonitoringNames.ParseColor(text));
        Assert.Null(MonitoringNames.ParseComparison(text));
        Assert.Null(MonitoringNames.ParseDeviationReason(text));
        Assert.Null(MonitoringNames.ParseLikelihood(text));
    }

    [Theory]
    [InlineData(">=", Comparison.AtLeast)]
    [InlineData("≥", Comparison.AtLeast)]
    [InlineData("<=", Comparison.AtMost)]
    [InlineData("≤", Comparison.AtMost)]
    [InlineData("=", Comparison.Equal)]
    [InlineData("qualitative", Comparison.Qualitative)]
    [InlineData("Qualitative", Comparison.Qualitative)]
    [InlineData("定性", Comparison.Qualitative)]
    public void ParseComparison_ApiSigns(string text, Comparison expected) => Assert.Equal(expected, MonitoringNames.ParseComparison(text));

    [Theory]
    [InlineData(DeviationReason.Funding, "经费保障", "经费")]
    [InlineData(DeviationReason.Institutional, "制度保障", "制度")]
    [InlineData(DeviationReason.Staffing, "人员保障", "人员")]
    [InlineData(DeviationReason.Facilities, "硬件条件保障", "硬件条件")]
    [InlineData(DeviationReason.Other, "其他", "Other")]
    public void DeviationReason_ChineseNames(DeviationReason reason, string chinese, string shortForm)
    {
        Assert.Equal(chinese, reason.ChineseName());
        Assert.Equal(reason, MonitoringNames.ParseDeviationReason(chinese));
        Assert.Equal(reason, MonitoringNames.ParseDeviationReason(shortForm));
        Assert.Equal(reason, MonitoringNames.ParseDeviationReason(reason.ToString()));
    }

    [Theory]
    [InlineData(Likelihood.Certain, "确定能")]
    [InlineData(Likelihood.Possible, "有可能")]
    [InlineData(Likelihood.Impossible, "完全不可能")]
    public void Likelihood_ChineseNames(Likelihood likelihood, string chinese)
    {
        Assert.Equal(chinese, likelihood.ChineseName());
        Assert.Equal(likelihood, MonitoringNames.ParseLikelihood(chinese));
        Assert.Equal(likelihood, MonitoringNames.ParseLikelihood(likelihood.ToString().ToLowerInvariant()));
    }
}
