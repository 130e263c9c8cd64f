using System.ComponentModel;
using System.Diagnostics;

namespace Zhenxing.Web.Features.Bulletins;

/// <summary>The font names a bulletin is written with, one per role of GB/T 9704.</summary>
public sealed record BulletinFontSet(string Body, string Heading, string SubHeading, string Title, string PageNumber);

/// <summary>
/// The official fonts (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体, 宋体) when this machine has them, otherwise the Noto CJK
/// fonts it has (Noto Serif CJK SC for the serif roles, Noto Sans CJK SC for 黑体), so that LibreOffice renders the PDF with
/// real glyphs. Where fontconfig cannot tell (no fc-list), the official names are written: Word on the reader's side has them.
/// Asked once per process.
/// </summary>
public sealed class BulletinFonts
{
    private const string SerifFallback = "Noto Serif CJK SC";
    private const string SansFallback = "Noto Sans CJK SC";

    private readonly Lazy<BulletinFontSet> _set;

    public BulletinFonts() => _set = new Lazy<BulletinFontSet>(() => Choose(InstalledFamilies()));

    public BulletinFontSet Set => _set.Value;

    /// <summary>The first official name installed, else the fallback when installed, else the first official name.</summary>
    public static BulletinFontSet Choose(IReadOnlySet<string>? installed)
    {
        string Pick(string[] official, string fallback) =>
            installed is null ? official[0]
            : official.FirstOrDefault(installed.Contains) ?? (installed.Contains(fallback) ? fallback : official[0]);
        return new BulletinFontSet(
            Body: Pick(["仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"], SerifFallback),
            Heading: Pick(["黑体", "SimHei"], SansFallback),
            SubHeading: Pick(["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"], SerifFallback),
            Title: Pick(["方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK"], SerifFallback),
            PageNumber: Pick(["宋体", "SimSun"], SerifFallback));
    }

    /// <summary>Every family name fontconfig knows (a line may list several, comma-separated), or null without fc-list.</summary>
    private static HashSet<string>? InstalledFamilies()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("fc-list", [":", "family"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return output.Result.Split('\n').SelectMany(line => line.Split(',')).Select(name => name.Trim()).Where(name => name.Length > 0).ToHashSet();
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
