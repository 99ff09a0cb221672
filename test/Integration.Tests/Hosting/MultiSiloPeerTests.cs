using System.Net;
using System.Text.Json;
using OrleansP2P.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansP2P.Integration.Tests.Hosting;

/// <summary>
/// One peer ("hub") backed by two silos of one Orleans cluster, clustered through Redis and
/// sharing one shared dir: either silo answers for the same identity, and the peer survives
/// the loss of a silo.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class MultiSiloPeerTests(ITestOutputHelper output)
{
    private const string HubFile = "hub-file.txt";
    private const string HubFileText = "on the hub\n";
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(60);

    [RedisFact]
    public async Task Two_silos_answer_for_one_peer_and_the_peer_survives_losing_one_of_them()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var neighbour = await StallingPeer.StartAsync("neighbour"); // a URL is admitted once it answers /health
        var config = new Dictionary<string, object?>
        {
            ["clustering"] = "redis",
            ["storage"] = "redis",
            ["redis"] = redis.ConnectionString,
            ["rescan_interval_s"] = 2,
        };
        await using var siloA = await PeerProcess.StartAsync("hub", dir => File.WriteAllText(Path.Combine(dir, HubFile), HubFileText), config);
        await using var siloB = await PeerProcess.StartAsync("hub", config: new Dictionary<string, object?>(config) { ["shared_dir"] = siloA.SharedDir });

        foreach (var silo in new[] { siloA, siloB })
        {
            var health = await silo.GetJsonAsync("/health");
            Assert.Equal("hub", health.GetProperty("peer").GetString());
            await silo.WaitForFilesAsync(1);
            Assert.Equal([HubFile], HubCalls.FileNames(await silo.GetJsonAsync("/files")));
            Assert.Equal(HubFileText, await HubCalls.DownloadTextAsync(silo, HubFile));
        }

        await siloA.RegisterAsync(neighbour.Url);
        Assert.Contains(neighbour.Url, KnownPeers(await siloB.GetJsonAsync("/peers")));

        await siloA.KillAsync();
        var seen = new List<HttpStatusCode>();
        var files = await Poll.UntilAsync(() => HubCalls.GetAsync(siloB, "/files", seen), f => f is { } json && HubCalls.FileNames(json).Count == 1, Failover,
            "the hub answering /files through silo B after silo A died");
        var peers = await Poll.UntilAsync(() => HubCalls.GetAsync(siloB, "/peers", seen), p => p is { } json && KnownPeers(json).Contains(neighbour.Url), Failover,
            "the hub answering /peers through silo B after silo A died");

        output.WriteLine($"answers through silo B while silo A was dying: {string.Join(", ", seen.Select(s => (int)s))}");
        Assert.Equal([HubFile], HubCalls.FileNames(files!.Value));
        Assert.Contains(neighbour.Url, KnownPeers(peers!.Value));
        Assert.Equal(HubFileText, await HubCalls.DownloadTextAsync(siloB, HubFile));
        Assert.All(seen, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable,
            $"while a silo was dying the peer answered {(int)status}; only 200 or 503 are acceptable"));
    }

    private static List<string> KnownPeers(JsonElement peers) =>
        [.. peers.GetProperty("all_peers").EnumerateArray().Select(p => p.GetProperty("url").GetString()!)];
}
