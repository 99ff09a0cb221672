namespace OrleansP2P.Grains.Abstractions;

/// <summary>
/// What a peer says of itself in <c>/health</c>, as its <c>IPeerGrain</c> holds it: the neighbour list it advertises
/// and the version of its routing levels (null before its first scan). For the processes of a peer that do not host
/// the grain (a gateway), so that every door of the peer answers alike.
/// </summary>
[GenerateSerializer, Immutable, Alias("p2p.PeerAdvert")]
public sealed record PeerAdvert(
    [property: Id(0)] NeighbourLinks? Links,
    [property: Id(1)] long? RoutingVersion);
