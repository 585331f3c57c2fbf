using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Evaluations;

internal sealed class SelfEvaluationTaskConfiguration : IEntityTypeConfiguration<SelfEvaluationTask>
{
    public void Configure(EntityTypeBuilder<SelfEvaluationTask> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.IssuedByName).HasMaxLength(50);
        b.Property(x => x.DepartmentIds).HasMaxLength(4000);
        b.Property(x => x.ProjectCodes).HasMaxLength(26000);
        b.Ignore(x => x.Filter);
        b.HasIndex(x => new { x.RegionId, x.FiscalYear });
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SelfEvaluationConfiguration : IEntityTypeConfiguration<SelfEvaluation>
{
    public void Configure(EntityTypeBuilder<SelfEvaluation> b)
    {
        b.Property(x => x.ReturnReason).HasMaxLength(2000);
        b.Property(x => x.ExpectedOutcome).HasMaxLength(4000);
        b.Property(x => x.ActualOutcome).HasMaxLength(4000);
        b.Property(x => x.ExecutionExplanation).HasMaxLength(1000);
        b.Property(x => x.YearStartBudget).HasPrecision(18, 2);
        b.Property(x => x.FullYearBudget).HasPrecision(18, 2);
        b.Property(x => x.Executed).HasPrecision(18, 2);
        b.Property(x => x.ExecutionPoints).HasPrecision(20, 10);
        b.Property(x => x.Total).HasPrecision(7, 2);
        b.HasIndex(x => new { x.TaskId, x.ProjectId }).IsUnique();
        b.HasIndex(x => new { x.FiscalYear, x.OrganizationId });
        b.HasOne<SelfEvaluationTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RuleSets.RuleSet>().WithMany().HasForeignKey(x => x.RuleSetId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Indicators).WithOne().HasForeignKey(i => i.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Indicators).HasField("_indicators").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.IsEditable);
    }
}

internal sealed class SelfEvaluationIndicatorConfiguration : IEntityTypeConfiguration<SelfEvaluationIndicator>
{
    public void Configure(EntityTypeBuilder<SelfEvaluationIndicator> b)
    {
        b.ToTable("SelfEvaluationIndicators");
        b.Property(x => x.Level1).HasMaxLength(40);
        b.Property(x => x.Level2).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.TargetText).HasMaxLength(200);
        b.Property(x => x.Unit).HasMaxLength(20);
        b.Property(x => x.DeviationReason).HasMaxLength(1000);
        b.Property(x => x.Measures).HasMaxLength(1000);
        b.Property(x => x.ScoreExplanation).HasMaxLength(1000);
        b.Property(x => x.Target).HasPrecision(20, 4);
        b.Property(x => x.Actual).HasPrecision(20, 4);
        b.Property(x => x.Weight).HasPrecision(7, 2);
        b.Property(x => x.EnteredPoints).HasPrecision(9, 4);
        b.Property(x => x.Points).HasPrecision(20, 10);
        b.HasIndex(x => new { x.EvaluationId, x.SortOrder });
    }
}

internal sealed class ReEvaluationConfiguration : IEntityTypeConfiguration<ReEvaluation>
{
    public void Configure(EntityTypeBuilder<ReEvaluation> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.OrganizerName).HasMaxLength(50);
        b.Property(x => x.ReScorerName).HasMaxLength(100);
        b.Property(x => x.Conclusion).HasMaxLength(4000);
        b.Property(x => x.SampleShare).HasPrecision(5, 4);
        b.Property(x => x.Threshold).HasPrecision(7, 2);
        b.HasIndex(x => new { x.RegionId, x.FiscalYear });
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RuleSets.RuleSet>().WithMany().HasForeignKey(x => x.RuleSetId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.ReEvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.PopulationIds);
    }
}

internal sealed class ReEvaluationItemConfiguration : IEntityTypeConfiguration<ReEvaluationItem>
{
    public void Configure(EntityTypeBuilder<ReEvaluationItem> b)
    {
        b.ToTable("ReEvaluationItems");
        b.Property(x => x.SelfExecutionPoints).HasPrecision(20, 10);
        b.Property(x => x.ReExecutionPoints).HasPrecision(20, 10);
        b.Property(x => x.SelfTotal).HasPrecision(7, 2);
        b.Property(x => x.ReTotal).HasPrecision(7, 2);
        b.Property(x => x.TotalDifference).HasPrecision(7, 2);
        b.Property(x => x.Comment).HasMaxLength(2000);
        b.Property(x => x.ReScoredByName).HasMaxLength(50);
        b.HasIndex(x => new { x.ReEvaluationId, x.SelfEvaluationId }).IsUnique();
        b.HasIndex(x => x.OrganizationId);
        b.HasOne<SelfEvaluation>().WithMany().HasForeignKey(x => x.SelfEvaluationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RuleSets.RuleSet>().WithMany().HasForeignKey(x => x.RuleSetId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Indicators).WithOne().HasForeignKey(i => i.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Indicators).HasField("_indicators").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.IsReScored);
    }
}

internal sealed class ReEvaluationIndicatorConfiguration : IEntityTypeConfiguration<ReEvaluationIndicator>
{
    public void Configure(EntityTypeBuilder<ReEvaluationIndicator> b)
    {
        b.ToTable("ReEvaluationIndicators");
        b.Property(x => x.Level1).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Comment).HasMaxLength(1000);
        b.Property(x => x.Explanation).HasMaxLength(1000);
        b.Property(x => x.Target).HasPrecision(20, 4);
        b.Property(x => x.SelfActual).HasPrecision(20, 4);
        b.Property(x => x.Actual).HasPrecision(20, 4);
        b.Property(x => x.Weight).HasPrecision(7, 2);
        b.Property(x => x.SelfPoints).HasPrecision(20, 10);
        b.Property(x => x.EnteredPoints).HasPrecision(9, 4);
        b.Property(x => x.Points).HasPrecision(20, 10);
        b.Property(x => x.Difference).HasPrecision(9, 2);
        b.HasIndex(x => new { x.ItemId, x.SortOrder });
    }
}
