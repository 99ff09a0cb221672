using OrleansP2P.Grains.Indexing;
using Xunit.Abstractions;

namespace OrleansP2P.Grains.Tests.Search;

/// <summary>
/// Routing tables (<see cref="Grains.Routing.RoutingPrune"/>) on random connected graphs of 100 to 1000 peers, with the
/// levels every peer holds once tables have propagated: a query only one peer can answer costs a small fraction of the
/// copies of one every peer answers at the same ttl, and no query ever misses a file a flood would find (recall 100 %);
/// <c>*</c>, <c>urn:sha256:</c> and peers without tables are never skipped.
/// </summary>
public sealed class RoutedSearchSimulationTests(ITestOutputHelper output)
{
    private const int MaxDegree = 16;
    private const int Ttl = 4;
    private const string Rare = "Pink_Floyd-The_Wall.mp3";

    public static TheoryData<int, int, double> Graphs100To1000 => new()
    {
        { 41, 100, 4.0 },
        { 42, 250, 4.5 },
        { 43, 400, 5.0 },
        { 44, 600, 6.0 },
        { 45, 1000, 4.0 },
    };

    [Theory]
    [MemberData(nameof(Graphs100To1000))]
    public async Task A_query_one_peer_answers_costs_at_most_three_tenths_of_the_copies_of_one_every_peer_answers_and_finds_it(
        int seed, int peers, double averageDegree)
    {
        var random = new Random(seed);
        var graph = Graphs.RandomConnected(random, peers, averageDegree, MaxDegree);
        var names = Library(random, peers);
        var origin = random.Next(peers);
        var far = Graphs.WithinHops(graph, origin, Ttl).Except(Graphs.WithinHops(graph, origin, 2)).ToList();
        var holder = far[random.Next(far.Count)];

        using var network = new SimulatedNetwork(graph, peer => peer == holder ? [.. names[peer], Rare] : names[peer], latencySeed: seed);
        network.UseRoutingTables(graph);

        var broad = await network.SearchAsync(origin, "track", Ttl);
        var broadCopies = network.Hops.Count;
        var selective = await network.SearchAsync(origin, "floyd pink", Ttl);
        var selectiveCopies = network.Hops.Count - broadCopies;

        var within = Graphs.WithinHops(graph, origin, Ttl);
        Assert.Equal(within.Count, broad.PeersReached); // "track" is in every name: no table rules anyone out
        Assert.Equal([(SimulatedNetwork.UrlOf(holder), Rare)], SimulatedNetwork.Found(selective));
        Assert.True(selective.Complete);
        output.WriteLine($"{peers} peers, ttl {Ttl}: {within.Count} within reach; broad {broadCopies} copies, selective {selectiveCopies} ({(double)selectiveCopies / broadCopies:P1})");
        Assert.True(selectiveCopies <= 0.3 * broadCopies, $"selective {selectiveCopies} copies, broad {broadCopies}");
    }

    [Theory]
    [MemberData(nameof(Graphs100To1000))]
    public async Task Tables_never_cause_a_miss_every_query_finds_what_a_flood_finds(int seed, int peers, double averageDegree)
    {
        var random = new Random(seed);
        var graph = Graphs.RandomConnected(random, peers, averageDegree, MaxDegree);
        var names = Library(random, peers);
        var silent = new HashSet<int>(Enumerable.Range(0, peers).Where(_ => random.Next(5) == 0)); // serve no /routing
        // Room for every file of the network in one answer, so nothing is left out for size.
        using var network = new SimulatedNetwork(graph, peer => names[peer], latencySeed: seed, maxResults: 3 * peers);
        network.UseRoutingTables(graph, serves: peer => !silent.Contains(peer));

        for (var i = 0; i < 12; i++)
        {
            var origin = random.Next(peers);
            var ttl = random.Next(0, 6);
            var query = QueryFrom(random, names[random.Next(peers)]);
            var outcome = await network.SearchAsync(origin, query, ttl);
            var within = Graphs.WithinHops(graph, origin, ttl);
            Assert.Equal(network.Matching(within, query), SimulatedNetwork.Found(outcome));
            Assert.True(outcome.Complete, query);
        }
    }

    [Theory]
    [InlineData(51, 300, 4.5)]
    public async Task Everything_and_content_queries_reach_the_whole_ball_with_tables_on(int seed, int peers, double averageDegree)
    {
        var random = new Random(seed);
        var graph = Graphs.RandomConnected(random, peers, averageDegree, MaxDegree);
        var names = Library(random, peers);
        var within = Graphs.WithinHops(graph, 0, Ttl);

        foreach (var query in new[] { "*", $"urn:sha256:{new string('0', 64)}" })
        {
            using var network = new SimulatedNetwork(graph, peer => names[peer], latencySeed: seed);
            network.UseRoutingTables(graph);
            var outcome = await network.SearchAsync(0, query, Ttl);
            Assert.Equal(within, network.Executed());
            Assert.Equal(within.Count, outcome.PeersReached);
        }
    }

    [Fact]
    public async Task A_peer_without_a_table_is_asked_even_for_a_query_nothing_matches()
    {
        var graph = Graphs.Line(4);
        using var network = new SimulatedNetwork(graph, peer => [$"track-{peer}.mp3"]);
        network.UseRoutingTables(graph, serves: peer => peer != 2);

        await network.SearchAsync(0, "zebra quartz", ttl: 3);

        // Peer 1's table rules out only itself: what lies beyond it is unknown while peer 2 serves none.
        Assert.Equal([0, 1, 2, 3], network.Executed());

        using var tabled = new SimulatedNetwork(graph, peer => [$"track-{peer}.mp3"]);
        tabled.UseRoutingTables(graph);
        await tabled.SearchAsync(0, "zebra quartz", ttl: 3);
        Assert.Equal([0], tabled.Executed());
    }

    /// <summary>Three names per peer: "track" and two pseudo-words of random letters, so tables hold many trigrams.</summary>
    private static List<string>[] Library(Random random, int peers) =>
        [.. Enumerable.Range(0, peers).Select(peer => Enumerable.Range(0, 3)
            .Select(i => $"track-{Word(random)}_{Word(random)}-{peer}-{i}.mp3").ToList())];

    private static string Word(Random random) =>
        new([.. Enumerable.Range(0, random.Next(4, 9)).Select(_ => (char)('a' + random.Next(26)))]);

    /// <summary>A query taken from a real name: one or two of its tokens, maybe cut to a substring or upper-cased.</summary>
    private static string QueryFrom(Random random, List<string> names)
    {
        var tokens = NameFolding.Tokens(names[random.Next(names.Count)]);
        var picked = Enumerable.Range(0, random.Next(1, 3)).Select(_ => tokens[random.Next(tokens.Count)]).Select(token =>
            random.Next(3) == 0 && token.Length > 3 ? token[1..^1] : token);
        var query = string.Join(' ', picked);
        return random.Next(2) == 0 ? query.ToUpperInvariant() : query;
    }
}
