using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Bulletins.Sections;

/// <summary>四、逾期和退回事项: items past their deadline and not done at the end of the period; reports the Office returned in it.</summary>
public sealed class OverdueAndReturnedSection : IBulletinSection
{
    public int Order => 40;

    public Task<DraftSection?> BuildAsync(BulletinFacts facts, CancellationToken cancellationToken)
    {
        var paragraphs = new List<string>();
        var overdue = facts.Items.Where(facts.IsOverdue).ToList();
        paragraphs.Add(BulletinText.SubNumber(1) + "逾期事项");
        if (overdue.Count == 0)
        {
            paragraphs.Add("截至期末，没有逾期未完成的事项。");
        }
        else
        {
            paragraphs.Add($"截至期末，逾期未完成事项 {overdue.Count} 项：");
            paragraphs.AddRange(overdue.Select((item, index) =>
                $"{index + 1}. {item.Name}，完成时限{BulletinText.Date(item.Deadline!.Value)}，目前{item.StatusAtEnd.ToChinese()}。"));
        }
        paragraphs.Add(BulletinText.SubNumber(2) + "退回的进展报送");
        if (facts.Returned.Count == 0)
        {
            paragraphs.Add("本期没有退回的进展报送。");
        }
        else
        {
            paragraphs.Add($"本期退回进展报送 {facts.Returned.Count} 份：");
            paragraphs.AddRange(facts.Returned.Select((report, index) =>
                $"{index + 1}. {report.UnitName}在“{report.RoundName}”中报送的{facts.ItemName(report.ItemId)}，退回原因：{report.ReturnReason}"
                + (report.ReturnReason is { Length: > 0 } reason && "。！？".Contains(reason[^1]) ? "" : "。")));
        }
        return Task.FromResult<DraftSection?>(new DraftSection("逾期和退回事项", paragraphs));
    }
}
