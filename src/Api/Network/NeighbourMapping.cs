using OrleansP2P.Api.Search;
using OrleansP2P.Api.Transfer;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Api.Network;

/// <summary>Grain records to the directory endpoints' DTOs.</summary>
public static class NeighbourMapping
{
    public static PeerDto ToDto(this NeighbourInfo n) => new(n.Url, n.Name, n.Healthy, n.LastSeenUnix, n.Failures);

    /// <summary>The <c>links</c> of <c>/health</c>: each advertised neighbour, <c>mutual</c> when it lists this peer back.</summary>
    public static List<LinkDto> ToDtos(this NeighbourLinks links) =>
        [.. links.Peers.Select(url => new LinkDto(url, links.Mutual.Contains(url)))];
}
