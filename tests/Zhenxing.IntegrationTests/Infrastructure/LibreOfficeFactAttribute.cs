namespace Zhenxing.IntegrationTests.Infrastructure;

/// <summary>A test that needs LibreOffice (soffice) on PATH: skipped, saying why, where it is not installed (./test.sh installs it).</summary>
public sealed class LibreOfficeFactAttribute : FactAttribute
{
    private bool calc;

    public LibreOfficeFactAttribute()
    {
        if (!Installed)
        {
            Skip = "LibreOffice（soffice）未安装：apt-get install libreoffice-writer-nogui";
        }
    }

    /// <summary>The test also needs LibreOffice Calc (.xls, .ods), a package of its own.</summary>
    public bool Calc
    {
        get => calc;
        set
        {
            calc = value;
            if (value && Installed && !CalcInstalled)
            {
                Skip = "LibreOffice Calc 未安装：apt-get install libreoffice-calc-nogui";
            }
        }
    }

    public static bool Installed { get; } = Find("soffice") || Find("libreoffice");

    /// <summary>Calc's library beside the soffice program (found through its links).</summary>
    public static bool CalcInstalled { get; } = Zhenxing.Importing.Converting.LibreOffice.HasCalc(Zhenxing.Importing.Converting.LibreOffice.Find());

    /// <summary>A program on PATH.</summary>
    public static bool Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, name)));
}
