using Jixiao.Core.Attachments;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Jixiao.Core.ThirdParties;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.PriorAssessments;

internal sealed class PriorAssessmentConfiguration : IEntityTypeConfiguration<PriorAssessment>
{
    public void Configure(EntityTypeBuilder<PriorAssessment> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Rationale).HasMaxLength(4000);
        b.Property(x => x.ReturnReason).HasMaxLength(2000);
        b.Property(x => x.DrawField).HasMaxLength(100);
        b.Property(x => x.DrawEligible).HasMaxLength(8000);
        b.Property(x => x.DrawExcluded).HasMaxLength(8000);
        b.Property(x => x.ConclusionOpinion).HasMaxLength(4000);
        b.Property(x => x.RequiredChanges).HasMaxLength(4000);
        b.Property(x => x.ChangesReport).HasMaxLength(4000);
        b.Property(x => x.TotalScore).HasPrecision(5, 2);
        b.HasIndex(x => new { x.ProjectId, x.State });
        b.HasIndex(x => new { x.RegionId, x.FiscalYear, x.State });
        b.HasIndex(x => new { x.FiscalYear, x.OrganizationId });
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ThirdPartyAgency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RuleSet>().WithMany().HasForeignKey(x => x.RuleSetId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.DrawEligibleIds);
        b.Ignore(x => x.DrawExcludedIds);
    }
}

internal sealed class PriorAssessmentScorerConfiguration : IEntityTypeConfiguration<PriorAssessmentScorer>
{
    public void Configure(EntityTypeBuilder<PriorAssessmentScorer> b)
    {
        b.Property(x => x.Opinion).HasMaxLength(4000);
        b.Property(x => x.SubmittedByName).HasMaxLength(50);
        b.HasIndex(x => new { x.AssessmentId, x.DrawOrder }).IsUnique();
        b.HasIndex(x => x.ExpertId);
        b.HasIndex(x => x.AgencyId);
        b.HasOne<PriorAssessment>().WithMany().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Expert>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ThirdPartyAgency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Scores).WithOne().HasForeignKey(s => s.ScorerId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Scores).HasField("_scores").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PriorAssessmentScoreConfiguration : IEntityTypeConfiguration<PriorAssessmentScore>
{
    public void Configure(EntityTypeBuilder<PriorAssessmentScore> b)
    {
        b.Property(x => x.DimensionCode).HasMaxLength(40);
        b.Property(x => x.Comment).HasMaxLength(1000);
        b.Property(x => x.Points).HasPrecision(5, 2);
        b.HasIndex(x => new { x.ScorerId, x.DimensionCode }).IsUnique();
    }
}

internal sealed class PriorAssessmentAttachmentConfiguration : IEntityTypeConfiguration<PriorAssessmentAttachment>
{
    public void Configure(EntityTypeBuilder<PriorAssessmentAttachment> b)
    {
        b.Property(x => x.OriginalName).HasMaxLength(200);
        b.Property(x => x.StoredName).HasMaxLength(80);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.UploadedByName).HasMaxLength(50);
        b.HasIndex(x => x.AssessmentId);
        b.HasIndex(x => x.StoredName).IsUnique();
        b.HasOne<PriorAssessment>().WithMany().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AttachmentContent>().WithOne().HasForeignKey<PriorAssessmentAttachment>(x => x.StoredName)
            .HasPrincipalKey<AttachmentContent>(c => c.StoredName).OnDelete(DeleteBehavior.Restrict);
    }
}
