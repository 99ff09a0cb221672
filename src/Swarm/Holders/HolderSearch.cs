using OrleansP2P.Contracts;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Swarm.Holders;

/// <summary>
/// Finding the holders of a content: a search for <c>urn:sha256:&lt;hex&gt;</c> (matched exactly on every peer, never
/// pruned) and, from its answer, the REST URL of every peer that listed a file with that checksum, once each.
/// </summary>
public static class HolderSearch
{
    /// <summary>The search request path, relative to a peer's REST URL; <paramref name="ttl"/> null leaves the peer's default.</summary>
    public static string Path(string sha256, int? ttl) =>
        "search?query=" + Uri.EscapeDataString(MagnetLink.UrnPrefix + sha256) + (ttl is { } t ? $"&ttl={t}" : "") + "&cache=false";

    public static IReadOnlyList<Uri> Holders(SearchResponseDto answer, string sha256)
    {
        var holders = new List<Uri>();
        foreach (var result in answer.Results)
        {
            if (!result.Files.Any(f => string.Equals(f.Checksum, sha256, StringComparison.OrdinalIgnoreCase))
                || !PeerUrl.TryCanonicalize(result.Url, out var url, out _))
            {
                continue;
            }
            var holder = SwarmHttp.BaseOf(new Uri(url));
            if (!holders.Contains(holder))
                holders.Add(holder);
        }
        return holders;
    }
}
