using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Meetings;

/// <summary>A meeting's figures: matters put to it, of them landed, in progress, not started, blocked; held or still planned.</summary>
public sealed record MeetingFigures(int Id, string Title, DateOnly HeldOn, MeetingLevel Level, bool Held, int Matters, int Decided, int Landed, int InProgress, int NotStarted, int Blocked)
{
    /// <summary>The office's line: "研究我市 10 项重大事项，目前 8 项已落地实施".</summary>
    public string Sentence => Held
        ? $"研究我市 {Matters} 项重大事项，目前 {Landed} 项已落地实施" + (InProgress + Blocked > 0 ? $"、{InProgress + Blocked} 项正在推进" : "")
        : $"定于 {HeldOn:yyyy年M月d日} 召开，拟提请研究事项 {Matters} 项";

    public string Url => $"/meetings/{Id}";
}

/// <summary>The meetings of a period and the summary the office writes: how many held, matters studied, landed.</summary>
public sealed record MeetingsSummary(DateOnly? From, DateOnly? To, IReadOnlyList<MeetingFigures> Meetings, int Held, int Matters, int Landed, int Planned, int PlannedMatters)
{
    public string Sentence
    {
        get
        {
            var period = (From, To) switch
            {
                ({ } f, { } t) => $"{f:yyyy年M月d日}至{t:yyyy年M月d日}，",
                ({ } f, null) => $"{f:yyyy年M月d日}以来，",
                (null, { } t) => $"截至{t:yyyy年M月d日}，",
                _ => "",
            };
            var held = Held == 0 ? $"{period}尚无已召开的会议" : $"{period}召开会议 {Held} 次，研究我市 {Matters} 项重大事项，目前 {Landed} 项已落地实施";
            return Planned > 0 ? $"{held}；另有 {Planned} 次会议待召开，拟提请研究事项 {PlannedMatters} 项" : held;
        }
    }
}

/// <summary>A matter linked to an item, as the item page lists it.</summary>
public sealed record ItemMatter(int MeetingId, string MeetingTitle, DateOnly HeldOn, MeetingLevel Level, int MatterId, string Text, string? Decision, LandingStatus Status);

public sealed class MeetingSummaries(ZhenxingDb db, TimeProvider clock)
{
    /// <summary>The meetings dated in the period (either end open), newest first, with the period's summary.</summary>
    public async Task<MeetingsSummary> ForPeriodAsync(DateOnly? from, DateOnly? to, MeetingLevel? level, CancellationToken cancellationToken)
    {
        var today = Infrastructure.ChinaTime.Today(clock);
        var meetings = db.Meetings.AsNoTracking().AsQueryable();
        if (from is { } f)
        {
            meetings = meetings.Where(m => m.HeldOn >= f);
        }
        if (to is { } t)
        {
            meetings = meetings.Where(m => m.HeldOn <= t);
        }
        if (level is { } l)
        {
            meetings = meetings.Where(m => m.Level == l);
        }
        var rows = await meetings.OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.Id)
            .Select(m => new { m.Id, m.Title, m.HeldOn, m.Level })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var counts = (await db.MeetingMatters.AsNoTracking().Where(m => ids.Contains(m.MeetingId))
                .GroupBy(m => new { m.MeetingId, m.Status, Decided = m.Decision != null })
                .Select(g => new { g.Key.MeetingId, g.Key.Status, g.Key.Decided, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.MeetingId);
        var figures = rows.Select(r =>
        {
            var c = counts[r.Id].ToList();
            int Of(LandingStatus s) => c.Where(x => x.Status == s).Sum(x => x.Count);
            return new MeetingFigures(r.Id, r.Title, r.HeldOn, r.Level, r.HeldOn <= today, c.Sum(x => x.Count), c.Where(x => x.Decided).Sum(x => x.Count),
                Of(LandingStatus.Landed), Of(LandingStatus.InProgress), Of(LandingStatus.NotStarted), Of(LandingStatus.Blocked));
        }).ToList();
        var held = figures.Where(m => m.Held).ToList();
        var planned = figures.Where(m => !m.Held).ToList();
        return new MeetingsSummary(from, to, figures, held.Count, held.Sum(m => m.Matters), held.Sum(m => m.Landed), planned.Count, planned.Sum(m => m.Matters));
    }

    /// <summary>The matters linked to an item, for its page.</summary>
    public async Task<List<ItemMatter>> ForItemAsync(int itemId, CancellationToken cancellationToken) =>
        await (from link in db.MeetingMatterItems
               where link.ItemId == itemId
               join matter in db.MeetingMatters on link.MatterId equals matter.Id
               join meeting in db.Meetings on matter.MeetingId equals meeting.Id
               orderby meeting.HeldOn descending, matter.Position
               select new ItemMatter(meeting.Id, meeting.Title, meeting.HeldOn, meeting.Level, matter.Id, matter.Text, matter.Decision, matter.Status))
            .AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>Items linked to matters, by matter, limited to those the user may see.</summary>
    public async Task<ILookup<int, (int Id, string Number, string Text)>> LinkedItemsAsync(IReadOnlyCollection<int> matterIds, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await (from link in db.MeetingMatterItems
                where matterIds.Contains(link.MatterId)
                join item in db.Items.VisibleTo(user) on link.ItemId equals item.Id
                orderby item.ItemListId, item.Position
                select new { link.MatterId, item.Id, item.Number, Text = item.ShortTitle ?? item.Text })
            .AsNoTracking().ToListAsync(cancellationToken))
        .ToLookup(x => x.MatterId, x => (x.Id, x.Number, x.Text));
}
