using Xunit.Abstractions;

namespace Zhenxing.UnitTests.Importing;

/// <summary>
/// Imports every real document of Corpus/ and scores it against its hand-written expectation. A document may be wrong only
/// where the importer says so (a warning, an error or a doubt); the known exceptions below may only get better.
/// </summary>
public class CorpusTests(ITestOutputHelper output)
{
    /// <summary>
    /// Documents still silently wrong: why, and how many unflagged mismatches they have at most (more fails, so a document
    /// cannot get worse). Remove a line once its document is flagged or exact.
    /// </summary>
    private static readonly Dictionary<string, (int MaxUnflagged, string Reason)> KnownSilentlyWrong = new(StringComparer.Ordinal)
    {
    };

    [Fact]
    public void Import_Corpus_NoDocumentSilentlyWrongBeyondTheKnownOnes()
    {
        var results = CorpusComparison.Names.Select(CorpusComparison.Run).ToList();
        foreach (var result in results)
        {
            output.WriteLine($"{result.Name}: {Label(result.Outcome)}");
            foreach (var mismatch in result.Mismatches)
            {
                output.WriteLine($"    {mismatch}");
            }
        }
        output.WriteLine($"corpus: {results.Count(r => r.Outcome == CorpusOutcome.Exact)} exact, "
            + $"{results.Count(r => r.Outcome == CorpusOutcome.Flagged)} flagged, "
            + $"{results.Count(r => r.Outcome == CorpusOutcome.SilentlyWrong)} silently wrong");

        results.Count.ShouldBe(27);
        KnownSilentlyWrong.Keys.Except(results.Select(r => r.Name)).ShouldBeEmpty("a known exception names no corpus document");
        foreach (var (name, (maxUnflagged, reason)) in KnownSilentlyWrong)
        {
            var result = results.Single(r => r.Name == name);
            result.Outcome.ShouldBe(CorpusOutcome.SilentlyWrong, $"{name} is no longer silently wrong: remove it from the known ones");
            result.Mismatches.Count(m => !m.Flagged).ShouldBeLessThanOrEqualTo(maxUnflagged, $"{name} got worse ({reason})");
        }
        var silent = results.Where(r => r.Outcome == CorpusOutcome.SilentlyWrong && !KnownSilentlyWrong.ContainsKey(r.Name)).Select(r => r.Name).ToList();
        silent.ShouldBeEmpty("these documents are wrong and the importer raised no warning or doubt about it");
    }

    private static string Label(CorpusOutcome outcome) => outcome switch
    {
        CorpusOutcome.Exact => "exact",
        CorpusOutcome.Flagged => "flagged",
        _ => "silently wrong",
    };
}
