using System.Collections.Immutable;

namespace OrleansP2P.Grains.Abstractions;

/// <summary>
/// What a sender tells the receiver of a forward besides the query. <see cref="Relay"/>: the receiver's neighbours it
/// forwards to, planned on the neighbour list named by <see cref="View"/> (null: no plan, it forwards to all of them).
/// <see cref="Known"/>: peers known to be reached with at least the given ttl, so they need no copy with less.
/// </summary>
[GenerateSerializer, Immutable, Alias("p2p.RelayHints")]
public sealed record RelayHints(
    [property: Id(0)] ImmutableArray<string> Relay,
    [property: Id(1)] string? View,
    [property: Id(2)] ImmutableDictionary<string, int> Known)
{
    /// <summary>No plan and nothing known: the receiver floods, as every copy did before relay hints.</summary>
    public static RelayHints None { get; } = new([], null, ImmutableDictionary<string, int>.Empty);
}
