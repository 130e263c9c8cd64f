using System.Net.Http.Json;
using System.Text.Json;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Trips;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features.Pairings;

/// <summary>The trips list (北上对接) sends one page of 50 with the total and page links that keep the filters.</summary>
public abstract class TripPagingTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task TripsWith520RowsSendFiftyPerPageWithTheTotalAndLinksThatKeepTheFilters()
    {
        var county = await App.AddUnitAsync("分页测试县", UnitKind.County);
        var other = await App.AddUnitAsync("分页对照县", UnitKind.County);
        await App.AddUserAsync("office-paging", Role.Office);
        var first = new DateOnly(2025, 1, 1);
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < 520; i++)
            {
                db.LiaisonTrips.Add(new LiaisonTrip
                {
                    UnitId = county.Id, TravelledOn = first.AddDays(i % 300), People = $"局长 {i}", Level = i % 2 == 0 ? DestinationLevel.National : DestinationLevel.Provincial,
                    Destination = "国家发展改革委", CreatedAt = App.Clock.GetUtcNow(), CreatedByName = "测试",
                });
            }
            db.LiaisonTrips.Add(new LiaisonTrip { UnitId = other.Id, TravelledOn = first, People = "对照", Level = DestinationLevel.National, Destination = "财政部", CreatedAt = App.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });
        var office = await App.SignInAsync("office-paging");

        var page1 = await (await office.GetAsync("/trips")).HtmlAsync();
        page1.QuerySelectorAll("#trip-list tr[data-trip]").Length.ShouldBe(TripFilter.PageSize);
        page1.QuerySelector("#trip-total")!.TextContent.ShouldBe("521");
        var next = page1.QuerySelector("#trip-pager a[rel=next]")!.GetAttribute("href");
        next.ShouldBe("/trips?page=2");

        // Filtered: 520 trips of one unit, 11 pages; the links carry the unit and level and the last page holds the rest.
        var filtered = await (await office.GetAsync($"/trips?unit={county.Id}&level=National")).HtmlAsync();
        filtered.QuerySelector("#trip-total")!.TextContent.ShouldBe("260");
        filtered.QuerySelector("#trip-pager a[rel=next]")!.GetAttribute("href").ShouldBe($"/trips?unit={county.Id}&level=National&page=2");
        var last = await (await office.GetAsync($"/trips?unit={county.Id}&level=National&page=6")).HtmlAsync();
        var lastRows = last.QuerySelectorAll("#trip-list tr[data-trip]");
        lastRows.Length.ShouldBe(10);
        last.QuerySelector("#trip-pager a[rel=prev]")!.GetAttribute("href").ShouldBe($"/trips?unit={county.Id}&level=National&page=5");
        last.QuerySelector("#trip-pager a[rel=next]").ShouldBeNull();
        // A page past the end shows the last page rather than an empty table.
        (await (await office.GetAsync($"/trips?unit={county.Id}&level=National&page=99")).HtmlAsync()).QuerySelectorAll("#trip-list tr[data-trip]").Length.ShouldBe(10);

        // Pages do not overlap and together list every trip once.
        var seen = new HashSet<string>();
        for (var page = 1; page <= 11; page++)
        {
            var html = await (await office.GetAsync($"/trips?unit={county.Id}&page={page}")).HtmlAsync();
            foreach (var row in html.QuerySelectorAll("#trip-list tr[data-trip]"))
            {
                seen.Add(row.GetAttribute("data-trip")!).ShouldBeTrue();
            }
        }
        seen.Count.ShouldBe(520);

        // The API is not paged: it still returns every trip that matches.
        (await office.GetFromJsonAsync<JsonElement>($"/api/v1/trips?unit={county.Id}")).GetArrayLength().ShouldBe(520);
    }
}

public sealed class TripPagingTests_Postgres(PostgresApp app) : TripPagingTests(app), IClassFixture<PostgresApp>;
public sealed class TripPagingTests_Sqlite(SqliteApp app) : TripPagingTests(app), IClassFixture<SqliteApp>;
