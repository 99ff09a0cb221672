using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using OrleansP2P.Contracts;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.PeerClient;

/// <summary>
/// The SSRF guard on every URL a peer will call. A URL must be a canonical peer URL (http(s), a host, no user info or
/// path); each address its host resolves to must not be link-local (169.254.0.0/16, fe80::/10, cloud metadata), another
/// cloud metadata address (fd00:ec2::254, 100.100.100.200), unspecified, multicast or broadcast, IPv4-mapped and NAT64
/// (64:ff9b::/96) forms included. Unique local IPv6 (fc00::/7) and CGNAT (100.64.0.0/10) addresses are refused unless
/// <c>allowed_peer_cidrs</c> holds a range inside theirs (a VPC that uses them says so; <c>::/0</c> does not count).
/// Loopback and private IPv4 ranges are allowed unless <c>allowed_peer_cidrs</c> is set, which then is the whole
/// allow-list. The peer HttpClient checks again at connect time (<see cref="PeerHttpHandler"/>), so a DNS answer that
/// changes after the first check cannot slip through.
/// </summary>
public sealed class PeerUrlGuard(IOptions<PeerOptions> options, IPeerAddressResolver resolver, P2PMetrics metrics)
{
    /// <summary>Cloud metadata services outside the link-local range: AWS' IPv6 endpoint and Alibaba Cloud's.</summary>
    private static readonly IPAddress[] MetadataAddresses = [IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200")];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>Ranges refused unless allowed explicitly, with their reason labels.</summary>
    private static readonly (IPNetwork Range, string Reason, string Message)[] ExplicitOnly =
    [
        (IPNetwork.Parse("fc00::/7"), "unique_local", "unique local IPv6 addresses need a range inside fc00::/7 in allowed_peer_cidrs"),
        (IPNetwork.Parse("100.64.0.0/10"), "cgnat", "CGNAT addresses need a range inside 100.64.0.0/10 in allowed_peer_cidrs"),
    ];

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
        if (Nat64.Contains(a) && Classify(new IPAddress(a.GetAddressBytes().AsSpan(12)), allowed) is { } embedded)
            return (embedded.Reason, "a NAT64 address of a refused IPv4 address: " + embedded.Message);
        if (MetadataAddresses.Contains(a))
            return ("metadata", "cloud metadata addresses are refused");
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
        foreach (var (range, reason, message) in ExplicitOnly)
        {
            if (range.Contains(a) && !allowed.Any(n => n.Contains(a) && IsInside(n, range)))
                return (reason, message);
        }
        if (allowed.Count > 0 && !allowed.Any(n => n.Contains(a)))
            return ("not_allowed", "outside allowed_peer_cidrs");
        return null;
    }

    private static bool IsInside(IPNetwork network, IPNetwork range) =>
        network.PrefixLength >= range.PrefixLength && range.Contains(network.BaseAddress);

    private PeerRefusedException Refuse(string reason, string message)
    {
        metrics.PeerRefused(reason);
        return new PeerRefusedException(reason, message);
    }
}
