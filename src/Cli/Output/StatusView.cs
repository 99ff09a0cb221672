using OrleansP2P.Contracts.Rest;
using Spectre.Console;

namespace OrleansP2P.Cli.Output;

/// <summary>Renders <c>GET /status</c> as a two-column summary.</summary>
public static class StatusView
{
    public static void Render(StatusResponse status)
    {
        var stats = status.Stats;
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        AddRow(grid, "peer", status.Peer);
        AddRow(grid, "url", status.Url);
        AddRow(grid, "uptime", Format.Duration(TimeSpan.FromSeconds(status.Uptime)));
        AddRow(grid, "files", $"{stats.Files} ({Format.Bytes(stats.Bytes)}), index version {stats.IndexVersion}");
        AddRow(grid, "neighbours", $"{stats.HealthyNeighbours} healthy of {stats.Neighbours}");
        AddRow(grid, "healthy peers", status.HealthyPeers.Count == 0 ? "none" : string.Join(", ", status.HealthyPeers));
        AnsiConsole.Write(grid);
    }

    private static void AddRow(Grid grid, string label, string value) =>
        grid.AddRow(new Text(label, new Style(decoration: Decoration.Bold)), new Text(Format.Safe(value)));
}
