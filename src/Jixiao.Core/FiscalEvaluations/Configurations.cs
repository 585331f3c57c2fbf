using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.FiscalEvaluations;

internal sealed class FiscalEvaluationConfiguration : IEntityTypeConfiguration<FiscalEvaluation>
{
    public void Configure(EntityTypeBuilder<FiscalEvaluation> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.State).HasMaxLength(20);
        b.Property(x => x.ReopenReason).HasMaxLength(500);
        b.Ignore(x => x.Framework);
        b.Ignore(x => x.Grades);
        b.HasIndex(x => new { x.RegionId, x.FiscalYear }).IsUnique();
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RuleSet>().WithMany().HasForeignKey(x => x.RuleSetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FiscalEvaluationSheetConfiguration : IEntityTypeConfiguration<FiscalEvaluationSheet>
{
    public void Configure(EntityTypeBuilder<FiscalEvaluationSheet> b)
    {
        b.Property(x => x.Grade).HasMaxLength(20);
        b.Property(x => x.Score).HasPrecision(18, 2);
        b.Ignore(x => x.Values);
        b.HasIndex(x => new { x.EvaluationId, x.CountyRegionId }).IsUnique();
        b.HasIndex(x => x.CountyRegionId);
        b.HasOne<FiscalEvaluation>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.CountyRegionId).OnDelete(DeleteBehavior.Restrict);
    }
}
