using Jixiao.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Goals;

internal sealed class PerformanceGoalConfiguration : IEntityTypeConfiguration<PerformanceGoal>
{
    public void Configure(EntityTypeBuilder<PerformanceGoal> b)
    {
        b.Property(x => x.MediumTermGoal).HasMaxLength(2000);
        b.Property(x => x.AnnualGoal).HasMaxLength(2000);
        b.Property(x => x.ReturnReason).HasMaxLength(2000);
        b.Property(x => x.AdjustmentReason).HasMaxLength(2000);
        b.Property(x => x.ReviewScore).HasPrecision(5, 2);
        b.HasIndex(x => new { x.ProjectId, x.VersionNo }).IsUnique();
        b.HasIndex(x => new { x.FiscalYear, x.State });
        b.HasIndex(x => new { x.FiscalYear, x.DepartmentId, x.State });
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Indicators).WithOne().HasForeignKey(i => i.GoalId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Indicators).HasField("_indicators").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.Specs);
    }
}

internal sealed class GoalIndicatorConfiguration : IEntityTypeConfiguration<GoalIndicator>
{
    public void Configure(EntityTypeBuilder<GoalIndicator> b)
    {
        b.Property(x => x.Level1).HasMaxLength(40);
        b.Property(x => x.Level2).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.TargetText).HasMaxLength(200);
        b.Property(x => x.Unit).HasMaxLength(20);
        b.Property(x => x.ScoringStandard).HasMaxLength(1000);
        b.Property(x => x.Remark).HasMaxLength(500);
        b.Property(x => x.TargetValue).HasPrecision(20, 4);
        b.Property(x => x.Weight).HasPrecision(7, 2);
        b.HasIndex(x => new { x.GoalId, x.SortOrder });
    }
}
