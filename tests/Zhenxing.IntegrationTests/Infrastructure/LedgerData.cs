using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.Testing;
using Zhenxing.Web.Features.Imports;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Infrastructure;

/// <summary>Ledger data a test sets up for itself: a seed imported through the real importer, or a small list.</summary>
public static class LedgerData
{
    public static async Task<ImportSummary> ImportSeedAsync(this ZhenxingAppFactory app, string prefix) =>
        await app.ImportAsync($"{prefix}.txt", Seeds.Read(prefix));

    public static async Task<ImportSummary> ImportAsync(this ZhenxingAppFactory app, string fileName, byte[] content)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Zhenxing.Web.Data.ZhenxingDb>();
        var document = new SourceDocument { FileName = fileName, Content = content, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), UploadedAt = app.Clock.GetUtcNow() };
        db.SourceDocuments.Add(document);
        await db.SaveChangesAsync();
        var outcome = await scope.ServiceProvider.GetRequiredService<ConfirmImport>().RunAsync(document.Id, new Dictionary<string, UnitDecision>(), CancellationToken.None);
        return outcome is ImportOutcome.Confirmed confirmed
            ? confirmed.Summary
            : throw new InvalidOperationException(string.Join("；", ((ImportOutcome.Refused)outcome).Problems));
    }

    public sealed record SmallList(int ListId, int Finance, int Development, int Education, int Overdue, int Soon, int Later, int Done, int Ongoing);

    /// <summary>
    /// 5 items with deadlines relative to today (China time): overdue (lead 财政), due in 10 days (lead 发改),
    /// due in 90 days (lead 财政, responsible 教育), done though overdue (lead 教育), ongoing (lead 发改, responsible 财政).
    /// </summary>
    public static async Task<SmallList> CreateSmallListAsync(this ZhenxingAppFactory app)
    {
        var finance = await app.AddUnitAsync("市财政局");
        var development = await app.AddUnitAsync("市发改委", aliases: "市发展改革委");
        var education = await app.AddUnitAsync("市教育局");
        var today = ChinaTime.Today(app.Clock);
        return await app.WithDbAsync(async db =>
        {
            var list = new ItemList { Title = "测试清单", Year = today.Year, Kind = Zhenxing.Importing.ItemListKind.MajorItems };
            var category = new Category { Number = "一", Title = "第一类", Path = "一", DeclaredCount = 5 };
            list.Categories.Add(category);
            Item Make(int n, string text, DateOnly? deadline, ItemStatus status, bool ongoing, int lead, int? responsible) => new()
            {
                Number = n.ToString(), Position = n, Text = text, Deadline = deadline, Status = status, Ongoing = ongoing, Category = category,
                Units = [new ItemUnit { UnitId = lead, Role = ItemUnitRole.Lead }, .. responsible is { } r ? [new ItemUnit { UnitId = r, Role = ItemUnitRole.Responsible, Position = 1 }] : Array.Empty<ItemUnit>()],
            };
            var items = new[]
            {
                Make(1, "推进瑞金机场前期工作", today.AddDays(-5), ItemStatus.InProgress, false, finance.Id, null),
                Make(2, "争取赣州港建设支持", today.AddDays(10), ItemStatus.NotStarted, false, development.Id, null),
                Make(3, "建设教育强市示范项目", today.AddDays(90), ItemStatus.PositiveProgress, false, finance.Id, education.Id),
                Make(4, "完成瑞金干部学院扩建", today.AddDays(-30), ItemStatus.Done, false, education.Id, null),
                Make(5, "持续推进营商环境改革", null, ItemStatus.InProgress, true, development.Id, finance.Id),
            };
            list.Items.AddRange(items);
            db.ItemLists.Add(list);
            await db.SaveChangesAsync();
            return new SmallList(list.Id, finance.Id, development.Id, education.Id, items[0].Id, items[1].Id, items[2].Id, items[3].Id, items[4].Id);
        });
    }
}
