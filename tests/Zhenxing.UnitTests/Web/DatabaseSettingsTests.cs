using Microsoft.Extensions.Configuration;
using Zhenxing.Web.Data;

namespace Zhenxing.UnitTests.Web;

public sealed class DatabaseSettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void From_NothingConfigured_UsesSqliteUnderData()
    {
        var settings = DatabaseSettings.From(Config());

        settings.Provider.ShouldBe(DatabaseProvider.Sqlite);
        settings.ConnectionString.ShouldContain(Path.Combine(Environment.CurrentDirectory, "data", "zhenxing.db"));
        settings.ConnectionString.ShouldContain("Foreign Keys=True");
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("postgresql")]
    public void From_PostgresWithConnectionString_UsesIt(string provider)
    {
        var settings = DatabaseSettings.From(Config(("Database:Provider", provider), ("ConnectionStrings:Zhenxing", "Host=db;Database=zx")));

        settings.Provider.ShouldBe(DatabaseProvider.Postgres);
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString);
        (connection.Host, connection.Database).ShouldBe(("db", "zx"));
        // JIT compilation costs seconds on the dashboard's aggregates: off unless the operator sets it.
        connection.Options.ShouldBe("-c jit=off");
    }

    [Fact]
    public void From_PostgresWithItsOwnJitSetting_KeepsIt()
    {
        var settings = DatabaseSettings.From(Config(("Database:Provider", "Postgres"), ("ConnectionStrings:Zhenxing", "Host=db;Database=zx;Options=-c jit=on")));

        new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString).Options.ShouldBe("-c jit=on");
    }

    [Fact]
    public void From_Postgres_KeepsAPoolASecondNodeFitsBesidePreparesStatementsAndSkipsTheReset()
    {
        var settings = DatabaseSettings.From(Config(("Database:Provider", "Postgres"), ("ConnectionStrings:Zhenxing", "Host=db;Database=zx")));

        var connection = new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString);
        connection.MaxPoolSize.ShouldBe(DatabaseSettings.DefaultMaxPoolSize);
        connection.MaxAutoPrepare.ShouldBe(64);
        connection.NoResetOnClose.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Maximum Pool Size=90;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("MaxPoolSize=90;MaxAutoPrepare=0;NoResetOnClose=false")]
    public void From_PostgresWithItsOwnPoolSettings_KeepsThem(string settingsText)
    {
        var settings = DatabaseSettings.From(Config(("Database:Provider", "Postgres"), ("ConnectionStrings:Zhenxing", "Host=db;Database=zx;" + settingsText)));

        var connection = new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString);
        (connection.MaxPoolSize, connection.MaxAutoPrepare, connection.NoResetOnClose).ShouldBe((90, 0, false));
    }

    [Fact]
    public void From_PostgresWithoutConnectionString_SaysWhatIsMissing()
    {
        var error = Should.Throw<InvalidOperationException>(() => DatabaseSettings.From(Config(("Database:Provider", "Postgres"))));

        error.Message.ShouldContain("ConnectionStrings:Zhenxing");
    }

    [Fact]
    public void From_UnknownProvider_NamesTheValue()
    {
        var error = Should.Throw<InvalidOperationException>(() => DatabaseSettings.From(Config(("Database:Provider", "Oracle"))));

        error.Message.ShouldBe("配置项 Database:Provider 的值“Oracle”无效，应为 Sqlite 或 Postgres。");
    }
}
