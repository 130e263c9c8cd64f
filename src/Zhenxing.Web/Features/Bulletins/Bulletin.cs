using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Bulletins;

public enum BulletinState
{
    Draft,
    Published,
}

/// <summary>
/// A work bulletin (工作简报) for a period: drafted from the ledger, edited by the Office, then published with the next
/// number (第N期) of the calendar year it is published in. A published bulletin is read by every role and no longer edited.
/// </summary>
public sealed class Bulletin : IVersioned
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string IssuingOrgan { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    public BulletinState State { get; set; }

    /// <summary>The calendar year (China time) of publishing; the number counts within it.</summary>
    public int? Year { get; set; }
    public int? Number { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";
    public List<BulletinSection> Sections { get; set; } = [];
    public int Version { get; set; }

    /// <summary>The line under the title: "第3期", or, before publishing, that this is a draft for comment.</summary>
    public string IssueLine => State == BulletinState.Published ? $"第{Number}期" : "（征求意见稿）";

    /// <summary>The date on the bulletin: the day it was published, or for a draft the given day.</summary>
    public DateOnly DateLine(DateOnly today) =>
        PublishedAt is { } at ? DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime) : today;

    public List<BulletinSection> OrderedSections() => Sections.OrderBy(s => s.Position).ToList();
}

/// <summary>One numbered part of a bulletin (一、总体情况 …): its heading without the number, and its paragraphs, one per line.</summary>
public sealed class BulletinSection
{
    public int Id { get; set; }
    public int BulletinId { get; set; }
    public int Position { get; set; }
    public required string Heading { get; set; }
    public string Text { get; set; } = "";
}

/// <summary><c>Bulletins:*</c> settings.</summary>
public sealed class BulletinOptions
{
    public string Title { get; set; } = "振兴发展工作简报";
    public string IssuingOrgan { get; set; } = "赣州市振兴办";

    /// <summary>The LibreOffice program that turns a .docx into PDF; found on PATH (soffice, libreoffice) when unset.</summary>
    public string? Soffice { get; set; }
    public int PdfTimeoutSeconds { get; set; } = 120;
}
