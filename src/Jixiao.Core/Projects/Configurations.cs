using Jixiao.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Projects;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.ResponsiblePersonName).HasMaxLength(50);
        b.Property(x => x.ResponsiblePersonPhoneEncrypted).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(4000);
        foreach (var p in new[] { nameof(Project.CurrentYearAppropriation), nameof(Project.CarryOver), nameof(Project.OtherFunding), nameof(Project.TotalBudget) })
            b.Property(p).HasPrecision(18, 2);
        b.HasIndex(x => new { x.RegionId, x.FiscalYear, x.Code }).IsUnique();
        b.HasIndex(x => new { x.FiscalYear, x.OrganizationId });
        b.HasIndex(x => new { x.FiscalYear, x.DepartmentId });
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.NeedsPriorAssessment);
    }
}
