using Jixiao.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Disclosure;

internal sealed class DisclosureItemConfiguration : IEntityTypeConfiguration<DisclosureItem>
{
    public void Configure(EntityTypeBuilder<DisclosureItem> b)
    {
        b.Property(x => x.SourceType).HasMaxLength(40);
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.PublishedBy).HasMaxLength(50);
        b.Property(x => x.UnpublishedBy).HasMaxLength(50);
        b.Property(x => x.UnpublishReason).HasMaxLength(500);
        b.HasIndex(x => new { x.SourceType, x.SourceId }).IsUnique();
        b.HasIndex(x => new { x.State, x.Kind, x.FiscalYear });
        b.HasIndex(x => new { x.RegionId, x.FiscalYear });
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
