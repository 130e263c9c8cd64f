using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Zhenxing.Importing;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Benchmarks;

/// <summary>How big a generated program (一套生成的台账) is: items, lists, units and closed reporting rounds.</summary>
public sealed record ProgramSize(int Items, int Lists, int Units, int ClosedRounds)
{
    public const int MinUnits = 40;
    public const int MinItemsPerList = 21;
    private const int ItemsPerDashboardList = 2000;

    /// <summary>The dashboard benchmark's shape: lists of about 2,000 items, as the real issued lists are.</summary>
    public static ProgramSize WithListsOfAbout2000(int items, int units, int closedRounds) =>
        new(items, Math.Max(1, (items + ItemsPerDashboardList / 2) / ItemsPerDashboardList), units, closedRounds);
}

public sealed record GeneratedTable(string Table, long Rows);

public sealed record GeneratedProgram(IReadOnlyList<GeneratedTable> Tables, TimeSpan Elapsed);

/// <summary>
/// Fills an empty PostgreSQL database with a reproducible program (same size and seed, same rows): units with
/// the 18 counties of 赣州, lists with categories and declared counts, items with lead and responsible units,
/// closed monthly rounds with a lead report and a kept status per item, and one open round with partial reports.
/// Rows go in by binary COPY in one transaction, with explicit ids. This bypasses <c>ZhenxingDb.SaveChangesAsync</c>
/// on purpose: generated benchmark data is nobody's edit, so it writes no audit rows (and EF change tracking
/// would take minutes for two million reports).
/// </summary>
public sealed class ProgramGenerator(NpgsqlConnection connection, ProgramSize size, int seed, DateTimeOffset now)
{
    /// <summary>Every generated list's title starts with this; a database with other lists is not the benchmark's.</summary>
    public const string Marker = "基准测试";

    // Bump when the generator changes what it writes, so that older generated data is not reused.
    private const int GeneratorVersion = 1;

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly Random _random = new(seed);
    private readonly List<GeneratedTable> _tables = [];

    /// <summary>Kept in every generated list's document number: which size and seed made it.</summary>
    public static string Fingerprint(ProgramSize size, int seed) => string.Create(CultureInfo.InvariantCulture,
        $"{Marker} v{GeneratorVersion} items={size.Items} lists={size.Lists} units={size.Units} rounds={size.ClosedRounds} seed={seed}");

    /// <param name="emptyFirst">Tables to empty (TRUNCATE … RESTART IDENTITY CASCADE) in the same transaction, before generating.</param>
    public async Task<GeneratedProgram> GenerateAsync(IReadOnlyList<string> emptyFirst, CancellationToken cancellationToken)
    {
        if (size.Units < ProgramSize.MinUnits || size.Lists < 1 || size.ClosedRounds < 1 || size.Items < size.Lists * ProgramSize.MinItemsPerList)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Too small a program.");
        }
        var watch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (emptyFirst.Count > 0)
        {
            await ExecuteAsync($"TRUNCATE {string.Join(", ", emptyFirst.Select(Quote))} RESTART IDENTITY CASCADE", cancellationToken);
        }

        var units = await WriteUnitsAsync(cancellationToken);
        var lists = await WriteListsAsync(cancellationToken);
        var items = await WriteItemsAsync(units, lists, cancellationToken);
        await WriteRoundsAsync(units, lists, items, cancellationToken);

        foreach (var table in _tables)
        {
            // Explicit ids were written: move each identity past them, so that the app's own inserts follow on.
            await ExecuteAsync($"SELECT setval(pg_get_serial_sequence('{Quote(table.Table)}', 'Id'), {table.Rows + 1}, false)", cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        // Fresh statistics (and a visibility map) so that the planner sees the tables as a database in use would.
        await ExecuteAsync($"VACUUM (ANALYZE) {string.Join(", ", _tables.Select(t => Quote(t.Table)))}", cancellationToken);
        return new GeneratedProgram(_tables, watch.Elapsed);
    }

    private sealed record UnitDirectory(string[] Names, int CityId, int[] CountyIds, int FirstOtherId);

    private async Task<UnitDirectory> WriteUnitsAsync(CancellationToken cancellationToken)
    {
        var names = new string[size.Units + 1];
        const int cityId = 1;
        var countyIds = new int[ProgramVocabulary.Counties.Length];
        var aliases = new List<(int UnitId, string Name)>();
        await using (var copy = await CopyAsync("Units", ["Id", "Name", "Kind", "ParentId", "Version"], cancellationToken))
        {
            async Task UnitAsync(int id, string name, UnitKind kind, int? parentId)
            {
                names[id] = name;
                await copy.RowAsync();
                await copy.IntAsync(id);
                await copy.TextAsync(name);
                await copy.TextAsync(kind.ToString());
                await copy.IntAsync(parentId);
                await copy.IntAsync(0);
            }

            await UnitAsync(cityId, ProgramVocabulary.City, UnitKind.Other, null);
            var id = cityId;
            for (var c = 0; c < countyIds.Length; c++)
            {
                countyIds[c] = ++id;
                var (county, alias) = ProgramVocabulary.Counties[c];
                await UnitAsync(id, county, UnitKind.County, cityId);
                if (alias is not null)
                {
                    aliases.Add((id, alias));
                }
            }
            foreach (var (name, kind, countyIndex) in ProgramVocabulary.Directory())
            {
                if (id == size.Units)
                {
                    break;
                }
                await UnitAsync(++id, name, kind, countyIndex is { } c ? countyIds[c] : null);
            }
            await copy.CompleteAsync("Units", size.Units);
        }
        await using (var copy = await CopyAsync("UnitAliases", ["Id", "UnitId", "Name"], cancellationToken))
        {
            for (var a = 0; a < aliases.Count; a++)
            {
                await copy.RowAsync();
                await copy.IntAsync(a + 1);
                await copy.IntAsync(aliases[a].UnitId);
                await copy.TextAsync(aliases[a].Name);
            }
            await copy.CompleteAsync("UnitAliases", aliases.Count);
        }
        return new UnitDirectory(names, cityId, countyIds, countyIds[^1] + 1);
    }

    /// <summary>One generated list: its id and, per sub-category, the category id and how many items it holds.</summary>
    private sealed record ListShape(int Id, int? MonthlyReportingDay, List<(int CategoryId, int Count)> SubCategories);

    private async Task<List<ListShape>> WriteListsAsync(CancellationToken cancellationToken)
    {
        var shapes = new List<ListShape>();
        var kinds = Enum.GetValues<ItemListKind>();
        var fingerprint = Fingerprint(size, seed);
        var categoryRows = new List<(int Id, int ListId, int? ParentId, int Position, string Number, string Title, string Path, int DeclaredCount)>();
        await using (var copy = await CopyAsync("ItemLists", ["Id", "Title", "DocumentNumber", "IssuingUnitId", "Year", "Kind", "DeclaredTotal", "MonthlyReportingDay", "Version"], cancellationToken))
        {
            for (var l = 0; l < size.Lists; l++)
            {
                var listId = l + 1;
                var itemCount = size.Items / size.Lists + (l < size.Items % size.Lists ? 1 : 0);
                var kind = kinds[l % kinds.Length];
                var year = 2025 + l % 2;
                int? reportingDay = l % 3 == 0 ? 25 : null;
                var shape = new ListShape(listId, reportingDay, []);
                shapes.Add(shape);

                // Three top categories 一、二、三, each with four to seven sub-categories （一）…（七）;
                // every sub-category gets at least one item and a share of the rest by a random weight.
                var tops = Pick(ProgramVocabulary.TopCategories, 3);
                var subCounts = tops.Select(_ => _random.Next(4, 8)).ToArray();
                var weights = subCounts.SelectMany(n => Enumerable.Range(0, n).Select(_ => 0.3 + _random.NextDouble())).ToArray();
                var counts = Share(itemCount, weights);
                var subTitles = Pick(ProgramVocabulary.SubCategories, weights.Length);
                var s = 0;
                for (var t = 0; t < tops.Length; t++)
                {
                    var topNumber = ChineseNumber(t + 1);
                    var topId = categoryRows.Count + 1;
                    var topCount = counts.Skip(s).Take(subCounts[t]).Sum();
                    categoryRows.Add((topId, listId, null, t, topNumber, tops[t], topNumber, topCount));
                    for (var k = 0; k < subCounts[t]; k++, s++)
                    {
                        var subNumber = $"（{ChineseNumber(k + 1)}）";
                        var subId = categoryRows.Count + 1;
                        categoryRows.Add((subId, listId, topId, k, subNumber, subTitles[s], $"{topNumber}/{subNumber}", counts[s]));
                        shape.SubCategories.Add((subId, counts[s]));
                    }
                }

                await copy.RowAsync();
                await copy.IntAsync(listId);
                await copy.TextAsync($"{Marker}清单{listId:D3}：{year}年赣州市振兴发展{kind.ToChinese()}清单");
                await copy.TextAsync(fingerprint);
                await copy.IntAsync(1);
                await copy.IntAsync(year);
                await copy.TextAsync(kind.ToString());
                await copy.IntAsync(itemCount);
                await copy.IntAsync(reportingDay);
                await copy.IntAsync(0);
            }
            await copy.CompleteAsync("ItemLists", size.Lists);
        }
        await using (var copy = await CopyAsync("Categories", ["Id", "ItemListId", "ParentId", "Position", "Number", "Title", "Path", "DeclaredCount", "Version"], cancellationToken))
        {
            foreach (var c in categoryRows)
            {
                await copy.RowAsync();
                await copy.IntAsync(c.Id);
                await copy.IntAsync(c.ListId);
                await copy.IntAsync(c.ParentId);
                await copy.IntAsync(c.Position);
                await copy.TextAsync(c.Number);
                await copy.TextAsync(c.Title);
                await copy.TextAsync(c.Path);
                await copy.IntAsync(c.DeclaredCount);
                await copy.IntAsync(0);
            }
            await copy.CompleteAsync("Categories", categoryRows.Count);
        }
        return shapes;
    }

    /// <summary>
    /// Per item, what the rounds need: its lead unit, the status it reports in each round (closed rounds, then the
    /// open one) and what became of each report.
    /// </summary>
    private sealed class ItemHistory(int items, int steps)
    {
        public int Steps { get; } = steps;
        public int[] ListIds { get; } = new int[items + 1];
        public int[] LeadUnits { get; } = new int[items + 1];
        public ItemStatus[] Reported { get; } = new ItemStatus[(items + 1) * steps];
        public Outcome[] Outcomes { get; } = new Outcome[(items + 1) * steps];
    }

    private enum Outcome : byte
    {
        Missing,
        OnTime,
        OnTimeNotReviewed,
        Late,
        Returned,
        Draft,
    }

    private async Task<ItemHistory> WriteItemsAsync(UnitDirectory units, List<ListShape> lists, CancellationToken cancellationToken)
    {
        var steps = size.ClosedRounds + 1;
        var history = new ItemHistory(size.Items, steps);
        var itemUnits = new List<(int ItemId, int UnitId, ItemUnitRole Role, int Position)>(size.Items * 3);
        var otherUnits = size.Units - units.FirstOtherId + 1;
        var itemId = 0;
        await using (var copy = await CopyAsync("Items",
            ["Id", "ItemListId", "CategoryId", "Position", "Number", "ShortTitle", "Text", "GroupReferences", "Leaders",
             "Deadline", "DeadlineText", "Ongoing", "Status", "FlagReason", "ReportingFrequency", "Version"], cancellationToken))
        {
            foreach (var list in lists)
            {
                var position = 0;
                foreach (var (categoryId, count) in list.SubCategories)
                {
                    for (var n = 0; n < count; n++, position++)
                    {
                        itemId++;
                        history.ListIds[itemId] = list.Id;

                        // A few units lead most items (the big departments), as in the real lists.
                        var lead = units.FirstOtherId + Skewed(otherUnits, 2.2);
                        string? place = null;
                        var named = new List<(int UnitId, ItemUnitRole Role)>();
                        var responsible = _random.Next(4);
                        for (var r = 0; r < responsible; r++)
                        {
                            var unit = units.FirstOtherId + Skewed(otherUnits, 1.5);
                            if (unit != lead && !named.Contains((unit, ItemUnitRole.Responsible)))
                            {
                                named.Add((unit, ItemUnitRole.Responsible));
                            }
                        }
                        if (_random.Next(10) == 0)
                        {
                            var county = units.CountyIds[_random.Next(units.CountyIds.Length)];
                            place = units.Names[county];
                            if (_random.Next(4) == 0)
                            {
                                lead = county;
                                named.RemoveAll(u => u.UnitId == county);
                            }
                            else
                            {
                                named.Add((county, ItemUnitRole.Responsible));
                            }
                        }
                        history.LeadUnits[itemId] = lead;
                        itemUnits.Add((itemId, lead, ItemUnitRole.Lead, 0));
                        for (var u = 0; u < named.Count; u++)
                        {
                            itemUnits.Add((itemId, named[u].UnitId, named[u].Role, u + 1));
                        }

                        var (deadline, deadlineText, ongoing) = Deadline();
                        var status = PlanRounds(history, itemId);

                        await copy.RowAsync();
                        await copy.IntAsync(itemId);
                        await copy.IntAsync(list.Id);
                        await copy.IntAsync(categoryId);
                        await copy.IntAsync(position);
                        await copy.TextAsync((position + 1).ToString(CultureInfo.InvariantCulture));
                        await copy.TextAsync(_random.Next(10) < 3 ? ProgramVocabulary.ShortTitle(_random) : null);
                        await copy.TextAsync(ProgramVocabulary.ItemText(_random, _random.Next(40, 200), place));
                        await copy.TextAsync(_random.Next(20) == 0 ? (_random.Next(2) == 0 ? "各县（市、区）" : "市直有关部门") : null);
                        await copy.TextAsync(_random.Next(5) == 0 ? "市政府分管领导" : null);
                        await copy.DateAsync(deadline);
                        await copy.TextAsync(deadlineText);
                        await copy.BoolAsync(ongoing);
                        await copy.TextAsync(status.ToString());
                        await copy.TextAsync(_random.Next(100) == 0 ? ProgramVocabulary.FlagReasons[_random.Next(ProgramVocabulary.FlagReasons.Length)] : null);
                        await copy.TextAsync((_random.Next(20) switch { 0 or 1 => ReportingFrequency.Monthly, 2 => ReportingFrequency.Quarterly, _ => ReportingFrequency.None }).ToString());
                        await copy.IntAsync(0);
                    }
                }
            }
            await copy.CompleteAsync("Items", itemId);
        }
        await using (var copy = await CopyAsync("ItemUnits", ["Id", "ItemId", "UnitId", "Role", "Position"], cancellationToken))
        {
            for (var i = 0; i < itemUnits.Count; i++)
            {
                await copy.RowAsync();
                await copy.IntAsync(i + 1);
                await copy.IntAsync(itemUnits[i].ItemId);
                await copy.IntAsync(itemUnits[i].UnitId);
                await copy.TextAsync(itemUnits[i].Role.ToString());
                await copy.IntAsync(itemUnits[i].Position);
            }
            await copy.CompleteAsync("ItemUnits", itemUnits.Count);
        }
        return history;
    }

    private (DateOnly? Deadline, string? Text, bool Ongoing) Deadline()
    {
        var roll = _random.Next(100);
        if (roll < 70)
        {
            var year = 2025 + _random.Next(3);
            if (_random.Next(4) == 0)
            {
                return (new DateOnly(year, 12, 31), $"{year}年底前", false);
            }
            var month = 1 + _random.Next(12);
            return (new DateOnly(year, month, DateTime.DaysInMonth(year, month)), $"{year}年{month}月底前", false);
        }
        return roll < 85 ? (null, _random.Next(2) == 0 ? "长期坚持" : "持续推进", true) : (null, null, false);
    }

    /// <summary>
    /// Plans an item's way through the rounds: the status its lead unit reports in each (moving from 未启动 towards
    /// its final status, sometimes 受阻 on the way) and whether each report came on time, late, was returned or
    /// never came. Returns the item's status now: that of its latest accepted report.
    /// </summary>
    private ItemStatus PlanRounds(ItemHistory history, int itemId)
    {
        var steps = history.Steps;
        var roll = _random.Next(100);
        var final = roll switch
        {
            < 6 => ItemStatus.NotStarted,
            < 44 => ItemStatus.InProgress,
            < 74 => ItemStatus.PositiveProgress,
            < 94 => ItemStatus.Done,
            _ => ItemStatus.Blocked,
        };
        var finalLevel = final == ItemStatus.Blocked ? (int)ItemStatus.InProgress : (int)final;
        // Most items were under way before the first round.
        var start = finalLevel == 0 || _random.Next(4) == 0 ? 0 : 1;
        var changes = new int[finalLevel - start];
        for (var c = 0; c < changes.Length; c++)
        {
            changes[c] = steps == 1 ? 0 : _random.Next(1, steps);
        }
        var blockedFrom = final == ItemStatus.Blocked ? Math.Max(0, steps - 1 - _random.Next(3)) : steps;
        var blockedOnce = final != ItemStatus.Blocked && steps >= 4 && _random.Next(100) < 3 ? _random.Next(1, steps - 1) : -1;

        var offset = itemId * steps;
        var kept = ItemStatus.NotStarted;
        for (var t = 0; t < steps; t++)
        {
            var status = (ItemStatus)(start + changes.Count(c => c <= t));
            if (t >= blockedFrom || (t == blockedOnce && status != ItemStatus.Done))
            {
                status = ItemStatus.Blocked;
            }
            history.Reported[offset + t] = status;

            var outcome = t < steps - 1
                ? _random.Next(1000) switch
                {
                    < 890 => Outcome.OnTime,
                    < 920 => Outcome.OnTimeNotReviewed,
                    < 970 => Outcome.Late,
                    < 975 => Outcome.Returned,
                    _ => Outcome.Missing,
                }
                : _random.Next(100) switch
                {
                    // The open round: some units have not started, some have a draft, some are waiting for review.
                    < 10 => Outcome.Draft,
                    < 30 => Outcome.OnTimeNotReviewed,
                    < 42 => Outcome.OnTime,
                    < 45 => Outcome.Returned,
                    _ => Outcome.Missing,
                };
            history.Outcomes[offset + t] = outcome;
            if (outcome is Outcome.OnTime or Outcome.Late)
            {
                kept = status;
            }
        }
        return kept;
    }

    private async Task WriteRoundsAsync(UnitDirectory units, List<ListShape> lists, ItemHistory history, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.ToOffset(ChinaOffset).DateTime);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var rounds = new List<(int Id, DateOnly OpensOn, DateOnly DueOn, DateTimeOffset? ClosedAt)>();
        for (var r = 0; r < size.ClosedRounds; r++)
        {
            // Monthly, due on the 25th and closed three days later: every closed round lies before this month.
            var opens = thisMonth.AddMonths(r - size.ClosedRounds);
            var due = opens.AddDays(24);
            rounds.Add((r + 1, opens, due, At(due.AddDays(3), 10)));
        }
        rounds.Add((size.ClosedRounds + 1, thisMonth, today.AddDays(10), null));

        await using (var copy = await CopyAsync("ReportingRounds", ["Id", "Name", "OpensOn", "DueOn", "IncludeResponsibleUnits", "State", "CreatedAt", "ClosedAt", "Version"], cancellationToken))
        {
            foreach (var round in rounds)
            {
                await copy.RowAsync();
                await copy.IntAsync(round.Id);
                await copy.TextAsync($"{round.OpensOn.Year}年{round.OpensOn.Month}月工作调度");
                await copy.DateAsync(round.OpensOn);
                await copy.DateAsync(round.DueOn);
                await copy.BoolAsync(false);
                await copy.TextAsync((round.ClosedAt is null ? RoundState.Open : RoundState.Closed).ToString());
                await copy.TimeAsync(Earlier(At(round.OpensOn, 9)));
                await copy.TimeAsync(round.ClosedAt);
                await copy.IntAsync(round.ClosedAt is null ? 0 : 1);
            }
            await copy.CompleteAsync("ReportingRounds", rounds.Count);
        }
        await using (var copy = await CopyAsync("RoundLists", ["Id", "RoundId", "ItemListId"], cancellationToken))
        {
            var id = 0;
            foreach (var round in rounds)
            {
                foreach (var list in lists)
                {
                    await copy.RowAsync();
                    await copy.IntAsync(++id);
                    await copy.IntAsync(round.Id);
                    await copy.IntAsync(list.Id);
                }
            }
            await copy.CompleteAsync("RoundLists", id);
        }

        await using (var copy = await CopyAsync("ProgressReports",
            ["Id", "RoundId", "ItemId", "UnitId", "Role", "Status", "Narrative", "Problems", "Figures", "State", "ReturnReason",
             "UpdatedAt", "UpdatedByName", "SubmittedAt", "SubmittedByName", "ReviewedAt", "ReviewedByName", "Late", "Version"], cancellationToken))
        {
            var id = 0;
            for (var t = 0; t < rounds.Count; t++)
            {
                var round = rounds[t];
                var closing = round.ClosedAt ?? now;
                for (var item = 1; item <= size.Items; item++)
                {
                    var outcome = history.Outcomes[item * history.Steps + t];
                    if (outcome == Outcome.Missing)
                    {
                        continue;
                    }
                    var liaison = units.Names[history.LeadUnits[item]] + "联络员";
                    var late = outcome == Outcome.Late;
                    var written = late
                        ? At(round.DueOn.AddDays(1 + _random.Next(2)), 9 + _random.Next(9))
                        : At(round.OpensOn.AddDays(5 + _random.Next(Math.Max(1, round.DueOn.DayNumber - round.OpensOn.DayNumber - 5))), 9 + _random.Next(9));
                    written = Earlier(written < closing ? written : closing.AddHours(-1));
                    DateTimeOffset? submitted = outcome == Outcome.Draft ? null : written;
                    DateTimeOffset? reviewed = outcome is Outcome.OnTime or Outcome.Late or Outcome.Returned
                        ? Earlier(Min(written.AddHours(2 + _random.Next(48)), closing))
                        : null;
                    var state = outcome switch
                    {
                        Outcome.Draft => ReportState.Draft,
                        Outcome.OnTimeNotReviewed => ReportState.Submitted,
                        Outcome.Returned => ReportState.Returned,
                        _ => ReportState.Accepted,
                    };

                    await copy.RowAsync();
                    await copy.IntAsync(++id);
                    await copy.IntAsync(round.Id);
                    await copy.IntAsync(item);
                    await copy.IntAsync(history.LeadUnits[item]);
                    await copy.TextAsync(nameof(ItemUnitRole.Lead));
                    await copy.TextAsync(history.Reported[item * history.Steps + t].ToString());
                    await copy.TextAsync(ProgramVocabulary.Narrative(_random, round.OpensOn.Month));
                    await copy.TextAsync(_random.Next(4) == 0 ? ProgramVocabulary.Problem(_random) : null);
                    await copy.TextAsync(_random.Next(5) == 0 ? $"完成投资{1 + _random.Next(30)}亿元" : null);
                    await copy.TextAsync(state.ToString());
                    await copy.TextAsync(state == ReportState.Returned ? ProgramVocabulary.ReturnReasons[_random.Next(ProgramVocabulary.ReturnReasons.Length)] : null);
                    await copy.TimeAsync(reviewed ?? written);
                    await copy.TextAsync(liaison);
                    await copy.TimeAsync(submitted);
                    await copy.TextAsync(submitted is null ? null : liaison);
                    await copy.TimeAsync(reviewed);
                    await copy.TextAsync(reviewed is null ? null : "市振兴办");
                    await copy.BoolAsync(late);
                    await copy.IntAsync(0);
                }
            }
            await copy.CompleteAsync("ProgressReports", id);
        }

        // What each closed round kept: the status of the item's latest accepted report at closing.
        await using (var copy = await CopyAsync("RoundItemStatuses", ["Id", "RoundId", "ItemId", "Status", "Reported"], cancellationToken))
        {
            var id = 0;
            var kept = new ItemStatus[size.Items + 1];
            for (var t = 0; t < size.ClosedRounds; t++)
            {
                for (var item = 1; item <= size.Items; item++)
                {
                    var outcome = history.Outcomes[item * history.Steps + t];
                    if (outcome is Outcome.OnTime or Outcome.Late)
                    {
                        kept[item] = history.Reported[item * history.Steps + t];
                    }
                    await copy.RowAsync();
                    await copy.IntAsync(++id);
                    await copy.IntAsync(rounds[t].Id);
                    await copy.IntAsync(item);
                    await copy.TextAsync(kept[item].ToString());
                    await copy.BoolAsync(outcome is Outcome.OnTime or Outcome.Late or Outcome.OnTimeNotReviewed);
                }
            }
            await copy.CompleteAsync("RoundItemStatuses", id);
        }
    }

    private DateTimeOffset Earlier(DateTimeOffset value) => value < now ? value : now.AddMinutes(-1);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>A China-time hour of a day, as the UTC value PostgreSQL's timestamptz takes.</summary>
    private static DateTimeOffset At(DateOnly day, int hour) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), ChinaOffset).ToUniversalTime();

    private int Skewed(int count, double power) => Math.Min(count - 1, (int)(count * Math.Pow(_random.NextDouble(), power)));

    private string[] Pick(string[] pool, int count)
    {
        var shuffled = pool.ToArray();
        _random.Shuffle(shuffled);
        return Enumerable.Range(0, count).Select(i => i < shuffled.Length ? shuffled[i] : $"{shuffled[i % shuffled.Length]}（{i / shuffled.Length + 1}）").ToArray();
    }

    /// <summary>At least one each, the rest in proportion to the weights; the sum is <paramref name="total"/>.</summary>
    private static int[] Share(int total, double[] weights)
    {
        var counts = weights.Select(_ => 1).ToArray();
        var rest = total - counts.Length;
        var sum = weights.Sum();
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += (int)(rest * weights[i] / sum);
        }
        counts[0] += total - counts.Sum();
        return counts;
    }

    private static string ChineseNumber(int n) => n switch
    {
        <= 10 => "一二三四五六七八九十"[n - 1].ToString(),
        < 20 => "十" + ChineseNumber(n - 10),
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<CopyWriter> CopyAsync(string table, string[] columns, CancellationToken cancellationToken)
    {
        var sql = $"COPY {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) FROM STDIN (FORMAT BINARY)";
        var importer = await connection.BeginBinaryImportAsync(sql, cancellationToken);
        // Completing a COPY of millions of rows waits for the server to update every index: longer than the 30 s default.
        importer.Timeout = TimeSpan.FromMinutes(30);
        return new CopyWriter(importer, _tables, cancellationToken);
    }

    /// <summary>One table's binary COPY, with a method per column type of the schema.</summary>
    private sealed class CopyWriter(NpgsqlBinaryImporter importer, List<GeneratedTable> tables, CancellationToken cancellationToken) : IAsyncDisposable
    {
        public Task RowAsync() => importer.StartRowAsync(cancellationToken);

        public Task IntAsync(int value) => importer.WriteAsync(value, NpgsqlDbType.Integer, cancellationToken);

        public Task IntAsync(int? value) => value is { } v ? IntAsync(v) : importer.WriteNullAsync(cancellationToken);

        public Task BoolAsync(bool value) => importer.WriteAsync(value, NpgsqlDbType.Boolean, cancellationToken);

        public Task TextAsync(string? value) =>
            value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);

        public Task DateAsync(DateOnly? value) =>
            value is { } v ? importer.WriteAsync(v, NpgsqlDbType.Date, cancellationToken) : importer.WriteNullAsync(cancellationToken);

        public Task TimeAsync(DateTimeOffset? value) =>
            value is { } v ? importer.WriteAsync(v, NpgsqlDbType.TimestampTz, cancellationToken) : importer.WriteNullAsync(cancellationToken);

        public async Task CompleteAsync(string table, long rows)
        {
            await importer.CompleteAsync(cancellationToken);
            tables.Add(new GeneratedTable(table, rows));
        }

        public ValueTask DisposeAsync() => importer.DisposeAsync();
    }
}
