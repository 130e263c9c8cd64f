using Microsoft.EntityFrameworkCore;
using Zhenxing.Importing;
using Zhenxing.Importing.Parsing;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Imports;

public abstract record RevisionOutcome
{
    public sealed record Saved(string Message) : RevisionOutcome;

    public sealed record NotFound : RevisionOutcome;

    /// <summary>The request itself is wrong (a name too long, no 事项内容 column left): nothing was stored.</summary>
    public sealed record Invalid(IReadOnlyList<string> Problems) : RevisionOutcome;

    /// <summary>The preview the request was made on is out of date: the document changed or was confirmed meanwhile.</summary>
    public sealed record Stale(string Problem) : RevisionOutcome;
}

/// <summary>
/// Changes how a pending upload is read before it is confirmed: what a table column means ("这一列是牵头单位") and an
/// item's units. The choices are kept with the upload (<see cref="SourceDocument.ReadingChoices"/>), saved over the
/// version the preview showed only, and audited as any save.
/// </summary>
public sealed class ReviseReading(ZhenxingDb db, ParsedDocuments documents)
{
    /// <summary>The longest text a unit field of the correction form takes: several names, each within <see cref="LedgerFieldLimits.UnitName"/>.</summary>
    public const int MaxUnitsText = 2000;

    private const string StaleMessage = "预览已过期：这份文件的读取方式或单位更正刚被修改（可能在另一个窗口），本次修改未保存。请查看刷新后的预览再操作。";

    /// <param name="roles">The role chosen for each header wording the preview showed; null to read every column by its header again.</param>
    public async Task<RevisionOutcome> ChooseColumnsAsync(int documentId, int version, IReadOnlyList<(string Header, string Role)>? roles, CancellationToken cancellationToken)
    {
        var (document, refusal) = await LoadAsync(documentId, version, cancellationToken);
        if (document is null)
        {
            return refusal!;
        }
        var choices = ReadingChoices.Of(document);
        if (roles is null)
        {
            if (choices.Columns.Count == 0)
            {
                return new RevisionOutcome.Saved("各列已按表头识别，没有需要恢复的选择。");
            }
            choices.Columns.Clear();
            return await SaveAsync(document, choices, "已恢复按表头识别各列，并重新读取了文件。", cancellationToken);
        }

        var tables = documents.Parse(document).Tables;
        var shown = tables.SelectMany(t => t.Columns).Where(c => c.Header.Length > 0).ToLookup(c => c.Header);
        var problems = new List<string>();
        var wanted = new Dictionary<string, ColumnRole>();
        foreach (var (header, roleName) in roles)
        {
            if (!shown.Contains(header))
            {
                problems.Add($"表头“{header}”不在这份文件的表格中，请刷新预览后再选择。");
            }
            else if (!ColumnRoleNames.TryParse(roleName, out var role))
            {
                problems.Add($"表头“{header}”所选的含义“{roleName}”无效。");
            }
            else if (wanted.TryGetValue(header, out var earlier) && earlier != role)
            {
                problems.Add($"表头“{header}”出现在多列中，各列只能选择同一种含义（已选“{earlier.ToChinese()}”和“{role.ToChinese()}”）。");
            }
            else
            {
                wanted[header] = role;
            }
        }
        foreach (var table in tables)
        {
            var after = table.Columns.Select(c => wanted.GetValueOrDefault(c.Header, c.Role)).ToList();
            if (!after.Contains(ColumnRole.Text))
            {
                problems.Add($"表格“{table.ListTitle}”（{table.Location}）需要有一列是“{ColumnRole.Text.ToChinese()}”：没有它，表格中的事项无法读取。");
            }
        }
        if (problems.Count > 0)
        {
            return new RevisionOutcome.Invalid(problems.Distinct().ToList());
        }

        // A column the Office left as the importer read it stays read by its header, unless it was chosen before.
        var changed = 0;
        foreach (var (header, role) in wanted)
        {
            if (choices.Columns.ContainsKey(header) || shown[header].Any(c => c.Role != role))
            {
                changed += choices.Columns.TryGetValue(header, out var before) && before == role ? 0 : 1;
                choices.Columns[header] = role;
            }
        }
        if (changed == 0)
        {
            return new RevisionOutcome.Saved("各列的含义没有改变。");
        }
        var summary = string.Join("，", wanted.Where(w => shown[w.Key].Any(c => c.Role != w.Value)).Select(w => $"“{w.Key}”是{w.Value.ToChinese()}"));
        return await SaveAsync(document, choices, $"已按所选含义重新读取文件：{summary}。", cancellationToken);
    }

    public async Task<RevisionOutcome> CorrectUnitsAsync(int documentId, int version, string listTitle, string itemKey, string? leadUnits, string? responsibleUnits, CancellationToken cancellationToken)
    {
        var (document, refusal) = await LoadAsync(documentId, version, cancellationToken);
        if (document is null)
        {
            return refusal!;
        }
        var list = documents.Parse(document).Lists.FirstOrDefault(l => l.Title == listTitle);
        var index = list is null ? -1 : ItemKeys.Of(list).IndexOf(itemKey);
        if (index < 0)
        {
            return new RevisionOutcome.Stale("要更正的事项已不在预览中（文件的读取方式可能刚被修改），本次更正未保存。请查看刷新后的预览再操作。");
        }
        var item = list!.Items[index];
        var label = $"{item.CategoryPath.Replace('/', ' ')} 第 {item.Number} 项“{Shorten(item.Text)}”".TrimStart();
        var correction = new UnitCorrection(listTitle, itemKey, (leadUnits ?? "").Trim(), (responsibleUnits ?? "").Trim());
        var problems = Check(correction, label);
        if (problems.Count > 0)
        {
            return new RevisionOutcome.Invalid(problems);
        }

        var choices = ReadingChoices.Of(document);
        choices.Corrections.RemoveAll(c => c.ListTitle == listTitle && c.ItemKey == itemKey);
        choices.Corrections.Add(correction);
        return await SaveAsync(document, choices, $"已更正{label}的单位。", cancellationToken);
    }

    /// <summary>What is wrong with a correction, in Chinese, naming the item and the field; empty when nothing is.</summary>
    private static List<string> Check(UnitCorrection correction, string label)
    {
        var problems = new List<string>();
        foreach (var (field, text) in new[] { ("牵头单位", correction.LeadUnits), ("责任单位", correction.ResponsibleUnits) })
        {
            if (text.Length > MaxUnitsText)
            {
                problems.Add($"{label}的{field}有 {text.Length} 个字，超过上限 {MaxUnitsText} 字。");
            }
        }
        if (correction.LeadUnits.Length == 0)
        {
            problems.Add($"{label}的牵头单位不能为空：请填写至少一个单位。");
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        var units = correction.Read();
        if (units.Lead.Count == 0)
        {
            problems.Add($"{label}的牵头单位“{correction.LeadUnits}”中没有具体单位（“各县（市、区）”等泛指请填在责任单位中）。");
        }
        foreach (var (field, names) in new[] { ("牵头单位", units.Lead), ("责任单位", units.Responsible.Concat(units.Groups).ToList()) })
        {
            foreach (var name in names.Where(n => n.Length > LedgerFieldLimits.UnitName))
            {
                problems.Add($"{label}的{field}“{Shorten(name)}”有 {name.Length} 个字，单位名称不能超过 {LedgerFieldLimits.UnitName} 字。");
            }
        }
        if (units.Groups.Count > 0 && string.Join("、", units.Groups).Length > LedgerFieldLimits.GroupReferences)
        {
            problems.Add($"{label}的责任单位中泛指的单位（{Shorten(string.Join("、", units.Groups))}）合计超过 {LedgerFieldLimits.GroupReferences} 字。");
        }
        return problems;
    }

    private async Task<(SourceDocument? Document, RevisionOutcome? Refusal)> LoadAsync(int documentId, int version, CancellationToken cancellationToken)
    {
        var document = await db.SourceDocuments.SingleOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return (null, new RevisionOutcome.NotFound());
        }
        if (document.ConfirmedAt is not null)
        {
            return (null, new RevisionOutcome.Stale("该文件已确认导入，不能再修改读取方式或单位；如需更改，请在台账中修改事项。"));
        }
        if (document.Version != version)
        {
            return (null, new RevisionOutcome.Stale(StaleMessage));
        }
        return (document, null);
    }

    private async Task<RevisionOutcome> SaveAsync(SourceDocument document, ReadingChoices choices, string message, CancellationToken cancellationToken)
    {
        document.ReadingChoices = choices.ToJson();
        try
        {
            // Saved over the version read above only: a confirmation or another change in between makes this one fail.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new RevisionOutcome.Stale(StaleMessage);
        }
        return new RevisionOutcome.Saved(message);
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
