using OrleansP2P.Cli.Output;
using OrleansP2P.Contracts.Rest;
using static OrleansP2P.Cli.Tests.Output.Rendered;

namespace OrleansP2P.Cli.Tests.Output;

/// <summary><c>status</c> piped: one <c>key&lt;TAB&gt;value</c> line per field; on a terminal a grid.</summary>
public sealed class StatusViewTests
{
    private static readonly string LongUrl = "http://" + new string('h', 110) + ".example:8001";

    private static readonly StatusResponse Status = new(LongName, LongUrl, new Dictionary<string, object?>(),
        new StatusStats(Files: 3, Bytes: 4096, IndexVersion: 7, Neighbours: 2, HealthyNeighbours: 1, Searches: 5, SearchDuplicates: 0, DroppedForwards: 0),
        [LongUrl], [], Uptime: 125);

    [Fact]
    public void Piped_status_output_is_one_key_and_value_per_line()
    {
        var piped = Piped(output => StatusView.Render(Status, output));

        var lines = piped.Lines;
        Assert.All(lines, line => Assert.Equal(2, line.Split('\t').Length));
        Assert.Equal(
        [
            ["peer", LongName],
            ["url", LongUrl],
            ["uptime", "2m 05s"],
            ["files", "3 (4.0 KiB), index version 7"],
            ["neighbours", "1 healthy of 2"],
            ["healthy peers", LongUrl],
        ], lines.Select(line => line.Split('\t')));
        piped.AssertPlain();
        Assert.Equal("", piped.Error);
    }

    [Fact]
    public void On_a_terminal_status_is_a_grid_without_tabs()
    {
        var shown = OnTerminal(output => StatusView.Render(Status with { Peer = "peer1", Url = "http://127.0.0.1:8001", HealthyPeers = [] }, output));

        Assert.DoesNotContain('\t', shown.Out);
        Assert.Contains("healthy peers", shown.Out, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:8001", shown.Out, StringComparison.Ordinal);
    }
}
