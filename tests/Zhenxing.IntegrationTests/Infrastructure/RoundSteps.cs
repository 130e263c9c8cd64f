using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Infrastructure;

/// <summary>A reporting round's steps through the pages, as the Office and a liaison take them.</summary>
public static class RoundSteps
{
    /// <summary>Opens a round over one list, from today, due in 10 days; returns its id.</summary>
    public static async Task<int> OpenRoundAsync(this ZhenxingAppFactory app, HttpClient office, string name, int listId)
    {
        var today = ChinaTime.Today(app.Clock);
        var response = await office.PostFormAsync("/rounds", new()
        {
            ["Form.Name"] = name, ["Form.OpensOn"] = today.ToString("yyyy-MM-dd"), ["Form.DueOn"] = today.AddDays(10).ToString("yyyy-MM-dd"), ["Form.Lists"] = listId.ToString(),
        });
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    /// <summary>The liaison submits a report on an item and the Office accepts it.</summary>
    public static async Task ReportAndAcceptAsync(this ZhenxingAppFactory app, HttpClient liaison, HttpClient office, int roundId, int itemId, ItemStatus status, string narrative = "按计划推进。")
    {
        await liaison.PostFormAsync($"/rounds/{roundId}/items/{itemId}/report", new()
        {
            ["Status"] = status.ToString(), ["Narrative"] = narrative, ["Version"] = "0", ["submit"] = "1",
        });
        var report = await app.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync(p => p.RoundId == roundId && p.ItemId == itemId));
        await office.PostFormAsync($"/rounds/{roundId}?reportId={report.Id}&version={report.Version}&decision=accept", [], handler: "Review");
    }

    /// <param name="force">仍然关闭: close even with reports waiting for review.</param>
    public static async Task CloseRoundAsync(this ZhenxingAppFactory app, HttpClient office, int roundId, bool force = false)
    {
        var version = (await app.WithDbAsync(db => db.ReportingRounds.AsNoTracking().SingleAsync(r => r.Id == roundId))).Version;
        (await office.PostFormAsync($"/rounds/{roundId}?version={version}" + (force ? "&force=true" : ""), [], handler: "Close")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
