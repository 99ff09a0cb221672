namespace OrleansP2P.Grains.Contracts;

// REST shapes of the directory endpoints (snake_case on the wire). See ARCHITECTURE.md, "REST contract".

public sealed record HealthResponse(string Status, string Peer, int Version);

public sealed record FilesResponse(string Peer, string Base, IReadOnlyList<FileDto> Files);

public sealed record PeerDto(string Url, string? Name, bool Healthy, long? LastSeen, int Failures);

public sealed record PeerStats(int Total, int Healthy, int Unhealthy);

public sealed record PeersResponse(IReadOnlyList<string> Peers, IReadOnlyList<PeerDto> AllPeers, PeerStats Stats);

public sealed record RegisterRequest(string? Url);

public sealed record RegisterResponse(bool Ok, IReadOnlyList<string> Peers);

public sealed record StatusStats(
    int Files, long Bytes, long IndexVersion, int Neighbours, int HealthyNeighbours, long Searches, long SearchDuplicates, long DroppedForwards);

public sealed record StatusResponse(
    string Peer,
    string Url,
    IReadOnlyDictionary<string, object?> Config,
    StatusStats Stats,
    IReadOnlyList<string> HealthyPeers,
    IReadOnlyList<PeerDto> AllPeers,
    double Uptime);

public sealed record BootstrapResponse(
    bool Ok, string Peer, IReadOnlyList<string> Registered, IReadOnlyList<string> Failed, IReadOnlyList<string> KnownPeers);
