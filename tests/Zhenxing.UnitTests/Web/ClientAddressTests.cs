using System.Net;
using Zhenxing.Web.Infrastructure.Auth;

namespace Zhenxing.UnitTests.Web;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Of_AnAddress_IsTheIPv4AddressOrTheIPv6Network(string address, string expected) =>
        ClientAddress.Of(IPAddress.Parse(address)).ShouldBe(expected);

    [Fact]
    public void Of_NoAddress_IsUnknown() => ClientAddress.Of((IPAddress?)null).ShouldBe(ClientAddress.Unknown);
}
