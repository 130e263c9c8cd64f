using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Trips;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features.Pairings;

/// <summary>Liaison trips (北上对接): a liaison logs its own unit's, with its own items; the item page shows them.</summary>
public abstract class TripTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task ALiaisonLogsItsUnitsTripWithItsItemsAndTheItemPageShowsIt()
    {
        var data = await App.CreateSmallListAsync();
        var ndrc = await App.AddUnitAsync("国家发展改革委", UnitKind.CentralUnit, "国家发改委");
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("fgw", Role.Liaison, unitId: data.Development);
        await App.AddUserAsync("office1", Role.Office);
        var finance = await App.SignInAsync("czj");
        var development = await App.SignInAsync("fgw");
        var office = await App.SignInAsync("office1");
        var today = Zhenxing.Web.Infrastructure.ChinaTime.Today(App.Clock).ToString("yyyy-MM-dd");

        // The form offers the unit's own items only.
        var form = await (await finance.GetAsync("/trips")).HtmlAsync();
        form.QuerySelectorAll("#item-picker input").Select(i => int.Parse(i.GetAttribute("value")!)).ShouldBe([data.Overdue, data.Later, data.Ongoing], ignoreOrder: true);

        var empty = await finance.PostFormAsync("/trips", new() { ["Trip.TravelledOn"] = today });
        var errors = (await empty.HtmlAsync()).QuerySelector(".errors")!.TextContent;
        errors.ShouldContain("请填写参加人员（姓名、职务）");
        errors.ShouldContain("请选择对接层级：国家部委或省直部门");
        errors.ShouldContain("请填写对接的部委或省直部门");
        var foreign = await finance.PostFormAsync("/trips", new()
        {
            ["Trip.TravelledOn"] = today, ["Trip.People"] = "局长 钱七", ["Trip.Level"] = "National", ["Trip.Destination"] = "国家发改委", ["Trip.Items"] = data.Soon.ToString(),
        });
        (await foreign.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("只能关联本单位牵头或负责的事项");
        var future = await finance.PostFormAsync("/trips", new() { ["Trip.TravelledOn"] = "2099-01-01", ["Trip.People"] = "x", ["Trip.Level"] = "National", ["Trip.Destination"] = "x" });
        (await future.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("对接日期（2099-01-01）不能晚于今天");

        var content = new FormUrlEncodedContent(new[]
        {
            new KeyValuePair<string, string>("Trip.TravelledOn", today), new("Trip.People", "局长 钱七"), new("Trip.PrincipalLeaderWent", "true"),
            new("Trip.Level", "National"), new("Trip.Destination", "国家发改委"), new("Trip.Outcome", "争取将机场项目纳入规划"),
            new("Trip.Items", data.Overdue.ToString()), new("Trip.Items", data.Ongoing.ToString()),
            new("__RequestVerificationToken", await finance.AntiforgeryTokenAsync("/trips")),
        });
        (await finance.PostAsync("/trips", content)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var trip = await App.WithDbAsync(db => db.LiaisonTrips.AsNoTracking().Include(t => t.Items).SingleAsync());
        trip.UnitId.ShouldBe(data.Finance);
        trip.DestinationUnitId.ShouldBe(ndrc.Id);
        trip.Destination.ShouldBe("国家发展改革委");
        trip.Items.Select(i => i.ItemId).ShouldBe([data.Overdue, data.Ongoing], ignoreOrder: true);

        // The item page shows the trip, to everyone who sees the item.
        var item = await (await office.GetAsync($"/items/{data.Overdue}")).HtmlAsync();
        item.QuerySelector("#item-trips")!.TextContent.ShouldContain("市财政局（主要负责同志带队）赴国家发展改革委对接");
        (await (await finance.GetAsync($"/items/{data.Later}")).HtmlAsync()).QuerySelector("#trips")!.TextContent.ShouldContain("还没有北上对接记录");

        // Another unit's liaison neither sees nor changes it; the Office logs for any unit.
        (await development.GetAsync($"/trips/{trip.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await development.GetFromJsonAsync<JsonElement>("/api/v1/trips")).GetArrayLength().ShouldBe(0);
        (await development.PutAsJsonAsync($"/api/v1/trips/{trip.Id}", new { travelledOn = today, people = "x", level = "National", destination = "x", version = trip.Version }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var byOffice = await office.PostAsJsonAsync("/api/v1/trips", new { unit = "市发展改革委", travelledOn = today, people = "主任 孙八", principalLeaderWent = false, level = "Provincial", destination = "省发展改革委", items = new[] { data.Soon } });
        byOffice.StatusCode.ShouldBe(HttpStatusCode.Created, await byOffice.Content.ReadAsStringAsync());
        (await development.GetFromJsonAsync<JsonElement>("/api/v1/trips")).EnumerateArray().Single().GetProperty("destination").GetString().ShouldBe("省发展改革委");

        // Edits carry the version: unlinking an item is a change too, and a stale version is refused.
        var edit = new FormUrlEncodedContent(new[]
        {
            new KeyValuePair<string, string>("Trip.TravelledOn", today), new("Trip.People", "局长 钱七"), new("Trip.PrincipalLeaderWent", "true"),
            new("Trip.Level", "National"), new("Trip.Destination", "国家发改委"), new("Trip.Items", data.Overdue.ToString()), new("Trip.Version", trip.Version.ToString()),
            new("__RequestVerificationToken", await finance.AntiforgeryTokenAsync($"/trips/{trip.Id}")),
        });
        (await finance.PostAsync($"/trips/{trip.Id}", edit)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stale = await finance.PostFormAsync($"/trips/{trip.Id}", new()
        {
            ["Trip.TravelledOn"] = today, ["Trip.People"] = "改", ["Trip.Level"] = "National", ["Trip.Destination"] = "国家发改委", ["Trip.Version"] = trip.Version.ToString(),
        });
        (await stale.HtmlAsync()).QuerySelector("#conflict")!.TextContent.ShouldContain("已被其他用户修改");
        var items = await App.WithDbAsync(db => db.TripItems.Where(i => i.TripId == trip.Id).Select(i => i.ItemId).ToListAsync());
        items.ShouldBe([data.Overdue]);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(LiaisonTrip) && a.EntityId == trip.Id.ToString()))).ShouldBe(2);
    }
}

public sealed class TripTests_Postgres(PostgresApp app) : TripTests(app), IClassFixture<PostgresApp>;
public sealed class TripTests_Sqlite(SqliteApp app) : TripTests(app), IClassFixture<SqliteApp>;
