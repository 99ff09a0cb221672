using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using OrleansP2P.Contracts;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.PeerClient;

/// <summary>
/// The SSRF guard on every URL a peer will call. A URL must be a canonical peer URL (http(s), a host, no user info or
/// path); each address its host resolves to must not be link-local (169.254.0.0/16, fe80::/10, cloud metadata),
/// unspecified, multicast or broadcast, IPv4-mapped IPv6 forms included. Loopback and private ranges are allowed unless
/// <c>allowed_peer_cidrs</c> is set, which then is the whole allow-list. The peer HttpClient checks again at connect
/// time (<see cref="PeerHttpHandler"/>), so a DNS answer that changes after the first check cannot slip through.
/// </summary>
public sealed class PeerUrlGuard(IOptions<PeerOptions> options, IPeerAddressResolver resolver, P2PMetrics metrics)
{
    private readonly IPNetwork[] _allowed = [.. options.Value.AllowedPeerCidrs.Select(c => IPNetwork.Parse(c))];

    /// <summary>
    /// Checks a URL before it is stored; the canonical URL, or a <see cref="PeerRefusedException"/>. A name that does not
    /// resolve now is accepted (peers come and go); it is checked again each time it is dialled.
    /// </summary>
    public async Task<string> CheckUrlAsync(string url, CancellationToken cancellationToken)
    {
        if (!PeerUrl.TryCanonicalize(url, out var canonical, out var error))
            throw Refuse("invalid_url", error);
        try
        {
            await ResolveAllowedAsync(new Uri(canonical).Host, cancellationToken);
        }
        catch (SocketException)
        {
            // Not resolvable now: nothing to dial, so nothing to refuse.
        }
        return canonical;
    }

    /// <summary>
    /// The addresses of <paramref name="host"/>, all of them allowed; refuses when any one is not.
    /// A name that does not resolve fails with the resolver's <see cref="SocketException"/>.
    /// </summary>
    public async Task<IPAddress[]> ResolveAllowedAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = await resolver.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0)
            throw new SocketException((int)SocketError.HostNotFound);
        foreach (var address in addresses)
        {
            if (Classify(address, _allowed) is { } refusal)
                throw Refuse(refusal.Reason, $"'{host}' resolves to {address}: {refusal.Message}");
        }
        return addresses;
    }

    /// <summary>Why <paramref name="address"/> may not be called, or null when it may.</summary>
    public static (string Reason, string Message)? Classify(IPAddress address, IReadOnlyCollection<IPNetwork> allowed)
    {
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any))
            return ("unspecified", "an unspecified address is not a peer");
        if (a.Equals(IPAddress.Broadcast))
            return ("broadcast", "a broadcast address is not a peer");
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = a.GetAddressBytes();
            if (bytes[0] == 169 && bytes[1] == 254)
                return ("link_local", "link-local addresses (cloud metadata) are refused");
            if (bytes[0] >= 224 && bytes[0] <= 239)
                return ("multicast", "a multicast address is not a peer");
            if (bytes[0] == 0)
                return ("unspecified", "0.0.0.0/8 is not a peer");
        }
        else
        {
            if (a.IsIPv6LinkLocal)
                return ("link_local", "link-local addresses are refused");
            if (a.IsIPv6Multicast)
                return ("multicast", "a multicast address is not a peer");
        }
        if (allowed.Count > 0 && !allowed.Any(n => n.Contains(a)))
            return ("not_allowed", "outside allowed_peer_cidrs");
        return null;
    }

    private PeerRefusedException Refuse(string reason, string message)
    {
        metrics.PeerRefused(reason);
        return new PeerRefusedException(reason, message);
    }
}
