using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Bulletins;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Bulletins;

/// <summary>Issue numbers (第N期) continue from the year's last bulletin and can be set on the draft; a used one is refused.</summary>
public abstract class BulletinNumberTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private async Task<HttpResponseMessage> SaveAsync(HttpClient office, int id, string number)
    {
        var bulletin = await App.WithDbAsync(db => db.Bulletins.AsNoTracking().Include(b => b.Sections).SingleAsync(b => b.Id == id));
        var fields = new Dictionary<string, string>
        {
            ["Title"] = bulletin.Title, ["IssuingOrgan"] = bulletin.IssuingOrgan, ["Version"] = bulletin.Version.ToString(), ["Number"] = number,
        };
        foreach (var (section, i) in bulletin.OrderedSections().Select((s, i) => (s, i)))
        {
            fields[$"Sections[{i}].Heading"] = section.Heading;
            fields[$"Sections[{i}].Text"] = section.Text;
        }
        return await office.PostFormAsync($"/bulletins/{id}/edit?handler=Save", fields);
    }

    private async Task<HttpResponseMessage> PublishAsync(HttpClient office, int id)
    {
        var version = await App.WithDbAsync(db => db.Bulletins.Where(b => b.Id == id).Select(b => b.Version).SingleAsync());
        return await office.PostFormAsync($"/bulletins/{id}/publish", new() { ["version"] = version.ToString() });
    }

    [Fact]
    public async Task TheOfficeSetsTheFirstNumberTheNextContinuesFromItAndAUsedNumberIsRefused()
    {
        await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        var today = ChinaTime.Today(App.Clock);
        var first = await BulletinTests.DraftAsync(office, today.AddDays(-30), today);

        // The office's printed series is at 第11期: this one is 第12期.
        var form = await (await office.GetAsync($"/bulletins/{first}/edit")).HtmlAsync();
        form.QuerySelector("#Number")!.GetAttribute("placeholder").ShouldBe($"不填则发布时取 {today.Year}年第1期");
        (await SaveAsync(office, first, "12")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await office.GetAsync($"/bulletins/{first}/publish")).HtmlAsync()).QuerySelector("#next-number")!.TextContent.ShouldBe($"{today.Year}年第12期");
        (await PublishAsync(office, first)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.Bulletins.AsNoTracking().SingleAsync(b => b.Id == first))).Number.ShouldBe(12);

        // The next draft continues: 第13期 unless set.
        var second = await BulletinTests.DraftAsync(office, today.AddDays(-10), today);
        (await (await office.GetAsync($"/bulletins/{second}/publish")).HtmlAsync()).QuerySelector("#next-number")!.TextContent.ShouldBe($"{today.Year}年第13期");
        var response = await SaveAsync(office, second, "12");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain($"期号第12期已被{today.Year}年已发布的《振兴发展工作简报》");
        (await App.WithDbAsync(db => db.Bulletins.AsNoTracking().SingleAsync(b => b.Id == second))).Number.ShouldBeNull();
        response = await SaveAsync(office, second, "0");
        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("期号应为 1 到 999 之间的整数");
        (await PublishAsync(office, second)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.Bulletins.AsNoTracking().SingleAsync(b => b.Id == second))).Number.ShouldBe(13);

        // A draft given a number that another bulletin took in the meantime is not published under it.
        var third = await BulletinTests.DraftAsync(office, today.AddDays(-5), today);
        (await SaveAsync(office, third, "14")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var fourth = await BulletinTests.DraftAsync(office, today.AddDays(-5), today);
        (await SaveAsync(office, fourth, "14")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PublishAsync(office, fourth)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response = await PublishAsync(office, third);
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.HtmlAsync()).Body!.TextContent.ShouldContain("期号第14期已被");
        var third1 = await App.WithDbAsync(db => db.Bulletins.AsNoTracking().SingleAsync(b => b.Id == third));
        (third1.State, third1.Year).ShouldBe((BulletinState.Draft, (int?)null));
    }
}

public sealed class BulletinNumberTests_Postgres(PostgresApp app) : BulletinNumberTests(app), IClassFixture<PostgresApp>;
public sealed class BulletinNumberTests_Sqlite(SqliteApp app) : BulletinNumberTests(app), IClassFixture<SqliteApp>;
