namespace Zhenxing.Importing;

public sealed class ParsedDocument
{
    internal ParsedDocument(
        string fileName,
        IReadOnlyList<ParsedList> lists,
        IReadOnlyList<ParsedPairing> pairings,
        IReadOnlyList<string> coordinatingUnits,
        PairingScheme? pairingScheme,
        IReadOnlyList<ImportMessage> warnings,
        IReadOnlyList<ImportMessage> errors,
        IReadOnlyList<ReportingDueDate>? reportingDueDates = null,
        IReadOnlyList<ParsedTable>? tables = null)
    {
        Tables = tables ?? [];
        ReportingDueDates = reportingDueDates ?? [];
        FileName = fileName;
        Lists = lists;
        Pairings = pairings;
        CoordinatingUnits = coordinatingUnits;
        PairingScheme = pairingScheme;
        Warnings = warnings;
        Errors = errors;
    }

    public string FileName { get; }
    public IReadOnlyList<ParsedList> Lists { get; }
    public IReadOnlyList<ParsedPairing> Pairings { get; }
    /// <summary>Units that coordinate a pairing scheme without a pair of their own (seed 003: 国家发展改革委, 中央组织部).</summary>
    public IReadOnlyList<string> CoordinatingUnits { get; }
    public PairingScheme? PairingScheme { get; }
    /// <summary>Report-by dates the notice sets (seed 002: 6/30 and 12/30), for the reporting rounds.</summary>
    public IReadOnlyList<ReportingDueDate> ReportingDueDates { get; }
    /// <summary>The tables items were read from, with what each column was taken to mean.</summary>
    public IReadOnlyList<ParsedTable> Tables { get; }
    public IReadOnlyList<ImportMessage> Warnings { get; }
    public IReadOnlyList<ImportMessage> Errors { get; }
    public bool HasErrors => Errors.Count > 0;

    /// <summary>When no list was recognised: the first non-empty lines read (up to 8), so the Office can see what the importer saw.</summary>
    public IReadOnlyList<string> FirstLines { get; internal init; } = [];

    /// <summary>The parse was stopped at its time limit: the same bytes may well parse on a less busy server.</summary>
    public bool TimedOut { get; internal init; }

    /// <summary>The `--json` serialisation: readable Chinese, camelCase, dates as yyyy-MM-dd.</summary>
    public string ToJson() => ParsedDocumentJson.Write(this);
}
