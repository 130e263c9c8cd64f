using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Bulletins;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Bulletins;

/// <summary>A bulletin reports what has happened: its period never ends after the day it is drafted.</summary>
public abstract class BulletinPeriodTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");

    [Fact]
    public async Task APeriodEndingAfterTodayIsDraftedAsOfTodayAndOneStartingAfterTodayIsRefused()
    {
        await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        var today = ChinaTime.Today(App.Clock);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var askedEnd = monthEnd > today ? monthEnd : today.AddDays(5);

        var response = await office.PostFormAsync("/bulletins/new", new() { ["From"] = Day(monthStart), ["To"] = Day(askedEnd) });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var bulletin = await App.WithDbAsync(db => db.Bulletins.AsNoTracking().Include(b => b.Sections).SingleAsync());
        (bulletin.PeriodFrom, bulletin.PeriodTo).ShouldBe((monthStart, today));
        var text = string.Join("\n", bulletin.Sections.Select(s => s.Text));
        text.ShouldContain($"截至{BulletinText.Date(today)}");
        text.ShouldNotContain(BulletinText.Date(askedEnd));
        var edit = await (await office.GetAsync(response.Headers.Location!.ToString())).HtmlAsync();
        edit.QuerySelector(".notice")!.TextContent.ShouldContain($"已按今天 {Day(today)} 截止");

        response = await office.PostFormAsync("/bulletins/new", new() { ["From"] = Day(today.AddDays(1)), ["To"] = Day(today.AddDays(20)) });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain($"起始日期（{Day(today.AddDays(1))}）不能晚于今天");
        (await App.WithDbAsync(db => db.Bulletins.CountAsync())).ShouldBe(1);
    }
}

public sealed class BulletinPeriodTests_Postgres(PostgresApp app) : BulletinPeriodTests(app), IClassFixture<PostgresApp>;
public sealed class BulletinPeriodTests_Sqlite(SqliteApp app) : BulletinPeriodTests(app), IClassFixture<SqliteApp>;
