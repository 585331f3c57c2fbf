using Jixiao.Core.Attachments;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Results;

internal sealed class FeedbackLetterConfiguration : IEntityTypeConfiguration<FeedbackLetter>
{
    public void Configure(EntityTypeBuilder<FeedbackLetter> b)
    {
        b.Property(x => x.DraftedByName).HasMaxLength(50);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Recipient).HasMaxLength(200);
        b.Property(x => x.Issuer).HasMaxLength(200);
        b.Property(x => x.SubjectName).HasMaxLength(200);
        b.Property(x => x.Score).HasPrecision(7, 2);
        b.Property(x => x.Problems).HasMaxLength(8000);
        b.Property(x => x.Requirements).HasMaxLength(4000);
        b.Property(x => x.Number).HasMaxLength(60);
        b.Property(x => x.Views).HasMaxLength(4000);
        b.Property(x => x.ViewsByName).HasMaxLength(50);
        b.Property(x => x.SentByName).HasMaxLength(50);
        b.Property(x => x.CancelReason).HasMaxLength(1000);
        b.Property(x => x.DocxStoredName).HasMaxLength(80);
        b.Property(x => x.DocxSha256).HasMaxLength(64);
        // Gapless numbering: the unique index makes a concurrent send with the same number fail (and retry).
        b.HasIndex(x => new { x.RegionId, x.NumberYear, x.Sequence }).IsUnique();
        b.HasIndex(x => new { x.SourceKind, x.SourceId });
        b.HasIndex(x => new { x.RegionId, x.FiscalYear });
        b.HasIndex(x => x.OrganizationId);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AttachmentContent>().WithMany().HasForeignKey(x => x.DocxStoredName).HasPrincipalKey(c => c.StoredName)
            .OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.IsEditable);
        b.Ignore(x => x.ProblemList);
    }
}

internal sealed class RectificationConfiguration : IEntityTypeConfiguration<Rectification>
{
    public void Configure(EntityTypeBuilder<Rectification> b)
    {
        b.Property(x => x.Report).HasMaxLength(8000);
        b.Property(x => x.SubmittedByName).HasMaxLength(50);
        b.Property(x => x.ReviewedByName).HasMaxLength(50);
        b.Property(x => x.ReturnReason).HasMaxLength(2000);
        b.HasIndex(x => x.LetterId).IsUnique();
        b.HasIndex(x => new { x.RegionId, x.FiscalYear });
        b.HasIndex(x => x.OrganizationId);
        b.HasIndex(x => new { x.State, x.Deadline });
        b.HasOne<FeedbackLetter>().WithOne().HasForeignKey<Rectification>(x => x.LetterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.RectificationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.IsEditableByParty);
    }
}

internal sealed class RectificationItemConfiguration : IEntityTypeConfiguration<RectificationItem>
{
    public void Configure(EntityTypeBuilder<RectificationItem> b)
    {
        b.ToTable("RectificationItems");
        b.Property(x => x.Problem).HasMaxLength(1000);
        b.Property(x => x.Measures).HasMaxLength(4000);
        b.HasIndex(x => new { x.RectificationId, x.SortOrder }).IsUnique();
        b.HasMany(x => x.Evidence).WithOne().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Evidence).HasField("_evidence").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RectificationEvidenceConfiguration : IEntityTypeConfiguration<RectificationEvidence>
{
    public void Configure(EntityTypeBuilder<RectificationEvidence> b)
    {
        b.ToTable("RectificationEvidence");
        b.Property(x => x.OriginalName).HasMaxLength(200);
        b.Property(x => x.StoredName).HasMaxLength(80);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.UploadedByName).HasMaxLength(50);
        b.HasIndex(x => x.StoredName).IsUnique();
        b.HasOne<AttachmentContent>().WithOne().HasForeignKey<RectificationEvidence>(x => x.StoredName)
            .HasPrincipalKey<AttachmentContent>(c => c.StoredName).OnDelete(DeleteBehavior.Restrict);
    }
}
