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
        ("/api/v1/items", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/items/{own}", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/items/{other}", [Ok, NotFound, Ok, Ok, Unauthorized]),
        ("/api/v1/lists", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/units", [Ok, Ok, Ok, Ok, Unauthorized]),
        ("/api/v1/dashboard", [Ok, Forbidden, Ok, Ok, Unauthorized]),
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
            var url = route.Replace("{list}", data.ListId.ToString()).Replace("{round}", roundId.ToString()).Replace("{assessment}", assessmentId.ToString()).Replace("{target}", targetId.ToString()).Replace("{meeting}", meetingId.ToString()).Replace("{own}", data.Overdue.ToString()).Replace("{other}", data.Soon.ToString())
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
        var item = await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Items, i => i.Id == data.Overdue));
        item.Text.ShouldBe("推进瑞金机场前期工作");
        item.WithdrawnAt.ShouldBeNull();
    }
}

public sealed class PermissionMatrixTests_Postgres(PostgresApp app) : PermissionMatrixTests(app), IClassFixture<PostgresApp>;
public sealed class PermissionMatrixTests_Sqlite(SqliteApp app) : PermissionMatrixTests(app), IClassFixture<SqliteApp>;
