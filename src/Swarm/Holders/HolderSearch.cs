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

    public static IReadOnlyList<Uri> Holders(SearchResponseDto answer, string sha256) =>
        Holders(answer.Results.Select(result => (result.Url, result.Files.Select(f => f.Checksum))), sha256);

    /// <summary>
    /// From each answering peer's URL and the checksums of the files it listed: the REST URLs that listed
    /// <paramref name="sha256"/>, canonical, once each, in answer order (a URL that is not a usable peer URL is skipped).
    /// </summary>
    public static IReadOnlyList<Uri> Holders(IEnumerable<(string Url, IEnumerable<string> Checksums)> answers, string sha256)
    {
        var holders = new List<Uri>();
        foreach (var (answerUrl, checksums) in answers)
        {
            if (!checksums.Any(c => string.Equals(c, sha256, StringComparison.OrdinalIgnoreCase))
                || !PeerUrl.TryCanonicalize(answerUrl, out var url, out _))
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
