using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Importing;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Pairings;
using Zhenxing.Web.Features.Trips;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Auth;

namespace Zhenxing.Web.Features.Demo;

public sealed record DemoPairingSummary(int Activities, int Cadres, int Trips);

/// <summary>
/// The demo's pairing assistance and liaison trips: a county-support list (援县促市) owned by host city departments, added
/// before the reporting history so that its items are reported in the rounds like any other; then, for the imported pairing
/// scheme, a year of activities (visits, research visits, plans, seconded cadres, symposiums, support obtained) filed by the
/// counties' liaisons, and four months of liaison trips of the counties and city departments. Each part is written only once.
/// Every entry goes through the same operations as the pages; random choices are seeded.
/// </summary>
public sealed class WriteDemoPairings(IServiceScopeFactory scopes, DemoClock clock, DemoActor actor)
{
    private const int Seed = 2021;
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>What the host units of the seconded cadres took on (seed 000 names the first two).</summary>
    private static readonly (string Host, string Text, string Deadline)[] CountySupportItems =
    [
        ("市市场监管局", "支持筹建国家钨与稀土产业计量测试中心", "12月底前"),
        ("市教育局", "支持设立和开办和君职业学院", "9月底前"),
        ("市发改委", "争取将赣州革命老区高质量发展示范区重大项目纳入国家专项规划", "12月底前"),
        ("市工信局", "协调央企在赣州布局稀土新材料及应用项目", "12月底前"),
        ("市商务局", "推动赣州综合保税区申报跨境电商综合试验区", "10月底前"),
        ("市交通运输局", "协调推进瑞梅铁路前期工作", "12月底前"),
        ("市科技局", "支持赣州建设国家级科技创新平台", "11月底前"),
        ("市卫健委", "协调国家区域医疗中心建设项目落地", "12月底前"),
        ("市农业农村局", "争取脐橙产业列入国家特色农产品优势区建设", "8月底前"),
        ("市自然资源局", "争取赣南苏区用地计划指标单列支持", "12月底前"),
        ("市文广新旅局", "推动长征国家文化公园赣州段重点项目建设", "12月底前"),
        ("市财政局", "争取中央财政革命老区转移支付增量", "12月底前"),
    ];

    private static readonly string[] Provincial =
        ["省发展改革委", "省财政厅", "省工业和信息化厅", "省交通运输厅", "省自然资源厅", "省商务厅", "省教育厅", "省农业农村厅", "省乡村振兴局", "省生态环境厅"];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"];
    private static readonly string[] GivenNames = ["建国", "志强", "海涛", "文斌", "晓东", "立新", "宏伟", "明辉", "春华", "学军", "国庆", "永红", "丽娟", "卫东"];

    /// <summary>True while the ledger has no reporting round: the demo history is still to be written.</summary>
    public static async Task<bool> IsFirstRunAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return !await scope.ServiceProvider.GetRequiredService<ZhenxingDb>().ReportingRounds.AnyAsync();
    }

    /// <summary>Adds the county-support list when the ledger has a pairing scheme and none yet; null when nothing was added.</summary>
    public async Task<int?> AddCountySupportListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        if (!await db.Pairings.AnyAsync(cancellationToken) || await db.ItemLists.AnyAsync(l => l.Kind == ItemListKind.CountySupport, cancellationToken))
        {
            return null;
        }
        actor.UserId = null;
        actor.Name = "命令行";
        var year = ChinaTime.Today(clock).Year;
        var fallback = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.CityDepartment).OrderBy(u => u.Id).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        var list = new ItemList { Title = $"{year}年“援县促市”事项清单", Year = year, Kind = ItemListKind.CountySupport, DeclaredTotal = CountySupportItems.Length };
        var position = 0;
        foreach (var (host, text, deadline) in CountySupportItems)
        {
            var unit = await db.Units.AsNoTracking().FindByNameAsync(host, cancellationToken);
            var month = int.Parse(deadline[..deadline.IndexOf('月')], CultureInfo.InvariantCulture);
            position++;
            list.Items.Add(new Item
            {
                Number = position.ToString(CultureInfo.InvariantCulture), Position = position, Text = text, DeadlineText = deadline,
                Deadline = new DateOnly(year, month, DateTime.DaysInMonth(year, month)),
                Units = unit is null && fallback == 0 ? new List<ItemUnit>() : [new ItemUnit { UnitId = unit?.Id ?? fallback, Role = ItemUnitRole.Lead }],
            });
        }
        db.ItemLists.Add(list);
        await db.SaveChangesAsync(cancellationToken);
        return list.Items.Count;
    }

    /// <summary>Writes the activities and trips; null when the ledger has no pairings, or already has activities or trips.</summary>
    public async Task<DemoPairingSummary?> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var today = ChinaTime.Today(clock);
        List<PairingRow> pairings;
        List<(int Id, string Name)> departments;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
            if (await db.PairingActivities.AnyAsync(cancellationToken) || await db.LiaisonTrips.AnyAsync(cancellationToken))
            {
                return null;
            }
            pairings = (await scope.ServiceProvider.GetRequiredService<PairingRegistry>().AllAsync(cancellationToken)).Where(p => p.Active).ToList();
            departments = (await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.CityDepartment && db.ItemUnits.Any(i => i.UnitId == u.Id && i.Role == ItemUnitRole.Lead))
                    .OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).Take(20).ToListAsync(cancellationToken))
                .Select(u => (u.Id, u.Name)).ToList();
        }
        if (pairings.Count == 0)
        {
            return null;
        }

        var random = new Random(Seed);
        var cadres = 0;
        var yearStart = new DateOnly(today.Year, 1, 1);
        var span = Math.Max(1, today.DayNumber - yearStart.AddYears(-1).DayNumber);
        DateOnly Past(DateOnly from) => DateOnly.FromDayNumber(Math.Min(today.DayNumber, from.DayNumber + random.Next(Math.Max(1, today.DayNumber - from.DayNumber + 1))));

        // Steps happen in date order, each at its own moment, by the county's liaison.
        var steps = new List<(DateOnly On, Func<Task<bool>> Run)>();
        var names = new HashSet<string>();
        string Person()
        {
            string name;
            do
            {
                name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];
            }
            while (!names.Add(name));
            return name;
        }
        foreach (var p in pairings)
        {
            var liaison = Liaison(p.CountyUnitId, p.County);
            void File(DateOnly on, PairingActivityForm form) =>
                steps.Add((on, () => FileAsync(p.Id, form, liaison, cancellationToken)));
            string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

            // A seconded cadre for a two-year term; the first pairing's ends in 20 days, so a reminder is due.
            var termStart = cadres == 0 ? today.AddDays(20).AddYears(-2).AddDays(1) : today.AddDays(-random.Next(60, 700));
            var post = $"{p.County}{(p.County.EndsWith('县') ? "委常委、副县长" : p.County.EndsWith('区') ? "委常委、副区长" : "委常委、副市长")}";
            File(termStart <= today ? termStart : today, new PairingActivityForm
            {
                Kind = PairingActivityKind.Cadre, OccurredOn = Date(termStart), People = Person(), Post = post, Batch = "第四批", TermEndsOn = Date(termStart.AddYears(2).AddDays(-1)),
            });
            cadres++;

            for (var v = random.Next(0, 4); v > 0; v--)
            {
                var on = Past(yearStart.AddYears(-1).AddDays(random.Next(span)));
                File(on, new PairingActivityForm
                {
                    Kind = PairingActivityKind.Visit, OccurredOn = Date(on), People = $"{p.County}主要负责同志等 {random.Next(2, 6)} 人",
                    Counterpart = $"{p.SupportingUnit}有关司局", Title = "汇报对口支援工作，衔接年度支持事项",
                });
            }
            if (random.NextDouble() < 0.35)
            {
                var on = Past(yearStart.AddYears(-1).AddDays(random.Next(span)));
                var principal = random.NextDouble() < 0.2;
                File(on, new PairingActivityForm
                {
                    Kind = PairingActivityKind.ResearchVisit, OccurredOn = Date(on), People = $"{p.SupportingUnit}{(principal ? "主要负责同志" : "副职领导")} {Person()}",
                    LeaderRank = principal ? LeaderRank.Principal : LeaderRank.Deputy, Title = $"赴{p.County}调研对口支援工作",
                });
            }
            if (random.NextDouble() < 0.5)
            {
                var on = Past(yearStart.AddYears(-1).AddDays(random.Next(90)));
                var annual = random.NextDouble() < 0.4;
                File(on, new PairingActivityForm
                {
                    Kind = PairingActivityKind.Plan, OccurredOn = Date(on), PlanKind = annual ? PlanKind.AnnualPlan : PlanKind.ImplementationPlan,
                    Title = annual ? $"{p.SupportingUnit}{on.Year}年对口支援{p.County}工作计划" : $"{p.SupportingUnit}新时代对口支援{p.County}实施方案",
                });
            }
            if (random.NextDouble() < 0.15)
            {
                var on = Past(yearStart.AddDays(random.Next(Math.Max(1, today.DayNumber - yearStart.DayNumber))));
                File(on, new PairingActivityForm { Kind = PairingActivityKind.Symposium, OccurredOn = Date(on), Title = "挂职干部座谈会", People = "挂职干部、市县有关部门负责同志" });
            }
            for (var s = random.Next(0, 3); s > 0; s--)
            {
                var on = Past(yearStart.AddYears(-1).AddDays(random.Next(span)));
                var kind = (SupportKind)random.Next(3);
                File(on, new PairingActivityForm
                {
                    Kind = PairingActivityKind.Support, OccurredOn = Date(on), SupportKind = kind,
                    Title = kind switch
                    {
                        SupportKind.Policy => $"{p.SupportingUnit}出台支持{p.County}的专项政策",
                        SupportKind.Project => $"{p.County}项目纳入{p.SupportingUnit}年度支持计划",
                        _ => $"{p.SupportingUnit}安排{p.County}专项资金",
                    },
                    Amount = kind == SupportKind.Funds ? (random.Next(20, 3000) * 10).ToString(CultureInfo.InvariantCulture) : null,
                });
            }
        }

        // Liaison trips of the last four months: most principal leaders keep the monthly rule, some do not.
        var travellers = pairings.GroupBy(p => p.CountyUnitId).Select(g => (Id: g.Key, Name: g.First().County, Partners: g.Select(p => p.SupportingUnit).ToList()))
            .Concat(departments.Select(d => (d.Id, d.Name, Partners: new List<string>())))
            .ToList();
        var ministries = pairings.Select(p => p.SupportingUnit).Distinct().Order(StringComparer.Ordinal).ToList();
        var trips = 0;
        foreach (var unit in travellers)
        {
            var diligence = random.NextDouble();
            var liaison = Liaison(unit.Id, unit.Name);
            var unitItems = await InScopeAsync(services => services.GetRequiredService<TripsQuery>().UnitItemsAsync(unit.Id, null, cancellationToken));
            for (var month = 3; month >= 0; month--)
            {
                var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-month);
                var last = month == 0 ? today : first.AddMonths(1).AddDays(-1);
                DateOnly Day() => first.AddDays(random.Next(last.DayNumber - first.DayNumber + 1));
                void Trip(DestinationLevel level, bool principal)
                {
                    var on = Day();
                    var destination = level == DestinationLevel.Provincial ? Provincial[random.Next(Provincial.Length)]
                        : unit.Partners.Count > 0 && random.NextDouble() < 0.6 ? unit.Partners[random.Next(unit.Partners.Count)] : ministries[random.Next(ministries.Count)];
                    var items = unitItems.Count == 0 ? [] : unitItems.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).Select(i => i.Id).ToArray();
                    var form = new TripForm
                    {
                        TravelledOn = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), People = principal ? $"{unit.Name}主要负责同志等 {random.Next(2, 5)} 人" : $"{unit.Name}分管负责同志等 {random.Next(2, 4)} 人",
                        PrincipalLeaderWent = principal, Level = level, Destination = destination, Items = items,
                        Outcome = level == DestinationLevel.National ? "汇报重大事项进展，争取在政策、项目、资金上给予倾斜支持" : "衔接省级支持事项，推动有关事项纳入省年度计划",
                    };
                    steps.Add((on, () => LogTripAsync(form, liaison, cancellationToken)));
                    trips++;
                }
                if (random.NextDouble() < 0.55 + 0.4 * diligence)
                {
                    Trip(DestinationLevel.Provincial, principal: true);
                }
                if (random.NextDouble() < 0.5)
                {
                    Trip(DestinationLevel.Provincial, principal: false);
                }
                if (month % 2 == 0 ? random.NextDouble() < 0.3 + 0.6 * diligence : random.NextDouble() < 0.2)
                {
                    Trip(DestinationLevel.National, principal: true);
                }
                if (random.NextDouble() < 0.3)
                {
                    Trip(DestinationLevel.National, principal: false);
                }
            }
        }

        foreach (var (on, run) in steps.OrderBy(s => s.On))
        {
            clock.UtcNow = new DateTimeOffset(on.ToDateTime(new TimeOnly(random.Next(9, 18), random.Next(60))), ChinaOffset).ToUniversalTime();
            if (clock.UtcNow > now)
            {
                clock.UtcNow = now;
            }
            await run();
        }
        clock.UtcNow = now;
        return new DemoPairingSummary(steps.Count - trips, cadres, trips);
    }

    private sealed record Acting(string Name, ClaimsPrincipal Principal);

    private static Acting Liaison(int unitId, string unitName)
    {
        var name = $"{unitName}联络员";
        return new Acting(name, AuthRegistration.PrincipalFor(new User { UserName = name, DisplayName = name, Role = Role.Liaison, UnitId = unitId }));
    }

    private async Task<bool> FileAsync(int pairingId, PairingActivityForm form, Acting who, CancellationToken cancellationToken)
    {
        actor.UserId = null;
        actor.Name = who.Name;
        var outcome = await InScopeAsync(services => services.GetRequiredService<FilePairingActivity>().CreateAsync(pairingId, form, who.Principal, cancellationToken));
        return outcome is ActivityOutcome.Saved
            ? true
            : throw new InvalidOperationException($"演示工作动态未能保存：{(outcome is ActivityOutcome.Invalid invalid ? string.Join(" ", invalid.Errors.Values) : outcome.ToString())}");
    }

    private async Task<bool> LogTripAsync(TripForm form, Acting who, CancellationToken cancellationToken)
    {
        actor.UserId = null;
        actor.Name = who.Name;
        var outcome = await InScopeAsync(services => services.GetRequiredService<TripLog>().CreateAsync(form, who.Principal, cancellationToken));
        return outcome is TripOutcome.Saved
            ? true
            : throw new InvalidOperationException($"演示北上对接未能保存：{(outcome is TripOutcome.Invalid invalid ? string.Join(" ", invalid.Errors.Values) : outcome.ToString())}");
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}
