using System.Net;

namespace OrleansP2P.Api.PeerClient;

/// <summary>Resolves a peer host name to addresses; injectable so tests can answer with any address.</summary>
public interface IPeerAddressResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system resolver; IP literals are returned as they are.</summary>
public sealed class DnsPeerAddressResolver : IPeerAddressResolver
{
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
}
