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

    /// <summary>
    /// How the Office asked the preview to read the document (<see cref="Imports.ReadingChoices"/> as JSON): what columns mean and
    /// items' corrected units. Confirming reads the document with them. Null when there are none.
    /// </summary>
    public string? ReadingChoices { get; set; }

    /// <summary>
    /// <see cref="Sha256"/>, set when the upload is confirmed, under a unique index: a second confirmation of the same
    /// content — this upload or another of the same file — fails in the database, whatever the two requests read
    /// before. Null while pending, and for a copy that was confirmed before the index existed.
    /// </summary>
    public string? ConfirmedSha256 { get; set; }
    public int Version { get; set; }
}
