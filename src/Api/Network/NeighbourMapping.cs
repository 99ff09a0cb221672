using OrleansP2P.Api.Search;
using OrleansP2P.Api.Transfer;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Api.Network;

/// <summary>Grain records to the directory endpoints' DTOs.</summary>
public static class NeighbourMapping
{
    public static PeerDto ToDto(this NeighbourInfo n) => new(n.Url, n.Name, n.Healthy, n.LastSeenUnix, n.Failures);
}
