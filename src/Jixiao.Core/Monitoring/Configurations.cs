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

internal sealed class MonitoringRoundConfiguration : IEntityTypeConfiguration<MonitoringRound>
{
    public void Configure(EntityTypeBuilder<MonitoringRound> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.IssuedByName).HasMaxLength(50);
        b.HasIndex(x => new { x.RegionId, x.FiscalYear, x.Month });
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.DataEnd);
    }
}

internal sealed class MonitoringReportConfiguration : IEntityTypeConfiguration<MonitoringReport>
{
    public void Configure(EntityTypeBuilder<MonitoringReport> b)
    {
        b.Property(x => x.ReturnReason).HasMaxLength(2000);
        b.Property(x => x.Explanation).HasMaxLength(4000);
        b.Property(x => x.Budget).HasPrecision(18, 2);
        b.Property(x => x.Executed).HasPrecision(18, 2);
        b.HasIndex(x => new { x.RoundId, x.ProjectId }).IsUnique();
        b.HasIndex(x => new { x.ProjectId, x.SubmittedAt });
        b.HasIndex(x => new { x.FiscalYear, x.OrganizationId });
        b.HasOne<MonitoringRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Indicators).WithOne().HasForeignKey(i => i.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Indicators).HasField("_indicators").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.IsEditable);
    }
}

internal sealed class MonitoringIndicatorConfiguration : IEntityTypeConfiguration<MonitoringIndicator>
{
    public void Configure(EntityTypeBuilder<MonitoringIndicator> b)
    {
        b.Property(x => x.Level1).HasMaxLength(40);
        b.Property(x => x.Level2).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.TargetText).HasMaxLength(200);
        b.Property(x => x.Unit).HasMaxLength(20);
        b.Property(x => x.Explanation).HasMaxLength(1000);
        b.Property(x => x.Target).HasPrecision(20, 4);
        b.Property(x => x.ToDate).HasPrecision(20, 4);
        b.Property(x => x.ExpectedFullYear).HasPrecision(20, 4);
        b.HasIndex(x => new { x.ReportId, x.SortOrder });
        b.Ignore(x => x.Progress);
    }
}

internal sealed class FinanceActionConfiguration : IEntityTypeConfiguration<FinanceAction>
{
    public void Configure(EntityTypeBuilder<FinanceAction> b)
    {
        b.Property(x => x.Reason).HasMaxLength(2000);
        b.Property(x => x.ByName).HasMaxLength(50);
        b.Property(x => x.NewBudget).HasPrecision(18, 2);
        b.HasIndex(x => new { x.ProjectId, x.Id });
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
