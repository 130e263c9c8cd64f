using Npgsql;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.UnitTests.Web;

public sealed class DatabaseUnavailableTests
{
    [Theory]
    [InlineData("57P01")] // the server was shut down or restarted
    [InlineData("08006")] // the connection failed
    public void AnEndedSessionIsA503AndEmptiesThePool(string sqlState)
    {
        var error = new PostgresException("terminating connection", "FATAL", "FATAL", sqlState);

        DatabaseUnavailableHandler.IsUnavailable(error).ShouldBeTrue();
        DatabaseUnavailableHandler.IsConnectionLost(error).ShouldBeTrue();
    }

    [Fact]
    public void ABrokenStreamIsA503AndEmptiesThePool()
    {
        var error = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());

        DatabaseUnavailableHandler.IsConnectionLost(error).ShouldBeTrue();
    }

    [Fact]
    public void AFullServerIsA503ButKeepsThePool()
    {
        // 53300 too_many_connections: the server is there and the pooled connections work; emptying the pool would
        // make every following request open a connection of its own.
        var error = new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300");

        DatabaseUnavailableHandler.IsUnavailable(error).ShouldBeTrue();
        DatabaseUnavailableHandler.IsConnectionLost(error).ShouldBeFalse();
    }

    [Fact]
    public void AnOrdinaryErrorIsNeither()
    {
        var error = new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505");

        DatabaseUnavailableHandler.IsUnavailable(error).ShouldBeFalse();
        DatabaseUnavailableHandler.IsConnectionLost(error).ShouldBeFalse();
    }
}
