using System.Collections.Immutable;

namespace OrleansP2P.Grains.Abstractions;

/// <summary>
/// One peer's neighbour list as it advertises it in <c>/health</c>: the peers it forwards searches to
/// (<see cref="Peers"/>), those of them that list it back (<see cref="Mutual"/>), and the list's view (its hash, see
/// <c>PeerLinks.ViewOf</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("p2p.NeighbourLinks")]
public sealed record NeighbourLinks(
    [property: Id(0)] ImmutableArray<string> Peers,
    [property: Id(1)] ImmutableArray<string> Mutual,
    [property: Id(2)] string View);
