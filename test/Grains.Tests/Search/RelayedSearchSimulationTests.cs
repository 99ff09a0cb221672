using Xunit.Abstractions;

namespace OrleansP2P.Grains.Tests.Search;

/// <summary>
/// Relayed forwarding (<see cref="Grains.Search.RelayState"/>) on random connected graphs of 100 to 1000 peers: every
/// peer within ttl hops is reached, each executing once, as a flood reaches them, with far fewer copies (a copy is one
/// forward received, duplicates included). It holds where links are one-way and where peers know only some of their
/// neighbours' lists (those forward to all their neighbours).
/// </summary>
public sealed class RelayedSearchSimulationTests(ITestOutputHelper output)
{
    private const string Query = "ALPHA";
    private const int MaxDegree = 16;
    private const int MaxTtl = 7;

    public static TheoryData<int, int, double> Graphs100To1000 => new()
    {
        { 11, 100, 4.0 },
        { 12, 250, 4.5 },
        { 13, 400, 5.0 },
        { 14, 600, 6.0 },
        { 15, 1000, 4.0 },
    };

    [Theory]
    [MemberData(nameof(Graphs100To1000))]
    public async Task Every_peer_within_ttl_hops_is_reached_once_with_at_most_one_and_a_half_copies_each_while_the_ball_is_half_the_network_or_less(
        int seed, int peers, double averageDegree)
    {
        var random = new Random(seed);
        var graph = Graphs.RandomConnected(random, peers, averageDegree, MaxDegree);
        var ratios = new List<string>();

        for (var ttl = 0; ttl <= MaxTtl; ttl++)
        {
            var origin = random.Next(peers);
            var (within, copies) = await AssertReachesTheBallAsync(graph, origin, ttl, seed * 100 + ttl);
            var (_, flood) = await AssertReachesTheBallAsync(graph, origin, ttl, seed * 100 + ttl, knows: (_, _) => false, sendsHints: false);

            ratios.Add($"ttl {ttl}: {within.Count} reached, {copies} copies (flood {flood})");
            if (within.Count <= peers / 2)
                Assert.True(copies <= 1.5 * (within.Count - 1), $"ttl {ttl}: {copies} copies for {within.Count} peers reached");
            Assert.True(copies <= flood, $"ttl {ttl}: {copies} copies, a flood sent {flood}");
        }
        output.WriteLine(string.Join(Environment.NewLine, ratios));
    }

    [Theory]
    [InlineData(21, 150, 4.0, 0.2)]
    [InlineData(22, 300, 5.0, 0.3)]
    public async Task With_some_links_one_way_every_peer_a_directed_flood_reaches_is_reached_once(int seed, int peers, double averageDegree, double oneWay)
    {
        var random = new Random(seed);
        var graph = Graphs.WithOneWayLinks(Graphs.RandomConnected(random, peers, averageDegree, MaxDegree), random, oneWay);
        Assert.Contains(graph, neighbours => neighbours.Any(n => !graph[n].Contains(graph.ToList().IndexOf(neighbours))));

        for (var ttl = 0; ttl <= MaxTtl; ttl++)
            await AssertReachesTheBallAsync(graph, origin: 0, ttl, seed * 100 + ttl);
    }

    [Theory]
    [InlineData(31, 200, 4.0)]
    [InlineData(32, 500, 5.0)]
    public async Task Peers_that_know_only_some_of_their_neighbours_lists_still_reach_every_peer_within_ttl_hops(int seed, int peers, double averageDegree)
    {
        var random = new Random(seed);
        var graph = Graphs.RandomConnected(random, peers, averageDegree, MaxDegree);
        var unknown = new HashSet<(int, int)>(graph.SelectMany((neighbours, peer) => neighbours.Where(_ => random.Next(3) == 0).Select(n => (peer, n))));

        for (var ttl = 0; ttl <= MaxTtl; ttl++)
            await AssertReachesTheBallAsync(graph, random.Next(peers), ttl, seed * 100 + ttl, knows: (peer, neighbour) => !unknown.Contains((peer, neighbour)));
    }

    /// <summary>One search (a flood when no peer knows a list and no copy carries hints): exactly the ball of radius ttl executes it, once each, and finds every match in it; returns the ball and the copies sent.</summary>
    private static async Task<(List<int> Within, int Copies)> AssertReachesTheBallAsync(
        IReadOnlyList<IReadOnlyList<int>> graph, int origin, int ttl, int latencySeed, Func<int, int, bool>? knows = null, bool sendsHints = true)
    {
        using var network = new SimulatedNetwork(graph, peer => [$"alpha-{peer}.txt"], latencySeed: latencySeed, knows: knows, sendsHints: sendsHints);

        var outcome = await network.SearchAsync(origin, Query, ttl);

        var within = Graphs.WithinHops(graph, origin, ttl);
        Assert.Equal(within, network.Executed());
        Assert.All(within, peer => Assert.Equal(1, network.Peers[peer].Executions));
        Assert.Equal(within.Count, outcome.PeersReached);
        Assert.Equal(network.Matching(within, Query), SimulatedNetwork.Found(outcome));
        Assert.True(outcome.Complete);
        Assert.DoesNotContain(network.Hops, hop => hop.Request.Path.Contains(hop.To));
        return (within, network.Hops.Count);
    }
}
