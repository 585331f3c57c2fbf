using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.BudgetLinkage;

internal sealed class BudgetLinkageDecisionConfiguration : IEntityTypeConfiguration<BudgetLinkageDecision>
{
    public void Configure(EntityTypeBuilder<BudgetLinkageDecision> b)
    {
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.DecidedByName).HasMaxLength(100);
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.SuggestedReduction).HasPrecision(18, 2);
        b.HasIndex(x => new { x.BudgetYear, x.ProjectId }).IsUnique();
        b.HasIndex(x => new { x.RegionId, x.BudgetYear, x.DepartmentId });
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TransferPaymentConfiguration : IEntityTypeConfiguration<TransferPayment>
{
    public void Configure(EntityTypeBuilder<TransferPayment> b)
    {
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.HasIndex(x => new { x.CountyRegionId, x.FiscalYear, x.Code }).IsUnique();
        b.HasIndex(x => new { x.RegionId, x.FiscalYear });
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.CountyRegionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CongressReportConfiguration : IEntityTypeConfiguration<CongressReport>
{
    public void Configure(EntityTypeBuilder<CongressReport> b)
    {
        b.Property(x => x.GeneratedByName).HasMaxLength(100);
        b.HasIndex(x => new { x.RegionId, x.FiscalYear }).IsUnique();
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}
