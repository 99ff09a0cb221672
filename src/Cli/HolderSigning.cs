using OrleansP2P.Contracts.Security;

namespace OrleansP2P.Cli;

/// <summary>
/// Signs each request <c>p2p get</c> sends to a holder (<c>GET /pieces</c>, <c>GET /content</c>: no body) with the
/// network key, as peers sign their calls: a private network's peers (<c>private: true</c>) answer a GET only when it
/// is signed or carries the key as a bearer token, and unlike the token a signature may travel over plain http to any
/// holder.
/// </summary>
public sealed class HolderSigning(RequestSigner signer, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var signature = signer.Sign(request.Method.Method, request.RequestUri!.PathAndQuery, RequestSigner.EmptyBodyHash);
        request.Headers.Add(RequestSigner.TimestampHeader, signature.Timestamp);
        request.Headers.Add(RequestSigner.NonceHeader, signature.Nonce);
        request.Headers.Add(RequestSigner.SignatureHeader, signature.Signature);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>The handler for holder requests: <paramref name="handler"/> itself without a key, wrapped in signing with one.</summary>
    public static HttpMessageHandler For(SocketsHttpHandler handler) =>
        CliCredentials.Key is { } key ? new HolderSigning(new RequestSigner(key, TimeProvider.System), handler) : handler;
}
