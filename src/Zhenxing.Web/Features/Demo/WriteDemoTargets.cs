using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Importing.Targets;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Imports;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Meetings;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Targets;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Auth;

namespace Zhenxing.Web.Features.Demo;

/// <summary>
/// The demo's targets and meetings: seed 002's fund-raising goals and seed 004's 2025 goals as targets, with actual values
/// reported in the demo rounds through the real steps (some on track, some behind, one without data); a provincial
/// promotion meeting that studied 10 matters, 8 of them landed by now (seed 000's line), and a joint meeting still to come.
/// Loading the definitions is idempotent (by title); the values and landing reports come with a fresh reporting history.
/// </summary>
public sealed class WriteDemoTargets(IServiceScopeFactory scopes, DemoClock clock, DemoActor actor)
{
    public const string PromotionMeeting = "省支持赣南苏区振兴发展工作推进会";
    public const string JointMeeting = "部际联席会议第八次会议";
    private const string Seed002Source = "赣苏振领发〔2020〕1号";
    private const string Seed004Source = "市第六次党代会报告";
    private const string Seed002Sentence = "力争全年争资 750 亿元以上、新增地方政府债券 150 亿元以上。";

    private sealed record DemoTarget(string Title, string Owner, string Unit, decimal Baseline, int BaselineYear, decimal Value, int Year, string Source, string Sentence,
        (int Year, decimal Value)[] Milestones, string? Note = null);

    private static readonly DemoTarget[] Targets =
    [
        new("全年争资", "市财政局", "亿元", 0, 2019, 750, 2020, Seed002Source, Seed002Sentence, [], "全年累计，基期为上年末（0）"),
        new("新增地方政府债券", "市财政局", "亿元", 0, 2019, 150, 2020, Seed002Source, Seed002Sentence, [], "全年累计，基期为上年末（0）"),
        new("地区生产总值", "市发改委", "亿元", 4000, 2021, 6000, 2025, Seed004Source, "主要经济指标增速保持全省前列，经济总量向6000亿元迈进", [], "基期为 2021 年预计数（有望突破 4000 亿元）"),
        new("高新技术企业数量", "市科技局", "家", 1107, 2021, 2000, 2025, Seed004Source, "力争五年内高新技术企业数量突破2000家", []),
        new("智能工厂、数字化车间", "市工信局", "家", 0, 2021, 100, 2025, Seed004Source, "力争到2025年，培育100家智能工厂、数字化车间", [(2022, 20), (2023, 45), (2024, 70)], "年度目标为演示数据"),
        new("上云企业", "市工信局", "家", 0, 2021, 10000, 2025, Seed004Source, "力争到2025年，上云企业突破1万家", [], "报告未载明基数，按 0 计"),
        new("中心城区建成区面积", "市自然资源局", "平方公里", 202, 2021, 240, 2025, Seed004Source, "力争到2025年中心城区建成区面积达240平方公里、人口达240万", []),
        new("中心城区人口", "市公安局", "万人", 200, 2021, 240, 2025, Seed004Source, "力争到2025年中心城区建成区面积达240平方公里、人口达240万", [], "基期为“近200万”"),
        new("村集体经济经营性收入（最低的村）", "市农业农村局", "万元", 10, 2021, 20, 2023, Seed004Source, "力争三年内所有村集体经济经营性收入超20万元", [], "基期为“村村突破10万元”"),
    ];

    /// <summary>A value reported in a round (by index 0–3 of the demo rounds), and what the Office does with it.</summary>
    private sealed record DemoValue(int Round, string Title, decimal Value, DateOnly AsOf, string Note, bool? Accept = true, string? ReturnReason = null);

    private static readonly DemoValue[] Values =
    [
        new(0, "全年争资", 402, new(2020, 6, 30), "上半年争取到位资金"),
        new(1, "全年争资", 783, new(2020, 12, 31), "全年争取到位资金，财政部门决算口径"),
        new(0, "新增地方政府债券", 61, new(2020, 6, 30), "上半年新增债券额度"),
        new(1, "新增地方政府债券", 138, new(2020, 12, 31), "全年新增债券额度"),
        new(0, "地区生产总值", 4523, new(2022, 12, 31), "统计公报数"),
        new(1, "地区生产总值", 4936, new(2023, 12, 31), "统计公报数"),
        new(2, "地区生产总值", 5390, new(2024, 12, 31), "统计公报数"),
        new(3, "地区生产总值", 5712, new(2025, 12, 31), "初步核算数", Accept: null),
        new(0, "高新技术企业数量", 1350, new(2022, 12, 31), "有效期内高新技术企业"),
        new(1, "高新技术企业数量", 1580, new(2023, 12, 31), "有效期内高新技术企业"),
        new(2, "高新技术企业数量", 1790, new(2024, 12, 31), "有效期内高新技术企业"),
        new(3, "高新技术企业数量", 2046, new(2025, 12, 31), "有效期内高新技术企业，已突破 2000 家"),
        new(1, "智能工厂、数字化车间", 48, new(2023, 12, 31), "累计认定"),
        new(2, "智能工厂、数字化车间", 66, new(2024, 12, 31), "累计认定"),
        new(2, "中心城区建成区面积", 231, new(2024, 12, 31), "国土变更调查数"),
        new(2, "中心城区人口", 219, new(2024, 12, 31), "户籍人口", Accept: false, ReturnReason: "请按统计部门的常住人口口径报送"),
        new(2, "中心城区人口", 221, new(2024, 12, 31), "常住人口，统计部门口径"),
        new(0, "村集体经济经营性收入（最低的村）", 15.8m, new(2022, 12, 31), "全市经营性收入最低的村"),
        new(1, "村集体经济经营性收入（最低的村）", 20.6m, new(2023, 12, 31), "所有村均超过 20 万元"),
    ];

    /// <summary>Keywords of the seed-002 items the promotion meeting studied, with the round in which each matter landed (null: still in progress, or blocked).</summary>
    private static readonly (string Keyword, int? LandedInRound, LandingStatus Final)[] PromotionMatters =
    [
        ("瑞(金)梅(州)铁路", 0, LandingStatus.Landed),
        ("瑞金机场", 0, LandingStatus.Landed),
        ("黄金机场三期", 0, LandingStatus.Landed),
        ("赣郴永兴铁路", 1, LandingStatus.Landed),
        ("大广高速", 1, LandingStatus.Landed),
        ("信丰电厂", 1, LandingStatus.Landed),
        ("赣州国际陆港获批", 2, LandingStatus.Landed),
        ("稀土研究", 2, LandingStatus.Landed),
        ("离子型稀土", null, LandingStatus.InProgress),
        ("章源钨业", null, LandingStatus.Blocked),
    ];

    private static readonly string[] JointMatters =
    [
        "支持赣州建设革命老区高质量发展示范区，出台示范区建设方案",
        "延续执行西部大开发政策，将赣州纳入新一轮支持范围",
        "支持中央国家机关及有关单位继续对口支援赣州",
    ];

    private readonly Dictionary<int, (string Name, ClaimsPrincipal Principal)> _liaisons = [];

    public sealed record Loaded(int TargetsCreated, int MeetingsCreated);

    /// <summary>Loads the targets and meetings that are missing (by title), at the clock's current time.</summary>
    public async Task<Loaded> EnsureAsync(DateOnly firstDue, ClaimsPrincipal office, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        var save = scope.ServiceProvider.GetRequiredService<SaveTarget>();
        var (source002, source004) = await SourcesAsync(db, cancellationToken);
        var existing = (await db.Targets.Select(t => t.Title).ToListAsync(cancellationToken)).ToHashSet();
        var created = 0;
        foreach (var t in Targets.Where(t => !existing.Contains(t.Title)))
        {
            var owner = await UnitAsync(db, t.Owner, cancellationToken);
            var input = new TargetInput(t.Title, owner.Name, t.Unit, t.Baseline.ToString(System.Globalization.CultureInfo.InvariantCulture), t.BaselineYear.ToString(),
                t.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Year.ToString(), TargetDirection.AtLeast,
                string.Join("\n", t.Milestones.Select(m => $"{m.Year} {m.Value}")), t.Note,
                t.Source == Seed002Source ? source002 : source004, t.Source, t.Sentence);
            var (target, errors) = await save.RunAsync(null, input, office, cancellationToken);
            if (target is null)
            {
                throw new InvalidOperationException($"演示指标“{t.Title}”未能保存：{string.Join(" ", errors.Values)}");
            }
            created++;
        }

        var meetings = 0;
        var record = scope.ServiceProvider.GetRequiredService<RecordMeeting>();
        if (!await db.Meetings.AnyAsync(m => m.Title == PromotionMeeting, cancellationToken))
        {
            var (meeting, errors) = await record.SaveAsync(null, PromotionMeeting, firstDue.AddDays(-30), MeetingLevel.Promotion, 0, office, cancellationToken);
            Check(meeting is null ? errors : []);
            foreach (var (keyword, _, _) in PromotionMatters)
            {
                var item = await db.Items.AsNoTracking().Where(i => i.WithdrawnAt == null && i.Text.Contains(keyword) && i.Units.Any(u => u.Role == ItemUnitRole.Lead) && (source002 == null || i.ItemList!.SourceDocumentId == source002)).OrderBy(i => i.Id)
                    .Select(i => new { i.Id, i.Text, Lead = i.Units.Where(u => u.Role == ItemUnitRole.Lead).OrderBy(u => u.Position).Select(u => u.Unit!.Name).FirstOrDefault() })
                    .FirstOrDefaultAsync(cancellationToken);
                if (item is null)
                {
                    continue;
                }
                var text = item.Text.TrimEnd('。');
                var (_, matterErrors) = await record.AddMatterAsync(meeting!.Id,
                    new MatterInput($"提请省政府支持：{(text.Length > 80 ? text[..80] + "…" : text)}", item.Lead, [item.Id], "会议同意支持，由省直有关部门和牵头单位抓好落实"), cancellationToken);
                Check(matterErrors);
            }
            meetings++;
        }
        if (!await db.Meetings.AnyAsync(m => m.Title == JointMeeting, cancellationToken))
        {
            var lead = await UnitAsync(db, "市振兴办", cancellationToken);
            var (meeting, errors) = await record.SaveAsync(null, JointMeeting, ChinaTime.Today(TimeProvider.System).AddDays(20), MeetingLevel.InterministerialJoint, 0, office, cancellationToken);
            Check(meeting is null ? errors : []);
            foreach (var text in JointMatters)
            {
                Check((await record.AddMatterAsync(meeting!.Id, new MatterInput(text, lead.Name, []), cancellationToken)).Errors);
            }
            meetings++;
        }
        return new Loaded(created, meetings);
    }

    /// <summary>
    /// The steps of one demo round for targets and meetings, run before the round closes: the owner units' liaisons report
    /// the values planned for it, the Office accepts or returns them; lead units report the matters that landed in it.
    /// </summary>
    public async Task PlayRoundAsync(ReportingRound round, int index, int? officeId, string officeName, ClaimsPrincipal office, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = new DateTimeOffset(round.OpensOn.AddDays(5).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
        var targets = await InScopeAsync(db => db.Targets.AsNoTracking().Include(t => t.OwnerUnit).ToDictionaryAsync(t => t.Title, cancellationToken));
        foreach (var value in Values.Where(v => v.Round == index && targets.ContainsKey(v.Title)))
        {
            var target = targets[value.Title];
            if ((at = at.AddMinutes(17)) >= now)
            {
                return;
            }
            clock.UtcNow = at;
            var liaison = Liaison(target.OwnerUnitId, target.OwnerUnit!.Name);
            var version = await InScopeAsync(db => db.TargetReports.Where(r => r.RoundId == round.Id && r.TargetId == target.Id).Select(r => r.Version).SingleOrDefaultAsync(cancellationToken));
            var outcome = await AsAsync(null, liaison.Name, services => services.GetRequiredService<TargetReporting>()
                .SubmitAsync(round.Id, target.Id, liaison.Principal, new TargetReportInput(value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), value.AsOf, value.Note, version), cancellationToken));
            if (outcome is not TargetReportOutcome.Saved saved)
            {
                throw new InvalidOperationException($"演示指标“{value.Title}”报送失败：{outcome}");
            }
            if (value.Accept is { } accept && (at = at.AddHours(3)) < now)
            {
                clock.UtcNow = at;
                var report = saved.Report;
                var problem = await AsAsync(officeId, officeName, services => services.GetRequiredService<TargetReporting>()
                    .ReviewAsync(report.Id, report.Version, accept, value.ReturnReason, office, cancellationToken));
                Check(problem is null ? [] : new() { [""] = problem });
            }
        }

        var matters = await InScopeAsync(db => db.MeetingMatters.AsNoTracking()
            .Where(m => m.Meeting!.Title == PromotionMeeting).OrderBy(m => m.Position).ToListAsync(cancellationToken));
        foreach (var matter in matters)
        {
            var plan = PromotionMatters.FirstOrDefault(p => matter.Text.Contains(p.Keyword, StringComparison.Ordinal));
            if (plan.Keyword is null || matter.LeadUnitId is null)
            {
                continue;
            }
            // Every matter gets under way in the first round; each lands, or stalls, in its own round.
            (LandingStatus Status, string Note)? step =
                plan.LandedInRound == index ? (LandingStatus.Landed, "已落地实施，省直部门已批复（下达）")
                : index == 0 ? (LandingStatus.InProgress, "已对接省直部门，正在推进")
                : plan.Final == LandingStatus.Blocked && index == 2 ? (LandingStatus.Blocked, "需国家部委层面协调，进展受阻")
                : null;
            if (step is null || (at = at.AddMinutes(23)) >= now)
            {
                continue;
            }
            clock.UtcNow = at;
            var lead = await InScopeAsync(db => db.Units.Where(u => u.Id == matter.LeadUnitId).Select(u => u.Name).SingleAsync(cancellationToken));
            var liaison = Liaison(matter.LeadUnitId.Value, lead);
            var version = await InScopeAsync(db => db.MeetingMatters.Where(m => m.Id == matter.Id).Select(m => m.Version).SingleAsync(cancellationToken));
            var problem = await AsAsync(null, liaison.Name, services => services.GetRequiredService<ReportLanding>()
                .RunAsync(matter.Id, step.Value.Status, step.Value.Note, version, liaison.Principal, cancellationToken));
            Check(problem is { } p ? new() { [p.Field] = p.Problem } : []);
        }
    }

    /// <summary>The imported documents of seeds 002 and 004, recognised by their text.</summary>
    private static async Task<(int? Seed002, int? Seed004)> SourcesAsync(ZhenxingDb db, CancellationToken cancellationToken)
    {
        int? seed002 = null, seed004 = null;
        var ids = await db.SourceDocuments.Where(d => d.ConfirmedAt != null).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            var content = await db.SourceDocuments.Where(d => d.Id == id).Select(d => d.Content).SingleAsync(cancellationToken);
            var text = DocumentText.Read(content) ?? "";
            seed002 ??= text.Contains("力争全年争资") ? id : null;
            seed004 ??= text.Contains("赣州市第六次代表大会") ? id : null;
        }
        return (seed002, seed004);
    }

    /// <summary>The unit of that name or alias; a missing one is created as the importer would, under its name.</summary>
    private static async Task<Unit> UnitAsync(ZhenxingDb db, string name, CancellationToken cancellationToken)
    {
        if (await db.Units.FindByNameAsync(name, cancellationToken) is { } unit)
        {
            return unit;
        }
        unit = new Unit { Name = name, Kind = UnitKinds.Guess(name) };
        db.Units.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        return unit;
    }

    private (string Name, ClaimsPrincipal Principal) Liaison(int unitId, string unitName)
    {
        if (!_liaisons.TryGetValue(unitId, out var liaison))
        {
            var name = $"{unitName}联络员";
            liaison = _liaisons[unitId] = (name, AuthRegistration.PrincipalFor(new User { UserName = name, DisplayName = name, Role = Role.Liaison, UnitId = unitId }));
        }
        return liaison;
    }

    private static void Check(Dictionary<string, string> errors)
    {
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("演示数据未能保存：" + string.Join(" ", errors.Values));
        }
    }

    private async Task<T> InScopeAsync<T>(Func<ZhenxingDb, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ZhenxingDb>());
    }

    private async Task<T> AsAsync<T>(int? userId, string name, Func<IServiceProvider, Task<T>> action)
    {
        actor.UserId = userId;
        actor.Name = name;
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}
