using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Rounds;

public sealed record NewRound(string? Name, DateOnly? OpensOn, DateOnly? DueOn, IReadOnlyCollection<int> Lists, bool IncludeResponsibleUnits, bool IncludeTargets = false);

/// <summary>Opens a reporting round over existing lists: the rounds page, the API and the demo history all open rounds here.</summary>
public sealed class OpenRound(ZhenxingDb db, TimeProvider clock)
{
    /// <returns>The new round, or the problems keyed by field (<c>name</c>, <c>dueOn</c>, <c>lists</c>; Chinese messages).</returns>
    public async Task<(ReportingRound? Round, Dictionary<string, string> Errors)> RunAsync(NewRound request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors["name"] = "请填写轮次名称（不超过 200 字），如“2020年上半年”。";
        }
        if (request.OpensOn is null || request.DueOn is null)
        {
            errors["dueOn"] = "请填写开始日期和截止日期。";
        }
        else if (request.DueOn < request.OpensOn)
        {
            errors["dueOn"] = "截止日期不能早于开始日期。";
        }
        var lists = await db.ItemLists.Where(l => request.Lists.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken);
        if (lists.Count == 0)
        {
            errors["lists"] = "请至少选择一个存在的清单。";
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var round = new ReportingRound
        {
            Name = name,
            OpensOn = request.OpensOn!.Value,
            DueOn = request.DueOn!.Value,
            IncludeResponsibleUnits = request.IncludeResponsibleUnits,
            IncludeTargets = request.IncludeTargets,
            CreatedAt = clock.GetUtcNow(),
            Lists = lists.Select(id => new RoundList { ItemListId = id }).ToList(),
        };
        db.ReportingRounds.Add(round);
        await db.SaveChangesAsync(cancellationToken);
        return (round, errors);
    }
}
