using System.Net.Http.Headers;
using OrleansP2P.Api.Security;
using OrleansP2P.Contracts.Security;

namespace OrleansP2P.Testing;

/// <summary>
/// How a test talks to a peer started with <c>network_key</c> and/or TLS settings: the bearer key (tests run on
/// loopback, where peers accept it) and the private CA that signed the peer's certificate.
/// </summary>
public sealed record PeerSecurity(string? NetworkKey, string? CaPath, bool Tls)
{
    public string Scheme => Tls ? "https" : "http";

    public static PeerSecurity Of(IReadOnlyDictionary<string, object?>? config)
    {
        string? Value(string key) => config is not null && config.TryGetValue(key, out var v) && v is string { Length: > 0 } s ? s : null;
        return new PeerSecurity(Value("network_key"), Value("tls_ca"), Value("tls_cert") is not null);
    }

    public SocketsHttpHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        if (CaPath is not null)
            handler.SslOptions = PrivateCa.TrustOnly(CaPath);
        return handler;
    }

    /// <summary>An HttpClient for the peer: trusts the CA, and sends <c>Authorization: Bearer</c> when a key is set.</summary>
    public HttpClient CreateClient(Uri baseAddress)
    {
        var http = new HttpClient(CreateHandler()) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (NetworkKey is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", NetworkKey);
        return http;
    }
}
