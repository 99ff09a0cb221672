namespace OrleansP2P.Grains.Tests.Search;

/// <summary>
/// The real search logic over an in-memory transport on random connected graphs: coverage is exactly
/// the breadth-first ball of radius ttl, and every peer in it executes the query exactly once.
/// </summary>
public sealed class SearchSimulationTests
{
    private const string Query = "ALPHA";
    private const int MaxDegree = 16;
    private const int MaxTtl = 7;

    /// <summary>Every peer shares one matching file under a common name, every third peer one more, and one that never matches.</summary>
    private static IEnumerable<string> FilesOf(int peer) =>
        peer % 3 == 0 ? ["alpha-common.txt", $"Alpha-{peer}.mp3", $"beta-{peer}.txt"] : ["alpha-common.txt", $"beta-{peer}.txt"];

    [Theory]
    [InlineData(1, 200, 3.0)]
    [InlineData(2, 300, 4.0)]
    [InlineData(3, 400, 5.0)]
    [InlineData(4, 500, 6.0)]
    [InlineData(5, 250, 3.5)]
    public async Task Search_reaches_exactly_the_peers_within_ttl_hops_and_executes_each_once(int seed, int peers, double averageDegree)
    {
        var random = new Random(seed);
        var graph = Graphs.RandomConnected(random, peers, averageDegree, MaxDegree);
        Assert.All(graph, neighbours => Assert.InRange(neighbours.Count, 1, MaxDegree));

        for (var ttl = 0; ttl <= MaxTtl; ttl++)
        {
            var origin = random.Next(peers);
            using var network = new SimulatedNetwork(graph, FilesOf, latencySeed: seed * 100 + ttl);

            var outcome = await network.SearchAsync(origin, Query, ttl);

            var within = Graphs.WithinHops(graph, origin, ttl);
            Assert.Equal(within, network.Executed());
            Assert.All(within, peer => Assert.Equal(1, network.Peers[peer].Executions));
            Assert.Equal(within.Count, network.TotalExecutions);
            Assert.Equal(within.Count, outcome.PeersReached);
            Assert.Equal(network.Matching(within, Query), SimulatedNetwork.Found(outcome));
            Assert.True(outcome.Complete);
            Assert.DoesNotContain(network.Hops, hop => hop.Request.Path.Contains(hop.To));
        }
    }

    [Fact]
    public async Task A_query_id_used_twice_from_the_same_origin_executes_nothing_the_second_time()
    {
        var graph = Graphs.RandomConnected(new Random(6), 200, 4.0, MaxDegree);
        using var network = new SimulatedNetwork(graph, FilesOf, latencySeed: 6);
        var id = Guid.NewGuid();

        var first = await network.SearchAsync(0, Query, ttl: 3, queryId: id);
        var executions = network.TotalExecutions;
        var hops = network.Hops.Count;
        var second = await network.SearchAsync(0, Query, ttl: 3, queryId: id);

        Assert.True(first.PeersReached > 1);
        Assert.NotEmpty(first.Results);
        Assert.Empty(second.Results);
        Assert.Equal(0, second.PeersReached);
        Assert.Equal(executions, network.TotalExecutions);
        Assert.Equal(hops, network.Hops.Count);
    }

    [Fact]
    public async Task A_copy_arriving_later_with_a_larger_ttl_is_forwarded_again_but_not_executed_again()
    {
        // 0–1–2–3–4–5 plus the shortcut 0–3. The hop 0→3 is held until 3 has executed the copy that
        // came the long way (ttl 0); the shortcut's copy (ttl 2) must then carry the search on to 4 and 5. Copies carry no
        // relay hints here, as from older peers: with them, 2 would know 3 is reached with more and not send it the copy.
        var graph = Graphs.FromEdges(6, (0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (0, 3));
        using var network = new SimulatedNetwork(graph, peer => [$"alpha-{peer}.txt"], knows: (_, _) => false, sendsHints: false);
        var (origin, shortcut) = (SimulatedNetwork.UrlOf(0), SimulatedNetwork.UrlOf(3));
        network.BeforeHop = (hop, ct) => hop.From == origin && hop.To == shortcut
            ? network.Peers[3].FirstExecution.WaitAsync(ct)
            : Task.CompletedTask;

        var outcome = await network.SearchAsync(0, Query, ttl: 3);

        Assert.Equal([0, 2], network.Hops.Where(h => h.To == shortcut).Select(h => h.Request.Ttl).Order());
        Assert.Contains(network.Hops, h => h.From == shortcut && h.To == SimulatedNetwork.UrlOf(4));
        Assert.All(network.Peers, peer => Assert.Equal(1, peer.Executions));
        Assert.Equal(6, outcome.PeersReached);
        Assert.Equal(network.Matching(Enumerable.Range(0, 6), Query), SimulatedNetwork.Found(outcome));
        Assert.True(outcome.Complete);
    }
}
