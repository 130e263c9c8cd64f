using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Benchmarks;

/// <summary>
/// The words a generated program is made of: real unit names of 赣州 first (so that small programs look
/// like the real directory), then numbered ones; and phrase fragments for item texts and report narratives.
/// </summary>
internal static class ProgramVocabulary
{
    public const string City = "赣州市";

    /// <summary>The 18 counties (县、市、区) of 赣州, with the old name of 龙南 as an alias.</summary>
    public static readonly (string Name, string? Alias)[] Counties =
    [
        ("章贡区", null), ("南康区", null), ("赣县区", null), ("信丰县", null), ("大余县", null), ("上犹县", null),
        ("崇义县", null), ("安远县", null), ("龙南市", "龙南县"), ("全南县", null), ("定南县", null), ("于都县", null),
        ("宁都县", null), ("兴国县", null), ("会昌县", null), ("寻乌县", null), ("石城县", null), ("瑞金市", null),
    ];

    private static readonly string[] CityDepartments =
    [
        "市发展改革委", "市工业和信息化局", "市财政局", "市自然资源局", "市住房城乡建设局", "市交通运输局", "市农业农村局",
        "市商务局", "市教育局", "市科技局", "市人力资源社会保障局", "市生态环境局", "市水利局", "市卫生健康委",
        "市文化广电新闻出版旅游局", "市市场监管局", "市国资委", "市城市管理局", "市林业局", "市乡村振兴局", "市行政审批局",
        "市金融办", "市医疗保障局", "市应急管理局", "市民政局", "市公安局", "市司法局", "市审计局", "市统计局", "市体育局",
        "市退役军人事务局", "市大数据发展管理局", "市投资促进局", "市稀土办", "市外事办", "市粮食和物资储备局",
        "市机关事务管理局", "市信访局", "市住房公积金中心", "市气象局", "市税务局", "市委组织部", "市委宣传部",
        "市委统战部", "市委政法委", "市委编办", "市总工会", "团市委", "市妇联", "市科协", "市残联", "市工商联",
        "市消防救援支队", "市邮政管理局", "市烟草专卖局", "市通信发展管理办公室",
    ];

    private static readonly string[] CentralUnits =
    [
        "国家发展改革委", "教育部", "科技部", "工业和信息化部", "民政部", "财政部", "人力资源社会保障部", "自然资源部",
        "生态环境部", "住房城乡建设部", "交通运输部", "水利部", "农业农村部", "商务部", "文化和旅游部", "国家卫生健康委",
        "应急管理部", "中国人民银行", "国务院国资委", "海关总署", "国家税务总局", "国家市场监管总局", "国家林草局",
        "国家能源局", "国家铁路局", "中国民航局", "国家开发银行", "中国农业发展银行",
    ];

    private static readonly string[] Universities =
    [
        "江西理工大学", "赣南师范大学", "赣南医科大学", "赣南科技学院", "江西应用技术职业学院", "赣州职业技术学院",
        "赣南卫生健康职业学院", "江西环境工程职业学院",
    ];

    private static readonly string[] Enterprises =
    [
        "赣州城投集团", "赣州发展投资控股集团", "赣州工业投资集团", "赣州旅游投资集团", "赣州水务集团", "赣州交通控股集团",
        "中国稀土集团", "国网赣州供电公司", "赣州港务集团", "中国铁路南昌局集团",
    ];

    private static readonly string[] DistrictOffices =
    [
        "区党政办", "区经济发展局", "区财政局", "区建设局", "区社会事业局", "区自然资源分局", "区招商局", "区行政审批局",
    ];

    private static readonly string[] Others =
    [
        "省发展改革委", "省财政厅", "省工业和信息化厅", "省交通运输厅", "省自然资源厅", "赣州经开区管委会", "蓉江新区管委会",
    ];

    private static readonly string[] CountyDepartments =
    [
        "发展改革委", "工业和信息化局", "财政局", "自然资源局", "住房城乡建设局", "交通运输局", "农业农村局", "商务局",
        "教育科技局", "卫生健康委", "文化广电新闻出版旅游局", "市场监管局", "生态环境局", "水利局", "人力资源社会保障局",
        "应急管理局", "林业局", "乡村振兴局", "行政审批局", "城市管理局", "民政局", "医疗保障局", "统计局", "审计局",
    ];

    /// <summary>
    /// Every unit after the city and its counties, in a fixed order: real names first, then the counties'
    /// departments, then numbered task forces for as many as asked.
    /// </summary>
    public static IEnumerable<(string Name, UnitKind Kind, int? CountyIndex)> Directory()
    {
        foreach (var name in CityDepartments)
        {
            yield return (name, UnitKind.CityDepartment, null);
        }
        foreach (var name in DistrictOffices)
        {
            yield return (name, UnitKind.DistrictOffice, null);
        }
        foreach (var name in CentralUnits)
        {
            yield return (name, UnitKind.CentralUnit, null);
        }
        foreach (var name in Enterprises)
        {
            yield return (name, UnitKind.StateOwnedEnterprise, null);
        }
        foreach (var name in Universities)
        {
            yield return (name, UnitKind.University, null);
        }
        foreach (var name in Others)
        {
            yield return (name, UnitKind.Other, null);
        }
        foreach (var department in CountyDepartments)
        {
            for (var county = 0; county < Counties.Length; county++)
            {
                yield return (Counties[county].Name + department, UnitKind.Other, county);
            }
        }
        for (var n = 1; ; n++)
        {
            yield return ($"市重点项目推进第{n}专班", UnitKind.Other, null);
        }
    }

    public static readonly string[] TopCategories =
    [
        "推动产业转型升级", "加强基础设施建设", "保障和改善民生", "深化改革扩大开放", "推进生态文明建设", "加快乡村全面振兴",
        "传承弘扬红色文化", "提升城市功能品质", "强化要素保障",
    ];

    public static readonly string[] SubCategories =
    [
        "稀土和钨产业", "电子信息产业", "现代家居产业", "新能源汽车产业", "交通基础设施", "能源基础设施", "水利基础设施",
        "新型基础设施", "教育事业", "医疗卫生", "社会保障", "就业创业", "住房保障", "开放平台建设", "营商环境优化",
        "金融改革创新", "生态保护修复", "污染防治", "绿色低碳发展", "农业产业化", "农村人居环境", "巩固拓展脱贫攻坚成果",
        "红色旅游", "革命文物保护", "城市更新", "历史文化街区保护", "用地保障", "资金保障", "人才支撑", "科技创新平台",
    ];

    private static readonly string[] Actions =
    [
        "加快推进", "支持", "积极争取国家支持", "研究推动", "统筹推进", "大力发展", "深入实施", "持续完善", "协调解决",
        "推动落实", "组织开展", "全力保障", "鼓励", "谋划实施", "优化提升",
    ];

    private static readonly string[] Subjects =
    [
        "赣州国际陆港建设", "稀土新材料产业集群发展", "赣南脐橙产业提质增效", "中心城区防洪排涝能力建设", "红色旅游品牌创建",
        "瑞兴于经济振兴试验区建设", "高铁枢纽及配套路网建设", "农村供水保障工程", "城镇老旧小区改造", "职业教育产教融合",
        "中小企业融资担保体系", "钨和稀土战略资源保护", "电子信息产业链招商", "现代家居产业智能化改造", "赣江上游生态保护修复",
        "乡村振兴示范带建设", "县域医疗卫生共同体建设", "干部学院培训基地建设", "跨境电子商务综合试验区建设", "新能源汽车及配套产业",
        "承接粤港澳大湾区产业转移", "义务教育学校扩容提质", "国家级高新区争先进位", "水土流失综合治理", "数字政府一体化平台建设",
        "赣州港多式联运示范工程", "高标准农田建设", "油茶产业高质量发展", "革命文物保护利用", "中央苏区历史文化传承",
        "城市地下综合管廊建设", "区域性医疗中心建设", "普惠养老服务体系", "公共实训基地建设", "民用机场改扩建",
        "抽水蓄能电站前期工作", "国家储备林建设", "知识产权保护中心建设", "营商环境综合改革试点", "对口支援合作机制",
    ];

    private static readonly string[] Tails =
    [
        "力争年内取得实质性进展", "形成一批可复制可推广的经验", "确保按期完成建设任务", "争取纳入国家相关规划",
        "建立健全长效机制", "进一步扩大覆盖范围", "推动项目早日开工建设", "切实解决群众急难愁盼问题", "提升综合服务能力和水平",
        "打造全国有影响力的示范样板", "加强部门协同和上下联动", "落实用地、资金等要素保障", "定期调度通报推进情况",
        "完善配套政策措施", "强化督促检查和考核评价",
    ];

    private static readonly (string Text, int Max)[] Figures =
    [
        ("年内完成投资{0}亿元", 60), ("新增就业{0}千人", 20), ("建成{0}个示范点", 30), ("覆盖{0}个乡镇", 40), ("引进项目{0}个", 25),
    ];

    private static readonly string[] Problems =
    [
        "项目用地指标紧张，需协调解决。", "资金缺口较大，需争取上级资金支持。", "前期审批手续办理周期较长。",
        "需争取省级层面协调支持。", "部分群众工作难度较大，征迁进度偏慢。", "专业人才短缺，技术力量不足。",
    ];

    public static readonly string[] ReturnReasons = ["请补充量化指标和佐证材料。", "进展情况过于笼统，请对照任务逐项说明。"];

    public static readonly string[] FlagReasons = ["进度明显滞后，列入重点督办。", "连续两期未按时报送，列入督办。"];

    /// <summary>
    /// An item's text of about <paramref name="length"/> characters (at most 200), the way list rows read: what is
    /// done about what, then targets and how, each fragment at most once, at most two figures.
    /// </summary>
    public static string ItemText(Random random, int length, string? place)
    {
        var fragments = new List<string>
        {
            (place is null ? "" : "支持" + place) + Actions[random.Next(Actions.Length)] + Subjects[random.Next(Subjects.Length)],
        };
        var textLength = fragments[0].Length;
        var figures = 0;
        for (var attempt = 0; textLength < length && attempt < 30; attempt++)
        {
            var roll = random.Next(10);
            string fragment;
            if (roll < 4)
            {
                fragment = Actions[random.Next(Actions.Length)] + Subjects[random.Next(Subjects.Length)];
            }
            else if (roll < 8)
            {
                fragment = Tails[random.Next(Tails.Length)];
            }
            else if (figures < 2)
            {
                var (text, max) = Figures[random.Next(Figures.Length)];
                fragment = string.Format(System.Globalization.CultureInfo.InvariantCulture, text, 1 + random.Next(max));
                figures++;
            }
            else
            {
                continue;
            }
            if (textLength + fragment.Length + 2 > 200)
            {
                break;
            }
            if (!fragments.Contains(fragment))
            {
                fragments.Add(fragment);
                textLength += fragment.Length + 1;
            }
        }
        return string.Join("，", fragments) + "。";
    }

    public static string ShortTitle(Random random) => Subjects[random.Next(Subjects.Length)];

    public static string Narrative(Random random, int month)
    {
        var text = $"{month}月份，{Actions[random.Next(Actions.Length)]}{Subjects[random.Next(Subjects.Length)]}，"
                   + $"已完成年度目标的{10 + random.Next(90)}%，{Tails[random.Next(Tails.Length)]}。";
        return random.Next(3) == 0 ? text + $"下一步将{Tails[random.Next(Tails.Length)]}。" : text;
    }

    public static string Problem(Random random) => Problems[random.Next(Problems.Length)];
}
