using System.Collections.Immutable;

namespace OrleansP2P.Grains.Abstractions;

/// <summary>
/// What a peer answers for a search: merged hits (one entry per peer, files unique by name, at most
/// <c>search_max_results</c> files in all), whether every asked neighbour answered in time, how many peers executed
/// the query, and whether files were left out to respect that cap (here or further down).
/// </summary>
[GenerateSerializer, Immutable, Alias("p2p.SearchOutcome")]
public sealed record SearchOutcome(
    [property: Id(0)] ImmutableArray<PeerHits> Results,
    [property: Id(1)] bool Complete,
    [property: Id(2)] int PeersReached,
    [property: Id(3)] bool Truncated = false)
{
    /// <summary>The answer to a query id already seen: nothing, at once.</summary>
    public static SearchOutcome Duplicate { get; } = new([], Complete: true, PeersReached: 0);
}
