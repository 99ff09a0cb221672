using System.Net;

namespace OrleansP2P.Api.Hosting;

/// <summary>The key a per-address limit files a client under.</summary>
public static class ClientAddress
{
    /// <summary>One key per client: an IPv4 client seen on a dual-stack socket counts as its IPv4 address.</summary>
    public static string KeyOf(IPAddress? client) =>
        client is null ? "" : (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();
}
