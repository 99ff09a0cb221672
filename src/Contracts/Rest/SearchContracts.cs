namespace OrleansP2P.Contracts.Rest;

/// <summary>One peer's hits on the wire; <c>grpc</c> is that peer's host:port for downloads.</summary>
public sealed record PeerResultDto(string Peer, string Url, string? Grpc, IReadOnlyList<FileDto> Files);

/// <summary>
/// Body of <c>POST /search/forward</c>, the peer-to-peer hop; an absent <c>deadline_ms</c> means the receiver's
/// <c>search_timeout_ms</c>. Optional relay hints (docs/architecture.md, "Relayed forwarding"): <c>relay</c> names the
/// receiver's neighbours it forwards to, valid only while <c>relay_view</c> equals the receiver's own
/// <see cref="PeerLinks.ViewOf"/> (else, or when absent, it forwards to all of them); <c>known</c> maps peer URLs to
/// a ttl each is known to be reached with. <c>sent_at_ms</c> (optional, Unix milliseconds on the sender's clock): the
/// receiver takes the time the copy spent on the way (queued included) off <c>deadline_ms</c>, when its own clock puts
/// that between 0 and <c>deadline_ms</c>.
/// </summary>
public sealed record ForwardRequestDto(
    string? QueryId, string? Query, int Ttl, int Fanout, string? Origin, IReadOnlyList<string>? Path, int? DeadlineMs,
    IReadOnlyList<string>? Relay = null, string? RelayView = null, IReadOnlyDictionary<string, int>? Known = null,
    long? SentAtMs = null);

/// <summary>
/// Answer of <c>POST /search/forward</c>. <c>truncated</c> (always written; absent from older peers, which reads as
/// false) says files were left out to keep the answer within <c>search_max_results</c>.
/// </summary>
public sealed record ForwardResponseDto(IReadOnlyList<PeerResultDto> Results, bool Complete, int PeersReached, bool Truncated = false);

/// <summary>
/// Answer of <c>GET /search</c>; <c>elapsed_ms</c> is whole milliseconds from this project's peers. <c>truncated</c>
/// as in <see cref="ForwardResponseDto"/>: the results hold <c>search_max_results</c> files and more were found.
/// </summary>
public sealed record SearchResponseDto(
    string Query, string QueryId, int Ttl, int FanoutUsed, bool Complete, int PeersReached, double ElapsedMs,
    IReadOnlyList<PeerResultDto> Results, bool Truncated = false);
