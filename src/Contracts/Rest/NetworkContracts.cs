namespace OrleansP2P.Contracts.Rest;

// REST shapes of the network endpoints (snake_case on the wire): health, files, peers, register, status, bootstrap.
// See docs/architecture.md, "REST contract". Nullable fields are ones older peers may leave out.

/// <summary>
/// Answer of <c>/health</c>. <c>links</c> (optional; absent from older peers and from a peer with more than
/// <see cref="PeerLinks.MaxLinks"/> search targets) lists the neighbours this peer forwards searches to, each with
/// <c>mutual</c> when that neighbour lists this peer back: what other peers plan their forwards with. <c>routing</c>
/// (optional) is the version of this peer's <c>/routing</c> table: a neighbour fetches the table again when it changes.
/// </summary>
public sealed record HealthResponse(string Status, string Peer, int Version, IReadOnlyList<LinkDto>? Links = null, long? Routing = null);

/// <summary>One neighbour in a <c>/health</c> answer's <c>links</c>.</summary>
public sealed record LinkDto(string Url, bool Mutual);

/// <summary>
/// A shared file on the wire (<c>/files</c>, search results). <c>piece_size</c> and <c>tree</c> (the piece-tree root,
/// see <see cref="Content.PieceTree"/>) are null from peers older than content addressing.
/// </summary>
public sealed record FileDto(
    string Name, long Size, long Mtime, string Checksum, string? Extension, string? Type, string? RestUrl, string? Grpc,
    long? PieceSize = null, string? Tree = null);

public sealed record FilesResponse(string Peer, string Base, IReadOnlyList<FileDto> Files);

/// <summary>A neighbour on the wire; <c>last_seen</c> is Unix seconds, null when it never answered a health poll.</summary>
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
