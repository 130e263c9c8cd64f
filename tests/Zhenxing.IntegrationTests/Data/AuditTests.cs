using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Audit;

namespace Zhenxing.IntegrationTests.Data;

public abstract class AuditTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task EveryWriteThroughThePagesLeavesAnAuditEntryNamingWhoAndWhat()
    {
        var admin = await App.AddUserAsync("admin1", Role.Admin);
        var client = await App.SignInAsync("admin1");
        var before = await App.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;

        await client.PostFormAsync("/admin/units", new() { ["Form.Name"] = "市财政局", ["Form.Kind"] = nameof(UnitKind.CityDepartment) });
        var unitId = await App.WithDbAsync(db => db.Units.Where(u => u.Name == "市财政局").Select(u => u.Id).SingleAsync());
        await client.PostFormAsync($"/admin/units/{unitId}", new() { ["Form.Name"] = "赣州市财政局", ["Form.Kind"] = nameof(UnitKind.CityDepartment), ["Form.Aliases"] = "市财政局", ["Form.Version"] = "0" });
        await client.PostFormAsync("/admin/users", new() { ["Form.UserName"] = "czj", ["Form.Role"] = nameof(Role.Liaison), ["Form.UnitId"] = unitId.ToString(), ["Form.Password"] = "liaison-pass-1" }, handler: "Add");

        var entries = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Id > before).OrderBy(a => a.Id).ToListAsync());
        entries.Select(e => (e.Action, e.EntityType)).ShouldBe(
        [
            (AuditAction.Added, "Unit"),
            (AuditAction.Modified, "Unit"),
            (AuditAction.Added, "UnitAlias"),
            (AuditAction.Added, "User"),
        ], ignoreOrder: true);
        entries.ShouldAllBe(e => e.Actor == "admin1" && e.UserId == admin.Id);

        var modified = entries.Single(e => e.Action == AuditAction.Modified);
        modified.EntityId.ShouldBe(unitId.ToString());
        JsonDocument.Parse(modified.Before!).RootElement.GetProperty("Name").GetString().ShouldBe("市财政局");
        JsonDocument.Parse(modified.After!).RootElement.GetProperty("Name").GetString().ShouldBe("赣州市财政局");
        var addedUser = entries.Single(e => e.EntityType == "User");
        JsonDocument.Parse(addedUser.After!).RootElement.GetProperty("PasswordHash").GetString().ShouldBe("***");
    }

    [Fact]
    public async Task AFailedSignInIsAuditedToo()
    {
        var user = await App.AddUserAsync("office1", Role.Office);

        await App.CreateBrowser().PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "wrong" });

        var entry = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "SignInFailure" && a.Action == AuditAction.Added).SingleAsync());
        var after = JsonDocument.Parse(entry.After!).RootElement;
        after.GetProperty("UserId").GetInt32().ShouldBe(user.Id);
        after.GetProperty("Failures").GetInt32().ShouldBe(1);
        after.GetProperty("ClientAddress").GetString().ShouldStartWith("127.");
    }

    [Fact]
    public async Task TheAuditLogIsAppendOnly()
    {
        await App.AddUnitAsync("市财政局");

        var attempt = async () => await App.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.FirstAsync();
            entry.Actor = "someone else";
            return await db.SaveChangesAsync();
        });
        var deletion = async () => await App.WithDbAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());
            return await db.SaveChangesAsync();
        });

        (await attempt.ShouldThrowAsync<InvalidOperationException>()).Message.ShouldContain("append-only");
        await deletion.ShouldThrowAsync<InvalidOperationException>();
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task AChangeAndItsAuditEntryAreWrittenTogetherOrNotAtAll()
    {
        await App.AddUnitAsync("市财政局");
        var auditBefore = await App.WithDbAsync(db => db.AuditEntries.CountAsync());

        // The unique name index refuses the second unit; neither it nor an audit entry may remain.
        var duplicate = async () => await App.AddUnitAsync("市财政局");

        await duplicate.ShouldThrowAsync<DbUpdateException>();
        (await App.WithDbAsync(db => db.Units.CountAsync())).ShouldBe(1);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBe(auditBefore);
    }
}

public sealed class AuditTests_Postgres(PostgresApp app) : AuditTests(app), IClassFixture<PostgresApp>;
public sealed class AuditTests_Sqlite(SqliteApp app) : AuditTests(app), IClassFixture<SqliteApp>;
