using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Security;

/// <summary>
/// The names this peer answers to and the origins that are its own (version 2 contracts, "Browsers"). A Host is served
/// when it is an IP literal, <c>localhost</c>, the host of <c>self_url</c> (any port) or an <c>allowed_hosts</c>
/// entry. An Origin is the peer's own when its host:port equals the request's Host, the host:port of <c>self_url</c>
/// or an <c>allowed_hosts</c> entry. A missing port is the default of the scheme (the request's for a Host compared
/// to an entry, the Origin's for a Host compared to an Origin: a browser leaves it out of both alike).
/// </summary>
public sealed class PeerHosts(IOptions<PeerOptions> options)
{
    private readonly Uri _self = new(options.Value.SelfUrl);
    private readonly AllowedHost[] _allowed = [.. options.Value.AllowedHosts.Select(AllowedHost.Parse)];

    /// <summary>The Host rule: whether a request for <paramref name="host"/> is served.</summary>
    public bool Serves(HostString host, bool https)
    {
        if (!host.HasValue)
            return false;
        var name = host.Host;
        return Uri.CheckHostName(AllowedHost.Normalize(name)) is UriHostNameType.IPv4 or UriHostNameType.IPv6
            || SameHost(name, "localhost")
            || SameHost(name, _self.IdnHost)
            || _allowed.Any(a => a.Matches(name, host.Port ?? DefaultPort(https)));
    }

    /// <summary>The Origin rule: whether <paramref name="origin"/> (the header's value) is this peer's own.</summary>
    public bool IsOwnOrigin(string origin, HostString requestHost)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0 || uri.PathAndQuery != "/" || origin.EndsWith('/'))
            return false;
        var (host, port) = (uri.IdnHost, uri.Port);
        return (requestHost.HasValue && SameHost(host, requestHost.Host) && port == (requestHost.Port ?? DefaultPort(uri.Scheme == "https")))
            || (SameHost(host, _self.IdnHost) && port == _self.Port)
            || _allowed.Any(a => a.Matches(host, port));
    }

    private static bool SameHost(string a, string b) =>
        string.Equals(AllowedHost.Normalize(a), AllowedHost.Normalize(b), StringComparison.OrdinalIgnoreCase);

    private static int DefaultPort(bool https) => https ? 443 : 80;
}
