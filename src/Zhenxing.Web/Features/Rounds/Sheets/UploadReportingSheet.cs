using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Rounds.Sheets;

/// <summary>What one valid row will save: the report of a unit on an item, and the version of that report the preview saw.</summary>
public sealed record SheetEntry(int ItemId, int UnitId, ItemStatus Status, string Narrative, string? Problems, string? Figures, int? ReportId, int Version);

/// <summary>One row of the preview: what the sheet says, and either what will be saved or why it cannot be.</summary>
public sealed class SheetRowCheck(int rowNumber)
{
    public int RowNumber { get; } = rowNumber;
    public string Item { get; set; } = "";
    public string Unit { get; set; } = "";
    public string Status { get; set; } = "";
    public string Narrative { get; set; } = "";
    public List<string> Errors { get; } = [];

    /// <summary>Reasons the row can be saved as a draft but not submitted.</summary>
    public List<string> SubmitErrors { get; } = [];

    /// <summary>Why nothing is saved for a row that is fine: left empty, or the same as what was submitted.</summary>
    public string? Skipped { get; set; }
    public SheetEntry? Entry { get; set; }
}

public sealed record SheetPreview(string? FileProblem, IReadOnlyList<SheetRowCheck> Rows)
{
    public bool CanSaveDrafts => FileProblem is null && Rows.All(r => r.Errors.Count == 0) && Rows.Any(r => r.Entry is not null);
    public bool CanSubmit => CanSaveDrafts && Rows.All(r => r.SubmitErrors.Count == 0);
    public IEnumerable<SheetEntry> Entries => Rows.Select(r => r.Entry).OfType<SheetEntry>();
}

public abstract record SheetOutcome
{
    public sealed record Saved(int Count, bool Submitted) : SheetOutcome;

    public sealed record Refused(SheetPreview Preview, string Reason) : SheetOutcome;
}

/// <summary>
/// An uploaded reporting sheet: every row checked against the round before anything is stored (the preview), then
/// on confirmation every row saved through <see cref="ReportWorkflow"/> in one transaction, or none.
/// A liaison reports for its own unit only; the Office for the unit named on each row.
/// </summary>
public sealed class UploadReportingSheet(ZhenxingDb db, RoundObligations obligations, ReportWorkflow workflow)
{
    public async Task<SheetPreview> PreviewAsync(int roundId, ClaimsPrincipal user, byte[] content, CancellationToken cancellationToken)
    {
        var reading = ReadReportingSheet.Run(content);
        if (reading.Problem is not null)
        {
            return new SheetPreview(reading.Problem, []);
        }
        var round = await db.ReportingRounds.AsNoTracking().SingleAsync(r => r.Id == roundId, cancellationToken);
        var office = user.IsInRole(nameof(Role.Office));
        var ownUnit = office ? null : ItemScope.UnitOf(user);
        if (!office && ownUnit is null)
        {
            return new SheetPreview("您的账号没有关联单位，不能上传报送表。", []);
        }
        var owed = await obligations.QueryAsync(roundId, ownUnit, openOnly: false, cancellationToken);
        var context = await LoadContextAsync(roundId, user, ownUnit, reading, owed, cancellationToken);
        var seen = new Dictionary<(int Item, int Unit), int>();
        var rows = new List<SheetRowCheck>();
        foreach (var row in reading.Rows)
        {
            var check = Check(row, reading.Letters, context, office ? null : ownUnit);
            if (check.Entry is { } entry && !seen.TryAdd((entry.ItemId, entry.UnitId), row.RowNumber))
            {
                check.Errors.Add($"第 {row.RowNumber} 行：与第 {seen[(entry.ItemId, entry.UnitId)]} 行是同一单位的同一事项，请只保留一行。");
                check.Entry = null;
            }
            rows.Add(check);
        }
        var problem = round.State == RoundState.Closed ? "该轮次已关闭，报送内容不能再修改。" : null;
        return new SheetPreview(problem, rows);
    }

    public async Task<SheetOutcome> ConfirmAsync(int roundId, ClaimsPrincipal user, byte[] content, IReadOnlyDictionary<int, int> seenVersions, bool submit, CancellationToken cancellationToken)
    {
        var preview = await PreviewAsync(roundId, user, content, cancellationToken);
        if (!(submit ? preview.CanSubmit : preview.CanSaveDrafts))
        {
            return new SheetOutcome.Refused(preview, submit && preview.CanSaveDrafts
                ? "有的行不能提交（见下表），未保存任何内容。可修改后重新上传，或选择“保存为草稿”。"
                : "表格中有错误（见下表），未保存任何内容。请修改后重新上传。");
        }
        var changed = preview.Rows.Where(r => r.Entry is { ReportId: { } id } e && seenVersions.GetValueOrDefault(id, -1) != e.Version).ToList();
        if (changed.Count > 0)
        {
            return new SheetOutcome.Refused(preview,
                $"第 {string.Join("、", changed.Select(r => r.RowNumber))} 行的报送在您预览之后已被修改，未保存任何内容。请核对下表后再次确认。");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var row in preview.Rows.Where(r => r.Entry is not null))
        {
            var entry = row.Entry!;
            var input = new ReportInput(entry.Status, entry.Narrative, entry.Problems, entry.Figures, entry.Version, ForUnitId: entry.UnitId);
            var reason = await workflow.SaveAsync(roundId, entry.ItemId, user, input, submit, cancellationToken) switch
            {
                ReportOutcome.Saved => null,
                ReportOutcome.Conflict conflict => $"{conflict.Current.UpdatedByName} 刚刚修改了这份报送",
                ReportOutcome.Refused refused => refused.Problem,
                _ => throw new InvalidOperationException("Unknown report outcome."),
            };
            if (reason is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return new SheetOutcome.Refused(await PreviewAsync(roundId, user, content, cancellationToken),
                    $"第 {row.RowNumber} 行保存失败：{reason}。未保存任何内容。");
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return new SheetOutcome.Saved(preview.Entries.Count(), submit);
    }

    private sealed record StoredReport(int Id, int Version, ItemStatus Status, string Narrative, string? Problems, string? Figures);

    private sealed record CheckContext(
        ILookup<int, Obligation> Owed,
        Dictionary<int, StoredReport> Reports,
        Dictionary<string, List<int>> UnitsByName,
        Dictionary<int, string> VisibleItems,
        HashSet<int> Instructed);

    private async Task<CheckContext> LoadContextAsync(int roundId, ClaimsPrincipal user, int? ownUnit, SheetReading reading, List<Obligation> owed, CancellationToken cancellationToken)
    {
        var reports = await db.ProgressReports.AsNoTracking()
            .Where(p => p.RoundId == roundId && (ownUnit == null || p.UnitId == ownUnit))
            .Select(p => new StoredReport(p.Id, p.Version, p.Status, p.Narrative, p.Problems, p.Figures))
            .ToDictionaryAsync(p => p.Id, cancellationToken);

        var names = reading.Rows.Select(r => r[SheetColumns.Unit]).Where(n => n.Length > 0).Distinct().ToList();
        var byName = await db.Units.AsNoTracking().Where(u => names.Contains(u.Name)).Select(u => new { u.Name, u.Id }).ToListAsync(cancellationToken);
        var byAlias = await db.UnitAliases.AsNoTracking().Where(a => names.Contains(a.Name)).Select(a => new { a.Name, a.UnitId }).ToListAsync(cancellationToken);
        var unitsByName = byName.Select(u => (u.Name, u.Id)).Concat(byAlias.Select(a => (a.Name, Id: a.UnitId)))
            .GroupBy(u => u.Name).ToDictionary(g => g.Key, g => g.Select(u => u.Id).Distinct().ToList());

        var owedItems = owed.Select(o => o.ItemId).ToHashSet();
        var others = reading.Rows.Select(r => ParseId(r[SheetColumns.ItemId])).OfType<int>().Where(id => !owedItems.Contains(id)).Distinct().ToList();
        var visible = await db.Items.VisibleTo(user).AsNoTracking().Where(i => others.Contains(i.Id))
            .Select(i => new { i.Id, i.Number }).ToDictionaryAsync(i => i.Id, i => i.Number, cancellationToken);

        var leadItems = owed.Where(o => o.Role == ItemUnitRole.Lead).Select(o => o.ItemId).Distinct().ToList();
        var instructed = await db.Instructions.AsNoTracking().Where(i => i.Answer == null && leadItems.Contains(i.ItemId))
            .Select(i => i.ItemId).Distinct().ToListAsync(cancellationToken);
        return new CheckContext(owed.ToLookup(o => o.ItemId), reports, unitsByName, visible, instructed.ToHashSet());
    }

    /// <param name="ownUnit">The liaison's unit; null for the Office.</param>
    private static SheetRowCheck Check(SheetRow row, IReadOnlyDictionary<string, string> letters, CheckContext context, int? ownUnit)
    {
        string At(string column) => letters.TryGetValue(column, out var letter) ? $"第 {row.RowNumber} 行 {letter} 列" : $"第 {row.RowNumber} 行";
        var (idText, unitText, statusText, narrative, problems, figures) =
            (row[SheetColumns.ItemId], row[SheetColumns.Unit], row[SheetColumns.Status], row[SheetColumns.Narrative], row[SheetColumns.Problems], row[SheetColumns.Figures]);
        var check = new SheetRowCheck(row.RowNumber)
        {
            Item = row[SheetColumns.Title].Length > 0 ? $"{row[SheetColumns.Number]} {row[SheetColumns.Title]}".Trim() : idText.Length > 0 ? $"事项编号 {idText}" : "",
            Unit = unitText,
            Status = statusText,
            Narrative = narrative,
        };
        if (statusText.Length == 0 && narrative.Length == 0 && problems.Length == 0 && figures.Length == 0)
        {
            check.Skipped = "未填写，不保存";
            return check;
        }

        var obligation = FindObligation(idText, unitText, At, context, ownUnit, check.Errors);
        var status = SheetColumns.ParseStatus(statusText);
        if (status is null)
        {
            check.Errors.Add(statusText.Length == 0
                ? $"{At(SheetColumns.Status)}：进展状态为空，应为 {SheetColumns.StatusWords}"
                : $"{At(SheetColumns.Status)}：状态“{statusText}”无效，应为 {SheetColumns.StatusWords}");
        }
        if (narrative.Length > 8000)
        {
            check.Errors.Add($"{At(SheetColumns.Narrative)}：进展情况有 {narrative.Length} 字，超过 8000 字");
        }
        if (problems.Length > 4000)
        {
            check.Errors.Add($"{At(SheetColumns.Problems)}：存在问题及需协调事项有 {problems.Length} 字，超过 4000 字");
        }
        if (figures.Length > 2000)
        {
            check.Errors.Add($"{At(SheetColumns.Figures)}：数据有 {figures.Length} 字，超过 2000 字");
        }
        if (narrative.Length == 0)
        {
            check.SubmitErrors.Add($"{At(SheetColumns.Narrative)}：进展情况为空，不能提交");
        }
        if (obligation is null)
        {
            return check;
        }

        check.Item = $"第 {obligation.ItemNumber} 项 {(obligation.ItemText.Length > 40 ? obligation.ItemText[..40] + "…" : obligation.ItemText)}";
        check.Unit = obligation.UnitName;
        var stored = obligation.ReportId is { } reportId ? context.Reports[reportId] : null;
        if (obligation.State is ReportState.Submitted or ReportState.Accepted)
        {
            var unchanged = status == stored!.Status && narrative == Normalize(stored.Narrative)
                && problems == Normalize(stored.Problems) && figures == Normalize(stored.Figures);
            if (unchanged)
            {
                check.Skipped = obligation.State == ReportState.Accepted ? "已采纳，内容未改动，不保存" : "已报送，内容未改动，不保存";
                check.Errors.Clear();
                check.SubmitErrors.Clear();
            }
            else
            {
                check.Errors.Add(obligation.State == ReportState.Accepted
                    ? $"第 {row.RowNumber} 行：{obligation.UnitName}的这份报送已被采纳，不能再修改"
                    : $"第 {row.RowNumber} 行：{obligation.UnitName}的这份报送已提交，等待振兴办审核，不能再修改；如需修改请联系振兴办退回");
            }
            return check;
        }
        if (obligation.Role == ItemUnitRole.Lead && context.Instructed.Contains(obligation.ItemId))
        {
            check.SubmitErrors.Add($"第 {row.RowNumber} 行：该事项有待答复的领导批示，请在网页上填报并逐条答复后提交");
        }
        if (check.Errors.Count == 0)
        {
            check.Entry = new SheetEntry(obligation.ItemId, obligation.UnitId, status!.Value, narrative,
                problems.Length == 0 ? null : problems, figures.Length == 0 ? null : figures, stored?.Id, stored?.Version ?? 0);
        }
        return check;
    }

    private static Obligation? FindObligation(string idText, string unitText, Func<string, string> at, CheckContext context, int? ownUnit, List<string> errors)
    {
        var namedUnits = unitText.Length == 0 ? null : context.UnitsByName.GetValueOrDefault(unitText) ?? [];
        if (ownUnit is { } own && namedUnits is not null && !namedUnits.Contains(own))
        {
            errors.Add($"{at(SheetColumns.Unit)}：单位“{unitText}”不是本单位，只能报送本单位的事项");
            return null;
        }
        if (ParseId(idText) is not { } itemId)
        {
            errors.Add(idText.Length == 0
                ? $"{at(SheetColumns.ItemId)}：事项编号为空，无法确定是哪个事项（请勿删除或修改该列）"
                : $"{at(SheetColumns.ItemId)}：事项编号“{idText}”无效（请勿修改该列）");
            return null;
        }
        var owed = context.Owed[itemId].ToList();
        if (owed.Count == 0)
        {
            errors.Add(!context.VisibleItems.TryGetValue(itemId, out var number)
                ? $"{at(SheetColumns.ItemId)}：没有编号为 {itemId} 的事项"
                : ownUnit is null
                    ? $"{at(SheetColumns.ItemId)}：事项 {itemId}（第 {number} 项）不在本轮次中，或已撤销"
                    : $"{at(SheetColumns.ItemId)}：本单位在本轮次中无需报送事项 {itemId}（第 {number} 项）");
            return null;
        }
        if (namedUnits is null)
        {
            if (owed.Select(o => o.UnitId).Distinct().Count() > 1)
            {
                errors.Add($"{at(SheetColumns.Unit)}：该事项由 {string.Join("、", owed.Select(o => o.UnitName).Distinct())} 报送，请填写单位");
                return null;
            }
            return owed[0];
        }
        if (namedUnits.Count == 0)
        {
            errors.Add($"{at(SheetColumns.Unit)}：单位名录中没有“{unitText}”");
            return null;
        }
        var match = owed.FirstOrDefault(o => namedUnits.Contains(o.UnitId));
        if (match is null)
        {
            errors.Add($"{at(SheetColumns.Unit)}：{unitText}在本轮次中无需报送该事项（应报送单位：{string.Join("、", owed.Select(o => o.UnitName).Distinct())}）");
        }
        return match;
    }

    private static int? ParseId(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
          && number is >= 1 and <= int.MaxValue && number == Math.Floor(number) ? (int)number : null;

    private static string Normalize(string? text) => (text ?? "").Replace("\r\n", "\n").Trim();
}
