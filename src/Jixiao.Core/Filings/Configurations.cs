using Jixiao.Core.Attachments;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Filings;

internal sealed class RuleSetFilingConfiguration : IEntityTypeConfiguration<RuleSetFiling>
{
    public void Configure(EntityTypeBuilder<RuleSetFiling> b)
    {
        b.Property(x => x.DocumentName).HasMaxLength(200);
        b.Property(x => x.DocumentStoredName).HasMaxLength(80);
        b.Property(x => x.DocumentContentType).HasMaxLength(100);
        b.Property(x => x.DocumentSha256).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(RuleSetFiling.MaxNote);
        b.Property(x => x.SubmittedByName).HasMaxLength(50);
        b.Property(x => x.Number).HasMaxLength(60);
        b.Property(x => x.FiledByName).HasMaxLength(50);
        b.Property(x => x.FilingComment).HasMaxLength(RuleSetFiling.MaxComment);
        b.Property(x => x.ReturnComments).HasMaxLength(RuleSetFiling.MaxComment);
        b.Property(x => x.ReturnedByName).HasMaxLength(50);
        // Gapless 备案号: the unique index makes a concurrent filing with the same number fail (and retry).
        b.HasIndex(x => new { x.CityRegionId, x.NumberYear, x.Sequence }).IsUnique();
        b.HasIndex(x => new { x.RegionId, x.FiscalYear });
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.CityRegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.SubmitterOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RuleSet>().WithMany().HasForeignKey(x => x.RuleSetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RuleSet>().WithMany().HasForeignKey(x => x.CityRuleSetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AttachmentContent>().WithMany().HasForeignKey(x => x.DocumentStoredName).HasPrincipalKey(c => c.StoredName)
            .OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.Document);
    }
}
