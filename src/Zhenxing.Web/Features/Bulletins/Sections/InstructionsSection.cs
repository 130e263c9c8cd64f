namespace Zhenxing.Web.Features.Bulletins.Sections;

/// <summary>五、领导批示: the leaders' instructions (批示) written in the period and whether the lead unit has answered.</summary>
public sealed class InstructionsSection : IBulletinSection
{
    public int Order => 60;

    public Task<DraftSection?> BuildAsync(BulletinFacts facts, CancellationToken cancellationToken)
    {
        if (facts.Instructions.Count == 0)
        {
            return Task.FromResult<DraftSection?>(new DraftSection("领导批示", ["本期没有领导批示。"]));
        }
        var paragraphs = new List<string> { $"本期领导批示 {facts.Instructions.Count} 条：" };
        paragraphs.AddRange(facts.Instructions.Select((instruction, index) =>
        {
            var day = DateOnly.FromDateTime(instruction.CreatedAt.ToOffset(TimeSpan.FromHours(8)).DateTime);
            var text = DoneItemsSection.OneLine(instruction.Text).TrimEnd('。');
            return $"{index + 1}. {instruction.LeaderName}于{BulletinText.Date(day)}对{facts.ItemName(instruction.ItemId)}批示：“{text}。”"
                   + (instruction.Answer is { } answer ? $"牵头单位已答复：{DoneItemsSection.OneLine(answer)}" : "牵头单位尚未答复。");
        }));
        return Task.FromResult<DraftSection?>(new DraftSection("领导批示", paragraphs));
    }
}
