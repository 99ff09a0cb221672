using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli.Output;

/// <summary>Renders <c>GET /status</c> as a two-column summary.</summary>
public static class StatusView
{
    public static void Render(StatusResponse status, TableOutput output)
    {
        var stats = status.Stats;
        output.Write(
        [
            ("peer", status.Peer),
            ("url", status.Url),
            ("uptime", Format.Duration(TimeSpan.FromSeconds(status.Uptime))),
            ("files", $"{stats.Files} ({Format.Bytes(stats.Bytes)}), index version {stats.IndexVersion}"),
            ("neighbours", $"{stats.HealthyNeighbours} healthy of {stats.Neighbours}"),
            ("healthy peers", status.HealthyPeers.Count == 0 ? "none" : string.Join(", ", status.HealthyPeers)),
        ]);
    }
}
