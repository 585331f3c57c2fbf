using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Monitoring;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.Property(x => x.PaymentNo).HasMaxLength(60);
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.FundingSource).HasMaxLength(20);
        b.Property(x => x.EconomicClassification).HasMaxLength(20);
        b.Property(x => x.Purpose).HasMaxLength(200);
        b.Property(x => x.ExceptionReason).HasMaxLength(200);
        b.HasIndex(x => new { x.RegionId, x.PaymentNo }).IsUnique();
        b.HasIndex(x => new { x.ProjectId, x.PaymentDate });
        b.HasIndex(x => new { x.FiscalYear, x.OrganizationId });
        b.HasIndex(x => x.BatchId);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PaymentBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentBatchConfiguration : IEntityTypeConfiguration<PaymentBatch>
{
    public void Configure(EntityTypeBuilder<PaymentBatch> b)
    {
        b.Property(x => x.BatchKey).HasMaxLength(200);
        b.Property(x => x.ContentHash).HasMaxLength(64);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ImportedByName).HasMaxLength(100);
        b.Property(x => x.TotalAmount).HasPrecision(18, 2);
        b.HasIndex(x => new { x.RegionId, x.BatchKey }).IsUnique();
        b.HasIndex(x => new { x.RegionId, x.ContentHash });
        b.HasIndex(x => new { x.RegionId, x.ImportedAt });
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}
