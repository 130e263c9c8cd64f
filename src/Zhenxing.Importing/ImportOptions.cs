namespace Zhenxing.Importing;

public sealed class ImportOptions
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>Year used for deadlines such as "8 月底前" when the document itself names none.</summary>
    public int? Year { get; set; }

    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>How long reading and parsing one document may take; past it the parse stops with a message.</summary>
    public TimeSpan TimeLimit { get; set; } = ParseDeadline.DefaultLimit;

    /// <summary>The LibreOffice program that converts .doc/.wps/.et/.xls/.rtf/.odt/.ods (a path or a name on PATH); soffice or libreoffice on PATH when null.</summary>
    public string? Soffice { get; set; }

    /// <summary>The longest one LibreOffice conversion may run (also bounded by <see cref="TimeLimit"/>) before it is killed.</summary>
    public TimeSpan ConversionTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
