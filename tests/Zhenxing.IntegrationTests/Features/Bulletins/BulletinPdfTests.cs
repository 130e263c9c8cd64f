using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Bulletins;

/// <summary>The PDF of a bulletin, converted by LibreOffice headless where it is installed.</summary>
public abstract partial class BulletinPdfTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    [LibreOfficeFact]
    public async Task ThePdfIsARealDocumentWithTheBulletinInIt()
    {
        await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("leader1", Role.Leader);
        var office = await App.SignInAsync("office1");
        var today = ChinaTime.Today(App.Clock);
        var id = await BulletinTests.DraftAsync(office, today, today);

        // Two conversions at once: each has its own LibreOffice profile.
        var responses = await Task.WhenAll(office.GetAsync($"/bulletins/{id}.pdf"), office.GetAsync($"/bulletins/{id}.pdf"));
        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("振兴发展工作简报（征求意见稿）.pdf");
            var pdf = await response.Content.ReadAsByteArrayAsync();
            Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
            PageObject().Matches(Encoding.Latin1.GetString(pdf)).Count.ShouldBeGreaterThanOrEqualTo(1);
            if (LibreOfficeFactAttribute.Find("pdftotext"))
            {
                var file = Path.GetTempFileName();
                await File.WriteAllBytesAsync(file, pdf);
                using var process = Process.Start(new ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8 })!;
                var text = await process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                File.Delete(file);
                text.Replace(" ", "").ShouldContain("振兴发展工作简报");
                text.Replace(" ", "").ShouldContain("共5项");
            }
        }
        var page = await (await office.GetAsync($"/bulletins/{id}")).HtmlAsync();
        page.QuerySelector("#download-pdf")!.GetAttribute("href").ShouldBe($"/bulletins/{id}.pdf");

        // A leader gets no PDF of a draft.
        (await (await App.SignInAsync("leader1")).GetAsync($"/bulletins/{id}.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [GeneratedRegex(@"/Type\s*/Page(?!s)")]
    private static partial Regex PageObject();
}

public sealed class BulletinPdfTests_Postgres(PostgresApp app) : BulletinPdfTests(app), IClassFixture<PostgresApp>;
public sealed class BulletinPdfTests_Sqlite(SqliteApp app) : BulletinPdfTests(app), IClassFixture<SqliteApp>;
