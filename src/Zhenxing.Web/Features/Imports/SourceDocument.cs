using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Imports;

/// <summary>
/// An uploaded document, kept as it was received. Until <see cref="ConfirmedAt"/> is set it is only a
/// pending upload waiting for the Office to confirm the preview; nothing of the ledger comes from it before.
/// </summary>
public sealed class SourceDocument : IVersioned
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public int? Year { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public int? UploadedByUserId { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public int Version { get; set; }
}
