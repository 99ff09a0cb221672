using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Api.Contracts;

/// <summary>Grain records to the directory endpoints' DTOs.</summary>
public static class ContractMapping
{
    public static PeerDto ToDto(this NeighbourInfo n) => new(n.Url, n.Name, n.Healthy, n.LastSeenUnix, n.Failures);
}
