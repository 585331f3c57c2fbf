using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Audit;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> b)
    {
        b.HasKey(x => x.Sequence);
        b.Property(x => x.Sequence).ValueGeneratedNever();
        b.Property(x => x.UserName).HasMaxLength(50);
        b.Property(x => x.Role).HasMaxLength(40);
        b.Property(x => x.ClientAddress).HasMaxLength(64);
        b.Property(x => x.Action).HasMaxLength(60);
        b.Property(x => x.TargetType).HasMaxLength(60);
        b.Property(x => x.TargetId).HasMaxLength(100);
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => x.OccurredAt);
        b.HasIndex(x => new { x.TargetType, x.TargetId });
        b.HasIndex(x => x.UserId);
    }
}
