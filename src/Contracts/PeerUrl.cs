using System.Diagnostics.CodeAnalysis;

namespace OrleansP2P.Contracts;

/// <summary>
/// Peer URLs in their one canonical form: lower-case <c>scheme://host:port</c>, http(s) only,
/// no user info, path, query or fragment.
/// </summary>
public static class PeerUrl
{
    public const int MaxLength = 2048;

    public static bool TryCanonicalize(
        string? value, [NotNullWhen(true)] out string? canonical, [NotNullWhen(false)] out string? error)
    {
        canonical = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "a peer URL is required";
            return false;
        }
        if (value.Length > MaxLength)
        {
            error = $"a peer URL is at most {MaxLength} characters";
            return false;
        }
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
        {
            error = "not an absolute URL";
            return false;
        }
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            error = $"scheme '{uri.Scheme}' is not allowed: use http or https";
            return false;
        }
        if (string.IsNullOrEmpty(uri.Host))
        {
            error = "the URL has no host";
            return false;
        }
        if (uri.Port is < 1 or > 65535)
        {
            error = "the port must be between 1 and 65535";
            return false;
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            error = "user info is not allowed in a peer URL";
            return false;
        }
        if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            error = "a peer URL has no path, query or fragment (scheme://host:port)";
            return false;
        }
        canonical = $"{uri.Scheme}://{uri.Host.ToLowerInvariant()}:{uri.Port}";
        error = null;
        return true;
    }

    public static string Canonicalize(string value) =>
        TryCanonicalize(value, out var canonical, out var error)
            ? canonical
            : throw new ArgumentException($"invalid peer URL '{value}': {error}", nameof(value));
}
