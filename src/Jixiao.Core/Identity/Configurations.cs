using Jixiao.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Identity;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.Property(x => x.UserName).HasMaxLength(50);
        b.Property(x => x.DisplayName).HasMaxLength(50);
        b.Property(x => x.PasswordHash).HasMaxLength(200);
        b.Property(x => x.PhoneEncrypted).HasMaxLength(200);
        b.HasIndex(x => x.UserName).IsUnique();
        // Two wrong passwords at the same moment must both count: the counter is its own concurrency token.
        b.Property(x => x.FailedSignInCount).IsConcurrencyToken();
        b.HasIndex(x => x.OrganizationId);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Roles).HasField("_roles").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.RoleSet);
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<UserRole>
{
    public void Configure(EntityTypeBuilder<UserRole> b) => b.HasKey(x => new { x.UserId, x.Role });
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.Property(x => x.Id).HasMaxLength(64);
        b.Property(x => x.Kind).HasMaxLength(10);
        b.Property(x => x.EndReason).HasMaxLength(50);
        b.Property(x => x.ClientAddress).HasMaxLength(64);
        b.HasIndex(x => x.UserId);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SecurityPolicyConfiguration : IEntityTypeConfiguration<SecurityPolicy>
{
    public void Configure(EntityTypeBuilder<SecurityPolicy> b) => b.Property(x => x.Id).ValueGeneratedNever();
}
