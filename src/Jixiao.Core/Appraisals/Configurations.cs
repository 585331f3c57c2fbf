using Jixiao.Core.Attachments;
using Jixiao.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jixiao.Core.Appraisals;

internal sealed class AppraisalRoundConfiguration : IEntityTypeConfiguration<AppraisalRound>
{
    public void Configure(EntityTypeBuilder<AppraisalRound> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.CreatedByName).HasMaxLength(50);
        b.Property(x => x.GradeExcellent).HasPrecision(7, 2);
        b.Property(x => x.GradeGood).HasPrecision(7, 2);
        b.Property(x => x.GradeFair).HasPrecision(7, 2);
        b.Property(x => x.DeductionPerFinding).HasPrecision(7, 2);
        b.HasIndex(x => new { x.RegionId, x.FiscalYear, x.Kind }).IsUnique();
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RuleSets.RuleSet>().WithMany().HasForeignKey(x => x.RuleSetId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Sheets).WithOne().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Sheets).HasField("_sheets").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.Bands);
    }
}

internal sealed class AppraisalSheetConfiguration : IEntityTypeConfiguration<AppraisalSheet>
{
    public void Configure(EntityTypeBuilder<AppraisalSheet> b)
    {
        b.Property(x => x.SubjectName).HasMaxLength(200);
        b.Property(x => x.ReviewedByName).HasMaxLength(50);
        b.Property(x => x.SelfTotal).HasPrecision(7, 2);
        b.Property(x => x.ReviewTotal).HasPrecision(7, 2);
        b.HasIndex(x => new { x.RoundId, x.SubjectKind, x.SubjectId }).IsUnique();
        b.HasIndex(x => new { x.SubjectKind, x.SubjectId });
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.SheetId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.FollowUps).WithOne().HasForeignKey(f => f.SheetId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.FollowUps).HasField("_followUps").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.Subject);
    }
}

internal sealed class AppraisalLineConfiguration : IEntityTypeConfiguration<AppraisalLine>
{
    public void Configure(EntityTypeBuilder<AppraisalLine> b)
    {
        b.Property(x => x.ItemCode).HasMaxLength(60);
        b.Property(x => x.ItemName).HasMaxLength(100);
        b.Property(x => x.Code).HasMaxLength(60);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Standard).HasMaxLength(2000);
        b.Property(x => x.Measure).HasMaxLength(60);
        b.Property(x => x.MeasureExplanation).HasMaxLength(2000);
        b.Property(x => x.SelfExplanation).HasMaxLength(2000);
        b.Property(x => x.ReviewReason).HasMaxLength(2000);
        b.Property(x => x.ItemPoints).HasPrecision(7, 2);
        b.Property(x => x.Points).HasPrecision(7, 2);
        b.Property(x => x.Share).HasPrecision(9, 6);
        b.Property(x => x.ComputedScore).HasPrecision(20, 10);
        b.Property(x => x.SelfScore).HasPrecision(20, 10);
        b.Property(x => x.ReviewScore).HasPrecision(20, 10);
        b.HasIndex(x => new { x.SheetId, x.SortOrder });
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(a => a.LineId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Attachments).HasField("_attachments").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.Evidence);
        b.Ignore(x => x.IsComputed);
        b.Ignore(x => x.SelfValue);
    }
}

internal sealed class AppraisalAttachmentConfiguration : IEntityTypeConfiguration<AppraisalAttachment>
{
    public void Configure(EntityTypeBuilder<AppraisalAttachment> b)
    {
        b.Property(x => x.OriginalName).HasMaxLength(200);
        b.Property(x => x.StoredName).HasMaxLength(80);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.UploadedByName).HasMaxLength(50);
        b.HasIndex(x => x.StoredName).IsUnique();
        b.HasOne<AttachmentContent>().WithOne().HasForeignKey<AppraisalAttachment>(x => x.StoredName)
            .HasPrincipalKey<AttachmentContent>(c => c.StoredName).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AppraisalFollowUpConfiguration : IEntityTypeConfiguration<AppraisalFollowUp>
{
    public void Configure(EntityTypeBuilder<AppraisalFollowUp> b)
    {
        b.Property(x => x.Text).HasMaxLength(4000);
        b.Property(x => x.RecordedByName).HasMaxLength(50);
    }
}
