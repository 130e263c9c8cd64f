using System.Text.RegularExpressions;
using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Parsing;

internal sealed partial class LedgerParser
{
    private sealed class ProseState(string? title)
    {
        public string? Title { get; } = title;
        public Heading? Section { get; set; }
        public ImportLocation? SectionLocation { get; set; }
        public Heading? Sub { get; set; }
        public ImportLocation? SubLocation { get; set; }
        public ParsedList? List { get; set; }
        public ParsedCategory? SectionCategory { get; set; }
        public ParsedCategory? SubCategory { get; set; }

        /// <summary>"三、大力实施工业倍增升级行动，…": its "（一）…" paragraphs are the actions.</summary>
        public bool InActionSection => Section is { } s && s.Title.Contains("行动");
    }

    private string? actionTitle;
    private readonly List<ParsedList> proseLists = [];

    private void CloseProse()
    {
        FlushDraft();
        prose = null;
    }

    private void ReadProseLine(string raw, ImportLocation location, int index)
    {
        var clean = TextPatterns.Clean(raw);
        if (clean.Length == 0)
        {
            return;
        }
        if (pairings.TryLine(clean, location, pendingTitle))
        {
            return;
        }
        pairings.TryCityHeading(clean, location);
        if (TextPatterns.IsAttachmentMarker(clean))
        {
            CloseProse();
            return;
        }
        if (TextPatterns.TryTotal(clean) is { } total)
        {
            pendingTotal = total;
            return;
        }
        if (TextPatterns.TryHeading(raw) is { } heading && ReadHeading(heading, raw, location, index))
        {
            return;
        }
        // "(1)加强应急预案管理…" under "1.完善应急预案体系", the item's units on a line after its last sub-point: parts of the item.
        if (draft is { HasLabels: false } open && prose is not null && SubPointPattern().IsMatch(clean) && NextIsLabel(index))
        {
            open.Text.Append(clean);
            return;
        }
        if (TextPatterns.TryArabic(raw) is { } arabic && (prose?.Section is not null || TextPatterns.TryTrailingLabels(arabic.Body) is not null || NextIsLabel(index)))
        {
            AddProseItem(arabic.Number, arabic.Body, location);
            return;
        }
        if (LabelLine(clean) is { } labels && draft is not null && prose is not null)
        {
            draft.ApplyLabels(labels, location);
            return;
        }
        // "项目责任人：尹文德" among an item's label lines: a field the ledger has no column for, kept with the item.
        if (draft is { HasLabels: true } labelled && prose is not null && OtherLabelPattern().Match(clean) is { Success: true } other)
        {
            var name = other.Groups["l"].Value;
            var value = other.Groups["v"].Value.Trim();
            labelled.OtherCells[name] = labelled.OtherCells.TryGetValue(name, out var earlier) ? earlier + value : value;
            return;
        }
        // "?。ǘ┩七M東部石化基地建設。（牽頭單位：…）": a paragraph whose number the copy garbled, after an item closed by its
        // units, carries units of its own: it is the next item, and says its number could not be read.
        if (draft is { HasLabels: true } && prose?.List is not null && TextPatterns.TryArabic(raw) is null && TrailingLabelled(clean))
        {
            AddProseItem("", clean, location);
            draft!.Doubts.Add(new ItemDoubt($"这一段没有可识别的序号（开头为“{(clean.Length <= 6 ? clean : clean[..6])}”），但写明了自己的单位，已作为单独的条目读取，请核对"));
            return;
        }
        if (draft is not null && prose is not null && Continues(draft, prose, clean, index))
        {
            draft.Text.Append(clean);
            return;
        }
        // "教育类（3项）" between a title and its numbered items is a category without a number.
        if ((prose?.List is not null || pendingTitle is not null) && clean.Length <= 20 && TextPatterns.IsTitleCandidate(clean, minLength: 2) && NextIsArabic(index))
        {
            var (title, declared) = TextPatterns.SplitDeclaredCount(clean);
            ReadHeading(new Heading("", title, declared, 1), raw, location, index);
            return;
        }
        if (prose is not null && TextPatterns.TryArabic(raw) is null)
        {
            if (draft is not null && clean.Length > 15 && (!TextPatterns.IsTitleCandidate(clean) || draft.HasLabels))
            {
                messages.Warn(location, $"段落“{Preview(clean)}”跟在条目 {draft.Number} 之后，但未并入该条目，请核对");
            }
            FlushDraft();
        }
        TrackTitle(clean, index);
    }

    /// <summary>True when the paragraph ends in a bracket of labelled units ("（牵头单位：…；配合单位：…）").</summary>
    private static bool TrailingLabelled(string clean)
    {
        if (TextPatterns.TryTrailingLabels(clean) is not { } labelled || labelled.Text.Length == 0)
        {
            return false;
        }
        var bracket = clean[labelled.Text.Length..].Trim().TrimEnd('。', '.', ' ');
        return bracket.Length > 2 && TextPatterns.TryLabels(bracket[1..^1]) is { Count: > 0 };
    }

    private static string Preview(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private bool ReadHeading(Heading heading, string raw, ImportLocation location, int index)
    {
        if (heading.Level == 1 && LevelOnePrefix().Replace(TextPatterns.Clean(raw), "") is var body
            && (TextPatterns.TryTrailingLabels(body) is not null || NextIsLabel(index)))
        {
            // "三、推进重大项目建设。（市发改委牵头，市财政局配合）": numbered like a heading, but an item with its own units.
            FlushDraft();
            prose ??= new ProseState(pendingTitle);
            prose.Section = null;
            prose.SectionCategory = null;
            prose.Sub = null;
            prose.SubCategory = null;
            AddProseItem(heading.Number, body, location);
            return true;
        }
        if (heading.Level == 1)
        {
            FlushDraft();
            prose ??= new ProseState(pendingTitle);
            prose.Section = heading;
            prose.SectionLocation = location;
            prose.SectionCategory = null;
            prose.Sub = null;
            prose.SubCategory = null;
            return true;
        }
        var rest = LevelTwoPrefix().Replace(TextPatterns.Clean(raw), "");
        if (prose?.InActionSection == true || TextPatterns.TryTrailingLabels(rest) is not null || NextIsLabel(index))
        {
            AddProseItem(heading.Number, rest, location);
            return true;
        }
        FlushDraft();
        prose ??= new ProseState(pendingTitle);
        prose.Sub = heading;
        prose.SubLocation = location;
        prose.SubCategory = null;
        return true;
    }

    private bool NextIsArabic(int index) =>
        NextNonBlank(index) is { } next && TextPatterns.TryArabic(next.Joined) is not null;

    private SourceLine? NextNonBlank(int index)
    {
        for (var i = index + 1; index >= 0 && i < lines.Count && i <= index + 50; i++)
        {
            if (!lines[i].IsBlank)
            {
                return lines[i];
            }
        }
        return null;
    }

    /// <summary>True when the item's label lines come next, after any sub-points "(1)…" "(2)…" of the item.</summary>
    private bool NextIsLabel(int index)
    {
        for (var i = index + 1; index >= 0 && i < lines.Count && i <= index + 50; i++)
        {
            if (lines[i].IsBlank)
            {
                continue;
            }
            var clean = TextPatterns.Clean(lines[i].Joined);
            if (LabelLine(clean) is not null)
            {
                return true;
            }
            if (!SubPointPattern().IsMatch(clean))
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>"牵头单位：…" on its own line, or the same in brackets: "（责任单位：市直各有关单位）".</summary>
    private static IReadOnlyList<(string Label, string Value)>? LabelLine(string clean) =>
        TextPatterns.TryLabels(clean)
        ?? (clean.Length > 2 && clean[0] is '（' or '(' or '〔' && clean.TrimEnd('。', '.')[^1] is '）' or ')' or '〕'
            ? TextPatterns.TryLabels(clean.TrimEnd('。', '.')[1..^1])
            : null);

    private void AddProseItem(string number, string rest, ImportLocation location)
    {
        FlushDraft();
        prose ??= new ProseState(pendingTitle);
        var p = prose;
        if (p.List is null)
        {
            var action = p.InActionSection;
            var title = action ? ActionListTitle() ?? p.Title : p.Title ?? pendingTitle;
            p.List = NewList(title, action ? ItemListKind.Actions : ItemListKind.WorkPoints, pendingTotal, location);
            proseLists.Add(p.List);
            if (action)
            {
                p.List.Kind = ItemListKind.Actions;
            }
            pendingTotal = null;
        }
        if (p.Section is { } section && p.SectionCategory is null)
        {
            p.SectionCategory = new ParsedCategory(section.Number, section.Title, section.DeclaredCount, null, p.SectionLocation!);
            p.List.AddCategory(p.SectionCategory);
        }
        if (p.Sub is { } sub && p.SubCategory is null && !p.InActionSection)
        {
            p.SubCategory = new ParsedCategory(sub.Number, sub.Title, sub.DeclaredCount, p.SectionCategory, p.SubLocation!);
            p.List.AddCategory(p.SubCategory, p.SectionCategory);
        }
        var labelled = TextPatterns.TryTrailingLabels(rest);
        var (shortTitle, text) = SplitShortTitle(labelled?.Text ?? rest);
        if (p.InActionSection && shortTitle is null && text.IndexOf('。') is > 0 and var end)
        {
            shortTitle = text[..end];
        }
        draft = new ItemDraft(p.List, p.SubCategory ?? p.SectionCategory, number, shortTitle, text, location);
        if (labelled is { } l)
        {
            draft.ApplyLabels(l.Labels, location);
        }
    }

    /// <summary>
    /// Unnumbered paragraphs belong to the item above: always after a mid-sentence page break; in a work-point list as
    /// further paragraphs; in an action list only while more actions follow (the closing remarks of a report are not an action).
    /// </summary>
    private bool Continues(ItemDraft item, ProseState p, string clean, int index)
    {
        var previous = item.Text.ToString().TrimEnd('*', ' ');
        if (item.HasLabels)
        {
            return false; // the item ended at its label lines
        }
        if (previous.Length > 0 && !"。；！？!?;".Contains(previous[^1]))
        {
            return true;
        }
        if (p.List?.Kind != ItemListKind.Actions)
        {
            return clean.Length > 30;
        }
        // Bounded, so a huge section without headings stays linear.
        for (var i = index + 1; i >= 1 && i < lines.Count && i <= index + 300; i++)
        {
            var next = lines[i].Single;
            if (next is null || lines[i].IsBlank)
            {
                continue;
            }
            if (TextPatterns.TryHeading(next) is { } heading)
            {
                return heading.Level == 2 || heading.Title.Contains("行动");
            }
            if (TextPatterns.IsAttachmentMarker(next))
            {
                return false;
            }
        }
        return false;
    }

    private string? ActionListTitle()
    {
        actionTitle ??= lines.Select(l => ActionCountPattern().Match(l.Joined)).FirstOrDefault(m => m.Success)?.Value ?? "";
        return actionTitle.Length > 0 ? actionTitle : null;
    }

    [GeneratedRegex(@"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*[、.．]?\s*")]
    private static partial Regex LevelTwoPrefix();

    [GeneratedRegex(@"^[一二三四五六七八九十]{1,3}\s*[、.．]\s*")]
    private static partial Regex LevelOnePrefix();

    [GeneratedRegex(@"^(?<l>[\u4e00-\u9fa5]{2,8})[:：](?<v>.+)$")]
    private static partial Regex OtherLabelPattern();

    [GeneratedRegex(@"^[（(]\d{1,2}[)）]\S")]
    private static partial Regex SubPointPattern();

    [GeneratedRegex(@"[一二三四五六七八九十]+大行动")]
    private static partial Regex ActionCountPattern();
}
