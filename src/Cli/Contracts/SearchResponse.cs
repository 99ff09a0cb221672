namespace OrleansP2P.Cli.Contracts;

// GET /search (ARCHITECTURE.md, "REST contract" and "Search semantics").

/// <summary>The files one peer holds that match the query; <c>grpc</c> is that peer's host:port for downloads.</summary>
public sealed record SearchHit(string Peer, string Url, string? Grpc, IReadOnlyList<FileDto> Files);

public sealed record SearchResponse(
    string Query,
    string QueryId,
    int Ttl,
    int FanoutUsed,
    bool Complete,
    int PeersReached,
    double ElapsedMs,
    IReadOnlyList<SearchHit> Results);
