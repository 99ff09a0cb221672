using Microsoft.Extensions.Options;
using OrleansP2P.Contracts.Security;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Security;

/// <summary>
/// This peer's <c>network_key</c> as a signer plus the replay cache, shared by the outgoing signing handler and the
/// incoming checks. <see cref="Signer"/> is null when no key is configured (nothing is signed or required).
/// </summary>
public sealed class NetworkKey(IOptions<PeerOptions> options, TimeProvider time)
{
    public RequestSigner? Signer { get; } =
        options.Value.RequiresSignature ? new RequestSigner(options.Value.NetworkKey, time) : null;

    public NonceCache Nonces { get; } = new(time);

    /// <summary>Checks a received call's signature; null when valid (see <see cref="RequestSigner.Verify"/>).</summary>
    public string? Verify(string method, string pathAndQuery, string bodyHash, string? timestamp, string? nonce, string? signature) =>
        Signer is null
            ? null
            : Signer.Verify(method, pathAndQuery, bodyHash, timestamp, nonce, signature, Nonces);
}
