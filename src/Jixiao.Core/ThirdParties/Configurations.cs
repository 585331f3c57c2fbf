using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.ThirdParties;

internal sealed class ExpertConfiguration : IEntityTypeConfiguration<Expert>
{
    public void Configure(EntityTypeBuilder<Expert> b)
    {
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.Field).HasMaxLength(100);
        b.Property(x => x.Title).HasMaxLength(50);
        b.Property(x => x.Employer).HasMaxLength(200);
        b.Property(x => x.PhoneEncrypted).HasMaxLength(200);
        b.Property(x => x.IdNumberEncrypted).HasMaxLength(200);
        b.Property(x => x.Remarks).HasMaxLength(1000);
        b.HasIndex(x => new { x.RegionId, x.IsActive });
        b.HasIndex(x => x.UserId).IsUnique();
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Conflicts).WithOne().HasForeignKey(c => c.ExpertId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Conflicts).HasField("_conflicts").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ExpertConflictConfiguration : IEntityTypeConfiguration<ExpertConflict>
{
    public void Configure(EntityTypeBuilder<ExpertConflict> b)
    {
        b.Property(x => x.Note).HasMaxLength(200);
        b.HasIndex(x => new { x.ExpertId, x.OrganizationId }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ThirdPartyAgencyConfiguration : IEntityTypeConfiguration<ThirdPartyAgency>
{
    public void Configure(EntityTypeBuilder<ThirdPartyAgency> b)
    {
        b.Property(x => x.Qualifications).HasMaxLength(1000);
        b.Property(x => x.ContactName).HasMaxLength(50);
        b.Property(x => x.ContactPhoneEncrypted).HasMaxLength(200);
        b.Property(x => x.CreditNote).HasMaxLength(1000);
        b.HasIndex(x => x.OrganizationId).IsUnique();
        b.HasIndex(x => x.RegionId);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Conflicts).WithOne().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Conflicts).HasField("_conflicts").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AgencyConflictConfiguration : IEntityTypeConfiguration<AgencyConflict>
{
    public void Configure(EntityTypeBuilder<AgencyConflict> b)
    {
        b.Property(x => x.Note).HasMaxLength(200);
        b.HasIndex(x => new { x.AgencyId, x.OrganizationId }).IsUnique();
        b.HasIndex(x => x.OrganizationId);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgencyRatingConfiguration : IEntityTypeConfiguration<AgencyRating>
{
    public void Configure(EntityTypeBuilder<AgencyRating> b)
    {
        b.Property(x => x.SubjectType).HasMaxLength(60);
        b.Property(x => x.SubjectId).HasMaxLength(60);
        b.Property(x => x.RatedByName).HasMaxLength(50);
        b.Property(x => x.Remarks).HasMaxLength(2000);
        b.Property(x => x.Score).HasPrecision(5, 1);
        b.HasIndex(x => new { x.SubjectType, x.SubjectId }).IsUnique();
        b.HasIndex(x => new { x.AgencyId, x.At });
        b.HasOne<ThirdPartyAgency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgencyInspectionConfiguration : IEntityTypeConfiguration<AgencyInspection>
{
    public void Configure(EntityTypeBuilder<AgencyInspection> b)
    {
        b.Property(x => x.Finding).HasMaxLength(2000);
        b.Property(x => x.RecordedByName).HasMaxLength(50);
        b.HasIndex(x => new { x.AgencyId, x.InspectedOn });
        b.HasOne<ThirdPartyAgency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
