using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Audit;

namespace Zhenxing.UnitTests.Web;

public sealed class ChangeHistoryTests
{
    private static readonly Microsoft.EntityFrameworkCore.Metadata.IModel Model = CreateModel();

    private static Microsoft.EntityFrameworkCore.Metadata.IModel CreateModel()
    {
        var options = new DbContextOptionsBuilder<PostgresZhenxingDb>();
        DatabaseRegistration.Configure(options, new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=unused"));
        using var db = new PostgresZhenxingDb(options.Options, new SystemActor("test"), TimeProvider.System);
        return db.Model;
    }

    private static bool IsChinese(string? text) => text is not null && text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    /// <summary>Every row a save can audit, every property it can show and every enum value it can hold has a Chinese name.</summary>
    [Fact]
    public void EveryAuditedEntityPropertyAndEnumValue_HasAChineseLabel()
    {
        var missing = new List<string>();
        var entities = Model.GetEntityTypes().Where(t => t.ClrType != typeof(AuditEntry) && t.ClrType.Name != "DataProtectionKey").ToList();
        foreach (var entity in entities)
        {
            var name = entity.ClrType.Name;
            if (!IsChinese(ChangeHistory.EntityName(name)))
            {
                missing.Add($"entity {name}");
            }
            foreach (var property in entity.GetProperties())
            {
                if (property.Name == "Id" || property.IsConcurrencyToken)
                {
                    ChangeHistory.FieldLabel(name, property.Name, property.ClrType).ShouldBeNull($"{name}.{property.Name} is a key or version");
                    continue;
                }
                var label = ChangeHistory.FieldLabel(name, property.Name, property.ClrType);
                var hidden = label is null && (property.Name is "Version" or "Position" or "CreatedAt" or "UpdatedAt" or "UpdatedByName" or "SubmittedAt"
                    or "ReviewedAt" or "AnsweredAt" or "SourceLocation" or "Path" or "Content" or "Sha256" or "ConfirmedSha256" or "ReadingChoices"
                    or "PasswordHash" or "SecurityStamp" or "Hash" or "WebhookSecret" || (property.Name.EndsWith("Id", StringComparison.Ordinal) && !property.Name.EndsWith("UnitId", StringComparison.Ordinal)));
                if (!hidden && !IsChinese(label))
                {
                    missing.Add($"property {name}.{property.Name}");
                }
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type.IsEnum)
                {
                    if (!EnumNames.Knows(type))
                    {
                        missing.Add($"enum {type.Name}");
                        continue;
                    }
                    missing.AddRange(Enum.GetValues(type).Cast<Enum>().Where(v => !IsChinese(EnumNames.ToChinese(v))).Select(v => $"enum value {type.Name}.{v}"));
                }
            }
        }

        entities.Count.ShouldBeGreaterThan(30);
        missing.Distinct().ShouldBeEmpty();
    }

    [Fact]
    public void Changes_OfAReview_AreChineseWithChinaTimesEnumNamesAndUnitNames()
    {
        var entry = new AuditEntry
        {
            Actor = "office1", Action = AuditAction.Modified, EntityType = nameof(ProgressReport), EntityId = "7", ItemId = 3,
            Before = """{"Figures":null,"Id":7,"ItemId":3,"Late":false,"Narrative":"已开工","QualityRating":null,"ReviewedAt":null,"Role":"Lead","RoundId":2,"State":"Submitted","Status":"InProgress","UnitId":5,"Version":2}""",
            After = """{"Figures":null,"Id":7,"ItemId":3,"Late":true,"Narrative":"已开工","QualityRating":4,"ReviewedAt":"2026-12-07T10:30:00+00:00","Role":"Lead","RoundId":2,"State":"Accepted","Status":"Done","UnitId":5,"Version":3}""",
        };

        ChangeHistory.Describe(entry.EntityType, entry.Action).ShouldBe("修改进展报送");
        ChangeHistory.UnitIds([entry]).ShouldBe([5]);
        ChangeHistory.Changes(Model, entry, new Dictionary<int, string> { [5] = "市财政局" })
            .ShouldBe("逾期报送：否 → 是；质量评分：（空） → 4；报送状态：已报送 → 已采纳；进展状态：推进中 → 落实到位");
    }

    [Fact]
    public void Changes_OfANewRow_ShowDatesTimesAndUnitsAsThePagesDo()
    {
        var entry = new AuditEntry
        {
            Actor = "office1", Action = AuditAction.Added, EntityType = "Item", EntityId = "3",
            After = """{"CategoryId":4,"Deadline":"2026-06-30","Id":3,"Ongoing":false,"Status":"NotStarted","Text":"建设赣州港","WithdrawnAt":"2026-12-07T10:30:00+00:00"}""",
        };

        ChangeHistory.Changes(Model, entry, new Dictionary<int, string>())
            .ShouldBe("完成时限：2026-06-30；长期推进：否；进展状态：未启动；事项内容：建设赣州港；撤销时间：2026-12-07 18:30");
    }
}
