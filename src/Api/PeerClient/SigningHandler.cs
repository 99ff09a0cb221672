using System.Net.Http.Headers;
using OrleansP2P.Contracts.Security;

namespace OrleansP2P.Api.PeerClient;

/// <summary>
/// Signs every outgoing peer call with the network key (no-op without one): the body is buffered (peer calls carry
/// small JSON), hashed, and the three signature headers added over the path and query exactly as sent on the wire.
/// </summary>
public sealed class SigningHandler(RequestSigner? signer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (signer is not null && request.RequestUri is not null)
            await SignAsync(signer, request, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>Adds the signature headers to <paramref name="request"/>, buffering its body so the bytes signed are the bytes sent.</summary>
    public static async Task SignAsync(RequestSigner signer, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var bodyHash = RequestSigner.EmptyBodyHash;
        if (request.Content is { } content)
        {
            var bytes = await content.ReadAsByteArrayAsync(cancellationToken);
            var buffered = new ByteArrayContent(bytes);
            foreach (var (name, values) in content.Headers)
                buffered.Headers.TryAddWithoutValidation(name, values);
            buffered.Headers.ContentLength = bytes.Length;
            request.Content = buffered;
            bodyHash = RequestSigner.HashBody(bytes);
        }
        var signature = signer.Sign(request.Method.Method, request.RequestUri!.PathAndQuery, bodyHash);
        Set(request.Headers, RequestSigner.TimestampHeader, signature.Timestamp);
        Set(request.Headers, RequestSigner.NonceHeader, signature.Nonce);
        Set(request.Headers, RequestSigner.SignatureHeader, signature.Signature);
    }

    private static void Set(HttpRequestHeaders headers, string name, string value)
    {
        headers.Remove(name);
        headers.TryAddWithoutValidation(name, value);
    }
}
