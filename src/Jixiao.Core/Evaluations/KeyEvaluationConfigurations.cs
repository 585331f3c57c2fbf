using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Jixiao.Core.ThirdParties;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Evaluations;

internal sealed class KeyEvaluationConfiguration : IEntityTypeConfiguration<KeyEvaluation>
{
    public void Configure(EntityTypeBuilder<KeyEvaluation> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Background).HasMaxLength(4000);
        b.Property(x => x.DrawField).HasMaxLength(100);
        b.Property(x => x.DrawEligible).HasMaxLength(8000);
        b.Property(x => x.DrawExcluded).HasMaxLength(8000);
        b.Property(x => x.Conclusions).HasMaxLength(8000);
        b.Property(x => x.Experience).HasMaxLength(8000);
        b.Property(x => x.Problems).HasMaxLength(8000);
        b.Property(x => x.Suggestions).HasMaxLength(8000);
        b.Property(x => x.OtherNotes).HasMaxLength(8000);
        b.Property(x => x.ReopenReason).HasMaxLength(2000);
        b.Property(x => x.TotalScore).HasPrecision(7, 2);
        b.HasIndex(x => new { x.RegionId, x.FiscalYear, x.State });
        b.HasIndex(x => new { x.FiscalYear, x.DepartmentId });
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.CommissioningOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ThirdPartyAgency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RuleSet>().WithMany().HasForeignKey(x => x.RuleSetId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.DrawEligibleIds);
        b.Ignore(x => x.DrawExcludedIds);
    }
}

internal sealed class KeyEvaluationSubjectConfiguration : IEntityTypeConfiguration<KeyEvaluationSubject>
{
    public void Configure(EntityTypeBuilder<KeyEvaluationSubject> b)
    {
        b.HasIndex(x => new { x.EvaluationId, x.ProjectId }).IsUnique();
        b.HasIndex(x => x.ProjectId);
        b.HasOne<KeyEvaluation>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KeyEvaluationIndicatorConfiguration : IEntityTypeConfiguration<KeyEvaluationIndicator>
{
    public void Configure(EntityTypeBuilder<KeyEvaluationIndicator> b)
    {
        b.Property(x => x.Level1).HasMaxLength(20);
        b.Property(x => x.Level2).HasMaxLength(50);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Standard).HasMaxLength(1000);
        b.Property(x => x.Explanation).HasMaxLength(500);
        b.Property(x => x.Weight).HasPrecision(7, 2);
        b.Property(x => x.Score).HasPrecision(20, 10);
        b.HasIndex(x => new { x.EvaluationId, x.Order });
        b.HasOne<KeyEvaluation>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KeyEvaluationScorerConfiguration : IEntityTypeConfiguration<KeyEvaluationScorer>
{
    public void Configure(EntityTypeBuilder<KeyEvaluationScorer> b)
    {
        b.Property(x => x.Opinion).HasMaxLength(4000);
        b.Property(x => x.SubmittedByName).HasMaxLength(60);
        b.HasIndex(x => new { x.EvaluationId, x.DrawOrder }).IsUnique();
        b.HasIndex(x => x.ExpertId);
        b.HasIndex(x => x.AgencyId);
        b.HasOne<KeyEvaluation>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Expert>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ThirdPartyAgency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Scores).WithOne().HasForeignKey(s => s.ScorerId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Scores).HasField("_scores").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class KeyEvaluationScoreConfiguration : IEntityTypeConfiguration<KeyEvaluationScore>
{
    public void Configure(EntityTypeBuilder<KeyEvaluationScore> b)
    {
        b.Property(x => x.Comment).HasMaxLength(1000);
        b.Property(x => x.Points).HasPrecision(7, 2);
        b.HasIndex(x => new { x.ScorerId, x.IndicatorId }).IsUnique();
        b.HasOne<KeyEvaluationIndicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
    }
}
