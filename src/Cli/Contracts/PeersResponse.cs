namespace OrleansP2P.Cli.Contracts;

// GET /peers (ARCHITECTURE.md, "REST contract"). last_seen is Unix seconds, null when never polled.

public sealed record PeerDto(string Url, string? Name, bool Healthy, long? LastSeen, int Failures);

public sealed record PeerStats(int Total, int Healthy, int Unhealthy);

public sealed record PeersResponse(IReadOnlyList<string> Peers, IReadOnlyList<PeerDto> AllPeers, PeerStats Stats);
