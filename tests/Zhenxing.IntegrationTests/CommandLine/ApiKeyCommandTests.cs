using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.CommandLine;

/// <summary><c>zhenxing apikey create|list|revoke</c> run as a process against the same database as the app.</summary>
public abstract class ApiKeyCommandTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private string[] DatabaseSwitches =>
        [$"--Database:Provider={App.Provider}", $"--ConnectionStrings:Zhenxing={App.ConnectionString}"];

    [Fact]
    public async Task ApiKeyCreatePrintsAKeyOnceThatWorksUntilRevoked()
    {
        await App.AddUserAsync("office1", Role.Office);

        var created = await ZhenxingExecutable.RunAsync(["apikey", "create", "--user", "office1", "--name", "督查系统", .. DatabaseSwitches]);

        created.Error.ShouldBeEmpty();
        created.ExitCode.ShouldBe(0);
        created.Output.ShouldContain("已为用户 office1 创建 API 密钥");
        var secret = created.Output.Trim().Split('\n')[^1].Trim();
        secret.ShouldStartWith("zx_");
        var key = await App.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync());
        key.Name.ShouldBe("督查系统");
        var api = App.CreateBrowser();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await api.GetAsync("/api/v1/lists")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var listed = await ZhenxingExecutable.RunAsync(["apikey", "list", "--user", "office1", .. DatabaseSwitches]);
        listed.ExitCode.ShouldBe(0);
        listed.Output.ShouldContain($"{key.Id}\toffice1\t督查系统\t{key.Prefix}…");
        listed.Output.ShouldNotContain(secret);

        var revoked = await ZhenxingExecutable.RunAsync(["apikey", "revoke", "--id", key.Id.ToString(), .. DatabaseSwitches]);

        revoked.ExitCode.ShouldBe(0);
        revoked.Output.ShouldContain($"已撤销 API 密钥 {key.Id}（用户 office1，名称：督查系统）");
        (await api.GetAsync("/api/v1/lists")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var again = await ZhenxingExecutable.RunAsync(["apikey", "revoke", "--id", key.Id.ToString(), .. DatabaseSwitches]);
        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain("已于");
        (await ZhenxingExecutable.RunAsync(["apikey", "list", .. DatabaseSwitches])).Output.ShouldContain("已撤销");
    }

    [Fact]
    public async Task ApiKeyCommandsRefuseUnknownUsersAndWrongUsage()
    {
        var unknownUser = await ZhenxingExecutable.RunAsync(["apikey", "create", "--user", "nobody", .. DatabaseSwitches]);
        var noId = await ZhenxingExecutable.RunAsync(["apikey", "revoke", .. DatabaseSwitches]);
        var unknownKey = await ZhenxingExecutable.RunAsync(["apikey", "revoke", "--id", "4711", .. DatabaseSwitches]);
        var noVerb = await ZhenxingExecutable.RunAsync(["apikey"]);

        (unknownUser.ExitCode, unknownKey.ExitCode, noId.ExitCode, noVerb.ExitCode).ShouldBe((1, 1, 2, 2));
        unknownUser.Error.ShouldContain("用户“nobody”不存在");
        unknownKey.Error.ShouldContain("API 密钥 4711 不存在");
        noId.Error.ShouldContain("缺少 --id");
        (await App.WithDbAsync(db => db.ApiKeys.AnyAsync())).ShouldBeFalse();
    }
}

public sealed class ApiKeyCommandTests_Postgres(PostgresApp app) : ApiKeyCommandTests(app), IClassFixture<PostgresApp>;
public sealed class ApiKeyCommandTests_Sqlite(SqliteApp app) : ApiKeyCommandTests(app), IClassFixture<SqliteApp>;
