using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;

namespace OrleansP2P.Contracts.Security;

/// <summary>The three signature values a signed call carries (headers on REST, metadata on gRPC).</summary>
public sealed record RequestSignature(string Timestamp, string Nonce, string Signature)
{
    /// <summary>Adds the three values to a gRPC call's metadata (header names in lower case, as gRPC wants them).</summary>
    public Metadata AddTo(Metadata metadata)
    {
        metadata.Add(RequestSigner.TimestampHeader.ToLowerInvariant(), Timestamp);
        metadata.Add(RequestSigner.NonceHeader.ToLowerInvariant(), Nonce);
        metadata.Add(RequestSigner.SignatureHeader.ToLowerInvariant(), Signature);
        return metadata;
    }
}

/// <summary>
/// Peer-call signing (ARCHITECTURE.md, "Peer-call signing"): lower-case hex HMAC-SHA256 with <c>network_key</c> over
/// <c>METHOD\nPATH_AND_QUERY\nTIMESTAMP\nNONCE\nhex(SHA-256(body))</c>. Outside tools sign the same way.
/// </summary>
public sealed class RequestSigner(string key, TimeProvider time)
{
    public const string TimestampHeader = "X-P2P-Timestamp";
    public const string NonceHeader = "X-P2P-Nonce";
    public const string SignatureHeader = "X-P2P-Signature";
    public const int MaxNonceLength = 64;

    /// <summary>How far a timestamp may be from this peer's clock.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(60);

    /// <summary>Lower-case hex SHA-256 of an empty body (GET, gRPC).</summary>
    public static readonly string EmptyBodyHash = HashBody([]);

    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);

    public static string HashBody(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>
    /// What a signed gRPC <c>Upload</c> signs in place of the body hash ("Signed gRPC uploads"): lower-case hex
    /// SHA-256 of <c>name\nsize\nsha256\noverwrite</c> from its <c>FileHeader</c>, <paramref name="overwrite"/> as
    /// <c>true</c>/<c>false</c>. The header fixes the content, so a captured signature cannot carry other bytes.
    /// </summary>
    public static string UploadHash(string name, long size, string sha256, bool overwrite) =>
        HashBody(Encoding.UTF8.GetBytes(
            $"{name}\n{size.ToString(CultureInfo.InvariantCulture)}\n{sha256}\n{(overwrite ? "true" : "false")}"));

    public static string Canonical(string method, string pathAndQuery, string timestamp, string nonce, string bodyHash) =>
        $"{method.ToUpperInvariant()}\n{pathAndQuery}\n{timestamp}\n{nonce}\n{bodyHash}";

    /// <summary>Signs a call made now with a fresh random nonce.</summary>
    public RequestSignature Sign(string method, string pathAndQuery, string bodyHash)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return new RequestSignature(timestamp, nonce, Compute(method, pathAndQuery, timestamp, nonce, bodyHash));
    }

    public string Compute(string method, string pathAndQuery, string timestamp, string nonce, string bodyHash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(Canonical(method, pathAndQuery, timestamp, nonce, bodyHash))));

    /// <summary>
    /// Checks a received signature; <c>null</c> when valid, otherwise a reason safe to show the caller (it never
    /// names the key or the expected signature). The nonce is remembered only once the signature is good.
    /// </summary>
    public string? Verify(string method, string pathAndQuery, string bodyHash, string? timestamp, string? nonce, string? signature, NonceCache nonces)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(signature))
            return $"missing signature: {TimestampHeader}, {NonceHeader} and {SignatureHeader} are required";
        if (nonce.Length > MaxNonceLength)
            return $"{NonceHeader} is longer than {MaxNonceLength} characters";
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return $"{TimestampHeader} must be Unix seconds";
        var skew = Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - seconds);
        if (skew > MaxSkew.TotalSeconds)
            return $"{TimestampHeader} is more than {MaxSkew.TotalSeconds:0} s away from this peer's clock";
        var expected = Encoding.ASCII.GetBytes(Compute(method, pathAndQuery, timestamp, nonce, bodyHash));
        var given = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
            return "wrong signature";
        return nonces.TryAdd(nonce, seconds) ? null : "replayed nonce: this signed call was already seen";
    }

    /// <summary>Constant-time check of a bearer token against the key.</summary>
    public bool IsKey(string token) => CryptographicOperations.FixedTimeEquals(_key, Encoding.UTF8.GetBytes(token));
}
