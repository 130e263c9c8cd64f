using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Zhenxing.Web.Features.Api;
using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Exports;

/// <summary>An exported item: the API's item, with the status in Chinese and the progress (进展情况).</summary>
public sealed record ExportItem : ApiItem
{
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public ExportItem(ApiItem item, string statusText, string? progress)
        : base(item)
    {
        StatusText = statusText;
        Progress = progress;
    }

    [Description("事项状态的中文名称。")]
    public required string StatusText { get; init; }

    [Description("进展情况：最近一次采纳的牵头单位报送（时点台账为该轮次及以前的）。")]
    public required string? Progress { get; init; }
}

public sealed record ExportCategoryJson(int Id, int? ParentId, string Path, string Label, int? DeclaredCount, int Count);

public sealed record ExportListJson(int Id, string Title, string? DocumentNumber, int Year, int Count, IReadOnlyList<ExportCategoryJson> Categories);

public sealed record ExportRoundJson(int Id, string Name, DateOnly DueOn);

public sealed record ExportDocument(DateOnly ExportedOn, ExportRoundJson? AsOf, int Total, IReadOnlyList<ExportListJson> Lists, IReadOnlyList<ExportItem> Items);

/// <summary>The ledger as JSON for data users: the items in the API's shape, plus the lists and their categories with counts.</summary>
public static class WriteLedgerJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static ExportDocument Document(LedgerExportData data) => new(
        data.Today,
        data.AsOf is { } round ? new ExportRoundJson(round.Id, round.Name, round.DueOn) : null,
        data.Total,
        data.Lists.Select(l => new ExportListJson(l.Id, l.Title, l.DocumentNumber, l.Year, l.Items.Count,
            l.Categories.Select(c => new ExportCategoryJson(c.Id, c.ParentId, c.Path, c.Label, c.DeclaredCount, c.Count)).ToList())).ToList(),
        data.Lists.SelectMany(l => l.Items).Select(row => new ExportItem(ApiItem.From(row), row.Status.ToChinese(), row.LatestProgress)).ToList());

    public static byte[] Write(LedgerExportData data) => JsonSerializer.SerializeToUtf8Bytes(Document(data), Options);
}
