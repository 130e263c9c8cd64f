using Zhenxing.Importing;

namespace Zhenxing.UnitTests.Importing;

/// <summary>The seed documents live beside the repository: ../shared/seeds, or ZHENXING_SEEDS.</summary>
internal static class Seeds
{
    public static string Directory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("ZHENXING_SEEDS") is { Length: > 0 } overridden)
            {
                return overridden;
            }
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Zhenxing.slnx")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "seeds"));
                }
            }
            throw new InvalidOperationException("Zhenxing.slnx not found above the test output folder; set ZHENXING_SEEDS");
        }
    }

    public static string PathOf(string prefix) =>
        System.IO.Directory.GetFiles(Directory, $"{prefix}_*.txt").Single();

    public static byte[] Bytes(string prefix) => File.ReadAllBytes(PathOf(prefix));

    public static string Text(string prefix) => File.ReadAllText(PathOf(prefix));

    public static ParsedDocument Parse(string prefix, ImportOptions? options = null) =>
        new DocumentImporter().Parse(Bytes(prefix), Path.GetFileName(PathOf(prefix)), options);

    public static ParsedDocument ParseText(string text, string fileName = "test.txt", ImportOptions? options = null) =>
        new DocumentImporter().Parse(System.Text.Encoding.UTF8.GetBytes(text), fileName, options);

    public static ParsedCategory Category(this ParsedList list, string path) =>
        list.Categories.SelectMany(Flatten).Single(c => c.Path == path);

    private static IEnumerable<ParsedCategory> Flatten(ParsedCategory category) => category.Children.SelectMany(Flatten).Prepend(category);
}
