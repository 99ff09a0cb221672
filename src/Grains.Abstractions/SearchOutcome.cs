using System.Collections.Immutable;

namespace OrleansP2P.Grains.Abstractions;

/// <summary>
/// What a peer answers for a search: merged hits (one entry per peer, files unique by name),
/// whether every asked neighbour answered in time, and how many peers executed the query.
/// </summary>
[GenerateSerializer, Immutable, Alias("p2p.SearchOutcome")]
public sealed record SearchOutcome(
    [property: Id(0)] ImmutableArray<PeerHits> Results,
    [property: Id(1)] bool Complete,
    [property: Id(2)] int PeersReached)
{
    /// <summary>The answer to a query id already seen: nothing, at once.</summary>
    public static SearchOutcome Duplicate { get; } = new([], Complete: true, PeersReached: 0);
}
