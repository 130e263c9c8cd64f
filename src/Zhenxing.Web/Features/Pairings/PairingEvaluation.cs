namespace Zhenxing.Web.Features.Pairings;

/// <summary>The activity and results of a pairing, or of a county's pairings, in a period (方案 三（三）：定期组织工作成效评估).</summary>
public sealed record EvaluationRow(
    string Name,
    string? Detail,
    string City,
    int? PairingId,
    int CountyUnitId,
    int Visits,
    int ResearchVisits,
    int PrincipalResearchVisits,
    int Plans,
    int CadresInPost,
    int Symposiums,
    int Policies,
    int Projects,
    decimal Funds,
    int Activities)
{
    public bool PlanIssued => Plans > 0;
}

public sealed record PairingEvaluationResult(DateOnly From, DateOnly To, IReadOnlyList<EvaluationRow> Pairings, IReadOnlyList<EvaluationRow> Counties)
{
    public EvaluationRow Total => Sum("合计", null, "", null, 0, Counties);

    internal static EvaluationRow Sum(string name, string? detail, string city, int? pairingId, int countyId, IEnumerable<EvaluationRow> rows)
    {
        var list = rows.ToList();
        return new EvaluationRow(name, detail, city, pairingId, countyId,
            list.Sum(r => r.Visits), list.Sum(r => r.ResearchVisits), list.Sum(r => r.PrincipalResearchVisits), list.Sum(r => r.Plans),
            list.Sum(r => r.CadresInPost), list.Sum(r => r.Symposiums), list.Sum(r => r.Policies), list.Sum(r => r.Projects),
            list.Sum(r => r.Funds), list.Sum(r => r.Activities));
    }
}

/// <summary>Evaluates every pairing in force during a period, and each recipient county over its pairings.</summary>
public sealed class PairingEvaluation(PairingRegistry registry, PairingFigures figures)
{
    public async Task<PairingEvaluationResult> RunAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var pairings = (await registry.AllAsync(cancellationToken)).Where(p => p.InForceDuring(from, to)).ToList();
        var activities = (await figures.ActivitiesAsync(from, to, cancellationToken)).ToLookup(a => a.PairingId);
        var rows = pairings.Select(p =>
        {
            var mine = activities[p.Id].ToList();
            int Count(PairingActivityKind kind) => mine.Count(a => a.Kind == kind);
            return new EvaluationRow($"{p.SupportingUnit}—{p.County}", p.Active ? null : $"{p.Period}", p.City, p.Id, p.CountyUnitId,
                Count(PairingActivityKind.Visit), Count(PairingActivityKind.ResearchVisit),
                mine.Count(a => a.Kind == PairingActivityKind.ResearchVisit && a.LeaderRank == LeaderRank.Principal),
                Count(PairingActivityKind.Plan), Count(PairingActivityKind.Cadre), Count(PairingActivityKind.Symposium),
                mine.Count(a => a.Kind == PairingActivityKind.Support && a.Activity.SupportKind == SupportKind.Policy),
                mine.Count(a => a.Kind == PairingActivityKind.Support && a.Activity.SupportKind == SupportKind.Project),
                mine.Where(a => a.Kind == PairingActivityKind.Support).Sum(a => a.Activity.Amount ?? 0),
                mine.Count);
        }).ToList();
        var counties = pairings.GroupBy(p => p.CountyUnitId)
            .Select(g => PairingEvaluationResult.Sum(g.First().County, string.Join("、", g.Select(p => p.SupportingUnit).Distinct()), g.First().City, null, g.Key,
                rows.Where(r => r.CountyUnitId == g.Key)))
            .ToList();
        return new PairingEvaluationResult(from, to, rows, counties);
    }
}
