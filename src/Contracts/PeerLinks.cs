using System.Security.Cryptography;
using System.Text;

namespace OrleansP2P.Contracts;

/// <summary>
/// What a peer tells its neighbours about its own neighbours (the <c>links</c> of <c>/health</c>), and the bounds on
/// relay hints in a forward. <see cref="ViewOf"/> names one version of a neighbour list, so a forward planned on an
/// old list is recognised as such by the receiver.
/// </summary>
public static class PeerLinks
{
    /// <summary>Most neighbours a <c>links</c> list or a forward's <c>relay</c> may hold; a peer with more advertises none.</summary>
    public const int MaxLinks = 64;

    /// <summary>Most entries a forward's <c>known</c> may hold.</summary>
    public const int MaxKnown = 256;

    /// <summary>Length of a view: hex characters.</summary>
    public const int ViewLength = 16;

    /// <summary>The first 16 hex characters of SHA-256 over the canonical URLs, sorted ordinally, one per line.</summary>
    public static string ViewOf(IEnumerable<string> urls)
    {
        var text = string.Join('\n', urls.Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..ViewLength];
    }

    /// <summary>Whether <paramref name="view"/> has the shape <see cref="ViewOf"/> gives.</summary>
    public static bool IsView(string? view) =>
        view is { Length: ViewLength } && view.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
