using System.Text.Json;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Neighbours;

/// <summary>Issue 5's membership scenario on real peers: any start order, a crash, a restart from memory.</summary>
[Collection(PeerCollection.Name)]
public sealed class NeighbourTests
{
    private static readonly TimeSpan JoinDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DetectDeadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Peers_started_in_reverse_order_find_their_friends_survive_a_crash_and_remember_peers_after_a_restart()
    {
        // The shipped configs' topology: peer i's friends are i+1 and i+2 (mod 4).
        var ports = Enumerable.Range(0, 4).Select(_ => FreePorts.Take(5)).ToArray();
        string Url(int i) => $"http://127.0.0.1:{ports[i - 1][0]}";
        int Friend(int i, int k) => (i - 1 + k) % 4 + 1;
        var peers = new PeerProcess[4];
        try
        {
            foreach (var i in new[] { 4, 3, 2, 1 })
            {
                peers[i - 1] = await PeerProcess.StartAsync($"peer{i}", dir => PeerNetwork.OneFileEach(i, dir), new Dictionary<string, object?>
                {
                    ["friend_primary"] = Url(Friend(i, 1)),
                    ["friend_secondary"] = Url(Friend(i, 2)),
                    ["health_interval_s"] = 1,
                    ["health_timeout_ms"] = 500,
                    ["health_failures"] = 2,
                }, ports[i - 1]);
            }

            // Within 30 s every peer knows its friends, and all its neighbours are healthy.
            foreach (var i in Enumerable.Range(1, 4))
            {
                await Poll.UntilAsync(() => peers[i - 1].GetJsonAsync("/peers"), p =>
                    HealthyUrls(p).IsSupersetOf([Url(Friend(i, 1)), Url(Friend(i, 2))])
                    && p.GetProperty("all_peers").EnumerateArray().All(n => n.GetProperty("healthy").GetBoolean()),
                    JoinDeadline, $"peer{i} seeing its friends healthy");
            }

            // Kill peer 3: its neighbours mark it unhealthy within 15 s and searches skip it.
            await peers[2].KillAsync();
            foreach (var i in new[] { 1, 2, 4 })
            {
                await Poll.UntilAsync(() => peers[i - 1].GetJsonAsync("/peers"), p => !HealthyUrls(p).Contains(Url(3)),
                    DetectDeadline, $"peer{i} marking peer3 unhealthy");
            }
            var search = await peers[0].GetJsonAsync("/search?query=only-on&ttl=3&cache=false");
            Assert.True(search.GetProperty("complete").GetBoolean(), "an unhealthy neighbour is skipped, not waited for");
            Assert.Equal(["peer1", "peer2", "peer4"], PeerNetwork.PeersWithHits(search));

            // Restart peer 3 with no friends at all: it remembers its peers from data_dir and is healthy again.
            await peers[2].RestartAsync(new Dictionary<string, object?> { ["friend_primary"] = "", ["friend_secondary"] = "" });
            var remembered = await peers[2].GetJsonAsync("/peers");
            var known = remembered.GetProperty("all_peers").EnumerateArray().Select(n => n.GetProperty("url").GetString()).ToHashSet();
            Assert.Superset(new HashSet<string?> { Url(1), Url(2), Url(4) }, known);
            foreach (var i in new[] { 1, 2, 4 })
            {
                await Poll.UntilAsync(() => peers[i - 1].GetJsonAsync("/peers"), p => HealthyUrls(p).Contains(Url(3)),
                    DetectDeadline, $"peer{i} seeing peer3 healthy again");
            }
            var after = await peers[0].GetJsonAsync("/search?query=only-on&ttl=3&cache=false");
            Assert.Equal(["peer1", "peer2", "peer3", "peer4"], PeerNetwork.PeersWithHits(after));
        }
        finally
        {
            foreach (var peer in peers.OfType<PeerProcess>())
                await peer.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_corrupt_state_file_means_starting_from_the_friends_not_a_crash()
    {
        await using var friend = await PeerProcess.StartAsync("friend");
        await using var peer = await PeerProcess.StartAsync("amnesiac", config: new Dictionary<string, object?> { ["friend_primary"] = friend.Url });
        // Wait for the last write the join causes (the friend's name, learned from its first health answer):
        // a later write would replace the corrupted file with a good one before the restart.
        await Poll.UntilAsync(() => Task.FromResult(StateFiles(peer).Select(File.ReadAllText).ToList()),
            states => states.Any(s => s.Contains("\"friend\"", StringComparison.Ordinal)), JoinDeadline, "the state file naming the friend");

        foreach (var file in StateFiles(peer))
            await File.WriteAllTextAsync(file, "{ this is not json");
        await peer.RestartAsync();

        var peers = await peer.GetJsonAsync("/peers");
        Assert.Contains(friend.Url, peers.GetProperty("all_peers").EnumerateArray().Select(n => n.GetProperty("url").GetString()));
        // The warning reaches the captured console output asynchronously.
        var log = await Poll.UntilAsync(() => Task.FromResult(peer.Log), l => l.Contains("unreadable", StringComparison.Ordinal),
            DetectDeadline, "the corrupt-state warning in the log");
        Assert.Contains("set aside", log, StringComparison.Ordinal);
    }

    private static string[] StateFiles(PeerProcess peer)
    {
        var folder = Path.Combine(peer.Folder, "data", "state");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json") : [];
    }

    private static HashSet<string> HealthyUrls(JsonElement peers) =>
        [.. peers.GetProperty("peers").EnumerateArray().Select(u => u.GetString()!)];
}
