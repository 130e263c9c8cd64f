using System.Text.RegularExpressions;
using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Parsing;

internal sealed partial class LedgerParser
{
    private sealed class TableState(TableHeader header, ParsedList list, ImportLocation start)
    {
        public TableHeader Header { get; set; } = header;
        /// <summary>The Word table or sheet the rows come from; null for text, whose tables have no edges.</summary>
        public int? SourceTable { get; set; } = start.Table;
        public string? Sheet { get; } = start.Sheet;
        public ParsedList List { get; } = list;
        public ParsedCategory? Top { get; set; }
        public ParsedCategory? Current { get; set; }
        public IReadOnlyList<string>? PreviousCells { get; set; }
        /// <summary>The category made from the heading above the header, given up if the rows bring top-level categories of their own.</summary>
        public ParsedCategory? HeadingAbove { get; set; }
    }

    private void OpenTable(TableHeader header, SourceLine line, (Heading Heading, ImportLocation Location)? headingAbove)
    {
        if (table is not null && table.Header.SameAs(header))
        {
            return; // header repeated at a page break
        }
        // A Word table continued after a page break ("续表") repeats its header with no new title in between.
        if (suspended is { } earlier && earlier.Header.SameAs(header) && titleVersion == suspendedTitleVersion && earlier.Sheet == line.Location.Sheet)
        {
            FlushDraft();
            table = earlier;
            table.SourceTable = line.Location.Table;
            suspended = null;
            return;
        }
        suspended = null;
        if (pairingHeader is not null && pairingHeader.SameAs(header))
        {
            return;
        }
        CloseTable();
        CloseProse();
        pairingHeader = null;
        if (header.IsPairing)
        {
            pairingHeader = header;
            return;
        }
        var title = pendingTitle ?? (line.Location.Sheet is { } sheet && !DefaultSheetName().IsMatch(sheet) ? sheet : null);
        table = new TableState(header, NewList(title, ItemListKind.MajorItems, pendingTotal, line.Location), line.Location);
        pendingTitle = null;
        pendingTotal = null;
        if (headingAbove is { } above)
        {
            // "一、未来五年主要工作任务" right above the header is the first group of the table's rows.
            AddTableCategory(table, above.Heading, above.Location);
            table.HeadingAbove = table.Top;
        }
    }

    private void CloseTable()
    {
        FlushDraft();
        // Short lines after a text table (a signature, a date, the next section's heading) were read as categories; empty ones go.
        while (table?.List.Categories.LastOrDefault() is { DeclaredCount: null, ItemCount: 0, Children.Count: 0 } empty && empty.Location.Table is null)
        {
            table.List.RemoveLastCategory();
        }
        table = null;
    }

    /// <summary>Leaving a Word table or sheet ends the table, but a continuation with the same header may follow.</summary>
    private void SuspendTable()
    {
        suspended = table;
        suspendedTitleVersion = titleVersion;
        CloseTable();
    }

    /// <summary>Returns false when the line is not part of the table, which ends it.</summary>
    private bool ReadTableLine(SourceLine line)
    {
        var t = table!;
        if (t.List.Items.Count == 0 && draft is null && t.Header.TryRefine(line.Cells, options.ColumnRoles) is { } refined)
        {
            t.Header = refined;
            return true;
        }
        if (line.Single is { } single)
        {
            return ReadSingleCell(t, line, single);
        }
        if (TextPatterns.IsTotalRow(line.Cells))
        {
            return true;
        }
        var cells = AlignCells(t, line);
        string Get(ColumnRole role)
        {
            var i = t.Header.IndexOf(role);
            return i >= 0 && i < cells.Count ? cells[i].Trim() : "";
        }
        var number = Get(ColumnRole.Number);
        var text = Get(ColumnRole.Text);
        string? shortTitle = null;
        if (t.Header.Has(ColumnRole.Category) && Get(ColumnRole.Category) is { Length: > 0 } categoryCell)
        {
            EnsureGroupCategory(t, categoryCell, line.Location);
        }
        if (t.Header.Has(ColumnRole.Detail))
        {
            // 工作任务 beside 具体要求: the task column groups the rows (often a merged cell).
            if (TextPatterns.TryHeading(text) is not null)
            {
                EnsureGroupCategory(t, text, line.Location);
            }
            else if (text.Length > 0)
            {
                shortTitle = TextPatterns.Clean(text);
            }
            // A row without the detail cell (a progress table whose 全年目标任务 is missing) keeps its task as the text.
            var ownTask = number.Length > 0 && text.Length > 0 && Get(ColumnRole.Detail).Length == 0 && TextPatterns.TryHeading(text) is null && TextPatterns.Clean(text) != draft?.ShortTitle;
            text = ownTask ? text : Get(ColumnRole.Detail);
            shortTitle = ownTask ? null : shortTitle;
        }
        if (number.Length > 0 && !TextPatterns.IsItemNumber(number) && TextPatterns.TryHeading(ChineseNumberHeading(number, text)) is { } numberedHeading
            && Get(ColumnRole.Lead).Length == 0 && Get(ColumnRole.Responsible).Length == 0)
        {
            AddTableCategory(t, numberedHeading, line.Location);
            return true;
        }
        // A row under a 序号 merged over several rows is a sub-row of the same item: its own text and units join the item.
        if (draft is not null && line.MergedFromAbove is { } merged && t.Header.IndexOf(ColumnRole.Number) is var numberAt and >= 0 && merged.Contains(numberAt))
        {
            if (text.Length > 0 && !merged.Contains(t.Header.IndexOf(ColumnRole.Text)) && !merged.Contains(t.Header.IndexOf(ColumnRole.Detail)))
            {
                draft.Text.Append(text);
            }
            AddUnits(t, draft, cells, line.Location);
            return true;
        }
        if (text.Length == 0)
        {
            if (draft is not null && number.Length == 0)
            {
                AddUnits(t, draft, cells, line.Location);
                return true;
            }
            messages.Warn(line.Location, $"序号“{number}”的行没有事项内容，未导入");
            return true;
        }
        // Text extracted from PDF splits a tall row over lines: a row without 序号 under a numbered one continues it.
        if (number.Length == 0 && draft is not null && !line.FromTable && t.Header.Has(ColumnRole.Number) && draft.NumberFromSource
            && (shortTitle is null || shortTitle == draft.ShortTitle))
        {
            draft.Text.Append(text);
            AddUnits(t, draft, cells, line.Location);
            return true;
        }
        // A row with neither 序号 nor units under a numbered item with units: in Word those cells were merged over both rows
        // (PDF and web pages lose the merge), so the row is a sub-row of the same item.
        if (number.Length == 0 && draft is { NumberFromSource: true } above && t.Header.Has(ColumnRole.Number) && line.MergedFromAbove is null
            && (t.Header.Has(ColumnRole.Lead) || t.Header.Has(ColumnRole.Responsible)) && Get(ColumnRole.Lead).Length == 0 && Get(ColumnRole.Responsible).Length == 0
            && above.LeadCells.Count + above.ResponsibleCells.Count > 0 && shortTitle is null)
        {
            above.Text.Append(text);
            AddUnits(t, above, cells, line.Location);
            return true;
        }
        FlushDraft();
        if (number.Length == 0 && TextPatterns.TryArabic(text) is { } inline)
        {
            number = inline.Number;
            text = inline.Body;
        }
        var counted = number.Length == 0;
        number = !counted ? TextPatterns.NormalizeNumber(number) : ((t.Current?.DirectItemCount ?? t.List.Items.Count) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        draft = new ItemDraft(t.List, t.Current, number, shortTitle, text, line.Location) { NumberFromSource = !counted };
        AddUnits(t, draft, cells, line.Location);
        return true;
    }

    private void AddUnits(TableState t, ItemDraft item, IReadOnlyList<string> cells, ImportLocation location)
    {
        for (var i = 0; i < cells.Count && i < t.Header.ColumnCount; i++)
        {
            var value = cells[i].Trim();
            switch (t.Header.Roles[i])
            {
                case ColumnRole.Lead:
                    item.HasLeadColumn = true;
                    if (value.Length > 0)
                    {
                        item.LeadCells.Add(value);
                        item.LastUnitCells = item.LeadCells;
                    }
                    break;
                case ColumnRole.Responsible when value.Length > 0:
                    item.ResponsibleCells.Add(value);
                    item.LastUnitCells = item.ResponsibleCells;
                    break;
                case ColumnRole.Leader when value.Length > 0:
                    item.LeaderCells.Add(value);
                    break;
                case ColumnRole.Deadline when value.Length > 0 && item.DeadlineCell is { Length: > 0 } first && first != value
                    && DeadlineParser.Parse(first, item.List.Year).Recognized && DeadlineParser.Parse(value, item.List.Year).Recognized:
                    // A sub-row under a merged 序号 with a deadline of its own: the item keeps its first and says so.
                    item.Text.Append($"（完成时限：{value}）");
                    item.Doubts.Add(new ItemDoubt($"该事项含两个完成时限（{first}、{value}），已按“{first}”换算，请核对"));
                    break;
                case ColumnRole.Deadline:
                    item.DeadlineCell = value.Length > 0 ? (item.DeadlineCell is { Length: > 0 } d && d != value ? d + value : value) : item.DeadlineCell ?? "";
                    item.DeadlineLocation ??= location.WithColumn(i + 1);
                    break;
                case ColumnRole.Unknown or ColumnRole.Note or ColumnRole.Supporting or ColumnRole.County or ColumnRole.City when value.Length > 0:
                    var name = t.Header.Names[i].Length > 0 ? t.Header.Names[i] : $"第{i + 1}列";
                    item.OtherCells[name] = item.OtherCells.TryGetValue(name, out var earlier) ? earlier + value : value;
                    break;
            }
        }
        if (!t.Header.Has(ColumnRole.Lead))
        {
            item.HasLeadColumn = false;
        }
    }

    private bool ReadSingleCell(TableState t, SourceLine line, string single)
    {
        if (TextPatterns.TryHeading(single) is { } heading)
        {
            // "（一）各有关责任单位要按照时间安排，制定…方案。": a numbered sentence after the table is prose, not a category.
            if (!line.FromTable && heading.Title.Length > 20 && heading.Title.EndsWith('。'))
            {
                return false;
            }
            AddTableCategory(t, heading, line.Location);
            return true;
        }
        if (TextPatterns.TryTotal(single) is not null)
        {
            return true;
        }
        if (TextPatterns.IsTerminator(single) || TextPatterns.TryLabels(single) is not null
            || (!line.FromTable && TextPatterns.TryArabic(single) is not null && t.Header.Has(ColumnRole.Number)))
        {
            return false;
        }
        if (!line.FromTable && draft is not null && draft.TryContinueUnits(TextPatterns.Clean(single)))
        {
            return true;
        }
        var (title, declared) = TextPatterns.SplitDeclaredCount(single);
        var filledAt = line.Cells.ToList().FindIndex(c => c.Trim().Length > 0);
        var endsSentence = "。；，、,;".Contains(title.Length > 0 ? title[^1] : '。');
        var draftOpen = draft is not null && draft.Text.Length > 0 && !"。；！？!?;".Contains(draft.Text[^1]);
        if (declared is not null || (line.FromTable && filledAt <= t.Header.IndexOf(ColumnRole.Text)) || (!line.FromTable && !draftOpen && title.Length <= 30 && !endsSentence))
        {
            AddTableCategory(t, new Heading("", title, declared, 1), line.Location);
            return true;
        }
        if (draft is not null)
        {
            // A cell wrapped onto its own line by PDF extraction.
            draft.Text.Append(TextPatterns.Clean(single));
            return true;
        }
        return false;
    }

    private void AddTableCategory(TableState t, Heading heading, ImportLocation location)
    {
        FlushDraft();
        if (heading.Level == 1 && t.HeadingAbove is { ItemCount: 0, Children.Count: 0 } above && ReferenceEquals(t.List.Categories.LastOrDefault(), above))
        {
            // "三、保障措施" above a table whose rows start with "一、…": the heading was the section's, not the rows' group.
            t.List.RemoveLastCategory();
            t.HeadingAbove = null;
        }
        if (heading.Level == 1 && heading.Number.Length > 0 && t.Header.Has(ColumnRole.Number)
            && t.Top is { ItemCount: 0, Children.Count: 0, DeclaredCount: null } empty && empty.Number.Length > 0 && ReferenceEquals(t.List.Categories.LastOrDefault(), empty))
        {
            // "二、…" right before "三、…" in a table whose rows keep their own 序号: the extract holds none of its rows, it groups nothing.
            t.List.RemoveLastCategory();
        }
        var parent = heading.Level == 2 ? t.Top : null;
        var category = new ParsedCategory(heading.Number, heading.Title, heading.DeclaredCount, parent, location);
        t.List.AddCategory(category, parent);
        if (parent is null)
        {
            t.Top = category;
        }
        t.Current = category;
    }

    private void EnsureGroupCategory(TableState t, string cell, ImportLocation location)
    {
        var heading = TextPatterns.TryHeading(cell) ?? TextPatterns.SplitDeclaredCount(cell) switch { var (title, n) => new Heading("", title, n, 1) };
        if (t.Current is { } current && current.Number == heading.Number && current.Title == heading.Title)
        {
            return;
        }
        AddTableCategory(t, heading, location);
    }

    /// <summary>Rows under a merged grouping cell arrive one cell short (pipe text) or with that cell empty (Word, Excel): the merged value carries down.</summary>
    private static IReadOnlyList<string> AlignCells(TableState t, SourceLine line)
    {
        var cells = line.Cells.ToList();
        var g = t.Header.GroupingIndex;
        if (g >= 0 && t.PreviousCells is { } previous && g < previous.Count)
        {
            var missing = t.Header.ColumnCount - cells.Count;
            if (missing > 0 && !line.FromTable && g <= cells.Count)
            {
                cells.InsertRange(g, previous.Skip(g).Take(missing));
            }
            else if (g < cells.Count && cells[g].Trim().Length == 0)
            {
                cells[g] = previous[g];
            }
        }
        t.PreviousCells = cells;
        return cells;
    }

    /// <summary>A category whose number sits in the 序号 column: "一" | "全力争取…（11项）".</summary>
    private static string ChineseNumberHeading(string number, string text)
    {
        var n = number.Trim().TrimEnd('、', '.', '．');
        return n.StartsWith('（') || n.StartsWith('(') ? n + text : n + "、" + text;
    }

    private bool ReadPairingRow(SourceLine line)
    {
        var header = pairingHeader!;
        if (line.Single is { } single)
        {
            return pairings.TryCityHeading(TextPatterns.Clean(single), line.Location) || TextPatterns.TryHeading(single) is not null;
        }
        string Get(ColumnRole role)
        {
            var i = header.IndexOf(role);
            return i >= 0 && i < line.Cells.Count ? line.Cells[i] : "";
        }
        var county = Get(ColumnRole.County);
        if (county.Trim().Length == 0)
        {
            messages.Warn(line.Location, "结对行没有受援地，未导入");
            return true;
        }
        pairings.AddRow(Get(ColumnRole.Supporting), county, Get(ColumnRole.City), line.Location, pendingTitle);
        return true;
    }

    [GeneratedRegex(@"^(Sheet|工作表)\s*\d*$", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultSheetName();
}
