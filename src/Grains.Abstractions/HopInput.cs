using System.Collections.Immutable;

namespace OrleansP2P.Grains.Abstractions;

/// <summary>
/// What one search hop needs from the peer, fetched in one call: the local matches (empty when the hop
/// only re-forwards) and the neighbours that may be asked, healthy ones first.
/// </summary>
[GenerateSerializer, Immutable, Alias("p2p.HopInput")]
public sealed record HopInput(
    [property: Id(0)] ImmutableArray<FileEntry> Matches,
    [property: Id(1)] ImmutableArray<string> Targets);
