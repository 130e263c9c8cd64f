namespace Zhenxing.Testing;

/// <summary>The seed documents in ../shared/seeds beside the repository (ZHENXING_SEEDS overrides), found by prefix.</summary>
public static class Seeds
{
    public static string Directory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("ZHENXING_SEEDS");
            var directory = !string.IsNullOrEmpty(configured)
                ? configured
                : System.IO.Path.GetFullPath(System.IO.Path.Combine(ZhenxingExecutable.RepositoryRoot(), "..", "shared", "seeds"));
            return System.IO.Directory.Exists(directory)
                ? directory
                : throw new InvalidOperationException($"Seed folder {directory} not found: the tests read ../shared/seeds beside the repository.");
        }
    }

    /// <summary>The path of the seed whose name starts with <paramref name="prefix"/>, e.g. "002".</summary>
    public static string Path(string prefix) =>
        System.IO.Directory.GetFiles(Directory, prefix + "_*").Single();

    public static byte[] Read(string prefix) => File.ReadAllBytes(Path(prefix));
}
