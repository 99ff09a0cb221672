using System.Net;
using OrleansP2P.Contracts.Security;

namespace OrleansP2P.Api.Security;

/// <summary>
/// <c>Authorization: Bearer &lt;network_key&gt;</c>, the CLI's and the web UI's alternative to signing: accepted only
/// over TLS or from a loopback address (a key sent in clear over a network would be anyone's).
/// </summary>
public static class BearerRule
{
    private const string Prefix = "Bearer ";

    /// <summary>Null when the request carries no bearer token; otherwise whether it is accepted and why not.</summary>
    public static (bool Accepted, string? Reason)? Check(HttpContext context, string? authorization, RequestSigner signer)
    {
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return null;
        var remote = context.Connection.RemoteIpAddress;
        var loopback = remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
        if (!context.Request.IsHttps && !loopback)
            return (false, "a bearer token is accepted only over TLS or from loopback: sign the call instead");
        return signer.IsKey(authorization[Prefix.Length..].Trim()) ? (true, null) : (false, "wrong bearer token");
    }
}
