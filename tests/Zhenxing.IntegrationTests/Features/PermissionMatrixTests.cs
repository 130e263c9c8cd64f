using System.Net;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features;

/// <summary>
/// Walks every page and API route with every role and checks the answer against the permission table:
/// Office sees and edits everything but users; a liaison sees only its unit's items (others: 404);
/// a leader reads everything; the administrator manages users and units.
/// </summary>
public abstract class PermissionMatrixTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private const HttpStatusCode Ok = HttpStatusCode.OK;
    private const HttpStatusCode Forbidden = HttpStatusCode.Forbidden;
    private const HttpStatusCode NotFound = HttpStatusCode.NotFound;
    private const HttpStatusCode SignIn = HttpStatusCode.Redirect;
    private const HttpStatusCode Unauthorized = HttpStatusCode.Unauthorized;

    // Route, then the expected answer for: Office, Liaison (市财政局), Leader, Admin, anonymous.
    // {own} is an item of 市财政局, {other} one it has nothing to do with; {unit}/{otherUnit} likewise.
    private static readonly (string Route, HttpStatusCode[] Expected)[] Matrix =
    [
        ("/ledger", [Ok, Ok, Ok, Ok, SignIn]),
        ("/dashboard", [Ok, Forbidden, Ok, Ok, SignIn]),
        ("/dashboard/wall", [Ok, Forbidden, Ok, Ok, SignIn]),
        ("/items/{own}", [Ok, Ok, Ok, Ok, SignIn]),
        ("/items/{other}", [Ok, NotFound, Ok, Ok, SignIn]),
        ("/items/{own}/edit", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/items/{own}/split", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/items/{own}/merge", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/items/{own}/withdraw", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/units/{unit}", [Ok, Ok, Ok, Ok, SignIn]),
        ("/units/{otherUnit}", [Ok, NotFound, Ok, Ok, SignIn]),
        ("/admin/units", [Ok, Forbidden, Forbidden, Ok, SignIn]),
        ("/admin/units/{unit}", [Ok, Forbidden, Forbidden, Ok, SignIn]),
        ("/admin/users", [Forbidden, Forbidden, Forbidden, Ok, SignIn]),
        ("/imports", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/notifications", [Ok, Ok, Ok, Ok, SignIn]),
        ("/account/password", [Ok, Ok, Ok, Ok, SignIn]),
        ("/lists/{list}", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/rounds", [Ok, Ok, Ok, Ok, SignIn]),
        ("/rounds/{round}/status", [Ok, Ok, Ok, Ok, SignIn]),
        ("/rounds/{round}", [Ok, Forbidden, Ok, Ok, SignIn]),
        ("/inbox", [Forbidden, Ok, Forbidden, Forbidden, SignIn]),
        ("/rounds/{round}/sheet", [Ok, Ok, Forbidden, Forbidden, SignIn]),
        ("/rounds/{round}/items/{own}/report", [Ok, Ok, Ok, Ok, SignIn]),
        ("/rounds/{round}/items/{other}/report", [Ok, NotFound, Ok, Ok, SignIn]),
        ("/assessments", [Ok, Ok, Ok, Ok, SignIn]),
        ("/assessments/{assessment}", [Ok, Ok, Ok, Ok, SignIn]),
        ("/assessments/{assessment}/units/{unit}", [Ok, Ok, Ok, Ok, SignIn]),
        ("/assessments/{assessment}/export.xlsx", [Ok, Ok, Ok, Ok, SignIn]),
        ("/bulletins", [Ok, Ok, Ok, Ok, SignIn]),
        ("/bulletins/new", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/bulletins/{bulletin}", [Ok, Ok, Ok, Ok, SignIn]),
        ("/bulletins/{bulletin}.docx", [Ok, Ok, Ok, Ok, SignIn]),
        ("/bulletins/{draft}", [Ok, NotFound, NotFound, NotFound, SignIn]),
        ("/bulletins/{draft}.docx", [Ok, NotFound, NotFound, NotFound, SignIn]),
        ("/bulletins/{draft}/edit", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/bulletins/{draft}/publish", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/bulletins/{draft}/delete", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/api/v1/bulletins", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/bulletins/{bulletin}", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/bulletins/{draft}", [Ok, NotFound, NotFound, NotFound, Unauthorized]),
        ("/api/v1/items", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/items/{own}", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/items/{other}", [Ok, NotFound, Ok, Ok, Unauthorized]),
        ("/api/v1/lists", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/units", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/dashboard", [Ok, Forbidden, Ok, Ok, Unauthorized]),
        ("/pairings", [Ok, Ok, Ok, Ok, SignIn]),
        ("/pairings?view=city", [Ok, Ok, Ok, Ok, SignIn]),
        ("/pairings/{pairing}", [Ok, Ok, Ok, Ok, SignIn]),
        ("/pairings/new", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/pairings/activities", [Ok, Ok, Ok, Ok, SignIn]),
        ("/pairings/activities/{activity}/edit", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/pairings/figures", [Ok, Ok, Ok, Ok, SignIn]),
        ("/pairings/evaluation", [Ok, Ok, Ok, Ok, SignIn]),
        ("/pairings/evaluation.xlsx", [Ok, Ok, Ok, Ok, SignIn]),
        ("/trips", [Ok, Ok, Ok, Ok, SignIn]),
        ("/trips/{ownTrip}", [Ok, Ok, Ok, Ok, SignIn]),
        ("/trips/{otherTrip}", [Ok, NotFound, Ok, Ok, SignIn]),
        ("/trips/compliance", [Ok, Ok, Ok, Ok, SignIn]),
        ("/api/v1/pairings", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/pairings/{pairing}", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/pairings/{pairing}/activities", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/pairings/figures", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/pairings/evaluation", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/trips", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/trips/{ownTrip}", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/trips/{otherTrip}", [Ok, NotFound, Ok, Ok, Unauthorized]),
        ("/api/v1/trips/compliance", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/trips/rule", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/targets", [Ok, Ok, Ok, Ok, SignIn]),
        ("/targets/{target}", [Ok, Ok, Ok, Ok, SignIn]),
        ("/targets/new", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/targets/{target}/edit", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/targets/candidates", [Ok, Forbidden, Forbidden, Forbidden, SignIn]),
        ("/rounds/{round}/targets", [Ok, Ok, Ok, Ok, SignIn]),
        ("/meetings", [Ok, Ok, Ok, Ok, SignIn]),
        ("/meetings/{meeting}", [Ok, Ok, Ok, Ok, SignIn]),
        ("/api/v1/targets", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/targets/{target}", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/rounds/{round}/targets", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/meetings", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/meetings/{meeting}", [Ok, Ok, Ok, Ok, Unauthorized]),
    ];

    [Fact]
    public async Task EveryRouteAnswersEveryRoleAsThePermissionTableSays()
    {
        var data = await App.CreateSmallListAsync();
        var roundId = await App.WithDbAsync(async db =>
        {
            var round = new Zhenxing.Web.Features.Rounds.ReportingRound { Name = "2021年上半年", OpensOn = new(2021, 1, 1), DueOn = new(2021, 6, 30), Lists = [new() { ItemListId = data.ListId }] };
            db.ReportingRounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });
        var assessmentId = await App.WithDbAsync(async db =>
        {
            var method = new Zhenxing.Web.Features.Assessments.AssessmentMethod { Year = 2021, Title = "2021年度振兴工作考评", CompletionWeight = 50, PunctualityWeight = 30, QualityWeight = 20, Lists = [new() { ItemListId = data.ListId }] };
            db.AssessmentMethods.Add(method);
            await db.SaveChangesAsync();
            return method.Id;
        });
        var (bulletinId, draftId) = await App.WithDbAsync(async db =>
        {
            Zhenxing.Web.Features.Bulletins.Bulletin Bulletin(int? number) => new()
            {
                Title = "振兴发展工作简报", IssuingOrgan = "赣州市振兴办", PeriodFrom = new(2021, 6, 1), PeriodTo = new(2021, 6, 30),
                State = number is null ? Zhenxing.Web.Features.Bulletins.BulletinState.Draft : Zhenxing.Web.Features.Bulletins.BulletinState.Published,
                Year = number is null ? null : 2021, Number = number, PublishedAt = number is null ? null : App.Clock.GetUtcNow(),
                Sections = [new() { Position = 1, Heading = "总体情况", Text = "共 5 项。" }],
            };
            var (published, draft) = (Bulletin(1), Bulletin(null));
            db.Bulletins.AddRange(published, draft);
            await db.SaveChangesAsync();
            return (published.Id, draft.Id);
        });
        var pairings = await App.CreatePairingsAsync();
        var (activityId, ownTrip, otherTrip) = await App.WithDbAsync(async db =>
        {
            var activity = new Zhenxing.Web.Features.Pairings.PairingActivity { PairingId = pairings.FinanceRuijin, Kind = Zhenxing.Web.Features.Pairings.PairingActivityKind.Symposium, OccurredOn = new(2025, 5, 1), Title = "座谈会" };
            Zhenxing.Web.Features.Trips.LiaisonTrip Trip(int unit) => new() { UnitId = unit, TravelledOn = new(2025, 5, 1), People = "局长", Destination = "财政部", Level = Zhenxing.Web.Features.Trips.DestinationLevel.National };
            var (own, other) = (Trip(data.Finance), Trip(data.Development));
            db.AddRange(activity, own, other);
            await db.SaveChangesAsync();
            return (activity.Id, own.Id, other.Id);
        });
        var (targetId, meetingId) = await App.WithDbAsync(async db =>
        {
            var target = new Zhenxing.Web.Features.Targets.Target { Title = "全年争资", OwnerUnitId = data.Finance, MeasureUnit = "亿元", BaselineYear = 2019, TargetValue = 750, TargetYear = 2020 };
            var meeting = new Zhenxing.Web.Features.Meetings.Meeting { Title = "推进会", HeldOn = new(2021, 3, 1), Matters = [new() { Text = "支持瑞金机场", LeadUnitId = data.Finance }] };
            db.Targets.Add(target);
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            return (target.Id, meeting.Id);
        });
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("leader1", Role.Leader);
        await App.AddUserAsync("admin1", Role.Admin);
        HttpClient[] clients =
        [
            await App.SignInAsync("office1"), await App.SignInAsync("czj"), await App.SignInAsync("leader1"),
            await App.SignInAsync("admin1"), App.CreateBrowser(),
        ];
        string[] roles = ["Office", "Liaison", "Leader", "Admin", "anonymous"];

        var mismatches = new List<string>();
        foreach (var (route, expected) in Matrix)
        {
            var url = route.Replace("{pairing}", pairings.FinanceRuijin.ToString()).Replace("{activity}", activityId.ToString())
                .Replace("{ownTrip}", ownTrip.ToString()).Replace("{otherTrip}", otherTrip.ToString())
                .Replace("{target}", targetId.ToString()).Replace("{meeting}", meetingId.ToString())
                .Replace("{bulletin}", bulletinId.ToString()).Replace("{draft}", draftId.ToString())
                .Replace("{list}", data.ListId.ToString()).Replace("{round}", roundId.ToString()).Replace("{assessment}", assessmentId.ToString()).Replace("{own}", data.Overdue.ToString()).Replace("{other}", data.Soon.ToString())
                .Replace("{unit}", data.Finance.ToString()).Replace("{otherUnit}", data.Development.ToString());
            for (var r = 0; r < roles.Length; r++)
            {
                var actual = (await clients[r].GetAsync(url)).StatusCode;
                if (actual != expected[r])
                {
                    mismatches.Add($"{roles[r]} GET {route}: expected {(int)expected[r]}, got {(int)actual}");
                }
            }
        }

        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public async Task WritesAreRefusedToRolesThatMayNotMakeThem()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("leader1", Role.Leader);
        var liaison = await App.SignInAsync("czj");
        var leader = await App.SignInAsync("leader1");
        var token = await liaison.AntiforgeryTokenAsync("/ledger");
        var leaderToken = await leader.AntiforgeryTokenAsync("/ledger");
        var edit = new Dictionary<string, string> { ["Form.ListId"] = data.ListId.ToString(), ["Form.Number"] = "1", ["Form.Text"] = "改", ["Form.Status"] = "Done", ["Form.Version"] = "0" };

        (await liaison.PostFormWithTokenAsync($"/items/{data.Overdue}/edit", edit, token)).StatusCode.ShouldBe(Forbidden);
        (await leader.PostFormWithTokenAsync($"/items/{data.Overdue}/edit", edit, leaderToken)).StatusCode.ShouldBe(Forbidden);
        (await liaison.PostFormWithTokenAsync($"/items/{data.Overdue}/withdraw", new() { ["Reason"] = "x", ["Version"] = "0" }, token)).StatusCode.ShouldBe(Forbidden);
        (await liaison.PostFormWithTokenAsync("/ledger?handler=Assign", new() { ["selected"] = data.Overdue.ToString(), ["unitName"] = "市教育局", ["role"] = "Lead" }, token)).StatusCode.ShouldBe(Forbidden);
        (await leader.PostFormWithTokenAsync("/admin/units", new() { ["Form.Name"] = "新单位" }, leaderToken)).StatusCode.ShouldBe(Forbidden);
        (await liaison.PostFormWithTokenAsync($"/items/{data.Overdue}?handler=Instruct", new() { ["text"] = "x" }, token)).StatusCode.ShouldBe(Forbidden);
        (await liaison.PostFormWithTokenAsync($"/items/{data.Soon}?handler=Instruct", new() { ["text"] = "x" }, token)).StatusCode.ShouldBe(Forbidden);
        (await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Instructions))).ShouldBe(0);
        var pairings = await App.CreatePairingsAsync();
        var activity = new Dictionary<string, string> { ["Activity.Kind"] = "Symposium", ["Activity.OccurredOn"] = "2025-05-01", ["Activity.Title"] = "座谈会" };
        (await liaison.PostFormWithTokenAsync($"/pairings/{pairings.FinanceRuijin}?handler=File", activity, token)).StatusCode.ShouldBe(Forbidden);
        (await leader.PostFormWithTokenAsync($"/pairings/{pairings.FinanceRuijin}?handler=File", activity, leaderToken)).StatusCode.ShouldBe(Forbidden);
        (await liaison.PostFormWithTokenAsync($"/pairings/{pairings.FinanceRuijin}?handler=End", new() { ["EndsOn"] = "2025-01-01", ["Reason"] = "x", ["Version"] = "0" }, token)).StatusCode.ShouldBe(Forbidden);
        (await liaison.PostFormWithTokenAsync("/pairings/new?handler=Scheme", new() { ["Scheme.Title"] = "x", ["Scheme.StartYear"] = "2021", ["Scheme.EndYear"] = "2030" }, token)).StatusCode.ShouldBe(Forbidden);
        (await leader.PostFormWithTokenAsync("/trips", new() { ["Trip.Unit"] = "市财政局", ["Trip.TravelledOn"] = "2025-05-01", ["Trip.People"] = "x", ["Trip.Level"] = "National", ["Trip.Destination"] = "x" }, leaderToken)).StatusCode.ShouldBe(Forbidden);
        (await liaison.PostFormWithTokenAsync("/trips/compliance", new() { ["ProvincialPerMonth"] = "5", ["NationalVisits"] = "1", ["NationalWindowMonths"] = "2", ["RuleVersion"] = "0" }, token)).StatusCode.ShouldBe(Forbidden);
        (await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.PairingActivities))).ShouldBe(0);
        (await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.LiaisonTrips))).ShouldBe(0);
        (await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.PairingSchemes))).ShouldBe(1);
        (await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.TripRules))).ShouldBe(0);
        var item = await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Items, i => i.Id == data.Overdue));
        item.Text.ShouldBe("推进瑞金机场前期工作");
        item.WithdrawnAt.ShouldBeNull();
    }
}

public sealed class PermissionMatrixTests_Postgres(PostgresApp app) : PermissionMatrixTests(app), IClassFixture<PostgresApp>;
public sealed class PermissionMatrixTests_Sqlite(SqliteApp app) : PermissionMatrixTests(app), IClassFixture<SqliteApp>;
