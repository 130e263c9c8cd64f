using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Targets;

/// <summary>The targets (指标) with their progress, grouped by owner unit or by source; the filters live in the URL.</summary>
public sealed class TargetsModel(TargetProgress progress, TimeProvider clock) : PageModel
{
    public TargetsProgress All { get; private set; } = null!;
    public List<TargetStanding> Shown { get; private set; } = [];
    public List<IGrouping<string, TargetStanding>> Groups { get; private set; } = [];
    public string Group { get; private set; } = "owner";
    public string? Owner { get; private set; }
    public TrackState? State { get; private set; }
    public string? Q { get; private set; }
    public string? Error { get; private set; }
    public bool CanEdit => User.IsInRole(nameof(Role.Office));

    public async Task OnGetAsync(string? group, string? owner, string? state, string? q, CancellationToken cancellationToken)
    {
        Group = group == "source" ? "source" : "owner";
        if (group is not (null or "" or "owner" or "source"))
        {
            Error = $"分组方式“{group}”无效：可选 owner（按责任单位）或 source（按来源文件）。";
        }
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (Enum.TryParse<TrackState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                State = parsed;
            }
            else
            {
                Error = $"状态“{state}”无效：可选 OnTrack（按进度）、Behind（滞后）、NoData（暂无数据）。";
            }
        }
        Owner = string.IsNullOrWhiteSpace(owner) ? null : owner.Trim();
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        All = await progress.AsOfAsync(ChinaTime.Today(clock), cancellationToken);
        Shown = All.Targets.Where(t => (State is null || t.State == State)
                && (Owner is null || t.OwnerUnit == Owner)
                && (Q is null || t.Title.Contains(Q, StringComparison.Ordinal) || (t.SourceName?.Contains(Q, StringComparison.Ordinal) ?? false)))
            .ToList();
        Groups = Shown.GroupBy(t => Group == "source" ? t.SourceName ?? "手工录入" : t.OwnerUnit).ToList();
    }

    /// <summary>This page's address with one filter changed (null removes it).</summary>
    public string With(string name, string? value)
    {
        var values = new Dictionary<string, string?> { ["group"] = Group == "owner" ? null : Group, ["owner"] = Owner, ["state"] = State?.ToString(), ["q"] = Q };
        values[name] = value;
        var query = string.Join("&", values.Where(v => v.Value is not null).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
        return "/targets" + (query.Length > 0 ? "?" + query : "");
    }
}
