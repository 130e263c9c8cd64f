using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features.Assessments;

/// <summary>未评分的报送质量不计入: a unit whose reports were never rated is not given 0 for quality unless the method says so.</summary>
public abstract class UnratedQualityTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private static async Task<int> CreateMethodAsync(HttpClient office, int year, int listId, string title, bool? leaveOut)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Year"] = year.ToString(), ["Form.Title"] = title,
            ["Form.CompletionWeight"] = "50", ["Form.PunctualityWeight"] = "30", ["Form.QualityWeight"] = "20", ["Form.Lists"] = listId.ToString(),
        };
        if (leaveOut is { } value)
        {
            // As the form posts it: the checkbox's "true" when ticked, then the hidden "false".
            fields["Form.UnratedQualityLeftOut"] = value ? "true" : "false";
        }
        var response = await office.PostFormAsync("/assessments", fields);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    [Fact]
    public async Task AUnitWithNoRatedReportIsScoredOnTheOtherPartsByDefaultAndGetsZeroWhenTheMethodTurnsItOff()
    {
        // 市教育局 leads item 4 (done) and reports it on time; the Office accepts without a rating.
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("jyj", Role.Liaison, unitId: data.Education);
        var office = await App.SignInAsync("office1");
        var education = await App.SignInAsync("jyj");
        var round = await App.OpenRoundAsync(office, "第一轮", data.ListId);
        await App.ReportAndAcceptAsync(education, office, round, data.Done, ItemStatus.Done);
        (await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync())).QualityRating.ShouldBeNull();
        App.Clock.Advance(TimeSpan.FromDays(11));
        office = await App.SignInAsync("office1");
        await App.CloseRoundAsync(office, round);
        var year = (await App.WithDbAsync(db => db.ReportingRounds.SingleAsync(r => r.Id == round))).DueOn.Year;

        var byDefault = await CreateMethodAsync(office, year, data.ListId, "默认办法", leaveOut: null);
        var off = await CreateMethodAsync(office, year, data.ListId, "旧办法", leaveOut: false);
        (await App.WithDbAsync(db => db.AssessmentMethods.OrderBy(m => m.Id).Select(m => m.UnratedQualityLeftOut).ToListAsync())).ShouldBe([true, false]);

        // By hand: completion 1/1 = 100, punctuality 1/1 = 100. Left out: weights 50/30 become 62.5/37.5, score 62.5 + 37.5 = 100.0.
        // Counted as 0: 100 × 0.5 + 100 × 0.3 + 0 × 0.2 = 80.0.
        var trace = await (await office.GetAsync($"/assessments/{byDefault}/units/{data.Education}")).HtmlAsync();
        trace.QuerySelector("#sum-quality")!.TextContent.ShouldContain("未评分的报送质量不计入");
        trace.QuerySelector("#sum-quality")!.TextContent.ShouldContain("50% → 62.5%");
        trace.QuerySelector("#sum-completion")!.TextContent.ShouldContain("62.50");
        trace.QuerySelector("#sum-punctuality")!.TextContent.ShouldContain("37.50");
        trace.QuerySelector("#sum-score")!.TextContent.ShouldContain("100.0");
        var oldWay = await (await office.GetAsync($"/assessments/{off}/units/{data.Education}")).HtmlAsync();
        oldWay.QuerySelector("#sum-quality")!.TextContent.ShouldContain("无评分，计 0");
        oldWay.QuerySelector("#sum-score")!.TextContent.ShouldContain("80.0");
        (await (await office.GetAsync($"/assessments/{off}")).HtmlAsync()).QuerySelector("#score-rule")!.TextContent.ShouldContain("未评分的报送质量计 0 分");
    }
}

public sealed class UnratedQualityTests_Postgres(PostgresApp app) : UnratedQualityTests(app), IClassFixture<PostgresApp>;
public sealed class UnratedQualityTests_Sqlite(SqliteApp app) : UnratedQualityTests(app), IClassFixture<SqliteApp>;
