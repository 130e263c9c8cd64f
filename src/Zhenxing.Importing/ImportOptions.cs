namespace Zhenxing.Importing;

public sealed class ImportOptions
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>Year used for deadlines such as "8 月底前" when the document itself names none.</summary>
    public int? Year { get; set; }

    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>How long reading and parsing one document may take; past it the parse stops with a message.</summary>
    public TimeSpan TimeLimit { get; set; } = ParseDeadline.DefaultLimit;
}
