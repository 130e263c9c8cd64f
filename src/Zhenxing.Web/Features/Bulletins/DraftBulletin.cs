using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Zhenxing.Web.Data;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Bulletins;

/// <summary>A bulletin's period as typed, read here so that every error is in Chinese and names its field.</summary>
public static class BulletinPeriod
{
    public const int MaxDays = 366;

    /// <param name="fromLabel">How the form or the command line names the first day (起始日期, --from).</param>
    public static (DateOnly From, DateOnly To, Dictionary<string, string> Errors) Parse(string? from, string? to, string fromLabel, string toLabel)
    {
        var errors = new Dictionary<string, string>();
        DateOnly Day(string? text, string field, string label)
        {
            if (DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 2000 and <= 2100)
            {
                return day;
            }
            errors[field] = string.IsNullOrWhiteSpace(text)
                ? $"请填写{label}（如 2026-10-01）。"
                : $"{label}“{text.Trim()}”不是有效日期，应写作 2026-10-01 的形式。";
            return default;
        }
        var first = Day(from, "From", fromLabel);
        var last = Day(to, "To", toLabel);
        if (errors.Count == 0 && last < first)
        {
            errors["To"] = $"{toLabel}（{last:yyyy-MM-dd}）不能早于{fromLabel}（{first:yyyy-MM-dd}）。";
        }
        else if (errors.Count == 0 && last.DayNumber - first.DayNumber >= MaxDays)
        {
            errors["To"] = $"简报期间不超过 {MaxDays} 天：{fromLabel} {first:yyyy-MM-dd} 至{toLabel} {last:yyyy-MM-dd}。";
        }
        return (first, last, errors);
    }

    /// <summary>The month before today's: the default period of a new bulletin.</summary>
    public static (DateOnly From, DateOnly To) LastMonth(DateOnly today)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return (first, first.AddMonths(1).AddDays(-1));
    }
}

/// <summary>
/// Writes a bulletin's first draft from the ledger: the facts of the period read once, then every section builder in its
/// order. <see cref="CreateAsync"/> keeps the draft for the Office to edit; the command line only writes the file.
/// </summary>
public sealed class DraftBulletin(ZhenxingDb db, LoadBulletinFacts load, IEnumerable<IBulletinSection> sections, IOptions<BulletinOptions> options, TimeProvider clock)
{
    /// <param name="to">The period's last day; a day after today is taken as today: a bulletin reports what has happened.</param>
    public async Task<Bulletin> ComposeAsync(DateOnly from, DateOnly to, string who, CancellationToken cancellationToken)
    {
        to = PeriodEnd(to, Today);
        var facts = await load.RunAsync(from, to, cancellationToken);
        var bulletin = new Bulletin
        {
            Title = options.Value.Title,
            IssuingOrgan = options.Value.IssuingOrgan,
            PeriodFrom = from,
            PeriodTo = to,
            State = BulletinState.Draft,
            CreatedAt = clock.GetUtcNow(),
            CreatedByName = who,
            UpdatedAt = clock.GetUtcNow(),
            UpdatedByName = who,
        };
        foreach (var builder in sections.OrderBy(s => s.Order))
        {
            if (await builder.BuildAsync(facts, cancellationToken) is { } section)
            {
                bulletin.Sections.Add(new BulletinSection { Position = bulletin.Sections.Count + 1, Heading = section.Heading, Text = string.Join("\n", section.Paragraphs) });
            }
        }
        return bulletin;
    }

    public async Task<Bulletin> CreateAsync(DateOnly from, DateOnly to, ClaimsPrincipal office, CancellationToken cancellationToken)
    {
        var bulletin = await ComposeAsync(from, to, office.FindFirstValue(ClaimTypes.GivenName) ?? office.Identity!.Name!, cancellationToken);
        db.Bulletins.Add(bulletin);
        await db.SaveChangesAsync(cancellationToken);
        return bulletin;
    }

    public DateOnly Today => ChinaTime.Today(clock);

    /// <summary>The last day a bulletin's period may end on: the day asked for, or today if that is later (截至 never lies ahead).</summary>
    public static DateOnly PeriodEnd(DateOnly to, DateOnly today) => to > today ? today : to;
}
