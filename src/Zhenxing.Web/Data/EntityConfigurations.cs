using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zhenxing.Web.Features.Items;
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
        item.HasIndex(i => new { i.ItemListId, i.Position });
    }
}

internal sealed class ItemUnitConfiguration : IEntityTypeConfiguration<ItemUnit>
{
    public void Configure(EntityTypeBuilder<ItemUnit> itemUnit)
    {
        itemUnit.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        itemUnit.HasIndex(u => new { u.ItemId, u.UnitId, u.Role }).IsUnique();
        itemUnit.HasIndex(u => new { u.UnitId, u.Role });
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.Property(u => u.UserName).HasMaxLength(100);
        user.HasIndex(u => u.UserName).IsUnique();
        user.Property(u => u.DisplayName).HasMaxLength(100);
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
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Infrastructure.Auth.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Infrastructure.Auth.DataProtectionKey> key) => key.Property(k => k.FriendlyName).HasMaxLength(200);
}
