using System.Text.RegularExpressions;

namespace Zhenxing.Importing.Parsing;

/// <summary>The people in an item's 责任领导 / 分管县领导 cells.</summary>
internal static partial class LeaderNames
{
    /// <summary>
    /// Splits the cells into names. Tables pad a two-character name to the width of three ("俞 悦"); when two such names of
    /// adjacent rows arrive glued ("陆 明俞 悦"), they are read as two people and the item says so, since which row each
    /// belongs to cannot be told.
    /// </summary>
    public static (IReadOnlyList<string> Names, IReadOnlyList<ItemDoubt> Doubts) Read(IEnumerable<string> cells)
    {
        var names = new List<string>();
        var doubts = new List<ItemDoubt>();
        foreach (var cell in cells)
        {
            var trimmed = cell.Trim();
            if (GluedPaddedNames().IsMatch(trimmed))
            {
                var people = PaddedName().Matches(trimmed).Select(m => m.Value.Replace(" ", "")).ToList();
                names.AddRange(people);
                doubts.Add(new ItemDoubt($"责任领导“{trimmed}”像是两人的姓名连在一起，已读作{string.Join("、", people)}，请核对"));
                continue;
            }
            names.AddRange(UnitNames.Split(cell));
        }
        return (names.Distinct().ToList(), doubts);
    }

    [GeneratedRegex(@"^(?:[\u4e00-\u9fff] [\u4e00-\u9fff]){2,}$")]
    private static partial Regex GluedPaddedNames();

    [GeneratedRegex(@"[\u4e00-\u9fff] [\u4e00-\u9fff]")]
    private static partial Regex PaddedName();
}
