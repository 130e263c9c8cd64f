namespace Zhenxing.IntegrationTests.Infrastructure;

/// <summary>A test that needs LibreOffice (soffice) on PATH: skipped, saying why, where it is not installed (./test.sh installs it).</summary>
public sealed class LibreOfficeFactAttribute : FactAttribute
{
    public LibreOfficeFactAttribute()
    {
        if (!Installed)
        {
            Skip = "LibreOffice（soffice）未安装：apt-get install libreoffice-writer-nogui";
        }
    }

    public static bool Installed { get; } = Find("soffice") || Find("libreoffice");

    /// <summary>A program on PATH.</summary>
    public static bool Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, name)));
}
