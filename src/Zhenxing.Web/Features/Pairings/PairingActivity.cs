using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Pairings;

public enum PairingActivityKind
{
    /// <summary>赴部委对接: the county visits its supporting unit; each record is one 批次.</summary>
    Visit,

    /// <summary>调研: a leader of the supporting unit comes on a research visit.</summary>
    ResearchVisit,

    /// <summary>方案/计划: the supporting unit issues an implementation plan or an annual plan.</summary>
    Plan,

    /// <summary>挂职干部: an official of the supporting unit seconded to the county for a term.</summary>
    Cadre,

    /// <summary>座谈会: a symposium (of seconded cadres, or with the supporting unit).</summary>
    Symposium,

    /// <summary>争取支持: a policy, a project or funds the supporting unit granted.</summary>
    Support,
}

/// <summary>The rank of a visiting leader: 主要负责同志 (principal) or 其他负责同志 (deputy).</summary>
public enum LeaderRank
{
    Principal,
    Deputy,
}

public enum PlanKind
{
    /// <summary>对口支援实施方案.</summary>
    ImplementationPlan,

    /// <summary>年度工作计划.</summary>
    AnnualPlan,
}

public enum SupportKind
{
    Policy,
    Project,
    Funds,
}

/// <summary>
/// One entry of a pairing's activity log (对口支援工作动态), filed by the county's liaison or the Office.
/// Which fields mean what depends on <see cref="Kind"/>; <see cref="PairingActivityForm"/> says which are required.
/// </summary>
public sealed class PairingActivity : IVersioned
{
    public int Id { get; set; }
    public int PairingId { get; set; }
    public Pairing? Pairing { get; set; }
    public PairingActivityKind Kind { get; set; }

    /// <summary>The day it happened; for a seconded cadre the first day of the term.</summary>
    public DateOnly OccurredOn { get; set; }

    /// <summary>Topic, plan title, symposium theme or the support obtained.</summary>
    public string? Title { get; set; }

    /// <summary>Who went (a visit), the visiting leader (research), the cadre's name, or who attended.</summary>
    public string? People { get; set; }

    /// <summary>Whom the visitors met (a visit).</summary>
    public string? Counterpart { get; set; }
    public LeaderRank? LeaderRank { get; set; }
    public PlanKind? PlanKind { get; set; }

    /// <summary>The seconded cadre's post (挂任职务).</summary>
    public string? Post { get; set; }

    /// <summary>The secondment batch, e.g. 第三批.</summary>
    public string? Batch { get; set; }

    /// <summary>The last day of a seconded cadre's term.</summary>
    public DateOnly? TermEndsOn { get; set; }

    /// <summary>When the reminder that the term ends was sent; a term is reminded once.</summary>
    public DateTimeOffset? TermEndRemindedAt { get; set; }
    public SupportKind? SupportKind { get; set; }

    /// <summary>Funds obtained, in 万元.</summary>
    public decimal? Amount { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByName { get; set; } = "";
    public int Version { get; set; }
}

public static class PairingActivityNames
{
    public static readonly PairingActivityKind[] Order =
        [PairingActivityKind.Visit, PairingActivityKind.ResearchVisit, PairingActivityKind.Plan, PairingActivityKind.Cadre, PairingActivityKind.Symposium, PairingActivityKind.Support];

    public static string ToChinese(this PairingActivityKind kind) => kind switch
    {
        PairingActivityKind.Visit => "赴部委对接",
        PairingActivityKind.ResearchVisit => "领导来调研",
        PairingActivityKind.Plan => "出台方案/计划",
        PairingActivityKind.Cadre => "挂职干部",
        PairingActivityKind.Symposium => "座谈会",
        PairingActivityKind.Support => "争取支持",
        _ => kind.ToString(),
    };

    public static string ToChinese(this LeaderRank rank) => rank == LeaderRank.Principal ? "主要负责同志" : "其他负责同志";

    public static string ToChinese(this PlanKind kind) => kind == PlanKind.ImplementationPlan ? "对口支援实施方案" : "年度工作计划";

    public static string ToChinese(this SupportKind kind) => kind switch
    {
        SupportKind.Policy => "政策",
        SupportKind.Project => "项目",
        _ => "资金",
    };

    /// <summary>One line that says what the entry is, for lists and the bulletin.</summary>
    public static string Describe(this PairingActivity a) => a.Kind switch
    {
        PairingActivityKind.Visit => $"赴部委对接：{a.People}{(string.IsNullOrEmpty(a.Counterpart) ? "" : "，对接" + a.Counterpart)}{(string.IsNullOrEmpty(a.Title) ? "" : "，" + a.Title)}",
        PairingActivityKind.ResearchVisit => $"{a.People}（{a.LeaderRank?.ToChinese()}）来调研{(string.IsNullOrEmpty(a.Title) ? "" : "：" + a.Title)}",
        PairingActivityKind.Plan => $"出台{a.PlanKind?.ToChinese()}《{a.Title}》",
        PairingActivityKind.Cadre => $"挂职干部 {a.People}（{a.Batch}，{a.Post}，{a.OccurredOn:yyyy-MM-dd} 至 {a.TermEndsOn:yyyy-MM-dd}）",
        PairingActivityKind.Symposium => $"座谈会：{a.Title}",
        PairingActivityKind.Support => $"争取{a.SupportKind?.ToChinese()}支持：{a.Title}{(a.Amount is { } m ? $"（{m:0.##} 万元）" : "")}",
        _ => a.Title ?? "",
    };
}
