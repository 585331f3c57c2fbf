using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Todos;

internal sealed class TodoConfiguration : IEntityTypeConfiguration<Todo>
{
    public void Configure(EntityTypeBuilder<Todo> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Link).HasMaxLength(300);
        b.Property(x => x.SubjectType).HasMaxLength(60);
        b.Property(x => x.SubjectId).HasMaxLength(60);
        b.HasIndex(x => new { x.AssigneeUserId, x.CompletedAt });
        b.HasIndex(x => new { x.AssigneeOrganizationId, x.CompletedAt });
        b.HasIndex(x => new { x.SubjectType, x.SubjectId });
        b.HasOne<User>().WithMany().HasForeignKey(x => x.AssigneeUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.AssigneeOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}
