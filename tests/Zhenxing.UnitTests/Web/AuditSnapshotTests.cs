using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;

namespace Zhenxing.UnitTests.Web;

public sealed class AuditSnapshotTests
{
    [Fact]
    public void ASnapshotIsTheRowsPropertiesInOrdinalOrderWithSecretsAndFilesMasked()
    {
        var at = new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero);
        (string, object?)[] row =
        [
            ("Text", "推进“宋城”保护；<b>&</b>"), ("Id", 7), ("Status", ItemStatus.InProgress), ("Deadline", new DateOnly(2026, 6, 30)),
            ("PasswordHash", "secret"), ("Content", new byte[] { 1, 2, 3 }), ("WithdrawnAt", null), ("UpdatedAt", at), ("Ongoing", true),
        ];

        var snapshot = ZhenxingDb.Snapshot(row);

        // What a sorted dictionary of the same values serializes to, with Chinese left readable.
        var options = new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        };
        var expected = JsonSerializer.Serialize(new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Text"] = "推进“宋城”保护；<b>&</b>", ["Id"] = 7, ["Status"] = ItemStatus.InProgress, ["Deadline"] = new DateOnly(2026, 6, 30),
            ["PasswordHash"] = "***", ["Content"] = "<3 字节>", ["WithdrawnAt"] = null, ["UpdatedAt"] = at, ["Ongoing"] = true,
        }, options);
        snapshot.ShouldBe(expected);
        snapshot.ShouldContain("\"Status\":\"InProgress\"");
        snapshot.ShouldContain("推进");
    }
}
