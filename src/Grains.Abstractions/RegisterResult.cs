using System.Collections.Immutable;

namespace OrleansP2P.Grains.Abstractions;

/// <summary>Outcome of adding a neighbour: whether it is now known, why not, and every known URL.</summary>
[GenerateSerializer, Immutable, Alias("p2p.RegisterResult")]
public sealed record RegisterResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? Error,
    [property: Id(2)] ImmutableArray<string> Peers);
