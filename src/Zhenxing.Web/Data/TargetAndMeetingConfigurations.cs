using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zhenxing.Web.Features.Imports;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Meetings;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Targets;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Data;

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> target)
    {
        target.Property(t => t.Title).HasMaxLength(200);
        target.Property(t => t.MeasureUnit).HasMaxLength(20);
        target.Property(t => t.BaselineValue).HasPrecision(18, 4);
        target.Property(t => t.TargetValue).HasPrecision(18, 4);
        target.Property(t => t.SourceName).HasMaxLength(200);
        target.Property(t => t.SourceSentence).HasMaxLength(2000);
        target.Property(t => t.Note).HasMaxLength(1000);
        target.Property(t => t.CreatedByName).HasMaxLength(100);
        target.Property(t => t.Version).IsConcurrencyToken();
        target.HasOne(t => t.OwnerUnit).WithMany().HasForeignKey(t => t.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        target.HasOne<SourceDocument>().WithMany().HasForeignKey(t => t.SourceDocumentId).OnDelete(DeleteBehavior.Restrict);
        target.HasMany(t => t.Milestones).WithOne().HasForeignKey(m => m.TargetId).OnDelete(DeleteBehavior.Cascade);
        target.HasIndex(t => t.OwnerUnitId);
    }
}

internal sealed class TargetMilestoneConfiguration : IEntityTypeConfiguration<TargetMilestone>
{
    public void Configure(EntityTypeBuilder<TargetMilestone> milestone)
    {
        milestone.Property(m => m.Value).HasPrecision(18, 4);
        milestone.HasIndex(m => new { m.TargetId, m.Year }).IsUnique();
    }
}

internal sealed class TargetReportConfiguration : IEntityTypeConfiguration<TargetReport>
{
    public void Configure(EntityTypeBuilder<TargetReport> report)
    {
        report.Property(r => r.Value).HasPrecision(18, 4);
        report.Property(r => r.Note).HasMaxLength(2000);
        report.Property(r => r.ReturnReason).HasMaxLength(1000);
        report.Property(r => r.SubmittedByName).HasMaxLength(100);
        report.Property(r => r.ReviewedByName).HasMaxLength(100);
        report.Property(r => r.Version).IsConcurrencyToken();
        report.HasOne(r => r.Target).WithMany().HasForeignKey(r => r.TargetId).OnDelete(DeleteBehavior.Cascade);
        report.HasOne(r => r.Round).WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Restrict);
        report.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        report.HasMany(r => r.Evidence).WithOne().HasForeignKey(e => e.TargetReportId).OnDelete(DeleteBehavior.Cascade);
        // One value per target and round: a return is answered by resubmitting the same report.
        report.HasIndex(r => new { r.RoundId, r.TargetId }).IsUnique();
        report.HasIndex(r => new { r.TargetId, r.State, r.AsOf });
    }
}

internal sealed class TargetEvidenceConfiguration : IEntityTypeConfiguration<TargetEvidence>
{
    public void Configure(EntityTypeBuilder<TargetEvidence> evidence)
    {
        evidence.Property(e => e.FileName).HasMaxLength(260);
        evidence.Property(e => e.ContentType).HasMaxLength(100);
        evidence.Property(e => e.UploadedByName).HasMaxLength(100);
        evidence.HasIndex(e => e.TargetReportId);
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> meeting)
    {
        meeting.Property(m => m.Title).HasMaxLength(200);
        meeting.Property(m => m.CreatedByName).HasMaxLength(100);
        meeting.Property(m => m.Version).IsConcurrencyToken();
        meeting.HasMany(m => m.Matters).WithOne(m => m.Meeting).HasForeignKey(m => m.MeetingId).OnDelete(DeleteBehavior.Cascade);
        meeting.HasIndex(m => m.HeldOn);
    }
}

internal sealed class MeetingMatterConfiguration : IEntityTypeConfiguration<MeetingMatter>
{
    public void Configure(EntityTypeBuilder<MeetingMatter> matter)
    {
        matter.Property(m => m.Text).HasMaxLength(2000);
        matter.Property(m => m.Decision).HasMaxLength(2000);
        matter.Property(m => m.Version).IsConcurrencyToken();
        matter.HasOne(m => m.LeadUnit).WithMany().HasForeignKey(m => m.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        matter.HasMany(m => m.Items).WithOne().HasForeignKey(i => i.MatterId).OnDelete(DeleteBehavior.Cascade);
        matter.HasMany(m => m.Progress).WithOne().HasForeignKey(p => p.MatterId).OnDelete(DeleteBehavior.Cascade);
        matter.HasIndex(m => new { m.MeetingId, m.Position });
        matter.HasIndex(m => m.LeadUnitId);
    }
}

internal sealed class MeetingMatterItemConfiguration : IEntityTypeConfiguration<MeetingMatterItem>
{
    public void Configure(EntityTypeBuilder<MeetingMatterItem> link)
    {
        link.HasOne<Item>().WithMany().HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Restrict);
        link.HasIndex(l => new { l.MatterId, l.ItemId }).IsUnique();
        link.HasIndex(l => l.ItemId);
    }
}

internal sealed class MatterProgressConfiguration : IEntityTypeConfiguration<MatterProgress>
{
    public void Configure(EntityTypeBuilder<MatterProgress> progress)
    {
        progress.Property(p => p.Note).HasMaxLength(2000);
        progress.Property(p => p.ByName).HasMaxLength(100);
        progress.HasIndex(p => new { p.MatterId, p.At });
    }
}
