using System.Text.RegularExpressions;
using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Parsing;

/// <summary>
/// Reads the lines of any format into lists, categories, items and pairings.
/// One pass: a recognised header opens a table; "一、…" headings with numbered paragraphs open a prose list.
/// </summary>
internal sealed partial class LedgerParser
{
    private readonly IReadOnlyList<SourceLine> lines;
    /// <summary>The lines as the reader gave them, before table rows were joined or split.</summary>
    private readonly IReadOnlyList<SourceLine> source;
    private readonly ImportMessages messages;
    private readonly ImportOptions options;
    private readonly string fileName;
    private readonly ParseDeadline deadline;
    private readonly List<ParsedList> lists = [];
    private readonly PairingCollector pairings;
    private DocumentFacts facts = new(null, null);
    /// <summary>The document says the first unit listed leads ("列第一位者为牵头单位，下同").</summary>
    private bool firstListedLeads;

    private string? pendingTitle;
    private int pendingTitleIndex = -10;
    /// <summary>The line <see cref="pendingTitle"/> was read from (its last line), kept when lines that are not titles follow.</summary>
    private int pendingTitleLine = -1;
    private int? pendingTotal;
    private ItemDraft? draft;
    private TableState? table;
    private TableState? suspended;
    private int titleVersion;
    private int suspendedTitleVersion;
    private TableHeader? pairingHeader;
    private ProseState? prose;
    private readonly List<SourceLine> headerlessRows = [];
    private readonly List<TableState> openedTables = [];
    /// <summary>A "一、…" heading read on the last non-blank line, which a table header right below makes its first category.</summary>
    private (Heading Heading, ImportLocation Location)? lastHeading;

    public LedgerParser(IReadOnlyList<SourceLine> lines, ImportMessages messages, ImportOptions options, string fileName, ParseDeadline deadline)
    {
        this.deadline = deadline;
        source = lines;
        this.lines = SpacedTableSplitter.Split(VerticalTableJoiner.Join(InlineItemSplitter.Split(lines)));
        this.messages = messages;
        this.options = options;
        this.fileName = fileName;
        pairings = new PairingCollector(messages);
    }

    public ParsedDocument Parse()
    {
        facts = DocumentFacts.Scan(lines);
        firstListedLeads = lines.Any(l => TextPatterns.StatesFirstListedLeads(l.Joined));
        for (var i = 0; i < lines.Count; i++)
        {
            deadline.ThrowIfExpired();
            Read(lines[i], i);
        }
        ReportHeaderlessRows();
        CloseTable();
        CloseProse();
        DropListsWithoutUnits();
        AssignDocumentNumbers();
        UnitCorrections.Apply(lists, options.UnitCorrections, messages);
        var (coordinating, scheme) = pairings.Finish(lines, facts);
        foreach (var list in lists)
        {
            if (list.Items.Count == 0)
            {
                // A header was recognised but no row under it was read: say so rather than import an empty list.
                messages.Warn(list.Location, $"清单“{list.Title}”的表头之后没有读出任何条目，请核对各行的列数是否与表头一致");
            }
            DeclaredCounts.Check(list, messages);
            FieldLengths.Check(list, messages);
        }
        FieldLengths.Check(pairings.Pairings, messages);
        IReadOnlyList<string> firstLines = [];
        if (lists.Count == 0 && pairings.Pairings.Count == 0 && messages.Errors.Count == 0)
        {
            firstLines = FirstLines(source);
            if (source.FirstOrDefault(l => TableHeader.GluedHeader(l.Joined) is not null) is { } glued)
            {
                messages.Error(glued.Location, $"这一行像是表格，但各列的文字连在一起、没有分隔（“{TableHeader.GluedHeader(glued.Joined)}”），分不出各列和各行，未导入。"
                    + "请导入原文件（Word、Excel 或 PDF），或把各列用制表符分开后再导入");
            }
            messages.Error(new ImportLocation(1), NoListMessage + (firstLines.Count > 0 ? $"。下面是读到的前 {firstLines.Count} 行，请对照原文核对版式" : "。文件中没有读到任何文字"));
        }
        var dueDates = ReportingDueDates.Find(lines, lists.Select(l => l.Year).FirstOrDefault(y => y is not null) ?? facts.Year ?? options.Year);
        var tables = openedTables.Select(t => new ParsedTable(t.List.Title, t.List.Location,
            t.Header.Names.Select((name, i) => new ParsedColumn(name, t.Header.Roles[i], t.Header.Chosen[i])).ToList())).ToList();
        return new ParsedDocument(fileName, lists, pairings.Pairings, coordinating, scheme, messages.Warnings, messages.Errors, dueDates, tables) { FirstLines = firstLines };
    }

    /// <summary>
    /// A policy explanation ("…分工方案》政策解读") describes a task list in numbered paragraphs but is not one: when it names no
    /// unit anywhere, its paragraphs are left out and the document says why. (Work points without units stay a list.)
    /// </summary>
    private void DropListsWithoutUnits()
    {
        if (proseLists.Count == 0 || lists.SelectMany(l => l.Items).Any(i => i.LeadUnits.Count + i.ResponsibleUnits.Count + i.GroupReferences.Count + i.Leaders.Count > 0)
            || !lines.Any(l => TextPatterns.Clean(l.Joined) is { Length: <= 60 } text && ExplanationTitle().IsMatch(text)))
        {
            return;
        }
        foreach (var list in proseLists.Where(l => l.Items.Count > 0))
        {
            lists.Remove(list);
            messages.Warn(list.Location, $"这是一篇解读或问答，“{list.Title}”中读到的 {list.Items.Count} 段编号文字都没有写明牵头单位或责任单位，不是任务清单，未作为清单导入；请导入它所解读的分工方案原文");
        }
    }

    /// <summary>Every layout the parser knows, named as the Office would recognise them in a document.</summary>
    internal const string NoListMessage = "未识别到任何清单。已尝试的版式：表格（带表头，如“序号、事项名称、牵头单位、责任单位、完成时限”）、逐行单元格表格（网页或 PDF 中每格一行）、"
        + "空格分列表格、编号条目（“一、”“（一）”“1.”下带单位的条目）、标签行（“牵头单位：…”“责任单位：…”）、条目末尾的单位括注（“（X牵头，Y配合）”）、"
        + "结对列表（“单位——受援地”），均未找到可导入的条目";

    /// <summary>The first non-empty lines read, cells joined by " | " and each cut at 100 characters, to show what the file held.</summary>
    private static IReadOnlyList<string> FirstLines(IReadOnlyList<SourceLine> read)
    {
        const int count = 8;
        return read.Where(l => !l.IsBlank)
            .Select(l => string.Join(" | ", l.Cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim().Replace('\n', ' '))))
            .Select(t => t.Length <= 100 ? t : t[..100] + "…")
            .Take(count)
            .ToList();
    }

    private void Read(SourceLine line, int index)
    {
        if (line.IsBlank)
        {
            return;
        }
        if (line.Single is { } single && TextPatterns.IsChrome(single))
        {
            return;
        }
        if (table?.SourceTable is { } source && line.Location.Table != source)
        {
            SuspendTable();
        }
        var headingAbove = lastHeading;
        lastHeading = null;
        if (TableHeader.TryRecognize(line.Cells, options.ColumnRoles) is { } header)
        {
            // A second header row under cells merged down from the first ("工作任务" over both) refines the first.
            if (table is { List.Items.Count: 0 } open && draft is null && line.MergedFromAbove is not null && open.Header.TryRefine(line.Cells) is { } refined)
            {
                open.Header = refined;
                return;
            }
            ReportHeaderlessRows();
            OpenTable(header, line, headingAbove);
            if (table is { } opened && !openedTables.Contains(opened))
            {
                openedTables.Add(opened);
            }
            return;
        }
        if (table is not null)
        {
            if (ReadTableLine(line))
            {
                return;
            }
            CloseTable();
        }
        if (pairingHeader is not null)
        {
            if (ReadPairingRow(line))
            {
                return;
            }
            pairingHeader = null;
        }
        if (line.FilledCount >= 2 && TextPatterns.TryLabels(line.Joined) is null)
        {
            headerlessRows.Add(line);
            return;
        }
        ReportHeaderlessRows();
        var text = line.Single ?? line.Joined;
        ReadProseLine(text, line.Location, index);
        lastHeading = table is null && TextPatterns.TryHeading(text) is { Level: 1 } heading ? (heading, line.Location) : null;
    }

    private void ReportHeaderlessRows()
    {
        if (headerlessRows.Count == 0)
        {
            return;
        }
        if (headerlessRows.Count == 1)
        {
            var row = headerlessRows[0];
            headerlessRows.Clear();
            messages.Warn(row.Location, "该行含多个单元格但不在可识别的表格中，已按正文读取");
            ReadProseLine(row.Joined, row.Location, -10);
            return;
        }
        var message = $"从此处起的 {headerlessRows.Count} 行表格没有可识别的表头（需要“序号、事项名称/工作任务、牵头单位、责任单位、完成时限”等列名），这些行未导入";
        // Numbered rows are a ledger that could not be read; anything else is a layout table (letterhead, signatures).
        if (headerlessRows.Any(r => r.Cells.Any(c => c.Trim().Length > 0 && TextPatterns.IsItemNumber(c))))
        {
            messages.Error(headerlessRows[0].Location, message);
        }
        else
        {
            messages.Warn(headerlessRows[0].Location, message);
        }
        headerlessRows.Clear();
    }

    private ParsedList NewList(string? title, ItemListKind defaultKind, int? declaredTotal, ImportLocation location)
    {
        var (cleanTitle, declaredInTitle) = TextPatterns.SplitDeclaredCount(title ?? Path.GetFileNameWithoutExtension(fileName));
        var list = new ParsedList(
            cleanTitle,
            facts.DocumentNumber,
            DocumentFacts.YearIn(cleanTitle) ?? facts.Year ?? options.Year ?? DocumentFacts.YearIn(fileName),
            KindOf(cleanTitle) ?? defaultKind,
            declaredTotal ?? declaredInTitle,
            location)
        {
            TitleIndex = title is not null && title == pendingTitle ? pendingTitleLine : -1,
        };
        lists.Add(list);
        return list;
    }

    /// <summary>
    /// A number alone on the line under a list's title is that list's own (each list of the ledger's export carries its
    /// own so); then only a number above the first title is the whole document's, given to the lists with none of their
    /// own. One list's number is never stamped on another. Without such lines, the document's first number goes to all.
    /// </summary>
    private void AssignDocumentNumbers()
    {
        var own = new Dictionary<ParsedList, string>();
        foreach (var list in lists.Where(l => l.TitleIndex >= 0))
        {
            var next = list.TitleIndex + 1;
            while (next < lines.Count && lines[next].IsBlank)
            {
                next++;
            }
            if (next < lines.Count && TextPatterns.Clean(lines[next].Joined) is var text
                && DocumentFacts.DocumentNumberPattern().Match(text) is { Success: true } match && match.Value.Length == text.Length)
            {
                own[list] = match.Value;
            }
        }
        if (own.Count == 0)
        {
            return;
        }
        var firstTitle = lists.Where(l => l.TitleIndex >= 0).Min(l => l.TitleIndex);
        var documentWide = lines.Take(firstTitle).Select(l => DocumentFacts.DocumentNumberPattern().Match(TextPatterns.Clean(l.Joined)))
            .FirstOrDefault(m => m.Success)?.Value;
        foreach (var list in lists)
        {
            list.DocumentNumber = own.GetValueOrDefault(list) ?? documentWide;
        }
    }

    internal static ItemListKind? KindOf(string title) => title switch
    {
        _ when title.Contains("援县促市") => ItemListKind.CountySupport,
        _ when title.Contains("工作要点") || title.Contains("要点") => ItemListKind.WorkPoints,
        _ when title.Contains("重大事项") => ItemListKind.MajorItems,
        _ when title.Contains("会议") => ItemListKind.MeetingMatters,
        _ when title.Contains("试点") => ItemListKind.Pilots,
        _ when title.Contains("政策") => ItemListKind.Policies,
        _ when title.Contains("行动") => ItemListKind.Actions,
        _ => null,
    };

    private void TrackTitle(string clean, int index)
    {
        if (!TextPatterns.IsTitleCandidate(clean))
        {
            pendingTitleIndex = -10;
            return;
        }
        // A title wrapped over adjacent lines ("…对口支援" / "赣南等原中央苏区工作方案") is one title.
        pendingTitle = pendingTitle is not null && index >= 0 && pendingTitleIndex == index - 1 && pendingTitle.Length + clean.Length <= 80
            ? pendingTitle + clean
            : clean;
        pendingTitleIndex = index;
        pendingTitleLine = index;
        titleVersion++;
    }

    private void FlushDraft()
    {
        if (draft is null)
        {
            return;
        }
        var d = draft;
        draft = null;
        var units = UnitAssignment.Assign(d.LeadCells, d.ResponsibleCells, d.HasLeadColumn, firstListedLeads);
        DeadlineParseResult? deadline = null;
        if (!string.IsNullOrWhiteSpace(d.DeadlineCell) && d.DeadlineCell.Trim() is not ("/" or "／" or "—" or "-" or "无"))
        {
            deadline = DeadlineParser.Parse(d.DeadlineCell, d.List.Year);
            var at = d.DeadlineLocation ?? d.Location;
            if (!deadline.Recognized)
            {
                messages.Warn(at, $"无法识别完成时限“{deadline.Text}”，已保留原文，未换算日期");
            }
            else if (deadline.MissingYear)
            {
                messages.Warn(at, $"完成时限“{deadline.Text}”没有年份，清单也未注明年份，未换算日期");
            }
        }
        var text = TextPatterns.Clean(d.Text.ToString());
        var leaders = LeaderNames.Read(d.LeaderCells);
        d.List.AddItem(new ParsedItem
        {
            CategoryPath = d.Category?.Path ?? "",
            Number = d.Number,
            ShortTitle = d.ShortTitle,
            Text = text,
            LeadUnits = units.Lead,
            ResponsibleUnits = units.Responsible,
            LeadByPosition = units.LeadByPosition,
            GroupReferences = units.Groups,
            Leaders = leaders.Names,
            OtherCells = d.OtherCells,
            Deadline = deadline?.Date,
            DeadlineText = deadline?.Text,
            Ongoing = deadline?.Ongoing ?? false,
            Location = d.Location,
            Doubts = [.. d.Doubts, .. leaders.Doubts, .. Doubts(units, d)],
        }, d.Category);
    }

    private List<ItemDoubt> Doubts(UnitAssignment units, ItemDraft item)
    {
        var doubts = new List<ItemDoubt>();
        if (units.Lead.Count + units.Responsible.Count + units.Groups.Count == 0 && table is { } t && t.List == item.List
            && !t.Header.Has(ColumnRole.Lead) && !t.Header.Has(ColumnRole.Responsible))
        {
            // A table without unit columns may name its units under a header the importer does not know ("推进主体").
            for (var i = 0; i < t.Header.ColumnCount; i++)
            {
                var name = t.Header.Names[i].Length > 0 ? t.Header.Names[i] : $"第{i + 1}列";
                if (t.Header.Roles[i] == ColumnRole.Unknown && !t.Header.Chosen[i] && item.OtherCells.TryGetValue(name, out var value))
                {
                    doubts.Add(new ItemDoubt($"表格没有“牵头单位”“责任单位”列，未读出单位；“{name}”列（{value}）未导入：如果这一列是单位，请在“表格的列”中选择它的含义后重新读取"));
                }
            }
        }
        if (units.LeadByPosition)
        {
            doubts.Add(new ItemDoubt($"文件只列出责任单位，未写明牵头单位，也未说明排在第一位的为牵头单位；导入台账时以排在第一位的“{units.Responsible[0]}”为牵头单位，如不对请更正单位"));
        }
        foreach (var name in units.Lead.Concat(units.Responsible).Concat(units.Groups).Distinct())
        {
            if (!UnitNames.LooksLikeOrganisation(name))
            {
                doubts.Add(new ItemDoubt($"单位名称“{name}”不像机构名称", name));
            }
        }
        return doubts;
    }

    /// <summary>"争取一批重大资金支持。" from "**争取一批重大资金支持。**力争…", or a short first sentence.</summary>
    private static (string? ShortTitle, string Text) SplitShortTitle(string raw)
    {
        var bold = BoldTitlePattern().Match(raw.Trim());
        if (bold.Success)
        {
            return (TextPatterns.Clean(bold.Groups["t"].Value).TrimEnd('。', '.'), TextPatterns.Clean(raw));
        }
        var text = TextPatterns.Clean(raw);
        var end = text.IndexOf('。');
        // A lone sentence is the text itself, not a title for it.
        return (end is > 0 and <= 40 && end < text.Length - 1 ? text[..end] : null, text);
    }

    [GeneratedRegex(@"(解读|答记者问|解讀|答記者問)$|^(政策)?(解读|解讀)[:：《]")]
    private static partial Regex ExplanationTitle();

    [GeneratedRegex(@"^\*\*(?<t>.+?)\*\*")]
    private static partial Regex BoldTitlePattern();
}
