using System.Net;
using System.Text.Json;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary><c>p2p get</c> as its own process against real peers that hold the same file, each at its upload rate.</summary>
[Collection(PeerCollection.Name)]
public sealed class SwarmDownloadTests(SwarmNetwork swarm) : IClassFixture<SwarmNetwork>, IDisposable
{
    private readonly TempFolder _out = new("swarm-get");

    [Fact]
    public async Task Get_of_a_link_is_exact_and_each_of_the_three_holders_serves_at_least_a_fifth()
    {
        var before = await swarm.ServedAsync();

        var run = await GetAsync(swarm.Link.ToString());

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(swarm.Hashes.Sha256, TestFiles.Sha256(_out.PathOf(SwarmNetwork.Name)));
        await swarm.ServedSinceAsync(before, SwarmNetwork.Size);
        var served = (await swarm.ServedAsync()).Zip(before, (after, was) => after - was).ToList();
        Assert.All(served, bytes => Assert.True(bytes >= SwarmNetwork.Size / 5, $"shares: {string.Join(", ", served)}"));
        var sources = Result(run).GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(3, sources.Count(s => s.GetProperty("bytes").GetInt64() >= SwarmNetwork.Size / 5));
    }

    [Fact]
    public async Task A_holder_serving_corrupt_bytes_is_dropped_after_its_first_bad_piece_and_the_result_is_exact()
    {
        await using var rogue = await new RoguePeer("corrupt").StartAsync();
        using var corrupt = new ServedContent(await File.ReadAllBytesAsync(swarm.Source), new HolderBehaviour { Corrupt = true });
        rogue.Pieces = corrupt.PiecesAsync;
        rogue.Content = corrupt.ContentAsync;
        rogue.Forward = RogueAnswers.Json(JsonSerializer.Serialize(new
        {
            results = new[] { new PeerResultDto("corrupt", rogue.Url, null, [FileOf(swarm)]) },
            complete = true,
            peers_reached = 1,
        }, P2PJson.Options));
        await swarm.Network[1].RegisterAsync(rogue.Url);

        var run = await GetAsync(swarm.Link.ToString());

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(swarm.Hashes.Sha256, TestFiles.Sha256(_out.PathOf(SwarmNetwork.Name)));
        var bad = Assert.Single(Result(run).GetProperty("sources").EnumerateArray(), s => s.GetProperty("url").GetString() == rogue.Url);
        Assert.Equal(1, bad.GetProperty("bad_pieces").GetInt32());
        Assert.Contains("does not match its leaf", bad.GetProperty("dropped").GetString(), StringComparison.Ordinal);
        Assert.True(corrupt.BytesServed > 0);
    }

    [Fact]
    public async Task Get_killed_midway_resumes_and_the_holders_serve_at_most_the_file_and_16_MiB_in_all()
    {
        var before = await swarm.ServedAsync();
        double? killedAt = null;

        var first = await GetAsync(swarm.Link.ToString(), line =>
        {
            if (Fraction(line) is not { } fraction || fraction is < 0.25 or > 0.75)
                return false;
            killedAt = fraction;
            return true;
        });
        Assert.True(first.Killed, $"no progress line between 25 and 75 %: {string.Join(Environment.NewLine, first.Lines)}");
        Assert.True(File.Exists(_out.PathOf(SwarmNetwork.Name + ".part.pieces")));

        var second = await GetAsync(swarm.Link.ToString());

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(swarm.Hashes.Sha256, TestFiles.Sha256(_out.PathOf(SwarmNetwork.Name)));
        Assert.True(Result(second).GetProperty("resumed_bytes").GetInt64() > 0, $"killed at {killedAt:P0}, nothing resumed");
        var served = await swarm.ServedSinceAsync(before, SwarmNetwork.Size);
        Assert.True(served <= SwarmNetwork.Size + (16 << 20), $"the holders served {served} bytes for a file of {SwarmNetwork.Size}");
        Assert.False(File.Exists(_out.PathOf(SwarmNetwork.Name + ".part")));
    }

    [Fact]
    public async Task A_hash_search_finds_exactly_the_three_holders_and_an_unknown_hash_is_404_on_content_and_pieces()
    {
        var search = await swarm.Network.SearchAsync(1, $"urn:sha256:{swarm.Hashes.Sha256}", ttl: 2);
        var unknown = new string('0', 64);
        using var content = await swarm.Network[2].Http.GetAsync($"/content/{unknown}");
        using var pieces = await swarm.Network[2].Http.GetAsync($"/pieces/{unknown}");

        Assert.Equal(["peer1", "peer2", "peer3"], PeerNetwork.PeersWithHits(search));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (content.StatusCode, pieces.StatusCode));
    }

    [Fact]
    public async Task A_link_whose_xt_and_tree_disagree_fails_and_saves_nothing()
    {
        var link = swarm.Link with { Tree = new string('f', 64) };

        var run = await GetAsync(link.ToString());

        Assert.Equal(Cli.ExitCodes.Failure, run.ExitCode);
        Assert.Contains("the link's xt and x.tree name different contents", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_out.Root));
    }

    public void Dispose() => _out.Dispose();

    private Task<CliProcess.Run> GetAsync(string link, Func<string, bool>? onLine = null) =>
        CliProcess.RunAsync(["get", link, "--out", _out.Root, "--peer", swarm.Network[1].Url, "--json"], onLine);

    /// <summary>The one content of the final answer (a JSON array on the last line).</summary>
    private static JsonElement Result(CliProcess.Run run) => Assert.Single(JsonDocument.Parse(run.Lines[^1]).RootElement.EnumerateArray());

    private static double? Fraction(string line) =>
        line.StartsWith('{') && JsonDocument.Parse(line).RootElement.TryGetProperty("verified_fraction", out var f) ? f.GetDouble() : null;

    private static FileDto FileOf(SwarmNetwork swarm) => new(SwarmNetwork.Name, SwarmNetwork.Size, 0, swarm.Hashes.Sha256, ".bin",
        "application/octet-stream", null, null, Contracts.Content.PieceTree.PieceSize, swarm.Hashes.Tree);
}
