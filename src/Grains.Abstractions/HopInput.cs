using System.Collections.Immutable;

namespace OrleansP2P.Grains.Abstractions;

/// <summary>
/// What one search hop needs from the peer, fetched in one call: the local matches (empty when the hop
/// only re-forwards), the neighbours that may be asked, healthy ones first, what those neighbours last advertised
/// of their own (<see cref="Links"/>, by URL; a neighbour missing there is one whose list is unknown) and the view of
/// this peer's own advertised list (<see cref="View"/>; null when it advertises none), and the targets this copy skips
/// because their routing tables prove nothing within its reach can match (<see cref="Skip"/>; default: none).
/// </summary>
[GenerateSerializer, Immutable, Alias("p2p.HopInput")]
public sealed record HopInput(
    [property: Id(0)] ImmutableArray<FileEntry> Matches,
    [property: Id(1)] ImmutableArray<string> Targets,
    [property: Id(2)] ImmutableDictionary<string, NeighbourLinks>? Links = null,
    [property: Id(3)] string? View = null,
    [property: Id(4)] ImmutableArray<string> Skip = default);
