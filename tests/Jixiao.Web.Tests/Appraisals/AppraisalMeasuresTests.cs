using System.Collections.Concurrent;
using Jixiao.Core.Appraisals;
using Jixiao.Core.Audit;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Disclosure;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Goals;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.Results;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Security;
using Jixiao.Core.Workflows;
using Jixiao.Web.Infrastructure;
using Jixiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jixiao.Web.Tests.Appraisals;

/// <summary>
/// The nine measured sub-items of the yearly appraisal on hand-made records with known answers, in a real database of each provider:
/// a new city department with two levels of units (the department subject), a new county with its department and unit (the county
/// subject), and an outsider department of the city whose records would count if the subject leaked. Every timestamp is chosen at the
/// edges of its deadline in Beijing time (23:59 on the deadline day is in time, 00:00 the next day is late), and the measurement runs on
/// 2026-06-30, so records whose deadline is still ahead are left out. Fiscal year 2025.
/// </summary>
public sealed class AppraisalMeasuresTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Year = 2025;

    /// <summary>The day of measurement: 2026-06-30 08:00 in Beijing.</summary>
    private static readonly DateTimeOffset MeasuredAt = new(2026, 6, 30, 0, 0, 0, TimeSpan.Zero);

    private static readonly ConcurrentDictionary<TestApp, Lazy<Task<World>>> Worlds = new();

    private sealed record World(long City, long Department, long County, long CountyDepartment, long Unit, long Outsider, long OtherCounty,
        Dictionary<string, long> Projects, Dictionary<string, long> Records);

    /// <summary>A time given as Beijing wall-clock time, as UTC (how it is stored).</summary>
    private static DateTime Cn(string beijing) =>
        DateTime.SpecifyKind(DateTime.Parse(beijing, System.Globalization.CultureInfo.InvariantCulture).AddHours(-8), DateTimeKind.Utc);

    private static DateOnly Day(string d) => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture);

    private static JixiaoDbContext Context(TestApp app, TimeProvider time)
    {
        var services = app.Factory.Services;
        return new JixiaoDbContext(services.GetRequiredService<DatabaseSettings>().Options(),
            new SystemAuditContext(AuditActor.System, time, services.GetRequiredService<KeyRing>()));
    }

    private static async Task<IReadOnlyDictionary<string, MeasuredFigure>> MeasureAsync(TestApp app, long appraiser, AppraisalSubject subject)
    {
        await using var db = Context(app, new FakeTimeProvider(MeasuredAt));
        var figures = await new AppraisalMeasurementService(db).MeasureAsync(appraiser, Year, subject);
        Assert.Equal(MeasureCodes.All, figures.Select(f => f.Code).ToArray());
        return figures.ToDictionary(f => f.Code);
    }

    private static void AssertFigure(MeasuredFigure f, int numerator, int denominator, params (string Label, bool Counted)[] evidence)
    {
        Assert.Equal((numerator, denominator), (f.Numerator, f.Denominator));
        Assert.Equal(denominator == 0 ? null : (decimal)numerator / denominator, f.Share);
        Assert.Equal(evidence.OrderBy(e => e.Label, StringComparer.Ordinal).ToArray(), f.Evidence.Select(e => (e.Label, e.Counted)).ToArray());
        Assert.False(string.IsNullOrWhiteSpace(f.Explanation));
        Assert.All(f.Evidence, e => Assert.StartsWith("/", e.Url));
    }

    private static Task<World> WorldAsync(TestApp app) => Worlds.GetOrAdd(app, a => new Lazy<Task<World>>(() => SeedAsync(a))).Value;

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Department_EveryMeasure_OnHandMadeRecords(DbProvider provider)
    {
        var app = fixture.For(provider);
        var w = await WorldAsync(app);
        var f = await MeasureAsync(app, w.City, new AppraisalSubject(AppraisalSubjectKind.Department, w.Department));

        AssertFigure(f[MeasureCodes.GoalsOnTime], 2, 4,
            ("甲项目：2024-12-31 申报，截止 2024-12-31", true),
            ("乙项目：2024-12-20 申报，截止 2024-12-31", true),
            ("丙项目：2025-01-20 申报，截止 2024-12-31（逾期）", false),
            ("考核测试局整体支出：未申报，截止 2024-12-31", false));
        AssertFigure(f[MeasureCodes.GoalsReturned], 1, 3,
            ("甲项目：2024-12-31 申报，未被退回", false),
            ("乙项目：被退回1次，首次 2024-12-22：指标不完整", true),
            ("丙项目：2025-01-20 申报，未被退回", false));
        AssertFigure(f[MeasureCodes.MonitoringCoverage], 2, 3,
            ("甲项目：已报送2次监控（2025年7月监控、2025年9月监控）", true),
            ("乙项目：已报送1次监控（2025年7月监控）", true),
            ("丙项目：已下达1轮监控，均未报送", false));
        AssertFigure(f[MeasureCodes.MonitoringOnTime], 2, 5,
            ("甲项目（2025年7月监控）：2025-08-10 报送，截止 2025-08-10", true),
            ("甲项目（2025年9月监控）：2025-10-09 报送，截止 2025-10-10", true),
            ("乙项目（2025年7月监控）：2025-08-11 报送，截止 2025-08-10（逾期）", false),
            ("乙项目（2025年9月监控）：未报送，截止 2025-10-10", false),
            ("丙项目（2025年7月监控）：未报送，截止 2025-08-10", false));
        AssertFigure(f[MeasureCodes.SelfEvaluationCoverage], 2, 4,
            ("甲项目（2025年度自评）：2026-03-31 提交", true),
            ("乙项目（2025年度自评）：2026-04-01 提交", true),
            ("丙项目（2025年度自评）：未提交", false),
            ("考核测试局整体支出（2025年度部门整体自评）：未提交", false));
        AssertFigure(f[MeasureCodes.SelfEvaluationOnTime], 1, 3,
            ("甲项目（2025年度自评）：2026-03-31 提交，截止 2026-03-31", true),
            ("乙项目（2025年度自评）：2026-04-01 提交，截止 2026-03-31（逾期）", false),
            ("丙项目（2025年度自评）：未提交，截止 2026-03-31", false));
        AssertFigure(f[MeasureCodes.ReEvaluationDifferences], 1, 2,
            ("甲项目（2025年度再评价）：自评 88.00 分，再评价 77.99 分，相差 10.01 分，超过 10.00 分", true),
            ("乙项目（2025年度再评价）：自评 80.00 分，再评价 70.00 分，相差 10.00 分，未超过 10.00 分", false));
        AssertFigure(f[MeasureCodes.RectificationOnTime], 1, 3,
            ("甲项目整改：2026-03-31 验收，截止 2026-03-31", true),
            ("乙项目整改：2026-05-01 验收，截止 2026-04-30（逾期）", false),
            ("考核测试局整体支出整改：整改中，截止 2026-05-31（逾期）", false));
        AssertFigure(f[MeasureCodes.PublishedShare], 3, 8,
            ("考核测试局整体支出重点评价（重点评价结果）：2026-04-10 公开", true),
            ("甲项目（绩效目标）：2025-03-01 公开", true),
            ("甲项目（自评结果）：2026-05-01 公开", true),
            ("乙项目（绩效目标）：已撤回公开", false),
            ("丙项目（绩效目标）：未公开", false),
            ("乙项目（自评结果）：未公开", false),
            ("甲项目（再评价结果）：未公开", false),
            ("乙项目（再评价结果）：未公开", false));

        // The links go to the records' own pages.
        var goal = f[MeasureCodes.GoalsOnTime].Evidence.Single(e => e.Label.StartsWith("甲项目", StringComparison.Ordinal));
        Assert.Equal($"/Goals/Edit?projectId={w.Projects["甲项目"]}", goal.Url);
        Assert.Equal($"/Monitoring/Report?id={w.Records["report:甲项目:7"]}",
            f[MeasureCodes.MonitoringOnTime].Evidence.Single(e => e.Label.StartsWith("甲项目（2025年7月", StringComparison.Ordinal)).Url);
        Assert.Equal($"/Evaluations/SelfEvaluation?id={w.Records["self:乙项目"]}",
            f[MeasureCodes.SelfEvaluationOnTime].Evidence.Single(e => e.Label.StartsWith("乙项目", StringComparison.Ordinal)).Url);
        Assert.Equal($"/Evaluations/ReEvaluationItem?id={w.Records["re:甲项目"]}",
            f[MeasureCodes.ReEvaluationDifferences].Evidence.Single(e => e.Label.StartsWith("甲项目", StringComparison.Ordinal)).Url);
        Assert.Equal($"/Results/Rectification/{w.Records["rect:乙项目"]}",
            f[MeasureCodes.RectificationOnTime].Evidence.Single(e => e.Label.StartsWith("乙项目", StringComparison.Ordinal)).Url);
        Assert.StartsWith($"/Disclosure/Index?year={Year}&text=", f[MeasureCodes.PublishedShare].Evidence.First(e => e.Counted).Url);
        Assert.Equal($"/Goals/Edit?projectId={w.Projects["丙项目"]}",
            f[MeasureCodes.PublishedShare].Evidence.Single(e => e.Label.StartsWith("丙项目", StringComparison.Ordinal)).Url);

        // Neither the outsider department's records nor the county's are in the department's figures.
        Assert.All(f.Values.SelectMany(x => x.Evidence), e => Assert.DoesNotContain("对照", e.Label, StringComparison.Ordinal));
        Assert.All(f.Values.SelectMany(x => x.Evidence), e => Assert.DoesNotContain("县", e.Label, StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task County_EveryMeasure_OnHandMadeRecords(DbProvider provider)
    {
        var app = fixture.For(provider);
        var w = await WorldAsync(app);
        var f = await MeasureAsync(app, w.City, new AppraisalSubject(AppraisalSubjectKind.County, w.County));

        AssertFigure(f[MeasureCodes.GoalsOnTime], 1, 2,
            ("县甲项目：2025-01-01 申报，截止 2024-12-31（逾期）", false),
            ("县乙项目：2024-11-30 申报，截止 2024-12-31", true));
        AssertFigure(f[MeasureCodes.GoalsReturned], 0, 2,
            ("县甲项目：2025-01-01 申报，未被退回", false),
            ("县乙项目：2024-11-30 申报，未被退回", false));
        AssertFigure(f[MeasureCodes.MonitoringCoverage], 2, 2,
            ("县甲项目：已报送1次监控（县2025年7月监控）", true),
            ("县乙项目：已报送1次监控（县2025年7月监控）", true));
        AssertFigure(f[MeasureCodes.MonitoringOnTime], 1, 2,
            ("县甲项目（县2025年7月监控）：2025-08-15 报送，截止 2025-08-15", true),
            ("县乙项目（县2025年7月监控）：2025-08-16 报送，截止 2025-08-15（逾期）", false));
        AssertFigure(f[MeasureCodes.SelfEvaluationCoverage], 1, 2,
            ("县甲项目（县2025年度自评）：2026-04-10 提交", true),
            ("县乙项目（县2025年度自评）：未提交", false));
        AssertFigure(f[MeasureCodes.SelfEvaluationOnTime], 1, 2,
            ("县甲项目（县2025年度自评）：2026-04-10 提交，截止 2026-04-15", true),
            ("县乙项目（县2025年度自评）：未提交，截止 2026-04-15", false));
        AssertFigure(f[MeasureCodes.ReEvaluationDifferences], 1, 1,
            ("县甲项目（县2025年度再评价）：自评 90.00 分，再评价 75.00 分，相差 15.00 分，超过 10.00 分", true));
        AssertFigure(f[MeasureCodes.RectificationOnTime], 1, 1,
            ("县甲项目整改：2026-04-20 验收，截止 2026-05-01", true));
        AssertFigure(f[MeasureCodes.PublishedShare], 1, 3,
            ("县甲项目（绩效目标）：未公开", false),
            ("县乙项目（绩效目标）：2025-03-02 公开", true),
            ("县甲项目（自评结果）：未公开", false));
        Assert.All(f.Values.SelectMany(x => x.Evidence), e => Assert.DoesNotContain("对照", e.Label, StringComparison.Ordinal));
        Assert.All(f.Values.SelectMany(x => x.Evidence), e => Assert.StartsWith("县", e.Label, StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Subject_OutsideTheAppraisersView_IsNotFound(DbProvider provider)
    {
        var app = fixture.For(provider);
        var w = await WorldAsync(app);
        await using var db = Context(app, new FakeTimeProvider(MeasuredAt));
        var service = new AppraisalMeasurementService(db);
        // A unit is not a department; a county's department is not the city's; a county is appraised by the city, not by a sibling county;
        // the city is not a county of itself.
        await Assert.ThrowsAsync<NotFoundException>(() => service.MeasureAsync(w.City, Year, new(AppraisalSubjectKind.Department, w.Unit)));
        await Assert.ThrowsAsync<NotFoundException>(() => service.MeasureAsync(w.City, Year, new(AppraisalSubjectKind.Department, w.CountyDepartment)));
        await Assert.ThrowsAsync<NotFoundException>(() => service.MeasureAsync(w.OtherCounty, Year, new(AppraisalSubjectKind.County, w.County)));
        await Assert.ThrowsAsync<NotFoundException>(() => service.MeasureAsync(w.City, Year, new(AppraisalSubjectKind.County, w.City)));
        // The county's own performance section appraises its own departments.
        var own = await service.MeasureAsync(w.County, Year, new(AppraisalSubjectKind.Department, w.CountyDepartment));
        Assert.Equal(2, own.Single(x => x.Code == MeasureCodes.GoalsOnTime).Denominator);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AnotherYear_HasNothingToMeasure(DbProvider provider)
    {
        var app = fixture.For(provider);
        var w = await WorldAsync(app);
        await using var db = Context(app, new FakeTimeProvider(MeasuredAt));
        var figures = await new AppraisalMeasurementService(db).MeasureAsync(w.City, Year - 3, new(AppraisalSubjectKind.Department, w.Department));
        Assert.All(figures, f => Assert.Equal((0, 0, (decimal?)null, 0), (f.Numerator, f.Denominator, f.Share, f.Evidence.Count)));
    }

    // ---------------------------------------------------------------- the hand-made records

    private static async Task<World> SeedAsync(TestApp app)
    {
        await using var db = Context(app, app.Factory.Clock);
        var city = await db.Regions.AsNoTracking().Where(r => r.Code == "140400000").Select(r => r.Id).SingleAsync();
        var ruleSet = await db.RuleSets.AsNoTracking().Where(r => r.RegionId == city).Select(r => r.Id).FirstAsync();
        var county = new Region("140499000", "考核测试县", city);
        var otherCounty = new Region("140498000", "对照县", city);
        db.AddRange(county, otherCounty);
        await db.SaveChangesAsync();

        var dept = Org(db, city, null, OrganizationKind.Department, "A2-D", "考核测试局");
        var outsider = Org(db, city, null, OrganizationKind.Department, "A2-O", "对照局");
        var countyDept = Org(db, county.Id, null, OrganizationKind.Department, "A2-CD", "县考核测试局");
        await db.SaveChangesAsync();
        var unit1 = Org(db, city, dept, OrganizationKind.BudgetUnit, "A2-U1", "考核测试中心");
        var outsiderUnit = Org(db, city, outsider, OrganizationKind.BudgetUnit, "A2-OU", "对照中心");
        var countyUnit = Org(db, county.Id, countyDept, OrganizationKind.BudgetUnit, "A2-CU", "县考核测试中心");
        await db.SaveChangesAsync();
        var unit2 = Org(db, city, unit1, OrganizationKind.BudgetUnit, "A2-U2", "考核测试站"); // a unit below a unit
        await db.SaveChangesAsync();

        var projects = new Dictionary<string, Project>();
        Project P(string name, Organization org, long deptId, ProjectKind kind = ProjectKind.Project)
        {
            var p = new Project(org.RegionId, Year, org.Id, deptId, kind, $"A2-{projects.Count + 1:D3}", name);
            projects[name] = p;
            db.Projects.Add(p);
            return p;
        }
        P("甲项目", unit1, dept.Id);
        P("乙项目", unit2, dept.Id);
        P("丙项目", unit1, dept.Id);
        P("考核测试局整体支出", dept, dept.Id, ProjectKind.OverallSpending);
        P("县甲项目", countyUnit, countyDept.Id);
        P("县乙项目", countyUnit, countyDept.Id);
        P("对照项目", outsiderUnit, outsider.Id);
        await db.SaveChangesAsync();

        // Goals: the declaration deadline is 2024-12-31 (the day before the budget year).
        var goals = new Dictionary<string, PerformanceGoal>();
        async Task Goal(string name, string submitted, string? returned = null, string? resubmitted = null, bool approve = true)
        {
            var p = projects[name];
            var g = new PerformanceGoal(p.Id, p.RegionId, Year, p.OrganizationId, p.DepartmentId, 1, GoalState.Draft);
            db.PerformanceGoals.Add(g);
            await db.SaveChangesAsync();
            goals[name] = g;
            g.Move(GoalState.Submitted, GoalAction.Submit, null, null, Cn(submitted));
            Step(db, GoalService.SubjectType, g.Id, "Draft", "Submit", "Submitted", Cn(submitted), null);
            if (returned is not null)
            {
                g.Move(GoalState.Returned, GoalAction.Return, "指标不完整", null, Cn(returned));
                Step(db, GoalService.SubjectType, g.Id, "Submitted", "Return", "Returned", Cn(returned), "指标不完整");
                g.Move(GoalState.Submitted, GoalAction.Submit, null, null, Cn(resubmitted!));
                Step(db, GoalService.SubjectType, g.Id, "Returned", "Submit", "Submitted", Cn(resubmitted!), null);
            }
            if (approve) g.Move(GoalState.Approved, GoalAction.Approve, null, null, Cn("2025-02-01 10:00"));
            await db.SaveChangesAsync();
        }
        await Goal("甲项目", "2024-12-31 23:59:59"); // the last second of the deadline day
        await Goal("乙项目", "2024-12-20 09:00", returned: "2024-12-22 09:00", resubmitted: "2025-01-05 09:00"); // first declared in time
        await Goal("丙项目", "2025-01-20 09:00");
        // 考核测试局整体支出: no goal at all.
        await Goal("县甲项目", "2025-01-01 00:00"); // the first second after the deadline day
        await Goal("县乙项目", "2024-11-30 09:00");
        await Goal("对照项目", "2024-12-01 09:00", returned: "2024-12-02 09:00", resubmitted: "2024-12-03 09:00");

        // Monitoring.
        var records = new Dictionary<string, long>();
        var july = Round(db, city, 7, "2025-08-10", "2025年7月监控");
        var september = Round(db, city, 9, "2025-10-10", "2025年9月监控");
        var nextYear = Round(db, city, 12, "2026-07-15", "2025年12月监控"); // due after the day of measurement
        var countyJuly = Round(db, county.Id, 7, "2025-08-15", "县2025年7月监控");
        await db.SaveChangesAsync();
        async Task Report(MonitoringRound round, string name, string? submitted)
        {
            var p = projects[name];
            var r = new MonitoringReport(round.Id, p.Id, p.RegionId, Year, p.OrganizationId, p.DepartmentId, []);
            db.MonitoringReports.Add(r);
            await db.SaveChangesAsync();
            records[$"report:{name}:{round.Month}"] = r.Id;
            if (submitted is null) return;
            r.Move(MonitoringState.Submitted, null, Cn(submitted));
            Step(db, MonitoringService.SubjectType, r.Id, "Draft", "Submit", "Submitted", Cn(submitted), null);
            await db.SaveChangesAsync();
        }
        await Report(july, "甲项目", "2025-08-10 23:00");
        await Report(july, "乙项目", "2025-08-11 00:00");
        await Report(july, "丙项目", null);
        await Report(september, "甲项目", "2025-10-09 10:00");
        await Report(september, "乙项目", null);
        await Report(nextYear, "甲项目", null);
        await Report(july, "对照项目", "2025-08-01 10:00");
        await Report(countyJuly, "县甲项目", "2025-08-15 23:59:59");
        await Report(countyJuly, "县乙项目", "2025-08-16 00:00");

        // Self-evaluations.
        var task = NewTask(db, city, "2025年度自评", "2026-03-31");
        var deptTask = NewTask(db, city, "2025年度部门整体自评", "2026-08-31"); // due after the day of measurement
        var countyTask = NewTask(db, county.Id, "县2025年度自评", "2026-04-15");
        await db.SaveChangesAsync();
        var selfs = new Dictionary<string, SelfEvaluation>();
        async Task Self(SelfEvaluationTask t, string name, string? submitted, decimal total)
        {
            var p = projects[name];
            var e = new SelfEvaluation(t.Id, p.Id, p.RegionId, Year, p.OrganizationId, p.DepartmentId, 100_000m, null, []);
            db.SelfEvaluations.Add(e);
            await db.SaveChangesAsync();
            selfs[name] = e;
            records[$"self:{name}"] = e.Id;
            if (submitted is null) return;
            e.Fix(100_000m, 100_000m, new SelfEvaluationScore(1m, 10m, "", [], total, total, new GradeBands().GradeOf(total), ruleSet), ruleSet);
            e.Move(SelfEvaluationState.Submitted, null, Cn(submitted));
            Step(db, SelfEvaluationService.SubjectType, e.Id, "Draft", "Submit", "Submitted", Cn(submitted), null);
            await db.SaveChangesAsync();
        }
        await Self(task, "甲项目", "2026-03-31 23:59", 88m);
        await Self(task, "乙项目", "2026-04-01 00:01", 80m);
        await Self(task, "丙项目", null, 0m);
        await Self(deptTask, "考核测试局整体支出", null, 0m);
        await Self(task, "对照项目", "2026-03-01 10:00", 70m);
        await Self(countyTask, "县甲项目", "2026-04-10 10:00", 90m);
        await Self(countyTask, "县乙项目", null, 0m);

        // Re-evaluations (threshold 10: 10.01 is flagged, 10.00 is not).
        async Task ReEvaluate(long region, string title, bool complete, params (string Name, decimal Re)[] sample)
        {
            var r = new ReEvaluation(region, Year, title, dept.Id, "绩效管理科", null, ruleSet, 10m, Cn("2026-05-01 10:00"));
            db.ReEvaluations.Add(r);
            await db.SaveChangesAsync();
            var items = sample.Select((s, n) => new ReEvaluationItem(n + 1, selfs[s.Name])).ToList();
            r.Sampled(ReEvaluationMethod.Chosen, null, items.Count, null, null, null, items);
            await db.SaveChangesAsync();
            foreach (var (item, s) in items.Zip(sample))
            {
                var re = new SelfEvaluationScore(1m, 10m, "", [], s.Re, s.Re, new GradeBands().GradeOf(s.Re), ruleSet);
                var diff = ReEvaluationComparison.Compare(new(10m, [], item.SelfTotal), SelfEvaluationScoreFigures.Of(re), r.Threshold);
                item.ReScore(re, diff, null, "复核专家", Cn("2026-05-10 10:00"));
                records[$"re:{s.Name}"] = item.Id;
            }
            if (complete) r.Complete("完成", Cn("2026-05-20 10:00"));
            await db.SaveChangesAsync();
        }
        await ReEvaluate(city, "2025年度再评价", true, ("甲项目", 77.99m), ("乙项目", 70m), ("对照项目", 50m));
        await ReEvaluate(county.Id, "县2025年度再评价", false, ("县甲项目", 75m));

        // Rectifications (as of 2026-06-30).
        async Task Rectify(string name, string deadline, string? accepted)
        {
            var p = projects[name];
            var l = new FeedbackLetter(p.RegionId, Year, FeedbackSourceKind.ReEvaluation, 1, p.Kind == ProjectKind.OverallSpending ? null : p.Id, p.OrganizationId,
                p.DepartmentId, dept.Id, "绩效管理科", Cn("2026-02-01 10:00"));
            l.Edit($"{name}反馈函", "主送", "落款", $"{name}整改", 80m, Grade.Good, "问题一", "整改要求", Day(deadline));
            db.FeedbackLetters.Add(l);
            await db.SaveChangesAsync();
            var r = new Rectification(l, Cn("2026-02-01 10:00"));
            db.Rectifications.Add(r);
            await db.SaveChangesAsync();
            records[$"rect:{name}"] = r.Id;
            if (accepted is null) return;
            r.Review(true, null, "绩效管理科", Cn(accepted));
            await db.SaveChangesAsync();
        }
        await Rectify("甲项目", "2026-03-31", "2026-03-31 22:00");
        await Rectify("乙项目", "2026-04-30", "2026-05-01 00:00");
        await Rectify("考核测试局整体支出", "2026-05-31", null);
        await Rectify("丙项目", "2026-07-31", null); // not due yet
        await Rectify("对照项目", "2026-04-30", "2026-04-01 10:00");
        await Rectify("县甲项目", "2026-05-01", "2026-04-20 10:00");

        // Key evaluations: a completed one of the department and of the outsider, a draft one of the department (not publishable yet).
        KeyEvaluation Key(long departmentId, string title, bool complete)
        {
            var k = new KeyEvaluation(city, Year, KeyEvaluationSubjectKind.DepartmentOverall, departmentId, title, dept.Id, null, null, null);
            if (complete)
            {
                k.Closed(ruleSet, new KeyEvaluationResult([], [], 85m, Grade.Good), Cn("2026-04-01 10:00"));
                k.WriteConclusions("结论", null, "问题", "建议", null);
                k.Completed(Cn("2026-04-02 10:00"));
            }
            return db.KeyEvaluations.Add(k).Entity;
        }
        var key = Key(dept.Id, "考核测试局整体支出重点评价", true);
        Key(dept.Id, "考核测试局专项重点评价", false);
        var outsiderKey = Key(outsider.Id, "对照局整体支出重点评价", true);
        await db.SaveChangesAsync();
        records["key"] = key.Id;

        // Disclosure.
        DisclosureItem Publish(long region, DisclosureKind kind, string sourceType, long sourceId, long departmentId, string title, string at) =>
            db.DisclosureItems.Add(new DisclosureItem(region, Year, kind, sourceType, sourceId, departmentId, null, title, "{}", Cn(at), "绩效管理科")).Entity;
        Publish(city, DisclosureKind.Goal, nameof(PerformanceGoal), goals["甲项目"].Id, dept.Id, "甲项目（2025年度绩效目标）", "2025-03-01 10:00");
        var withdrawn = Publish(city, DisclosureKind.Goal, nameof(PerformanceGoal), goals["乙项目"].Id, dept.Id, "乙项目（2025年度绩效目标）", "2025-03-01 10:00");
        Publish(city, DisclosureKind.EvaluationResult, nameof(SelfEvaluation), selfs["甲项目"].Id, dept.Id, "甲项目（自评结果）", "2026-05-01 10:00");
        Publish(city, DisclosureKind.Goal, nameof(PerformanceGoal), goals["对照项目"].Id, outsider.Id, "对照项目（2025年度绩效目标）", "2025-03-01 10:00");
        Publish(city, DisclosureKind.EvaluationResult, nameof(KeyEvaluation), key.Id, dept.Id, "考核测试局整体支出（重点评价结果）", "2026-04-10 10:00");
        Publish(city, DisclosureKind.EvaluationResult, nameof(KeyEvaluation), outsiderKey.Id, outsider.Id, "对照局整体支出（重点评价结果）", "2026-04-10 10:00");
        Publish(county.Id, DisclosureKind.Goal, nameof(PerformanceGoal), goals["县乙项目"].Id, countyDept.Id, "县乙项目（2025年度绩效目标）", "2025-03-02 10:00");
        await db.SaveChangesAsync();
        withdrawn.Unpublish("信息有误", Cn("2025-03-05 10:00"), "绩效管理科");
        await db.SaveChangesAsync();

        return new World(city, dept.Id, county.Id, countyDept.Id, unit1.Id, outsider.Id, otherCounty.Id, projects.ToDictionary(p => p.Key, p => p.Value.Id), records);
    }

    private static Organization Org(JixiaoDbContext db, long region, Organization? parent, OrganizationKind kind, string code, string name) =>
        db.Organizations.Add(new Organization(region, parent, kind, code, name)).Entity;

    private static void Step(JixiaoDbContext db, string type, long id, string from, string action, string to, DateTime at, string? comment) =>
        db.WorkflowSteps.Add(new WorkflowStep(type, id.ToString(System.Globalization.CultureInfo.InvariantCulture), from, action, to, null, "测试", "BudgetUnit", null, at, comment));

    private static MonitoringRound Round(JixiaoDbContext db, long region, int month, string due, string title) =>
        db.MonitoringRounds.Add(new MonitoringRound(region, Year, month, Day(due), title, RoundCoverage.All, "绩效管理科", Cn("2025-07-01 10:00"))).Entity;

    private static SelfEvaluationTask NewTask(JixiaoDbContext db, long region, string title, string deadline) =>
        db.SelfEvaluationTasks.Add(new SelfEvaluationTask(region, Year, title, Day(deadline), "绩效管理科", Cn("2026-01-10 10:00"))).Entity;
}
