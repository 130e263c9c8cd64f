using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Demo;

public sealed record DemoReport(ItemStatus Status, string Narrative, string? Problems, string? Figures);

/// <summary>Short progress texts in the office's register, built from the item's own words.</summary>
public static class DemoNarratives
{
    private static readonly string[] Counterparts =
        ["国家发展改革委", "国家有关部委", "省发改委", "省财政厅", "省自然资源厅", "省工信厅", "省商务厅", "省直有关部门"];

    private static readonly Dictionary<ItemStatus, string[]> Templates = new()
    {
        [ItemStatus.NotStarted] =
        [
            "围绕“{0}”，正在梳理政策需求和工作思路，拟于下月启动与{1}的对接。",
            "“{0}”尚未正式启动，已明确责任科室和联系人，正在收集整理相关资料。",
        ],
        [ItemStatus.InProgress] =
        [
            "已完成前期调研，正在对接{1}，“{0}”相关请示材料正在修改完善。",
            "已成立工作专班，“{0}”工作方案初稿已形成，正在征求相关单位意见。",
            "本月赴{1}汇报对接，“{0}”按计划推进，相关项目正在策划包装。",
        ],
        [ItemStatus.PositiveProgress] =
        [
            "“{0}”取得积极进展：{1}已原则同意给予支持，正在按要求补充完善申报材料。",
            "“{0}”已列入{1}年度工作计划，配套资金和政策正在逐项落实。",
            "{1}已就“{0}”召开专题会议研究，明确了支持事项，正在推动出台具体措施。",
        ],
        [ItemStatus.Done] =
        [
            "“{0}”已落实到位：{1}批复文件已印发，下一步做好跟踪服务和政策落地。",
            "“{0}”相关支持政策已全部落地，转入常态化推进。",
        ],
        [ItemStatus.Blocked] =
        [
            "“{0}”推进受阻，与{1}多次对接后仍未取得突破，正在研究调整申报路径。",
            "“{0}”因前置条件未满足暂缓推进，已向{1}说明情况并争取政策支持。",
        ],
    };

    private static readonly string[] BlockedProblems =
    [
        "受用地指标制约，需市领导出面协调{0}解决。",
        "政策口径尚未明确，需市振兴办协调{0}给予指导。",
        "项目资金缺口较大，需协调{0}加大支持力度。",
    ];

    private static readonly string[] ReturnReasons =
    [
        "进展情况过于简略，请补充具体工作举措和时间节点。",
        "未说明下一步工作计划，请补充后重新报送。",
        "报送状态与进展描述不一致，请核实后重新报送。",
        "请补充与省直部门对接的具体成果和佐证材料。",
    ];

    public static DemoReport Report(string itemText, ItemStatus status, Random random)
    {
        var topic = Topic(itemText);
        var counterpart = Pick(Counterparts, random);
        var narrative = string.Format(Pick(Templates[status], random), topic, counterpart);
        var problems = status == ItemStatus.Blocked ? string.Format(Pick(BlockedProblems, random), counterpart)
            : status == ItemStatus.InProgress && random.NextDouble() < 0.2 ? $"需协调{counterpart}加快审核进度。"
            : null;
        var figures = status is ItemStatus.InProgress or ItemStatus.PositiveProgress && random.NextDouble() < 0.3
            ? $"本月对接国家部委 {random.Next(1, 3)} 次、省直部门 {random.Next(1, 5)} 次，形成对接材料 {random.Next(1, 6)} 份。"
            : null;
        return new DemoReport(status, narrative, problems, figures);
    }

    public static string ReturnReason(Random random) => Pick(ReturnReasons, random);

    public static string Supplement(Random random) =>
        $"（补充）下一步将于{random.Next(10, 29)}日前与{Pick(Counterparts, random)}再次对接，力争尽快取得实质性进展。";

    /// <summary>The item's first sentence, or its first clause when that is long: what a liaison would call it.</summary>
    public static string Topic(string itemText)
    {
        var text = itemText.Trim();
        var end = text.IndexOfAny(['。', '；', ';']);
        if (end > 0)
        {
            text = text[..end];
        }
        if (text.Length > 30)
        {
            var comma = text.IndexOfAny(['，', ',']);
            text = comma is >= 8 and <= 30 ? text[..comma] : text[..28] + "……";
        }
        return text.TrimEnd('，', ',', '、', ' ');
    }

    private static string Pick(string[] options, Random random) => options[random.Next(options.Length)];
}
