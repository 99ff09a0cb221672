using System.Diagnostics;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Search;

[Collection(PeerCollection.Name)]
public sealed class SearchFaultTests
{
    [Fact]
    public async Task A_killed_peer_in_a_ring_leaves_the_reachable_results_and_complete_false()
    {
        // The dead peer must still be a search target when the search runs (a neighbour already marked unhealthy is
        // skipped and does not make the answer incomplete), however slowly a loaded machine gets there.
        await using var net = await PeerNetwork.StartAsync(4, PeerNetwork.Ring(4), PeerNetwork.OneFileEach,
            new Dictionary<string, object?> { ["health_failures"] = 100 });
        await net.WaitForIndexesAsync();
        await net[3].KillAsync();

        var result = await net.SearchAsync(1, "only-on", ttl: 3);

        Assert.False(result.GetProperty("complete").GetBoolean());
        Assert.Equal(["peer1", "peer2", "peer4"], PeerNetwork.PeersWithHits(result));
        Assert.Equal(3, result.GetProperty("peers_reached").GetInt32());
    }

    [Fact]
    public async Task A_hung_peer_does_not_hold_the_search_past_its_deadline()
    {
        const int deadlineMs = 1500;
        await using var hung = await StallingPeer.StartAsync("hung"); // answers /health, never a search
        await using var net = await PeerNetwork.StartAsync(2, PeerNetwork.Line(2), PeerNetwork.OneFileEach,
            new Dictionary<string, object?> { ["search_timeout_ms"] = deadlineMs });
        await net.WaitForIndexesAsync();
        await net[1].RegisterAsync(hung.Url);

        var clock = Stopwatch.StartNew();
        var result = await net.SearchAsync(1, "only-on", ttl: 2);
        clock.Stop();

        Assert.False(result.GetProperty("complete").GetBoolean());
        Assert.Equal(["peer1", "peer2"], PeerNetwork.PeersWithHits(result));
        Assert.True(clock.ElapsedMilliseconds < deadlineMs + 2000, // a hang would be the HTTP timeout (30 s) or worse
            $"the search took {clock.ElapsedMilliseconds} ms with a {deadlineMs} ms deadline");
    }

    [Fact]
    public async Task A_slow_deep_peer_does_not_erase_the_results_of_the_shallower_ones()
    {
        // Each hop keeps a share of what is left for its own reply; a deadline this long leaves the hop above the slow
        // peer a margin that survives a loaded machine's scheduling delays (seen: 450 ms at a load average of 30).
        const int deadlineMs = 4000;
        await using var slow = await new RoguePeer("slow").StartAsync();
        slow.Forward = RogueAnswers.Late(RogueAnswers.ForwardWithFiles("slow", slow.Url, 1, "only-on-slow"), TimeSpan.FromSeconds(30));
        await using var net = await PeerNetwork.StartAsync(3, PeerNetwork.Line(3), PeerNetwork.OneFileEach,
            new Dictionary<string, object?> { ["search_timeout_ms"] = deadlineMs });
        await net.WaitForIndexesAsync();
        await net[3].RegisterAsync(slow.Url); // 1–2–3–slow: the slow peer is three hops deep

        var clock = Stopwatch.StartNew();
        var result = await net.SearchAsync(1, "only-on", ttl: 3);
        clock.Stop();

        Assert.NotEmpty(slow.ForwardBodies);
        Assert.False(result.GetProperty("complete").GetBoolean());
        Assert.Equal(["peer1", "peer2", "peer3"], PeerNetwork.PeersWithHits(result));
        Assert.Equal(3, result.GetProperty("peers_reached").GetInt32());
        Assert.True(clock.ElapsedMilliseconds < deadlineMs + 1500, $"the search took {clock.ElapsedMilliseconds} ms with a {deadlineMs} ms deadline");
    }
}
