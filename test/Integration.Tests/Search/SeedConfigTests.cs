using System.Text.Json;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Search;

/// <summary>The seed report's test, "fanout=3 reaches all nodes", on the four configs the repo ships.</summary>
[Collection(PeerCollection.Name)]
public sealed class SeedConfigTests
{
    [Fact]
    public async Task Fanout_3_from_peer1_reaches_all_four_configured_peers()
    {
        // The shipped topology (friends) and sample files, on free ports so a running demo is not disturbed.
        var configs = Enumerable.Range(1, 4)
            .Select(i => JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "configs", $"peer{i}.json"))).RootElement)
            .ToList();
        var edges = configs.SelectMany((c, i) => Friends(c).Select(port => (i + 1, port - 8000))).ToList();
        Assert.NotEmpty(edges);
        await using var net = await PeerNetwork.StartAsync(4, edges, (i, dir) => CopySamples(configs[i - 1], dir));
        var expected = configs.Select(c => Directory.GetFiles(SamplesOf(c)).Length).ToList();
        await Task.WhenAll(net.Peers.Select((p, i) => p.WaitForFilesAsync(expected[i])));

        var result = await net.SearchAsync(1, "*", ttl: 3, fanout: 3);

        Assert.Equal(4, result.GetProperty("peers_reached").GetInt32());
        Assert.True(result.GetProperty("complete").GetBoolean());
        Assert.Equal(["peer1", "peer2", "peer3", "peer4"], PeerNetwork.PeersWithHits(result));
        var files = result.GetProperty("results").EnumerateArray().Sum(r => r.GetProperty("files").GetArrayLength());
        Assert.Equal(expected.Sum(), files);
    }

    private static readonly string[] FriendKeys = ["friend_primary", "friend_secondary"];

    private static IEnumerable<int> Friends(JsonElement config) =>
        FriendKeys
            .Select(k => config.GetProperty(k).GetString())
            .Where(url => !string.IsNullOrEmpty(url))
            .Select(url => new Uri(url!).Port);

    private static string SamplesOf(JsonElement config) =>
        Path.GetFullPath(config.GetProperty("shared_dir").GetString()!, Path.Combine(RepoPaths.Root, "configs"));

    private static void CopySamples(JsonElement config, string dir)
    {
        foreach (var file in Directory.GetFiles(SamplesOf(config)))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
    }
}
