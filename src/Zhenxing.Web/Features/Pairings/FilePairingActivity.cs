using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Pairings;

/// <summary>An activity as typed in the form or sent to the API: text is read here, so every error is in Chinese and names its field.</summary>
public sealed class PairingActivityForm
{
    [Display(Name = "动态类别")]
    public PairingActivityKind? Kind { get; set; }
    public string? OccurredOn { get; set; }
    public string? Title { get; set; }
    public string? People { get; set; }
    public string? Counterpart { get; set; }
    [Display(Name = "领导职级")]
    public LeaderRank? LeaderRank { get; set; }
    [Display(Name = "方案类别")]
    public PlanKind? PlanKind { get; set; }
    public string? Post { get; set; }
    public string? Batch { get; set; }
    public string? TermEndsOn { get; set; }
    [Display(Name = "支持类别")]
    public SupportKind? SupportKind { get; set; }
    public string? Amount { get; set; }
    public string? Notes { get; set; }
    [Display(Name = "版本号")]
    public int Version { get; set; }

    public static PairingActivityForm From(PairingActivity a) => new()
    {
        Kind = a.Kind, OccurredOn = a.OccurredOn.ToString("yyyy-MM-dd"), Title = a.Title, People = a.People, Counterpart = a.Counterpart,
        LeaderRank = a.LeaderRank, PlanKind = a.PlanKind, Post = a.Post, Batch = a.Batch, TermEndsOn = a.TermEndsOn?.ToString("yyyy-MM-dd"),
        SupportKind = a.SupportKind, Amount = a.Amount?.ToString("0.##", CultureInfo.InvariantCulture), Notes = a.Notes, Version = a.Version,
    };
}

public abstract record ActivityOutcome
{
    public sealed record Saved(PairingActivity Activity) : ActivityOutcome;

    public sealed record Invalid(Dictionary<string, string> Errors) : ActivityOutcome;

    public sealed record Forbidden(string Reason) : ActivityOutcome;

    public sealed record NotFound : ActivityOutcome;

    public sealed record Conflict(string Message) : ActivityOutcome;
}

/// <summary>
/// Files, edits and deletes a pairing's activities. The county's liaison files only for its own county's pairings,
/// the Office for all; edits and deletions carry the version read, and a newer one refuses them.
/// </summary>
public sealed class FilePairingActivity(ZhenxingDb db, PairingRegistry registry, TimeProvider clock)
{
    public async Task<ActivityOutcome> CreateAsync(int pairingId, PairingActivityForm form, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var pairing = await registry.FindAsync(pairingId, cancellationToken);
        if (pairing is null)
        {
            return new ActivityOutcome.NotFound();
        }
        if (!PairingRegistry.CanFile(user, pairing.CountyUnitId))
        {
            return new ActivityOutcome.Forbidden($"只有{pairing.County}的联络员或振兴办可以填报该结对的工作动态。");
        }
        var activity = new PairingActivity { PairingId = pairingId, CreatedAt = clock.GetUtcNow(), CreatedByName = NameOf(user) };
        var errors = Apply(activity, form, pairing);
        if (errors.Count > 0)
        {
            return new ActivityOutcome.Invalid(errors);
        }
        db.PairingActivities.Add(activity);
        await db.SaveChangesAsync(cancellationToken);
        return new ActivityOutcome.Saved(activity);
    }

    public async Task<ActivityOutcome> UpdateAsync(int activityId, PairingActivityForm form, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (activity, pairing, refused) = await LoadAsync(activityId, user, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        var errors = Apply(activity!, form, pairing!);
        if (errors.Count > 0)
        {
            return new ActivityOutcome.Invalid(errors);
        }
        db.Entry(activity!).Property(a => a.Version).OriginalValue = form.Version;
        var termChanged = db.Entry(activity!).Property(a => a.TermEndsOn).IsModified;
        if (termChanged)
        {
            // A new end of term is reminded again.
            activity!.TermEndRemindedAt = null;
        }
        return await SaveAsync(activity!, cancellationToken);
    }

    public async Task<ActivityOutcome> DeleteAsync(int activityId, int version, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (activity, _, refused) = await LoadAsync(activityId, user, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        db.Entry(activity!).Property(a => a.Version).OriginalValue = version;
        db.PairingActivities.Remove(activity!);
        return await SaveAsync(activity!, cancellationToken);
    }

    private async Task<ActivityOutcome> SaveAsync(PairingActivity activity, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new ActivityOutcome.Saved(activity);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ActivityOutcome.Conflict("这条工作动态已被其他用户修改或删除，请刷新后查看最新内容再操作。");
        }
    }

    private async Task<(PairingActivity?, PairingRow?, ActivityOutcome?)> LoadAsync(int activityId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var activity = await db.PairingActivities.SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        var pairing = activity is null ? null : await registry.FindAsync(activity.PairingId, cancellationToken);
        if (activity is null || pairing is null)
        {
            return (null, null, new ActivityOutcome.NotFound());
        }
        if (!PairingRegistry.CanFile(user, pairing.CountyUnitId))
        {
            return (null, null, new ActivityOutcome.Forbidden($"只有{pairing.County}的联络员或振兴办可以修改该结对的工作动态。"));
        }
        return (activity, pairing, null);
    }

    private static string NameOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.GivenName) ?? user.Identity?.Name ?? "";

    /// <summary>Checks the form for its kind and copies it onto the activity; the fields other kinds use are cleared.</summary>
    private Dictionary<string, string> Apply(PairingActivity activity, PairingActivityForm form, PairingRow pairing)
    {
        var errors = new Dictionary<string, string>();
        if (form.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["Kind"] = "请选择动态类别（赴部委对接、领导来调研、出台方案/计划、挂职干部、座谈会、争取支持）。";
            return errors;
        }
        var today = Infrastructure.ChinaTime.Today(clock);
        var dateLabel = kind switch
        {
            PairingActivityKind.Visit => "对接日期",
            PairingActivityKind.ResearchVisit => "调研日期",
            PairingActivityKind.Plan => "印发日期",
            PairingActivityKind.Cadre => "挂职开始日期",
            PairingActivityKind.Symposium => "召开日期",
            _ => "取得日期",
        };
        var occurred = EditPairings.Date(form.OccurredOn, "OccurredOn", dateLabel, errors, required: true);
        if (occurred is { } d)
        {
            if (kind != PairingActivityKind.Cadre && d > today)
            {
                errors["OccurredOn"] = $"{dateLabel}（{d:yyyy-MM-dd}）不能晚于今天。";
            }
            else if (d < pairing.StartsOn || d > pairing.EndsOn)
            {
                errors["OccurredOn"] = $"{dateLabel}（{d:yyyy-MM-dd}）不在该结对的期限（{pairing.Period}）内。";
            }
        }
        string? Text(string? value, string field, string label, int max, bool required)
        {
            var text = value?.Trim() ?? "";
            if (text.Length == 0)
            {
                if (required)
                {
                    errors[field] = $"请填写{label}。";
                }
                return null;
            }
            if (text.Length > max)
            {
                errors[field] = $"{label}不超过 {max} 字。";
            }
            return text;
        }

        string? title = null, people = null, counterpart = null, post = null, batch = null;
        LeaderRank? rank = null;
        PlanKind? plan = null;
        SupportKind? support = null;
        DateOnly? termEnds = null;
        decimal? amount = null;
        switch (kind)
        {
            case PairingActivityKind.Visit:
                people = Text(form.People, "People", "参加人员", 500, true);
                counterpart = Text(form.Counterpart, "Counterpart", "对接对象（司局、领导）", 500, true);
                title = Text(form.Title, "Title", "对接事项", 500, false);
                break;
            case PairingActivityKind.ResearchVisit:
                people = Text(form.People, "People", "来调研领导（姓名、职务）", 500, true);
                if (form.LeaderRank is not { } r || !Enum.IsDefined(r))
                {
                    errors["LeaderRank"] = "请选择领导职级：主要负责同志或其他负责同志。";
                }
                rank = form.LeaderRank;
                title = Text(form.Title, "Title", "调研内容", 500, false);
                break;
            case PairingActivityKind.Plan:
                if (form.PlanKind is not { } p || !Enum.IsDefined(p))
                {
                    errors["PlanKind"] = "请选择方案类别：对口支援实施方案或年度工作计划。";
                }
                plan = form.PlanKind;
                title = Text(form.Title, "Title", "方案或计划名称", 500, true);
                break;
            case PairingActivityKind.Cadre:
                people = Text(form.People, "People", "挂职干部姓名", 100, true);
                post = Text(form.Post, "Post", "挂任职务", 200, true);
                batch = Text(form.Batch, "Batch", "挂职批次", 100, true);
                termEnds = EditPairings.Date(form.TermEndsOn, "TermEndsOn", "挂职结束日期", errors, required: true);
                if (termEnds is { } end && occurred is { } start && end < start)
                {
                    errors["TermEndsOn"] = $"挂职结束日期（{end:yyyy-MM-dd}）不能早于挂职开始日期（{start:yyyy-MM-dd}）。";
                }
                break;
            case PairingActivityKind.Symposium:
                title = Text(form.Title, "Title", "座谈会主题", 500, true);
                people = Text(form.People, "People", "参加人员", 500, false);
                break;
            case PairingActivityKind.Support:
                if (form.SupportKind is not { } s || !Enum.IsDefined(s))
                {
                    errors["SupportKind"] = "请选择支持类别：政策、项目或资金。";
                }
                support = form.SupportKind;
                title = Text(form.Title, "Title", "支持内容", 500, true);
                var typed = form.Amount?.Trim() ?? "";
                if (typed.Length > 0 || support == SupportKind.Funds)
                {
                    if (decimal.TryParse(typed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && value < 1_000_000_000m && value == Math.Round(value, 2))
                    {
                        amount = value;
                    }
                    else
                    {
                        errors["Amount"] = typed.Length == 0 ? "争取资金支持请填写金额（万元）。" : $"金额“{typed}”应为大于 0 的数字（万元，最多两位小数）。";
                    }
                }
                break;
        }
        var notes = Text(form.Notes, "Notes", "备注", 4000, false);
        if (errors.Count > 0)
        {
            return errors;
        }
        activity.Kind = kind;
        activity.OccurredOn = occurred!.Value;
        activity.Title = title;
        activity.People = people;
        activity.Counterpart = counterpart;
        activity.LeaderRank = rank;
        activity.PlanKind = plan;
        activity.Post = post;
        activity.Batch = batch;
        activity.TermEndsOn = termEnds;
        activity.SupportKind = support;
        activity.Amount = amount;
        activity.Notes = notes;
        return errors;
    }
}
