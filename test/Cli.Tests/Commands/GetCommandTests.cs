using OrleansP2P.Contracts.Content;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli.Tests.Commands;

/// <summary><c>p2p get</c>'s arguments and what it does with a search answer before any byte is fetched.</summary>
[Collection(ProcessState.Name)]
public sealed class GetCommandTests : IAsyncLifetime
{
    private const string Tree = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("p2p-get-");
    private StubDirectoryPeer _peer = null!;

    public async Task InitializeAsync() => _peer = await StubDirectoryPeer.StartAsync();

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        _out.Delete(recursive: true);
    }

    [Fact]
    public async Task Get_lists_a_name_that_stands_for_two_contents_with_their_links_and_fetches_nothing()
    {
        _peer.SearchAnswer = Transfer.ContentGroupsTests.Answer(
            Transfer.ContentGroupsTests.Hit("http://127.0.0.1:1", Transfer.ContentGroupsTests.File("same.bin", 'a')),
            Transfer.ContentGroupsTests.Hit("http://127.0.0.1:2", Transfer.ContentGroupsTests.File("same.bin", 'b')));

        var run = await CliRun.RunAsync("get", "same", "--peer", _peer.Url, "--out", _out.FullName);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains($"xt=urn:sha256:{new string('a', 64)}", run.Out, StringComparison.Ordinal);
        Assert.Contains($"xt=urn:sha256:{new string('b', 64)}", run.Out, StringComparison.Ordinal);
        Assert.Contains("nothing was fetched for them", run.Error, StringComparison.Ordinal);
        Assert.Empty(_out.EnumerateFileSystemInfos());
    }

    [Theory]
    [InlineData("magnet:?xt=urn:sha256:zz&x.tree=" + Tree, "xt must be urn:sha256: and 64 hex digits")]
    [InlineData("magnet:?xt=urn:sha256:" + Tree + "&x.tree=" + Tree + "&dn=..%2Fescape", "dn is not a safe file name")]
    [InlineData("magnet:?xt=urn:sha256:" + Tree, "has no x.tree")]
    public async Task Get_refuses_a_link_it_cannot_use_as_a_usage_error(string link, string why)
    {
        var run = await CliRun.RunAsync("get", link, "--peer", _peer.Url, "--out", _out.FullName);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        run.AssertOneErrorLine("not a usable link", why);
        Assert.Empty(_out.EnumerateFileSystemInfos());
    }

    [Theory]
    [InlineData("--sources", "0")]
    [InlineData("--parallel", "17")]
    [InlineData("--idle-timeout", "0")]
    public async Task Get_refuses_counts_out_of_range(string option, string value)
    {
        var run = await CliRun.RunAsync("get", "x", option, value, "--peer", _peer.Url);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_of_a_link_that_no_peer_holds_fails_with_one_line_and_writes_nothing()
    {
        _peer.SearchAnswer = Transfer.ContentGroupsTests.Answer();
        var link = new MagnetLink(new string('c', 64), Tree, 10, "wanted.bin").ToString();

        var run = await CliRun.RunAsync("get", link, "--peer", _peer.Url, "--out", _out.FullName);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        run.AssertOneErrorLine("no peer holds wanted.bin");
        Assert.Empty(_out.EnumerateFileSystemInfos());
    }
}
