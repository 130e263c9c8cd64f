using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zhenxing.Web.Features.Assessments;
using Zhenxing.Web.Features.Bulletins;
using Zhenxing.Web.Features.Imports;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Notifications;
using Zhenxing.Web.Features.Pairings;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Audit;

namespace Zhenxing.Web.Data;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> unit)
    {
        unit.Property(u => u.Name).HasMaxLength(200);
        unit.HasIndex(u => u.Name).IsUnique();
        unit.Property(u => u.Version).IsConcurrencyToken();
        unit.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        unit.HasMany(u => u.Aliases).WithOne().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UnitAliasConfiguration : IEntityTypeConfiguration<UnitAlias>
{
    public void Configure(EntityTypeBuilder<UnitAlias> alias)
    {
        alias.Property(a => a.Name).HasMaxLength(200);
        alias.HasIndex(a => a.Name).IsUnique();
    }
}

internal sealed class ItemListConfiguration : IEntityTypeConfiguration<ItemList>
{
    public void Configure(EntityTypeBuilder<ItemList> list)
    {
        list.Property(l => l.Title).HasMaxLength(500);
        list.Property(l => l.DocumentNumber).HasMaxLength(100);
        list.Property(l => l.Version).IsConcurrencyToken();
        list.HasOne(l => l.SourceDocument).WithMany().HasForeignKey(l => l.SourceDocumentId).OnDelete(DeleteBehavior.Restrict);
        list.HasIndex(l => new { l.DocumentNumber, l.Title });
        list.HasOne(l => l.IssuingUnit).WithMany().HasForeignKey(l => l.IssuingUnitId).OnDelete(DeleteBehavior.Restrict);
        list.HasMany(l => l.Categories).WithOne().HasForeignKey(c => c.ItemListId).OnDelete(DeleteBehavior.Cascade);
        list.HasMany(l => l.Items).WithOne(i => i.ItemList).HasForeignKey(i => i.ItemListId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> category)
    {
        category.Property(c => c.Number).HasMaxLength(20);
        category.Property(c => c.Title).HasMaxLength(500);
        category.Property(c => c.Path).HasMaxLength(200);
        category.HasIndex(c => new { c.ItemListId, c.Path }).IsUnique();
        category.Property(c => c.Version).IsConcurrencyToken();
        category.HasOne(c => c.Parent).WithMany(c => c.Children).HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> item)
    {
        item.Property(i => i.Number).HasMaxLength(20);
        item.Property(i => i.ShortTitle).HasMaxLength(500);
        item.Property(i => i.DeadlineText).HasMaxLength(100);
        item.Property(i => i.Version).IsConcurrencyToken();
        item.HasOne(i => i.Category).WithMany().HasForeignKey(i => i.CategoryId).OnDelete(DeleteBehavior.Restrict);
        item.HasMany(i => i.Units).WithOne().HasForeignKey(u => u.ItemId).OnDelete(DeleteBehavior.Cascade);
        item.Property(i => i.GroupReferences).HasMaxLength(1000);
        item.Property(i => i.Leaders).HasMaxLength(500);
        item.Property(i => i.SourceLocation).HasMaxLength(100);
        item.Property(i => i.WithdrawnReason).HasMaxLength(1000);
        item.Property(i => i.FlagReason).HasMaxLength(1000);
        item.HasMany(i => i.Instructions).WithOne(n => n.Item).HasForeignKey(n => n.ItemId).OnDelete(DeleteBehavior.Cascade);
        item.HasMany(i => i.Milestones).WithOne().HasForeignKey(m => m.ItemId).OnDelete(DeleteBehavior.Cascade);
        item.HasIndex(i => i.Deadline);
        item.HasIndex(i => new { i.ItemListId, i.Position });
        item.Ignore(i => i.EffectiveDeadline);
    }
}

internal sealed class ExtensionRequestConfiguration : IEntityTypeConfiguration<Features.Extensions.ExtensionRequest>
{
    public void Configure(EntityTypeBuilder<Features.Extensions.ExtensionRequest> request)
    {
        request.Property(r => r.Reason).HasMaxLength(Features.Extensions.RequestExtension.MaxText);
        request.Property(r => r.Progress).HasMaxLength(Features.Extensions.RequestExtension.MaxText);
        request.Property(r => r.DecisionReason).HasMaxLength(Features.Extensions.RequestExtension.MaxText);
        request.Property(r => r.RequestedByName).HasMaxLength(100);
        request.Property(r => r.DecidedByName).HasMaxLength(100);
        request.Property(r => r.Version).IsConcurrencyToken();
        request.HasOne(r => r.Item).WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Cascade);
        request.HasOne<Features.Units.Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        request.HasIndex(r => new { r.ItemId, r.Id });
        // One open request per item: the database says so too, when two liaisons ask at the same moment.
        request.HasIndex(r => r.ItemId).IsUnique().HasFilter("\"State\" = 'Pending'").HasDatabaseName("IX_ExtensionRequests_OnePending");
        request.HasIndex(r => r.State);
    }
}

internal sealed class ItemUnitConfiguration : IEntityTypeConfiguration<ItemUnit>
{
    public void Configure(EntityTypeBuilder<ItemUnit> itemUnit)
    {
        itemUnit.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        itemUnit.HasIndex(u => new { u.ItemId, u.UnitId, u.Role }).IsUnique();
        // A unit's items (the ledger filtered by a lead unit or a county): read from the index alone on PostgreSQL, not
        // from table pages scattered over the whole ledger.
        itemUnit.HasIndex(u => new { u.UnitId, u.Role }).IncludeProperties(u => new { u.ItemId });
        // Items with a lead unit, and each lead unit's items: read from the index alone on PostgreSQL.
        itemUnit.HasIndex(u => new { u.Role, u.ItemId }).IncludeProperties(u => new { u.UnitId })
            .HasDatabaseName("IX_ItemUnits_Role_ItemId");
        itemUnit.Property(u => u.AcknowledgedByName).HasMaxLength(100);
    }
}

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Features.Holidays.Holiday>
{
    public void Configure(EntityTypeBuilder<Features.Holidays.Holiday> holiday) => holiday.HasIndex(h => h.Date).IsUnique();
}

internal sealed class EscalationStepConfiguration : IEntityTypeConfiguration<EscalationStep>
{
    public void Configure(EntityTypeBuilder<EscalationStep> step)
    {
        step.HasOne<ReportingRound>().WithMany().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
        step.HasIndex(s => new { s.RoundId, s.ItemId, s.UnitId, s.Level }).IsUnique();
    }
}

internal sealed class SupervisionConfiguration : IEntityTypeConfiguration<Supervision>
{
    public void Configure(EntityTypeBuilder<Supervision> supervision)
    {
        supervision.HasOne<ReportingRound>().WithMany().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
        supervision.HasOne<Item>().WithMany().HasForeignKey(s => s.ItemId).OnDelete(DeleteBehavior.Cascade);
        supervision.HasOne(s => s.Unit).WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        supervision.Property(s => s.Reason).HasMaxLength(500);
        supervision.HasIndex(s => new { s.RoundId, s.ItemId, s.UnitId }).IsUnique();
        supervision.HasIndex(s => new { s.ItemId, s.ClosedAt });
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.Property(u => u.UserName).HasMaxLength(100);
        user.HasIndex(u => u.UserName).IsUnique();
        user.Property(u => u.DisplayName).HasMaxLength(100);
        user.Property(u => u.Email).HasMaxLength(200);
        user.Property(u => u.SecurityStamp).HasMaxLength(32);
        user.Property(u => u.Version).IsConcurrencyToken();
        user.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> audit)
    {
        audit.Property(a => a.Actor).HasMaxLength(100);
        audit.Property(a => a.EntityType).HasMaxLength(100);
        audit.Property(a => a.EntityId).HasMaxLength(100);
        audit.HasIndex(a => new { a.EntityType, a.EntityId });
        audit.HasIndex(a => a.ItemId);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Infrastructure.Auth.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Infrastructure.Auth.DataProtectionKey> key) => key.Property(k => k.FriendlyName).HasMaxLength(200);
}

internal sealed class SourceDocumentConfiguration : IEntityTypeConfiguration<SourceDocument>
{
    public void Configure(EntityTypeBuilder<SourceDocument> document)
    {
        document.Property(d => d.FileName).HasMaxLength(260);
        document.Property(d => d.Sha256).HasMaxLength(64);
        document.HasIndex(d => d.Sha256);
        document.Property(d => d.ConfirmedSha256).HasMaxLength(64);
        // One file's content is imported once, however many uploads of it are confirmed at the same moment.
        document.HasIndex(d => d.ConfirmedSha256).IsUnique();
        document.Property(d => d.Version).IsConcurrencyToken();
    }
}

internal sealed class PairingSchemeConfiguration : IEntityTypeConfiguration<PairingScheme>
{
    public void Configure(EntityTypeBuilder<PairingScheme> scheme)
    {
        scheme.Property(s => s.Title).HasMaxLength(500);
        scheme.Property(s => s.DocumentNumber).HasMaxLength(100);
        scheme.Property(s => s.Version).IsConcurrencyToken();
        scheme.HasOne(s => s.SourceDocument).WithMany().HasForeignKey(s => s.SourceDocumentId).OnDelete(DeleteBehavior.Restrict);
        scheme.HasMany(s => s.Pairings).WithOne().HasForeignKey(p => p.SchemeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PairingConfiguration : IEntityTypeConfiguration<Pairing>
{
    public void Configure(EntityTypeBuilder<Pairing> pairing)
    {
        pairing.Property(p => p.CountyNote).HasMaxLength(200);
        pairing.Property(p => p.City).HasMaxLength(100);
        pairing.Property(p => p.EndReason).HasMaxLength(500);
        pairing.HasOne<Pairing>().WithMany().HasForeignKey(p => p.ReplacedById).OnDelete(DeleteBehavior.Restrict);
        pairing.Property(p => p.Version).IsConcurrencyToken();
        pairing.HasOne(p => p.SupportingUnit).WithMany().HasForeignKey(p => p.SupportingUnitId).OnDelete(DeleteBehavior.Restrict);
        pairing.HasOne(p => p.County).WithMany().HasForeignKey(p => p.CountyUnitId).OnDelete(DeleteBehavior.Restrict);
        pairing.HasIndex(p => new { p.SchemeId, p.SupportingUnitId, p.CountyUnitId }).IsUnique();
    }
}

internal sealed class InstructionConfiguration : IEntityTypeConfiguration<Instruction>
{
    public void Configure(EntityTypeBuilder<Instruction> instruction)
    {
        instruction.Property(i => i.Text).HasMaxLength(4000);
        instruction.Property(i => i.Answer).HasMaxLength(4000);
        instruction.Property(i => i.LeaderName).HasMaxLength(100);
        instruction.Property(i => i.AnsweredByName).HasMaxLength(100);
        instruction.Property(i => i.Version).IsConcurrencyToken();
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.Property(n => n.Text).HasMaxLength(1000);
        notification.Property(n => n.Link).HasMaxLength(500);
        notification.HasIndex(n => new { n.UnitId, n.ReadAt });
        notification.HasIndex(n => new { n.UserId, n.ReadAt });
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.Property(k => k.Name).HasMaxLength(100);
        key.Property(k => k.Prefix).HasMaxLength(20);
        key.Property(k => k.Hash).HasMaxLength(64);
        key.HasIndex(k => k.Hash).IsUnique();
        key.HasOne(k => k.User).WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportingRoundConfiguration : IEntityTypeConfiguration<ReportingRound>
{
    public void Configure(EntityTypeBuilder<ReportingRound> round)
    {
        round.Property(r => r.Name).HasMaxLength(200);
        round.Property(r => r.Version).IsConcurrencyToken();
        round.HasMany(r => r.Lists).WithOne().HasForeignKey(l => l.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoundListConfiguration : IEntityTypeConfiguration<RoundList>
{
    public void Configure(EntityTypeBuilder<RoundList> roundList)
    {
        roundList.HasOne<ItemList>().WithMany().HasForeignKey(l => l.ItemListId).OnDelete(DeleteBehavior.Restrict);
        roundList.HasIndex(l => new { l.RoundId, l.ItemListId }).IsUnique();
    }
}

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> report)
    {
        report.Property(r => r.Narrative).HasMaxLength(8000);
        report.Property(r => r.Problems).HasMaxLength(4000);
        report.Property(r => r.NextSteps).HasMaxLength(4000);
        report.Property(r => r.Figures).HasMaxLength(2000);
        report.Property(r => r.ReturnReason).HasMaxLength(1000);
        report.Property(r => r.UpdatedByName).HasMaxLength(100);
        report.Property(r => r.SubmittedByName).HasMaxLength(100);
        report.Property(r => r.ReviewedByName).HasMaxLength(100);
        report.Property(r => r.Version).IsConcurrencyToken();
        report.HasOne(r => r.Round).WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Restrict);
        report.HasOne(r => r.Item).WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Restrict);
        report.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        report.HasIndex(r => new { r.RoundId, r.ItemId, r.UnitId }).IsUnique();
        report.HasIndex(r => new { r.ItemId, r.State });
        // The light rules and the dashboard read reports as sets (a round's lead reports; those submitted since a date):
        // on PostgreSQL these indexes carry what they need, so the sets come from the index alone.
        report.HasIndex(r => new { r.RoundId, r.Role, r.State }).IncludeProperties(r => new { r.ItemId, r.UnitId, r.Late })
            .HasDatabaseName("IX_ProgressReports_RoundId_Role_State");
        report.HasIndex(r => new { r.Role, r.State, r.SubmittedAt }).IncludeProperties(r => new { r.ItemId })
            .HasDatabaseName("IX_ProgressReports_Role_State_SubmittedAt");
    }
}

internal sealed class EvidenceConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> evidence)
    {
        evidence.Property(e => e.FileName).HasMaxLength(260);
        evidence.Property(e => e.ContentType).HasMaxLength(100);
        evidence.Property(e => e.UploadedByName).HasMaxLength(100);
        evidence.HasOne<ProgressReport>().WithMany(r => r.Evidence).HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
        evidence.HasIndex(e => e.ReportId);
    }
}

internal sealed class RoundItemStatusConfiguration : IEntityTypeConfiguration<RoundItemStatus>
{
    public void Configure(EntityTypeBuilder<RoundItemStatus> status)
    {
        status.HasOne<ReportingRound>().WithMany().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
        status.HasOne<Item>().WithMany().HasForeignKey(s => s.ItemId).OnDelete(DeleteBehavior.Restrict);
        status.HasIndex(s => new { s.RoundId, s.ItemId }).IsUnique();
    }
}

internal sealed class ReminderLogConfiguration : IEntityTypeConfiguration<ReminderLog>
{
    public void Configure(EntityTypeBuilder<ReminderLog> log)
    {
        log.Property(l => l.Step).HasMaxLength(40);
        log.HasOne<ReportingRound>().WithMany().HasForeignKey(l => l.RoundId).OnDelete(DeleteBehavior.Cascade);
        log.HasIndex(l => new { l.RoundId, l.UnitId, l.Step }).IsUnique();
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> milestone)
    {
        milestone.Property(m => m.Description).HasMaxLength(1000);
        milestone.Property(m => m.Version).IsConcurrencyToken();
        milestone.HasIndex(m => new { m.ItemId, m.DueOn });
    }
}

internal sealed class AssessmentMethodConfiguration : IEntityTypeConfiguration<AssessmentMethod>
{
    public void Configure(EntityTypeBuilder<AssessmentMethod> method)
    {
        method.Property(m => m.Title).HasMaxLength(200);
        method.Property(m => m.CreatedByName).HasMaxLength(100);
        method.Property(m => m.Version).IsConcurrencyToken();
        method.HasMany(m => m.Lists).WithOne().HasForeignKey(l => l.MethodId).OnDelete(DeleteBehavior.Cascade);
        method.HasIndex(m => m.Year);
    }
}

internal sealed class AssessmentListConfiguration : IEntityTypeConfiguration<AssessmentList>
{
    public void Configure(EntityTypeBuilder<AssessmentList> list)
    {
        list.HasOne<ItemList>().WithMany().HasForeignKey(l => l.ItemListId).OnDelete(DeleteBehavior.Restrict);
        list.HasIndex(l => new { l.MethodId, l.ItemListId }).IsUnique();
    }
}

internal sealed class AssessmentAdjustmentConfiguration : IEntityTypeConfiguration<AssessmentAdjustment>
{
    public void Configure(EntityTypeBuilder<AssessmentAdjustment> adjustment)
    {
        adjustment.Property(a => a.Points).HasPrecision(6, 1);
        adjustment.Property(a => a.Reason).HasMaxLength(1000);
        adjustment.Property(a => a.CreatedByName).HasMaxLength(100);
        adjustment.HasOne<AssessmentMethod>().WithMany().HasForeignKey(a => a.MethodId).OnDelete(DeleteBehavior.Cascade);
        adjustment.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        adjustment.HasIndex(a => new { a.MethodId, a.UnitId });
    }
}

internal sealed class BulletinConfiguration : IEntityTypeConfiguration<Bulletin>
{
    public void Configure(EntityTypeBuilder<Bulletin> bulletin)
    {
        bulletin.Property(b => b.Title).HasMaxLength(100);
        bulletin.Property(b => b.IssuingOrgan).HasMaxLength(100);
        bulletin.Property(b => b.PublishedByName).HasMaxLength(100);
        bulletin.Property(b => b.CreatedByName).HasMaxLength(100);
        bulletin.Property(b => b.UpdatedByName).HasMaxLength(100);
        bulletin.Property(b => b.Version).IsConcurrencyToken();
        bulletin.Ignore(b => b.IssueLine);
        // 第N期 counts within the year of publishing; drafts have neither.
        bulletin.HasIndex(b => new { b.Year, b.Number }).IsUnique();
        bulletin.HasMany(b => b.Sections).WithOne().HasForeignKey(s => s.BulletinId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BulletinSectionConfiguration : IEntityTypeConfiguration<BulletinSection>
{
    public void Configure(EntityTypeBuilder<BulletinSection> section)
    {
        section.Property(s => s.Heading).HasMaxLength(100);
        section.Property(s => s.Text).HasMaxLength(EditBulletin.MaxSectionText);
        section.HasIndex(s => new { s.BulletinId, s.Position });
    }
}
internal sealed class PairingActivityConfiguration : IEntityTypeConfiguration<PairingActivity>
{
    public void Configure(EntityTypeBuilder<PairingActivity> activity)
    {
        activity.Property(a => a.Title).HasMaxLength(500);
        activity.Property(a => a.People).HasMaxLength(500);
        activity.Property(a => a.Counterpart).HasMaxLength(500);
        activity.Property(a => a.Post).HasMaxLength(200);
        activity.Property(a => a.Batch).HasMaxLength(100);
        activity.Property(a => a.Notes).HasMaxLength(4000);
        activity.Property(a => a.Amount).HasPrecision(14, 2);
        activity.Property(a => a.CreatedByName).HasMaxLength(100);
        activity.Property(a => a.Version).IsConcurrencyToken();
        activity.HasOne(a => a.Pairing).WithMany().HasForeignKey(a => a.PairingId).OnDelete(DeleteBehavior.Restrict);
        activity.HasIndex(a => new { a.PairingId, a.OccurredOn });
        activity.HasIndex(a => new { a.Kind, a.OccurredOn });
    }
}

internal sealed class LiaisonTripConfiguration : IEntityTypeConfiguration<Features.Trips.LiaisonTrip>
{
    public void Configure(EntityTypeBuilder<Features.Trips.LiaisonTrip> trip)
    {
        trip.Property(t => t.People).HasMaxLength(500);
        trip.Property(t => t.Destination).HasMaxLength(200);
        trip.Property(t => t.Outcome).HasMaxLength(4000);
        trip.Property(t => t.CreatedByName).HasMaxLength(100);
        trip.Property(t => t.Version).IsConcurrencyToken();
        trip.HasOne(t => t.Unit).WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        trip.HasOne(t => t.DestinationUnit).WithMany().HasForeignKey(t => t.DestinationUnitId).OnDelete(DeleteBehavior.Restrict);
        trip.HasMany(t => t.Items).WithOne().HasForeignKey(i => i.TripId).OnDelete(DeleteBehavior.Cascade);
        trip.HasIndex(t => new { t.UnitId, t.TravelledOn });
        trip.HasIndex(t => t.TravelledOn);
    }
}

internal sealed class TripItemConfiguration : IEntityTypeConfiguration<Features.Trips.TripItem>
{
    public void Configure(EntityTypeBuilder<Features.Trips.TripItem> tripItem)
    {
        tripItem.HasOne<Item>().WithMany().HasForeignKey(i => i.ItemId).OnDelete(DeleteBehavior.Restrict);
        tripItem.HasIndex(i => new { i.TripId, i.ItemId }).IsUnique();
        tripItem.HasIndex(i => i.ItemId);
    }
}

internal sealed class TripRuleConfiguration : IEntityTypeConfiguration<Features.Trips.TripRule>
{
    public void Configure(EntityTypeBuilder<Features.Trips.TripRule> rule) => rule.Property(r => r.Version).IsConcurrencyToken();
}
