using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Bulletins;

public sealed record SectionEdit(string? Heading, string? Text);

public sealed record BulletinEdit(string? Title, string? IssuingOrgan, IReadOnlyList<SectionEdit> Sections, int Version)
{
    /// <summary>The issue number (第N期) the Office gives the draft; null: the next one of the year when published.</summary>
    public int? Number { get; init; }
}

public abstract record EditOutcome
{
    public sealed record Saved(Bulletin Bulletin) : EditOutcome;

    public sealed record Invalid(Dictionary<string, string> Errors) : EditOutcome;

    /// <summary>Someone else saved first: the bulletin as it is now.</summary>
    public sealed record Conflict(Bulletin Current) : EditOutcome;

    public sealed record Refused(string Problem) : EditOutcome;

    public sealed record NotFound : EditOutcome;
}

/// <summary>Saves the Office's edits of a draft: title, issuing organ, and every section's heading and text, in the order given.</summary>
public sealed class EditBulletin(ZhenxingDb db, TimeProvider clock, PublishBulletin publish)
{
    public const int MaxSectionText = 20000;
    public const int MaxIssueNumber = 999;

    public static string PublishedProblem(Bulletin bulletin) => $"该简报已发布为{bulletin.Year}年{bulletin.IssueLine}，发布后不能再修改或删除。";

    public async Task<EditOutcome> RunAsync(int id, BulletinEdit edit, ClaimsPrincipal office, CancellationToken cancellationToken)
    {
        var bulletin = await db.Bulletins.Include(b => b.Sections).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (bulletin is null)
        {
            return new EditOutcome.NotFound();
        }
        if (bulletin.State == BulletinState.Published)
        {
            return new EditOutcome.Refused(PublishedProblem(bulletin));
        }
        if (bulletin.Version != edit.Version)
        {
            return new EditOutcome.Conflict(bulletin);
        }
        var errors = Validate(edit, out var sections);
        if (edit.Number is { } number)
        {
            if (number is < 1 or > MaxIssueNumber)
            {
                errors["Number"] = $"期号应为 1 到 {MaxIssueNumber} 之间的整数（现为 {number}）。";
            }
            else if (await publish.TakenProblemAsync(id, number, cancellationToken) is { } taken)
            {
                errors["Number"] = taken;
            }
        }
        if (errors.Count > 0)
        {
            return new EditOutcome.Invalid(errors);
        }

        db.Entry(bulletin).Property(b => b.Version).OriginalValue = edit.Version;
        bulletin.Title = edit.Title!.Trim();
        bulletin.IssuingOrgan = edit.IssuingOrgan!.Trim();
        bulletin.Number = edit.Number;
        bulletin.UpdatedAt = clock.GetUtcNow();
        bulletin.UpdatedByName = office.FindFirstValue(ClaimTypes.GivenName) ?? office.Identity!.Name!;
        // Sections keep their rows where they can, so the audit log shows what changed in each.
        var existing = bulletin.OrderedSections();
        for (var i = 0; i < sections.Count; i++)
        {
            if (i < existing.Count)
            {
                existing[i].Position = i + 1;
                existing[i].Heading = sections[i].Heading;
                existing[i].Text = sections[i].Text;
            }
            else
            {
                bulletin.Sections.Add(new BulletinSection { Position = i + 1, Heading = sections[i].Heading, Text = sections[i].Text });
            }
        }
        foreach (var removed in existing.Skip(sections.Count))
        {
            db.BulletinSections.Remove(removed);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new EditOutcome.Saved(bulletin);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Bulletins.AsNoTracking().Include(b => b.Sections).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
            return current is null ? new EditOutcome.NotFound() : new EditOutcome.Conflict(current);
        }
    }

    private static Dictionary<string, string> Validate(BulletinEdit edit, out List<(string Heading, string Text)> sections)
    {
        var errors = new Dictionary<string, string>();
        var title = edit.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors["Title"] = "请填写简报名称，如“振兴发展工作简报”。";
        }
        else if (title.Length > 100)
        {
            errors["Title"] = "简报名称不超过 100 字。";
        }
        var organ = edit.IssuingOrgan?.Trim() ?? "";
        if (organ.Length == 0)
        {
            errors["IssuingOrgan"] = "请填写编发单位，如“赣州市振兴办”。";
        }
        else if (organ.Length > 100)
        {
            errors["IssuingOrgan"] = "编发单位不超过 100 字。";
        }
        sections = [];
        for (var i = 0; i < edit.Sections.Count; i++)
        {
            var heading = BulletinText.WithoutNumber(edit.Sections[i].Heading ?? "");
            var text = (edit.Sections[i].Text ?? "").ReplaceLineEndings("\n").Trim();
            if (heading.Length == 0 && text.Length == 0)
            {
                continue;
            }
            var label = $"第 {i + 1} 部分";
            if (heading.Length == 0)
            {
                errors[$"Sections[{i}].Heading"] = $"{label}的标题不能为空（正文已填写）。";
            }
            else if (heading.Length > 100)
            {
                errors[$"Sections[{i}].Heading"] = $"{label}的标题不超过 100 字。";
            }
            if (text.Length > MaxSectionText)
            {
                errors[$"Sections[{i}].Text"] = $"{label}的正文不超过 {MaxSectionText} 字。";
            }
            sections.Add((heading, text));
        }
        if (sections.Count == 0 && errors.Count == 0)
        {
            errors["Sections"] = "简报至少要有一个部分。";
        }
        return errors;
    }
}
