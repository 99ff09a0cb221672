using System.Text.Json;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli.Tests.Commands;

/// <summary><c>p2p link NAME</c>: a shared file's magnet link from the peer's <c>/files</c>, or one line saying why not.</summary>
[Collection(ProcessState.Name)]
public sealed class LinkCommandTests : IAsyncLifetime
{
    private const string Sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string Tree = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    private StubDirectoryPeer _peer = null!;

    public async Task InitializeAsync() => _peer = await StubDirectoryPeer.StartAsync(
        File("report (final) #2.pdf", Tree),
        File("old-peer.bin", tree: null));

    public async Task DisposeAsync() => await _peer.DisposeAsync();

    [Fact]
    public async Task Link_prints_the_magnet_link_of_a_shared_file_that_get_accepts()
    {
        var run = await CliRun.RunAsync("link", "report (final) #2.pdf", "--peer", _peer.Url);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var printed = run.Out.Trim();
        Assert.Equal($"magnet:?xt=urn:sha256:{Sha256}&x.tree={Tree}&xl=1234&dn=report%20%28final%29%20%232.pdf", printed);
        Assert.True(MagnetLink.TryParse(printed, out var link, out _));
        Assert.Equal("report (final) #2.pdf", link.Name);
    }

    [Fact]
    public async Task Link_with_json_prints_name_size_hashes_and_the_link()
    {
        var run = await CliRun.RunAsync("link", "report (final) #2.pdf", "--peer", _peer.Url, "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var json = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal((Sha256, Tree, 1234L), (json.GetProperty("sha256").GetString(), json.GetProperty("tree").GetString(), json.GetProperty("size").GetInt64()));
        Assert.StartsWith("magnet:?xt=urn:sha256:", json.GetProperty("link").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such.pdf", "shares no file named 'no-such.pdf'")]
    [InlineData("REPORT (final) #2.pdf", "case-sensitive")]
    [InlineData("old-peer.bin", "without a piece tree")]
    public async Task Link_of_a_file_the_peer_cannot_link_fails_with_one_error_line(string name, string why)
    {
        var run = await CliRun.RunAsync("link", name, "--peer", _peer.Url);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        run.AssertOneErrorLine(why);
        Assert.Empty(run.Out);
    }

    private static FileDto File(string name, string? tree) =>
        new(name, 1234, 0, Sha256, Path.GetExtension(name), "application/octet-stream", null, null, tree is null ? null : PieceTree.PieceSize, tree);
}
