using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Indicators;

internal sealed class LibraryIndicatorConfiguration : IEntityTypeConfiguration<LibraryIndicator>
{
    public void Configure(EntityTypeBuilder<LibraryIndicator> b)
    {
        b.Property(x => x.Level1).HasMaxLength(40);
        b.Property(x => x.Level2).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Unit).HasMaxLength(20);
        b.Property(x => x.ScoringStandard).HasMaxLength(1000);
        b.Property(x => x.ValueNote).HasMaxLength(500);
        b.Property(x => x.Sector).HasMaxLength(40);
        b.Property(x => x.FunctionCode).HasMaxLength(20);
        b.HasIndex(x => new { x.RegionId, x.Scope, x.Level1, x.Level2 });
        b.HasIndex(x => x.OwnerOrganizationId);
    }
}
