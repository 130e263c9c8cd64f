using Microsoft.EntityFrameworkCore;
using Npgsql;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Benchmarks;

/// <summary>A generated program ready to be measured: its lists, and what generating it took (null when reused).</summary>
public sealed record BenchProgram(IReadOnlyList<int> ListIds, GeneratedProgram? Generated);

/// <summary>
/// Makes sure the database holds the generated program of the asked size and seed: reuses it when it is there,
/// generates it into an empty database, replaces a program generated earlier with other sizes, and refuses a
/// database that holds anything else — a real ledger is never wiped.
/// </summary>
public sealed class PrepareBenchProgram(ZhenxingDb db, TimeProvider clock)
{
    public async Task<(BenchProgram? Program, string? Refusal)> RunAsync(ProgramSize size, int seed, TextWriter progress, CancellationToken cancellationToken)
    {
        const string marker = ProgramGenerator.Marker;
        var lists = await db.ItemLists.AsNoTracking()
            .Select(l => new { l.Id, l.DocumentNumber, Generated = l.Title.StartsWith(marker) })
            .ToListAsync(cancellationToken);
        if (lists.Any(l => !l.Generated))
        {
            var items = await db.Items.CountAsync(i => !i.ItemList!.Title.StartsWith(marker), cancellationToken);
            return (null, $"数据库中已有 {items} 个不是基准测试生成的事项（{lists.Count(l => !l.Generated)} 个清单）。"
                          + "基准测试会清空并重建数据，不能在真实的台账数据库上运行，请另建一个空数据库。");
        }

        var emptyFirst = new List<string>();
        if (lists.Count == 0)
        {
            var units = await db.Units.CountAsync(cancellationToken);
            var rounds = await db.ReportingRounds.CountAsync(cancellationToken);
            if (units > 0 || rounds > 0)
            {
                return (null, $"数据库中已有 {units} 个单位、{rounds} 个报送轮次，但没有基准测试生成的清单。"
                              + "基准测试会清空并重建数据，不能在真实的台账数据库上运行，请另建一个空数据库。");
            }
        }
        else
        {
            var fingerprint = ProgramGenerator.Fingerprint(size, seed);
            if (lists.Count == size.Lists && lists.All(l => l.DocumentNumber == fingerprint) && await IsCompleteAsync(size, cancellationToken))
            {
                return (new BenchProgram(lists.Select(l => l.Id).Order().ToList(), null), null);
            }
            await progress.WriteLineAsync($"数据库中的基准测试数据（{lists[0].DocumentNumber}）与本次规模不同，清空后重新生成。");
            // Everything but the app's data-protection keys; users and API keys go with the units they reference.
            emptyFirst = db.Model.GetEntityTypes()
                .Where(e => e.ClrType != typeof(Infrastructure.Auth.DataProtectionKey))
                .Select(e => e.GetTableName()!)
                .Distinct()
                .ToList();
        }

        await progress.WriteLineAsync($"正在生成基准测试数据：{size.Items} 个事项、{size.Lists} 个清单、{size.Units} 个单位、{size.ClosedRounds} 个已结束轮次（随机种子 {seed}）……");
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        var generated = await new ProgramGenerator(connection, size, seed, clock.GetUtcNow()).GenerateAsync(emptyFirst, cancellationToken);
        var listIds = await db.ItemLists.AsNoTracking().OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(cancellationToken);
        return (new BenchProgram(listIds, generated), null);
    }

    /// <summary>Generation is one transaction, so a program is complete unless somebody changed it since.</summary>
    private async Task<bool> IsCompleteAsync(ProgramSize size, CancellationToken cancellationToken)
    {
        var items = await db.Items.CountAsync(cancellationToken);
        var closedRounds = await db.ReportingRounds.CountAsync(r => r.State == Rounds.RoundState.Closed, cancellationToken);
        var units = await db.Units.CountAsync(cancellationToken);
        return items == size.Items && closedRounds == size.ClosedRounds && units == size.Units;
    }
}
