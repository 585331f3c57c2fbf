using Jixiao.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.RuleSets;

internal sealed class RuleSetConfiguration : IEntityTypeConfiguration<RuleSet>
{
    public void Configure(EntityTypeBuilder<RuleSet> b)
    {
        b.HasIndex(x => new { x.RegionId, x.FiscalYear, x.VersionNo }).IsUnique();
        b.Property(x => x.CreatedByName).HasMaxLength(50);
        b.Property(x => x.Comment).HasMaxLength(500);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RuleSet>().WithMany().HasForeignKey(x => x.CopiedFromRuleSetId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.Content);
    }
}
