using System.Collections.Immutable;
using OrleansP2P.Contracts;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Routing;

namespace OrleansP2P.Api.PeerClient;

/// <summary>
/// The one check of what another peer answers (ARCHITECTURE.md, "Untrusted neighbours"), applied by
/// <see cref="HttpPeerClient"/> to every answer after <see cref="PeerAnswerReader"/> read it: known shapes, no nulls,
/// bounded names and counts, canonical peer URLs. A bad part makes the whole answer invalid
/// (<see cref="PeerAnswerException"/>): a peer that sends one malformed value is not trusted for the rest. What passes
/// is what grains see. Search answers are checked by <see cref="ForwardAnswers"/>.
/// </summary>
public static class PeerAnswers
{
    /// <summary>Longest peer name accepted from another peer (the contract's bound, as for our own <c>name</c>).</summary>
    public const int MaxPeerNameLength = 64;

    /// <summary>Most peer URLs a <c>/peers</c> or <c>/register</c> answer may list: the largest <c>max_neighbors</c>.</summary>
    public const int MaxListedPeers = 1024;

    /// <summary>A <c>/health</c> answer: small, whatever fields a newer peer adds.</summary>
    public static readonly AnswerLimits HealthLimits = new(64 * 1024, 1024);

    /// <summary>A <c>/peers</c> or <c>/register</c> answer: its URLs and, in <c>/peers</c>, one entry per neighbour.</summary>
    /// <summary>A <c>/routing</c> answer: four base64 levels of 4 KiB and a few fields.</summary>
    public static readonly AnswerLimits RoutingLimits = new(RoutingWire.MaxAnswerBytes, 64);

    public static readonly AnswerLimits ListLimits = new(HttpPeerClient.MaxAnswerBytes, 4 * MaxListedPeers);

    /// <summary>A <c>/search/forward</c> answer: at most one peer entry and one file entry per file of the largest answer any peer sends.</summary>
    public static readonly AnswerLimits ForwardLimits = new(HttpPeerClient.MaxAnswerBytes, 2 * PeerOptions.MaxSearchResultsLimit);

    /// <summary>The peer's name from a <c>/health</c> answer: status <c>ok</c> and a valid name, else invalid.</summary>
    public static string HealthName(HealthResponse answer)
    {
        if (answer.Status != "ok")
            throw new PeerAnswerException("'status' is not \"ok\"");
        return Name(answer.Peer, "peer");
    }

    /// <summary>
    /// The links a <c>/health</c> answer advertised, or null when it has none or they are not valid (more than
    /// <see cref="PeerLinks.MaxLinks"/>, a bad or repeated URL): optional, so a bad list is dropped, not the answer.
    /// </summary>
    public static NeighbourLinks? Links(IReadOnlyList<LinkDto>? links)
    {
        if (links is null || links.Count > PeerLinks.MaxLinks || links.Any(l => l is null))
            return null;
        var urls = new List<string>(links.Count);
        foreach (var link in links)
        {
            if (!PeerUrl.TryCanonicalize(link.Url, out var url, out _) || urls.Contains(url))
                return null;
            urls.Add(url);
        }
        return new NeighbourLinks([.. urls], [.. urls.Where((_, i) => links[i].Mutual)], PeerLinks.ViewOf(urls));
    }

    /// <summary>The canonical URLs of a <c>/peers</c> or <c>/register</c> answer's <c>peers</c>; one bad URL makes it invalid.</summary>
    public static ImmutableArray<string> PeerList(IReadOnlyList<string>? urls)
    {
        if (urls is null)
            throw new PeerAnswerException("'peers' is missing or null");
        if (urls.Count > MaxListedPeers)
            throw new PeerAnswerException($"'peers' lists more than {MaxListedPeers} URLs");
        return [.. urls.Select((url, i) => Url(url, $"peers[{i}]"))];
    }

    /// <summary>A peer name: 1 to 64 characters, not blank, no control characters.</summary>
    public static string Name(string? name, string field) => name switch
    {
        null => throw new PeerAnswerException($"'{field}' is missing or null"),
        { Length: > MaxPeerNameLength } => throw new PeerAnswerException($"'{field}' is longer than {MaxPeerNameLength} characters"),
        _ when string.IsNullOrWhiteSpace(name) => throw new PeerAnswerException($"'{field}' is empty"),
        _ when name.Any(char.IsControl) => throw new PeerAnswerException($"'{field}' contains control characters"),
        _ => name,
    };

    /// <summary>A peer URL in its canonical form (<see cref="PeerUrl"/>).</summary>
    public static string Url(string? url, string field) =>
        PeerUrl.TryCanonicalize(url, out var canonical, out var error) ? canonical : throw new PeerAnswerException($"'{field}': {error}");

    /// <summary>An optional text field: null becomes empty; at most <paramref name="maxLength"/> characters, no control characters.</summary>
    public static string Optional(string? value, int maxLength, string field) => value switch
    {
        null => "",
        { Length: var n } when n > maxLength => throw new PeerAnswerException($"'{field}' is longer than {maxLength} characters"),
        _ when value.Any(char.IsControl) => throw new PeerAnswerException($"'{field}' contains control characters"),
        _ => value,
    };
}
