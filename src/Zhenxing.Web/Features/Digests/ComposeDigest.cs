using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Digests;

/// <summary>
/// Gathers what a daily digest says. For a person: the notifications they have not read that came since their last
/// digest (their own and, for a liaison, their unit's), the reports their unit owes soon or late (liaison), the reports
/// waiting for review (Office). For a unit's group robot: the reports it owes soon or late and its chases of the day.
/// Only facts the app already holds: nothing about who read or clicked what.
/// </summary>
public sealed class ComposeDigest(ZhenxingDb db, RoundObligations obligations, TimeProvider clock, IOptions<DigestOptions> options)
{
    private const int MostLines = 20;

    private DigestOptions Options => options.Value;

    public async Task<Digest> ForUserAsync(User user, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var digest = new Digest($"振兴督查调度平台每日摘要（{today:yyyy年M月d日}）");
        var since = await db.DigestLogs.AsNoTracking().Where(l => l.UserId == user.Id).MaxAsync(l => (DateTimeOffset?)l.SentAt, cancellationToken);
        var unitId = user.Role == Role.Liaison ? user.UnitId ?? -1 : -1;
        var unread = db.Notifications.AsNoTracking()
            .Where(n => n.ReadAt == null && (n.UserId == user.Id || n.UnitId == unitId));
        if (since is { } last)
        {
            unread = unread.Where(n => n.CreatedAt > last);
        }
        var notices = await unread.OrderBy(n => n.CreatedAt).Select(n => new { n.Text, n.Link, n.CreatedAt }).ToListAsync(cancellationToken);
        digest.Add("未读通知", Capped(notices.Select(n => new Digest.Line($"{ChinaTime.Format(n.CreatedAt)} {n.Text}", Options.Link(n.Link ?? "/notifications"))), "/notifications"));

        if (user.Role == Role.Liaison && user.UnitId is { } ownUnit)
        {
            digest.Add("待报送（即将截止或已逾期）", await OwedAsync(ownUnit, today, "/inbox", cancellationToken));
        }
        if (user.Role == Role.Office)
        {
            var waiting = await db.ProgressReports.AsNoTracking()
                .Where(r => r.State == ReportState.Submitted)
                .GroupBy(r => new { r.RoundId, r.Round!.Name })
                .Select(g => new { g.Key.RoundId, g.Key.Name, Count = g.Count() })
                .ToListAsync(cancellationToken);
            digest.Add("待审核的报送", waiting.OrderBy(w => w.RoundId)
                .Select(w => new Digest.Line($"“{w.Name}”有 {w.Count} 份报送待审核", Options.Link($"/review?round={w.RoundId}"))));
        }
        return digest;
    }

    public async Task<Digest> ForUnitAsync(int unitId, string unitName, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var digest = new Digest($"{unitName}每日督办摘要（{today:yyyy年M月d日}）");
        digest.Add("待报送（即将截止或已逾期）", await OwedAsync(unitId, today, "/inbox", cancellationToken));
        var dayStart = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
        // 催办 and 督办 reach a unit as its notifications: those of the day are its chases.
        var chases = await db.Notifications.AsNoTracking()
            .Where(n => n.UnitId == unitId && n.CreatedAt >= dayStart)
            .OrderBy(n => n.CreatedAt).Select(n => new { n.Text, n.Link }).ToListAsync(cancellationToken);
        digest.Add("今日催办与督办", Capped(chases.Select(n => new Digest.Line(n.Text, Options.Link(n.Link ?? "/notifications"))), "/notifications"));
        return digest;
    }

    private async Task<List<Digest.Line>> OwedAsync(int unitId, DateOnly today, string link, CancellationToken cancellationToken)
    {
        var owed = (await obligations.QueryAsync(null, unitId, openOnly: true, cancellationToken))
            .Where(o => (o.State is null or ReportState.Draft or ReportState.Returned) && o.DueOn.DayNumber - today.DayNumber <= Options.DueSoonDays)
            .GroupBy(o => (o.RoundId, o.RoundName, o.DueOn))
            .OrderBy(g => g.Key.DueOn)
            .Select(g =>
            {
                var days = g.Key.DueOn.DayNumber - today.DayNumber;
                var when = days > 0 ? $"{days} 天后截止（{g.Key.DueOn:M月d日}）" : days == 0 ? "今天截止" : $"已逾期 {-days} 天";
                var returned = g.Count(o => o.State == ReportState.Returned);
                return new Digest.Line($"“{g.Key.RoundName}”{when}：{g.Count()} 项未报送{(returned > 0 ? $"（其中被退回 {returned} 项）" : "")}", Options.Link(link));
            })
            .ToList();
        return owed;
    }

    private List<Digest.Line> Capped(IEnumerable<Digest.Line> lines, string moreLink)
    {
        var all = lines.ToList();
        if (all.Count <= MostLines)
        {
            return all;
        }
        return [.. all.Take(MostLines), new Digest.Line($"另有 {all.Count - MostLines} 条，请到平台查看", Options.Link(moreLink))];
    }
}
