namespace OrleansP2P.Grains.Contracts;

/// <summary>Body of <c>POST /search/forward</c>, the peer-to-peer hop.</summary>
public sealed record ForwardRequestDto(
    string? QueryId, string? Query, int Ttl, int Fanout, string? Origin, IReadOnlyList<string>? Path, int DeadlineMs);

/// <summary>Answer of <c>POST /search/forward</c>.</summary>
public sealed record ForwardResponseDto(IReadOnlyList<PeerResultDto> Results, bool Complete, int PeersReached);

/// <summary>Answer of <c>GET /search</c>.</summary>
public sealed record SearchResponseDto(
    string Query, string QueryId, int Ttl, int FanoutUsed, bool Complete, int PeersReached, long ElapsedMs,
    IReadOnlyList<PeerResultDto> Results);
