using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;

namespace Zhenxing.UnitTests.Web;

public sealed class StatusLightsTests
{
    private static readonly DateOnly Today = new(2021, 6, 15);
    private static readonly StatusLights Lights = new(new StatusLightOptions { YellowWithinDays = 30 }, Today, [], Array.Empty<ProgressReport>().AsQueryable());

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
        Lights.Evaluate(Item(status, daysToDeadline), ReportFacts.None).Light.ShouldBe(expected);

    [Fact]
    public void Evaluate_FlaggedDoneItem_IsRedWithTheOfficesReason()
    {
        var verdict = Lights.Evaluate(Item(ItemStatus.Done, 100, flag: "材料不实"), ReportFacts.None);

        verdict.Light.ShouldBe(StatusLight.Red);
        verdict.Reason.ShouldBe("振兴办督办：材料不实");
    }

    [Fact]
    public void Evaluate_OngoingItemPastAnOldDate_IsNotOverdue() =>
        Lights.Evaluate(Item(ItemStatus.InProgress, -10, ongoing: true), ReportFacts.None).Light.ShouldBe(StatusLight.Green);

    [Fact]
    public void Evaluate_OverdueItem_SaysSinceWhen() =>
        Lights.Evaluate(Item(ItemStatus.InProgress, -1), ReportFacts.None).Reason.ShouldBe("已超过完成时限（2021-06-14），尚未落实到位");

    [Fact]
    public void Evaluate_ReturnedReport_IsYellowAndAMissedRoundIsRed()
    {
        Lights.Evaluate(Item(ItemStatus.InProgress, 200), new ReportFacts(Returned: true, MissedLastRound: false))
            .ShouldBe(new LightVerdict(StatusLight.Yellow, "牵头单位的报送被振兴办退回，待重新报送"));
        Lights.Evaluate(Item(ItemStatus.InProgress, 200), new ReportFacts(Returned: false, MissedLastRound: true))
            .ShouldBe(new LightVerdict(StatusLight.Red, "上一轮报送截止后，牵头单位未报送进展"));
    }

    [Fact]
    public void Is_EveryCombination_MatchesExactlyOneLightAndTheExplanation()
    {
        // The database filters with the expressions and the pages explain with Evaluate: they must never disagree.
        // One round due yesterday over list 1; item 1 has no report in it, item 2 a returned one in an open round.
        var round = new ReportingRound { Id = 1, Name = "上半年", DueOn = Today.AddDays(-1), State = RoundState.Open, Lists = [new RoundList { RoundId = 1, ItemListId = 1 }] };
        var returned = new ProgressReport
        {
            RoundId = 1, Round = round, ItemId = 2, Item = new Item { Id = 2, ItemListId = 1, Number = "2", Text = "x" },
            Role = ItemUnitRole.Lead, State = ReportState.Returned,
        };
        var lights = new StatusLights(new StatusLightOptions { YellowWithinDays = 30 }, Today, [new LastRound(1, round.Id)], new[] { returned }.AsQueryable());
        var red = lights.Is(StatusLight.Red).Compile();
        var yellow = lights.Is(StatusLight.Yellow).Compile();
        var green = lights.Is(StatusLight.Green).Compile();
        var isReturned = lights.Returned().Compile();
        var missed = lights.MissedLastRound().Compile();
        var seen = new HashSet<StatusLight>();
        foreach (var id in new[] { 1, 2, 3 })
        {
            foreach (var status in Enum.GetValues<ItemStatus>())
            {
                foreach (int? days in new int?[] { null, -400, -1, 0, 1, 29, 30, 31, 400 })
                {
                    foreach (var ongoing in new[] { false, true })
                    {
                        foreach (var flag in new[] { null, "督办" })
                        {
                            var item = Item(status, days, ongoing, flag);
                            item.Id = id;
                            item.ItemListId = id == 3 ? 2 : 1;
                            item.Units = [new ItemUnit { ItemId = id, UnitId = 1, Role = ItemUnitRole.Lead }];
                            if (id == 2)
                            {
                                // Item 2 reported in that round; its report was returned.
                                returned.State = ReportState.Returned;
                            }
                            var matches = new[] { red(item), yellow(item), green(item) };
                            matches.Count(m => m).ShouldBe(1, $"{id} {status} {days} {ongoing} {flag}");
                            var light = matches[0] ? StatusLight.Red : matches[1] ? StatusLight.Yellow : StatusLight.Green;
                            lights.Evaluate(item, new ReportFacts(isReturned(item), missed(item))).Light.ShouldBe(light, $"{id} {status} {days} {ongoing} {flag}");
                            seen.Add(light);
                        }
                    }
                }
            }
        }
        seen.Count.ShouldBe(3);
    }
}
