using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Bulletins.Sections;

/// <summary>
/// 督办事项: the reports owed that the escalation ladder put under supervision (督办) and that were still under it at the
/// end of the period, then those the units cleared by reporting within the period. Left out when there are none.
/// </summary>
public sealed class SupervisionSection(ZhenxingDb db) : IBulletinSection
{
    public int Order => 45;

    public async Task<DraftSection?> BuildAsync(BulletinFacts facts, CancellationToken cancellationToken)
    {
        var rows = (await db.Supervisions.AsNoTracking()
                .Join(db.Items, s => s.ItemId, i => i.Id, (s, i) => new { s, i })
                .Join(db.ReportingRounds, x => x.s.RoundId, r => r.Id, (x, r) => new
                {
                    x.s.Since, x.s.ClosedAt, x.s.Reason, Unit = x.s.Unit!.Name, Round = r.Name, RoundDue = r.DueOn,
                    List = x.i.ItemList!.Title, x.i.Number, Title = x.i.ShortTitle ?? x.i.Text,
                })
                .ToListAsync(cancellationToken))
            .Where(s => ChinaTime.DateOf(s.Since) <= facts.To)
            .ToList();
        var open = rows.Where(s => s.ClosedAt is null || ChinaTime.DateOf(s.ClosedAt.Value) > facts.To).OrderBy(s => s.Since).ThenBy(s => s.List).ToList();
        var cleared = rows.Where(s => s.ClosedAt is { } closed && ChinaTime.DateOf(closed) >= facts.From && ChinaTime.DateOf(closed) <= facts.To).ToList();
        if (open.Count == 0 && cleared.Count == 0)
        {
            return null;
        }
        var paragraphs = new List<string>();
        paragraphs.Add(open.Count == 0
            ? "截至期末，没有仍在督办的事项。"
            : $"截至期末，经提醒、催办后仍未报送进展、列入督办的事项 {open.Count} 项：");
        paragraphs.AddRange(open.Select((s, index) =>
            $"{index + 1}. 《{s.List}》第{s.Number}项“{BulletinItem.Shorten(s.Title)}”，{s.Unit}在“{s.Round}”（{BulletinText.Date(s.RoundDue)}截止）中未报送，自{BulletinText.Date(ChinaTime.DateOf(s.Since))}起督办。"));
        if (cleared.Count > 0)
        {
            paragraphs.Add($"本期已报送进展、解除督办 {cleared.Count} 项：" + string.Join("；", cleared.Select(s => $"《{s.List}》第{s.Number}项（{s.Unit}）")) + "。");
        }
        return new DraftSection("督办事项", paragraphs);
    }
}
