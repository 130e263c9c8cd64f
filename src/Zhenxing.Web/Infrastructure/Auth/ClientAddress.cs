using System.Net;
using System.Net.Sockets;

namespace Zhenxing.Web.Infrastructure.Auth;

/// <summary>
/// The client a request comes from, as the sign-in rate limit and the sign-in lock-out count it: the IPv4 address, or
/// the /64 network of an IPv6 address (one subscriber holds a whole /64 and could otherwise take a fresh address for
/// each try). Behind a reverse proxy this is the proxy's address unless the forwarded headers are honoured.
/// </summary>
public static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
