using OrleansP2P.Api.Transfer;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Api.Search;

/// <summary>One peer's hits from the grain record to the wire (the way in is <see cref="PeerClient.ForwardAnswers"/>: checked, not mapped).</summary>
public static class SearchMapping
{
    public static PeerResultDto ToDto(this PeerHits hits) =>
        new(hits.Peer, hits.Url, hits.Grpc, hits.Files.ToDtos(hits.Url, hits.Grpc));
}
