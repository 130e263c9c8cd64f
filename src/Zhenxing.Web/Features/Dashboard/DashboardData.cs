using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;

namespace Zhenxing.Web.Features.Dashboard;

// What the dashboard shows, as one document: the page renders its tables from it, the charts draw it, and
// GET /api/v1/dashboard returns it. Every count carries the ledger address that lists the items behind it.

public sealed record DashboardList(int Id, string Title);

public sealed record DashboardRound(int Id, string Name, DateOnly DueOn, RoundState State);

public sealed record DashboardScope(
    IReadOnlyList<DashboardList> Lists,
    DashboardRound? Round,
    bool AsOfRound,
    string Query,
    string LedgerUrl,
    DateTimeOffset GeneratedAt);

public sealed record StatusCount(ItemStatus Status, string Label, int Count, string Url);

public sealed record LightCount(StatusLight Light, string Label, int Count, string Url);

/// <summary>One round's reports (<see cref="RoundCounts"/>, the same figures as the round's pages), for the lists in view.</summary>
public sealed record RoundReporting(DashboardRound Round, RoundCounts Counts, string Url)
{
    public int Due => Counts.Due;
    public int Received => Counts.Reported;
    public int Late => Counts.Late;
}

public sealed record Headline(
    int Total,
    string Url,
    string Sentence,
    IReadOnlyList<StatusCount> ByStatus,
    IReadOnlyList<LightCount> ByLight,
    int Overdue,
    string OverdueUrl,
    RoundReporting? Reporting);

/// <summary>A category's bar: its items by status, beside the count the document declared (Level 0 一、, 1 （一）).</summary>
public sealed record CategoryBar(
    int ListId,
    string ListTitle,
    int? CategoryId,
    string Label,
    int Level,
    int? DeclaredCount,
    int Total,
    string Url,
    IReadOnlyList<StatusCount> ByStatus);

/// <summary>A lead unit's completion: its place (1 = best), items it leads, of them 落实到位.</summary>
public sealed record UnitCompletion(int Rank, int UnitId, string Name, int Total, int Done, double Rate, string Url);

/// <summary>A lead unit's reports in a round: its place (1 = best), owed, on time, late, missing.</summary>
public sealed record UnitPunctuality(int Rank, int UnitId, string Name, int Due, int OnTime, int Late, int Missing, double Rate, string Url);

/// <summary>
/// Lead units ranked by completion and by on-time reporting in one round: the best and the slowest
/// <see cref="DashboardQuery.RankingEnds"/> of each (every unit when there are few), out of <c>…Units</c> ranked.
/// </summary>
public sealed record UnitRanking(
    IReadOnlyList<UnitCompletion> Completion,
    int CompletionUnits,
    DashboardRound? PunctualityRound,
    IReadOnlyList<UnitPunctuality> Punctuality,
    int PunctualityUnits);

/// <summary>A region of the map with the figures of the unit it stands for (none when no unit matches or it is not in view).</summary>
public sealed record MapRegion(
    string Name,
    string City,
    int? UnitId,
    string? UnitName,
    int Total,
    int Done,
    double? Rate,
    int Red,
    int Yellow,
    int Green,
    StatusLight? Light,
    string? Url,
    IReadOnlyList<string> SupportingUnits)
{
    /// <summary>On the pairing map: the county's pairing activity this year and the funds it obtained (万元).</summary>
    public RegionPairing? Pairing { get; init; }
}

/// <summary>A recipient county's pairing activities of the year so far, the funds obtained (万元) and where they are listed.</summary>
public sealed record RegionPairing(int Activities, decimal Funds, string Url);

public sealed record BattleMap(
    MapView View,
    MapMetric Metric,
    string Title,
    string GeometryUrl,
    IReadOnlyList<MapRegion> Regions,
    int Matched,
    IReadOnlyList<string> Notes);

public sealed record TrendPoint(DashboardRound Round, int Total, IReadOnlyList<StatusCount> ByStatus);

public sealed record DashboardData(
    DashboardScope Scope,
    Headline Headline,
    IReadOnlyList<CategoryBar> Categories,
    UnitRanking Units,
    BattleMap Map,
    IReadOnlyList<TrendPoint> Trend,
    DashboardTargets? Targets = null,
    DashboardMeetings? Meetings = null);

/// <summary>Every target's latest accepted value against its trajectory, with the on-track and behind counts (指标进度).</summary>
public sealed record DashboardTargets(string Sentence, int OnTrack, int Behind, int NoData, IReadOnlyList<Targets.TargetStanding> Targets, string Url);

/// <summary>The meetings held and the landing of the matters they studied ("研究我市 N 项重大事项，目前 M 项已落地实施").</summary>
public sealed record DashboardMeetings(string Sentence, int Held, int Matters, int Landed, string Url);
