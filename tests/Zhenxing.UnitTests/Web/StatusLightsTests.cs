using Zhenxing.Web.Features.Items;

namespace Zhenxing.UnitTests.Web;

public sealed class StatusLightsTests
{
    private static readonly DateOnly Today = new(2021, 6, 15);
    private static readonly StatusLights Lights = new(new StatusLightOptions { YellowWithinDays = 30 }, Today);

    private static Item Item(ItemStatus status, int? daysToDeadline, bool ongoing = false, string? flag = null) => new()
    {
        Number = "1",
        Text = "x",
        Status = status,
        Deadline = daysToDeadline is { } d ? Today.AddDays(d) : null,
        Ongoing = ongoing,
        FlagReason = flag,
    };

    [Theory]
    [InlineData(ItemStatus.InProgress, -1, StatusLight.Red)]
    [InlineData(ItemStatus.InProgress, 0, StatusLight.Yellow)]
    [InlineData(ItemStatus.InProgress, 30, StatusLight.Yellow)]
    [InlineData(ItemStatus.InProgress, 31, StatusLight.Green)]
    [InlineData(ItemStatus.Done, -100, StatusLight.Green)]
    [InlineData(ItemStatus.Blocked, 200, StatusLight.Yellow)]
    [InlineData(ItemStatus.Blocked, -1, StatusLight.Red)]
    [InlineData(ItemStatus.NotStarted, null, StatusLight.Green)]
    public void Evaluate_DeadlineAndStatus_GivesTheDocumentedLight(ItemStatus status, int? daysToDeadline, StatusLight expected) =>
        Lights.Evaluate(Item(status, daysToDeadline)).Light.ShouldBe(expected);

    [Fact]
    public void Evaluate_FlaggedDoneItem_IsRedWithTheOfficesReason()
    {
        var verdict = Lights.Evaluate(Item(ItemStatus.Done, 100, flag: "材料不实"));

        verdict.Light.ShouldBe(StatusLight.Red);
        verdict.Reason.ShouldBe("振兴办督办：材料不实");
    }

    [Fact]
    public void Evaluate_OngoingItemPastAnOldDate_IsNotOverdue() =>
        Lights.Evaluate(Item(ItemStatus.InProgress, -10, ongoing: true)).Light.ShouldBe(StatusLight.Green);

    [Fact]
    public void Evaluate_OverdueItem_SaysSinceWhen() =>
        Lights.Evaluate(Item(ItemStatus.InProgress, -1)).Reason.ShouldBe("已超过完成时限（2021-06-14），尚未落实到位");

    [Fact]
    public void Is_EveryCombination_MatchesExactlyOneLightAndTheExplanation()
    {
        // The database filters with the expressions and the pages explain with Evaluate: they must never disagree.
        var red = Lights.Is(StatusLight.Red).Compile();
        var yellow = Lights.Is(StatusLight.Yellow).Compile();
        var green = Lights.Is(StatusLight.Green).Compile();
        foreach (var status in Enum.GetValues<ItemStatus>())
        {
            foreach (int? days in new int?[] { null, -400, -1, 0, 1, 29, 30, 31, 400 })
            {
                foreach (var ongoing in new[] { false, true })
                {
                    foreach (var flag in new[] { null, "督办" })
                    {
                        var item = Item(status, days, ongoing, flag);
                        var matches = new[] { red(item), yellow(item), green(item) };
                        matches.Count(m => m).ShouldBe(1, $"{status} {days} {ongoing} {flag}");
                        var light = matches[0] ? StatusLight.Red : matches[1] ? StatusLight.Yellow : StatusLight.Green;
                        Lights.Evaluate(item).Light.ShouldBe(light);
                    }
                }
            }
        }
    }
}
