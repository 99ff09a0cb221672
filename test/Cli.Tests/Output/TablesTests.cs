using OrleansP2P.Cli.Output;
using OrleansP2P.Contracts.Rest;
using static OrleansP2P.Cli.Tests.Output.Rendered;

namespace OrleansP2P.Cli.Tests.Output;

/// <summary>
/// <c>files</c>, <c>peers</c> and <c>search</c> piped into another program: one whole, tab-separated line per item
/// under a header line, summaries on stderr; on a terminal they stay tables.
/// </summary>
public sealed class TablesTests
{
    private static readonly FilesResponse TwoFiles = new("peer1", "/srv/share",
    [
        new FileDto(LongName, 2048, 1_700_000_000, Sha256, ".txt", "text", null, null),
        new FileDto("short.bin", 5, 1_700_000_000, "", ".bin", null, null, null),
    ]);

    [Fact]
    public void Piped_files_output_is_one_tab_separated_row_per_file()
    {
        var piped = Piped(output => Tables.Files(TwoFiles, output));

        var lines = piped.Lines;
        Assert.Equal(["name", "size", "type", "sha256", "modified"], lines[0].Split('\t'));
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Equal(5, line.Split('\t').Length));
        var row = Assert.Single(lines, line => line.Contains(LongName, StringComparison.Ordinal)).Split('\t');
        Assert.Equal(LongName, row[0]);
        Assert.Equal("text", row[2]);
        Assert.Equal(Sha256, row[3]);
        Assert.Equal("-", Assert.Single(lines, line => line.StartsWith("short.bin\t", StringComparison.Ordinal)).Split('\t')[3]);
        piped.AssertPlain();
        Assert.Equal("2 files on peer1 (/srv/share)" + Environment.NewLine, piped.Error);
    }

    [Fact]
    public void Piped_peers_output_is_one_tab_separated_row_per_peer()
    {
        var longUrl = "http://" + new string('h', 110) + ".example:8002";
        var answer = new PeersResponse([longUrl],
        [
            new PeerDto(longUrl, LongName, Healthy: true, LastSeen: null, Failures: 0),
            new PeerDto("http://127.0.0.1:8003", null, Healthy: false, LastSeen: null, Failures: 12),
        ], new PeerStats(2, 1, 1));

        var piped = Piped(output => Tables.Peers(answer, output));

        var lines = piped.Lines;
        Assert.Equal(["url", "name", "healthy", "last seen", "failures"], lines[0].Split('\t'));
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Equal(5, line.Split('\t').Length));
        Assert.Equal([longUrl, LongName, "yes", "never", "0"], Assert.Single(lines, line => line.Contains(longUrl, StringComparison.Ordinal)).Split('\t'));
        Assert.Equal(["http://127.0.0.1:8003", "-", "no", "never", "12"], lines[2].Split('\t'));
        piped.AssertPlain();
        Assert.Equal("1 healthy, 1 unhealthy" + Environment.NewLine, piped.Error);
    }

    [Fact]
    public void Piped_search_output_is_one_tab_separated_row_per_hit_with_summary_and_warning_on_stderr()
    {
        var answer = new SearchResponseDto("hello", "id", Ttl: 3, FanoutUsed: 2, Complete: false, PeersReached: 4, ElapsedMs: 12.5,
        [
            new PeerResultDto("peer1", "http://127.0.0.1:8001", "127.0.0.1:50051",
                [new FileDto(LongName, 2048, 1, Sha256, ".txt", "text", null, Grpc: null)]),
            new PeerResultDto("peer2", "http://127.0.0.1:8002", "127.0.0.1:50052",
                [new FileDto(LongName, 2048, 1, Sha256, ".txt", "text", null, Grpc: "127.0.0.1:50099"),
                 new FileDto("hello.md", 3, 1, Sha256, ".md", "text", null, Grpc: null)]),
        ]);

        var piped = Piped(output => Tables.Search(answer, output));

        var lines = piped.Lines;
        Assert.Equal(["peer", "file", "size", "sha256", "grpc"], lines[0].Split('\t'));
        Assert.Equal(4, lines.Length);
        Assert.All(lines, line => Assert.Equal(5, line.Split('\t').Length));
        Assert.Equal(["peer1", LongName, "2.0 KiB", Sha256, "127.0.0.1:50051"], lines[1].Split('\t'));
        Assert.Equal(["peer2", LongName, "2.0 KiB", Sha256, "127.0.0.1:50099"], lines[2].Split('\t'));
        Assert.Equal(["peer2", "hello.md", "3 B", Sha256, "127.0.0.1:50052"], lines[3].Split('\t'));
        piped.AssertPlain();
        Assert.DoesNotContain("warning", piped.Out, StringComparison.Ordinal);
        var notes = piped.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, notes.Length);
        Assert.StartsWith("3 files from 2 peers; 4 peers reached", notes[0], StringComparison.Ordinal);
        Assert.Equal("warning: incomplete, some peers did not answer in time", notes[1]);
    }

    [Fact]
    public void A_tab_newline_or_escape_in_a_peer_supplied_name_cannot_split_a_piped_row()
    {
        var answer = new FilesResponse("peer1", "/srv/share",
            [new FileDto("evil\tname\r\nwith\u001b[31mcolour", 1, 1, Sha256, null, null, null, null)]);

        var piped = Piped(output => Tables.Files(answer, output));

        var lines = piped.Lines;
        Assert.Equal(2, lines.Length);
        var cells = lines[1].Split('\t');
        Assert.Equal(5, cells.Length);
        Assert.Equal("evil?name??with?[31mcolour", cells[0]);
        piped.AssertPlain();
    }

    [Fact]
    public void A_piped_empty_listing_is_the_header_line_alone_with_the_message_on_stderr()
    {
        var piped = Piped(output => Tables.Files(new FilesResponse("peer1", "/srv/share", []), output));

        Assert.Equal(["name\tsize\ttype\tsha256\tmodified"], piped.Lines);
        Assert.Equal("peer1 shares no files" + Environment.NewLine, piped.Error);
    }

    [Fact]
    public void On_a_terminal_files_are_still_a_table_with_the_short_hash_and_the_caption_under_it()
    {
        var shown = OnTerminal(output => Tables.Files(TwoFiles, output));

        Assert.Contains('╭', shown.Out);
        Assert.Contains('│', shown.Out);
        Assert.Contains(Sha256[..12] + "…", shown.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Sha256, shown.Out, StringComparison.Ordinal);
        Assert.Contains("2 files on peer1 (/srv/share)", shown.Out, StringComparison.Ordinal);
        Assert.Equal("", shown.Error);
    }

    [Fact]
    public void On_a_terminal_a_caption_naming_a_peer_with_brackets_is_printed_as_text()
    {
        var answer = TwoFiles with { Peer = "[red]peer[/]" };

        var shown = OnTerminal(output => Tables.Files(answer, output));

        Assert.Contains("2 files on [red]peer[/] (/srv/share)", shown.Out, StringComparison.Ordinal);
    }
}
