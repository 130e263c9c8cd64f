using Zhenxing.Importing.Parsing;

namespace Zhenxing.Importing;

/// <summary>A table the importer read items from, with what it took each column to mean.</summary>
/// <param name="ListTitle">The list the table's rows went to.</param>
public sealed record ParsedTable(string ListTitle, ImportLocation Location, IReadOnlyList<ParsedColumn> Columns);

/// <param name="Header">The header wording, without spaces; the key of a choice in <see cref="ImportOptions.ColumnRoles"/>.</param>
/// <param name="Chosen">The role comes from the Office's choice, not from the wording.</param>
public sealed record ParsedColumn(string Header, ColumnRole Role, bool Chosen);
