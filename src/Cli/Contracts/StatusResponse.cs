using System.Text.Json;

namespace OrleansP2P.Cli.Contracts;

// GET /status (ARCHITECTURE.md, "REST contract"). The config is shown only with --json, so it stays raw.

public sealed record StatusStats(int Files, long Bytes, long IndexVersion, int Neighbours, int HealthyNeighbours);

public sealed record StatusResponse(
    string Peer,
    string Url,
    JsonElement Config,
    StatusStats Stats,
    IReadOnlyList<string> HealthyPeers,
    IReadOnlyList<PeerDto> AllPeers,
    double Uptime);
