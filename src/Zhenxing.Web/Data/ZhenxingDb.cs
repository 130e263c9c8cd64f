using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Zhenxing.Web.Features.Assessments;
using Zhenxing.Web.Features.Bulletins;
using Zhenxing.Web.Features.Imports;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Meetings;
using Zhenxing.Web.Features.Notifications;
using Zhenxing.Web.Features.Pairings;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Targets;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Audit;
using Zhenxing.Web.Infrastructure.Auth;

namespace Zhenxing.Web.Data;

/// <summary>
/// The one database of Zhenxing. Provider-specific subclasses exist only so that each provider
/// has its own migrations; everything else injects <see cref="ZhenxingDb"/>.
/// Every save bumps the version of edited rows and writes an <see cref="AuditEntry"/> per change,
/// in the same transaction as the change.
/// </summary>
public abstract class ZhenxingDb(DbContextOptions options, ICurrentActor actor, TimeProvider clock) : DbContext(options)
{
    private static readonly JsonSerializerOptions AuditJson = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly HashSet<string> SecretProperties = [nameof(User.PasswordHash), nameof(User.SecurityStamp), nameof(Features.ApiKeys.ApiKey.Hash),
        nameof(Features.Digests.UnitChannel.WebhookUrl), nameof(Features.Digests.UnitChannel.WebhookSecret)];

    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<UnitAlias> UnitAliases => Set<UnitAlias>();
    public DbSet<ItemList> ItemLists => Set<ItemList>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Item> Items => Set<Item>();
    public DbSet<ItemUnit> ItemUnits => Set<ItemUnit>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Features.Account.SignInFailure> SignInFailures => Set<Features.Account.SignInFailure>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SourceDocument> SourceDocuments => Set<SourceDocument>();
    public DbSet<PairingScheme> PairingSchemes => Set<PairingScheme>();
    public DbSet<Pairing> Pairings => Set<Pairing>();
    public DbSet<Instruction> Instructions => Set<Instruction>();
    public DbSet<Features.Extensions.ExtensionRequest> ExtensionRequests => Set<Features.Extensions.ExtensionRequest>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ReportingRound> ReportingRounds => Set<ReportingRound>();
    public DbSet<RoundList> RoundLists => Set<RoundList>();
    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();
    public DbSet<Evidence> Evidence => Set<Evidence>();
    public DbSet<RoundItemStatus> RoundItemStatuses => Set<RoundItemStatus>();
    public DbSet<ReminderLog> ReminderLogs => Set<ReminderLog>();
    public DbSet<EscalationStep> EscalationSteps => Set<EscalationStep>();
    public DbSet<Supervision> Supervisions => Set<Supervision>();
    public DbSet<Features.Holidays.Holiday> Holidays => Set<Features.Holidays.Holiday>();
    public DbSet<Features.Digests.DigestLog> DigestLogs => Set<Features.Digests.DigestLog>();
    public DbSet<Features.Digests.UnitChannel> UnitChannels => Set<Features.Digests.UnitChannel>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<AssessmentMethod> AssessmentMethods => Set<AssessmentMethod>();
    public DbSet<AssessmentList> AssessmentLists => Set<AssessmentList>();
    public DbSet<AssessmentAdjustment> AssessmentAdjustments => Set<AssessmentAdjustment>();
    public DbSet<Bulletin> Bulletins => Set<Bulletin>();
    public DbSet<BulletinSection> BulletinSections => Set<BulletinSection>();
    public DbSet<PairingActivity> PairingActivities => Set<PairingActivity>();
    public DbSet<Features.Trips.LiaisonTrip> LiaisonTrips => Set<Features.Trips.LiaisonTrip>();
    public DbSet<Features.Trips.TripItem> TripItems => Set<Features.Trips.TripItem>();
    public DbSet<Features.Trips.TripRule> TripRules => Set<Features.Trips.TripRule>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<TargetMilestone> TargetMilestones => Set<TargetMilestone>();
    public DbSet<TargetReport> TargetReports => Set<TargetReport>();
    public DbSet<TargetEvidence> TargetEvidence => Set<TargetEvidence>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingMatter> MeetingMatters => Set<MeetingMatter>();
    public DbSet<MeetingMatterItem> MeetingMatterItems => Set<MeetingMatterItem>();
    public DbSet<MatterProgress> MatterProgress => Set<MatterProgress>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ZhenxingDb).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: it writes the audit log in the same transaction.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampLeadAssignments();
        var pending = CapturePendingAudit();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (!pending.Any(p => p.Entry.Properties.Any(property => property.IsTemporary)))
        {
            // Every key is known already (edits, deletions): the audit rows go in the same batch, one round trip, in
            // the transaction SaveChanges opens for a batch of several statements.
            AddAuditEntries(pending);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) - pending.Count;
        }

        await using var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;

        // In a transaction of our own a failure ends it, so EF's savepoint around each save would be two round trips
        // for nothing. A caller's transaction keeps them: it may go on after a failed save (a conflict is reported).
        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = savepoints && ownTransaction is null;
        try
        {
            // Generated keys are known only after the first save, so the audit rows follow in a second one.
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            AddAuditEntries(pending);
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            return written;
        }
        finally
        {
            Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>
    /// 签收: a unit newly made lead unit of an item (by an import, the ledger's bulk assign, a split or an edit) waits
    /// for its acknowledgement. One place for every path that assigns; a lead row replaced by the same unit in the same
    /// save (a re-import rewrites an item's units) keeps its assignment and acknowledgement.
    /// </summary>
    private void StampLeadAssignments()
    {
        var entries = ChangeTracker.Entries<ItemUnit>().ToList();
        if (entries.Count == 0)
        {
            return;
        }
        var replaced = entries.Where(e => e.State == EntityState.Deleted && e.Entity.Role == ItemUnitRole.Lead)
            .GroupBy(e => (e.Entity.ItemId, e.Entity.UnitId)).ToDictionary(g => g.Key, g => g.First().Entity);
        var now = clock.GetUtcNow();
        foreach (var entry in entries)
        {
            var row = entry.Entity;
            var becameLead = entry.State == EntityState.Added
                || (entry.State == EntityState.Modified && entry.Property(u => u.Role).IsModified && entry.Property(u => u.Role).OriginalValue != ItemUnitRole.Lead);
            if (!becameLead || row.Role != ItemUnitRole.Lead || row.AssignedAt is not null)
            {
                continue;
            }
            if (entry.State == EntityState.Added && replaced.TryGetValue((row.ItemId, row.UnitId), out var before))
            {
                (row.AssignedAt, row.AcknowledgedAt, row.AcknowledgedByName, row.AcknowledgementChasedAt) =
                    (before.AssignedAt, before.AcknowledgedAt, before.AcknowledgedByName, before.AcknowledgementChasedAt);
                continue;
            }
            row.AssignedAt = now;
        }
    }

    private void AddAuditEntries(List<PendingAudit> pending)
    {
        var now = clock.GetUtcNow();
        foreach (var change in pending)
        {
            AuditEntries.Add(new AuditEntry
            {
                At = now,
                UserId = actor.UserId,
                Actor = actor.Name,
                Action = change.Action,
                EntityType = change.Entry.Metadata.ClrType.Name,
                EntityId = KeyOf(change.Entry),
                ItemId = ItemOf(change.Entry),
                Before = change.Before,
                After = change.Action == AuditAction.Deleted ? null : Snapshot(change.Entry, current: true),
            });
        }
    }

    private List<PendingAudit> CapturePendingAudit()
    {
        var pending = new List<PendingAudit>();
        foreach (var entry in ChangeTracker.Entries().ToList())
        {
            // Key rotation is the framework's housekeeping, not a change anybody made.
            if (entry.Entity is DataProtectionKey)
            {
                continue;
            }
            if (entry.Entity is AuditEntry)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("The audit log is append-only.");
                }
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    pending.Add(new PendingAudit(entry, AuditAction.Added, null));
                    break;
                case EntityState.Modified:
                    if (entry.Entity is IVersioned modified)
                    {
                        modified.Version++;
                    }
                    pending.Add(new PendingAudit(entry, AuditAction.Modified, Snapshot(entry, current: false)));
                    break;
                case EntityState.Deleted:
                    pending.Add(new PendingAudit(entry, AuditAction.Deleted, Snapshot(entry, current: false)));
                    break;
            }
        }
        return pending;
    }

    private static int? ItemOf(EntityEntry entry) =>
        entry.Entity is Item item ? item.Id
        : entry.Metadata.FindProperty(nameof(ItemUnit.ItemId)) is { } property ? entry.Property(property.Name).CurrentValue as int?
        : null;

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));

    private static string Snapshot(EntityEntry entry, bool current) =>
        Snapshot(entry.Properties.Select(p => (p.Metadata.Name, current ? p.CurrentValue : p.OriginalValue)));

    /// <summary>A row as the audit log keeps it: a JSON object of its properties in ordinal order, secrets and file contents masked.</summary>
    internal static string Snapshot(IEnumerable<(string Name, object? Value)> properties)
    {
        var sorted = properties.ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = AuditJson.Encoder }))
        {
            json.WriteStartObject();
            for (var i = 0; i < sorted.Count; i++)
            {
                var (name, value) = sorted[i];
                if (i + 1 < sorted.Count && sorted[i + 1].Name == name)
                {
                    continue; // the last value of a name wins, as in a dictionary
                }
                json.WritePropertyName(name);
                object? shown = SecretProperties.Contains(name) ? "***"
                    : value is byte[] bytes ? $"<{bytes.Length} 字节>"
                    : value;
                if (shown is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    JsonSerializer.Serialize(json, shown, shown.GetType(), AuditJson);
                }
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Adds many new rows of one table at once, as <see cref="SaveChangesAsync(bool, CancellationToken)"/> would and with
    /// the same audit entries, but without tracking them: on PostgreSQL by binary COPY with ids drawn from the table's
    /// identity sequence first (the entities get them), elsewhere through a save. For imports of thousands of items,
    /// where tracking each one costs seconds. Runs in the current transaction; the caller should have one.
    /// </summary>
    /// <param name="itemOf">The item each row belongs to, for the item's history (as in the audit log of a save).</param>
    public async Task AddManyAsync<T>(IReadOnlyList<T> entities, Func<T, int?> itemOf, CancellationToken cancellationToken) where T : class
    {
        if (entities.Count == 0)
        {
            return;
        }
        if (!Database.IsNpgsql())
        {
            Set<T>().AddRange(entities);
            await SaveChangesAsync(cancellationToken);
            return;
        }
        var connection = (Npgsql.NpgsqlConnection)Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await Database.OpenConnectionAsync(cancellationToken);
        }
        var entityType = Model.FindEntityType(typeof(T))!;
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var table = entityType.GetTableName()!;
        await using (var reserve = new Npgsql.NpgsqlCommand($"SELECT nextval(pg_get_serial_sequence(@table, @column)) FROM generate_series(1, @count)", connection))
        {
            reserve.Parameters.AddWithValue("table", $"\"{table}\"");
            reserve.Parameters.AddWithValue("column", key.GetColumnName());
            reserve.Parameters.AddWithValue("count", entities.Count);
            await using var reader = await reserve.ExecuteReaderAsync(cancellationToken);
            foreach (var entity in entities)
            {
                await reader.ReadAsync(cancellationToken);
                key.PropertyInfo!.SetValue(entity, Convert.ChangeType(reader.GetInt64(0), key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        var properties = entityType.GetProperties().ToList();
        await CopyAsync(connection, entityType, properties, entities, cancellationToken);

        var now = clock.GetUtcNow();
        var audit = entities.Select(entity => new AuditEntry
        {
            At = now,
            UserId = actor.UserId,
            Actor = actor.Name,
            Action = AuditAction.Added,
            EntityType = typeof(T).Name,
            EntityId = Convert.ToString(key.PropertyInfo!.GetValue(entity), System.Globalization.CultureInfo.InvariantCulture)!,
            ItemId = itemOf(entity),
            After = Snapshot(properties.Select(p => (p.Name, p.PropertyInfo!.GetValue(entity)))),
        }).ToList();
        var auditType = Model.FindEntityType(typeof(AuditEntry))!;
        await CopyAsync(connection, auditType, auditType.GetProperties().Where(p => !p.IsPrimaryKey()).ToList(), audit, cancellationToken);
    }

    private static async Task CopyAsync<T>(Npgsql.NpgsqlConnection connection, Microsoft.EntityFrameworkCore.Metadata.IEntityType entityType,
        List<Microsoft.EntityFrameworkCore.Metadata.IProperty> properties, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var columns = properties.Select(p => (
            Get: p.PropertyInfo ?? throw new InvalidOperationException($"{entityType.DisplayName()}.{p.Name} has no CLR property to copy from."),
            p.GetTypeMapping().Converter,
            Type: CopyType(p.GetColumnType())))
            .ToList();
        var sql = $"COPY \"{entityType.GetTableName()}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(sql, cancellationToken);
        // Values are buffered and sent as the buffer fills: written synchronously, a row costs no task per column.
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            importer.StartRow();
            foreach (var (get, converter, type) in columns)
            {
                var value = get.GetValue(row);
                if (value is not null && converter is not null)
                {
                    value = converter.ConvertToProvider(value);
                }
                if (value is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(value, type);
                }
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>The COPY type of a column, from the store type the model gives it.</summary>
    private static NpgsqlTypes.NpgsqlDbType CopyType(string columnType)
    {
        var name = columnType.Split('(')[0].Trim();
        return name switch
        {
            "integer" => NpgsqlTypes.NpgsqlDbType.Integer,
            "bigint" => NpgsqlTypes.NpgsqlDbType.Bigint,
            "smallint" => NpgsqlTypes.NpgsqlDbType.Smallint,
            "boolean" => NpgsqlTypes.NpgsqlDbType.Boolean,
            "text" => NpgsqlTypes.NpgsqlDbType.Text,
            "character varying" => NpgsqlTypes.NpgsqlDbType.Varchar,
            "date" => NpgsqlTypes.NpgsqlDbType.Date,
            "timestamp with time zone" => NpgsqlTypes.NpgsqlDbType.TimestampTz,
            "numeric" => NpgsqlTypes.NpgsqlDbType.Numeric,
            "double precision" => NpgsqlTypes.NpgsqlDbType.Double,
            "bytea" => NpgsqlTypes.NpgsqlDbType.Bytea,
            _ => throw new NotSupportedException($"No COPY type for the column type “{columnType}”."),
        };
    }

    private sealed record PendingAudit(EntityEntry Entry, AuditAction Action, string? Before);
}

public sealed class SqliteZhenxingDb(DbContextOptions<SqliteZhenxingDb> options, ICurrentActor actor, TimeProvider clock)
    : ZhenxingDb(options, actor, clock)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot compare or order DateTimeOffset stored as text; store it as a sortable number.
        configurationBuilder.Properties<DateTimeOffset>()
            .HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresZhenxingDb(DbContextOptions<PostgresZhenxingDb> options, ICurrentActor actor, TimeProvider clock)
    : ZhenxingDb(options, actor, clock)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Chinese substring search (LIKE '%瑞金市%') over item text uses a trigram index.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<Item>().HasIndex(i => i.Text).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("IX_Items_Text_trgm");
        // The search also looks at the short title: without its own index the OR of the two reads every item.
        modelBuilder.Entity<Item>().HasIndex(i => i.ShortTitle).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("IX_Items_ShortTitle_trgm");
        // The overdue items (a third of a province's can be): the ledger's overdue filter counts and groups them from this
        // index alone, without reading the items' text.
        modelBuilder.Entity<Item>().HasIndex(i => i.Deadline, "IX_Items_Overdue")
            .IncludeProperties(i => new { i.ItemListId, i.CategoryId, i.Position })
            .HasFilter("\"WithdrawnAt\" IS NULL AND \"Status\" <> 'Done' AND NOT \"Ongoing\" AND \"Deadline\" IS NOT NULL");
    }
}
