using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Zhenxing.Importing;
using Zhenxing.Importing.Parsing;

namespace Zhenxing.Web.Features.Imports;

/// <summary>
/// How the Office asked for an uploaded document to be read, kept with it (<see cref="SourceDocument.ReadingChoices"/>):
/// what a column means, by header wording, and items' corrected units.
/// </summary>
public sealed record ReadingChoices
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // The audit log shows the choices as they are written: Chinese stays readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public Dictionary<string, ColumnRole> Columns { get; init; } = [];
    public List<UnitCorrection> Corrections { get; init; } = [];

    [JsonIgnore]
    public bool IsEmpty => Columns.Count == 0 && Corrections.Count == 0;

    public static ReadingChoices Of(SourceDocument document) =>
        document.ReadingChoices is { Length: > 0 } json ? JsonSerializer.Deserialize<ReadingChoices>(json, Json) ?? new() : new();

    public string? ToJson() => IsEmpty ? null : JsonSerializer.Serialize(this, Json);

    public ImportOptions ToOptions(int? year) => new() { Year = year, ColumnRoles = Columns, UnitCorrections = Corrections };
}
