namespace OrleansP2P.Grains.Abstractions;

/// <summary>
/// A known neighbour. <see cref="LastSeenUnix"/> is null until it answered a health poll;
/// <see cref="Failures"/> counts consecutive failed polls.
/// </summary>
[GenerateSerializer, Immutable, Alias("p2p.NeighbourInfo")]
public sealed record NeighbourInfo(
    [property: Id(0)] string Url,
    [property: Id(1)] string? Name,
    [property: Id(2)] bool Healthy,
    [property: Id(3)] long? LastSeenUnix,
    [property: Id(4)] int Failures);
