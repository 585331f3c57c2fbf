using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Security;

internal sealed class KeyMaterialConfiguration : IEntityTypeConfiguration<KeyMaterial>
{
    public void Configure(EntityTypeBuilder<KeyMaterial> b)
    {
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(40);
        b.Property(x => x.Value).HasMaxLength(200);
    }
}
