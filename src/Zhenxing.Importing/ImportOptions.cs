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

    /// <summary>
    /// What the Office says a column means, by its header wording (<see cref="ColumnRoleNames.HeaderKey"/>): "推进主体" → <see cref="Parsing.ColumnRole.Lead"/>.
    /// Applies to every table with that header, over what the importer would take the wording to mean.
    /// </summary>
    public IReadOnlyDictionary<string, Parsing.ColumnRole> ColumnRoles { get; set; } = new Dictionary<string, Parsing.ColumnRole>();

    /// <summary>The Office's corrections of items' units, applied after reading.</summary>
    public IReadOnlyList<UnitCorrection> UnitCorrections { get; set; } = [];
}
