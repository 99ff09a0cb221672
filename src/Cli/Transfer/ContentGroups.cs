using OrleansP2P.Contracts;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Swarm;

namespace OrleansP2P.Cli.Transfer;

/// <summary>
/// What <c>p2p get QUERY</c> fetches from a search answer: hits grouped by SHA-256, so every peer holding a content
/// helps fetch it (under the first name search listed it by). A name that stands for two or more contents is set
/// aside until a link picks one; a hit without a piece tree (a peer older than content addressing) or with a name
/// that is not a safe file name cannot be swarmed and is skipped with the reason.
/// </summary>
public sealed record ContentGroups(IReadOnlyList<WantedContent> Wanted, IReadOnlyList<AmbiguousName> Ambiguous, IReadOnlyList<string> Skipped)
{
    public static ContentGroups Of(SearchResponseDto answer, int? maxSources)
    {
        var contents = new Dictionary<string, (MagnetLink Link, List<Uri> Holders)>(StringComparer.Ordinal);
        var skipped = new List<string>();
        foreach (var hit in answer.Results)
        {
            if (!PeerUrl.TryCanonicalize(hit.Url, out var url, out _))
                continue;
            var holder = SwarmHttp.BaseOf(new Uri(url));
            foreach (var file in hit.Files)
            {
                var sha256 = file.Checksum.ToLowerInvariant();
                if (!contents.TryGetValue(sha256, out var content))
                {
                    if (FileLink.Of(file, out var problem) is not { } link)
                    {
                        skipped.Add($"{file.Name} on {hit.Peer} is listed {problem}");
                        continue;
                    }
                    contents[sha256] = content = (link, []);
                }
                if (!content.Holders.Contains(holder) && content.Holders.Count < (maxSources ?? int.MaxValue))
                    content.Holders.Add(holder);
            }
        }
        var all = contents.Values.Select(c => new WantedContent(c.Link, c.Holders)).ToList();
        var byName = all.GroupBy(c => c.Name, StringComparer.Ordinal).ToList();
        return new ContentGroups(
            [.. byName.Where(g => g.Count() == 1).Select(g => g.Single())],
            [.. byName.Where(g => g.Count() > 1).Select(g => new AmbiguousName(g.Key, [.. g]))],
            skipped);
    }
}
