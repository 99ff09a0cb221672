using OrleansP2P.Api.Transfer;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Api.Search;

/// <summary>One peer's hits between the grain record and the wire.</summary>
public static class SearchMapping
{
    public static PeerResultDto ToDto(this PeerHits hits) =>
        new(hits.Peer, hits.Url, hits.Grpc, hits.Files.ToDtos(hits.Url, hits.Grpc));

    public static PeerHits ToHits(this PeerResultDto dto) =>
        new(dto.Peer, dto.Url, dto.Grpc ?? "", [.. (dto.Files ?? []).Select(FileMapping.ToEntry)]);
}
