using System.Collections.Immutable;

namespace OrleansP2P.Grains.Abstractions;

/// <summary>
/// One copy of a search arriving at a peer. <see cref="Ttl"/> is how many more hops this peer may
/// forward (0 = execute only); <see cref="Path"/> lists the peers the copy passed through, the
/// sender last (empty at the origin); <see cref="DeadlineMs"/> is the time this peer has to answer; <see cref="Hints"/>
/// is what the sender planned for this copy (null: forward to every neighbour, as before relay hints).
/// </summary>
[GenerateSerializer, Immutable, Alias("p2p.SearchRequest")]
public sealed record SearchRequest(
    [property: Id(0)] Guid QueryId,
    [property: Id(1)] string Query,
    [property: Id(2)] int Ttl,
    [property: Id(3)] int Fanout,
    [property: Id(4)] string Origin,
    [property: Id(5)] ImmutableArray<string> Path,
    [property: Id(6)] int DeadlineMs,
    [property: Id(7)] RelayHints? Hints = null)
{
    /// <summary>True at the origin (a client asked); false for a hop forwarded by another peer.</summary>
    public bool FromClient => Path.IsDefaultOrEmpty;
}
