using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Contracts;

/// <summary>Grain records to the directory endpoints' DTOs.</summary>
public static class DirectoryMapping
{
    public static PeerDto ToDto(this NeighbourInfo n) => new(n.Url, n.Name, n.Healthy, n.LastSeenUnix, n.Failures);
}
