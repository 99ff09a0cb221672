using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Search;

/// <summary>
/// Routing tables between real peers (issue 23): each peer fetches its neighbours' <c>/routing</c> levels twice per
/// health interval and a copy of a query skips a neighbour whose levels prove nothing within its reach can match
/// (<c>p2p_dropped_total{reason="routing"}</c>). Words still find a file four hops away, a query nothing matches stops
/// at the origin once the tables have spread, a new name spreads within two health intervals, and a neighbour with no
/// table is always asked. The first two share one line of five peers (<see cref="MusicLine"/>): either may run first.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class RoutedSearchTests(MusicLine line) : IClassFixture<MusicLine>
{
    private const string NoMatch = "zebra quartz";

    [Fact]
    public async Task On_a_line_of_five_words_find_the_far_file_and_a_query_nothing_matches_goes_no_further_than_the_origin()
    {
        var net = line.Network;

        // peer1 skips peer2 for a ttl-4 copy only once it holds peer2's four levels (peer5 is at peer2's level 3).
        var pruned = await WaitUntilPrunedAsync(net, 1, NoMatch, ttl: 4);
        Assert.Empty(Hits(pruned));

        foreach (var (query, file) in new[] { ("floyd pink", MusicLine.Wall), ("WALL floyd", MusicLine.Wall), ("cafe mar", MusicLine.Cafe) })
        {
            var found = await net.SearchAsync(1, query, ttl: 4);
            Assert.Equal([("peer5", file)], Hits(found));
            Assert.Equal(5, found.GetProperty("peers_reached").GetInt32()); // no peer on the way was skipped
            Assert.True(found.GetProperty("complete").GetBoolean());
        }

        var before = await net.SearchesExecutedAsync();
        var drops = await RoutingDropsAsync(net[1]);
        var none = await net.SearchAsync(1, NoMatch, ttl: 4);
        var after = await net.SearchesExecutedAsync();
        Assert.Empty(Hits(none));
        Assert.Equal(1, none.GetProperty("peers_reached").GetInt32());
        Assert.Equal(before["peer1"] + 1, after["peer1"]);
        foreach (var peer in new[] { "peer2", "peer3", "peer4", "peer5" })
            Assert.True(before[peer] == after[peer], $"{peer} executed the pruned query ({before[peer]} -> {after[peer]} searches)");
        await Poll.UntilAsync(() => RoutingDropsAsync(net[1]), d => d >= drops + 1, "peer1 counting the skipped forward");

        // Never pruned: * and urn:sha256 (even one no file has) reach every peer.
        var all = await net.SearchAsync(1, "*", ttl: 4);
        Assert.Equal(5, all.GetProperty("peers_reached").GetInt32());
        Assert.Equal(["peer4", "peer5"], PeerNetwork.PeersWithHits(all));
        var urn = await net.SearchAsync(1, "urn:sha256:" + new string('0', 64), ttl: 4);
        Assert.Equal(5, urn.GetProperty("peers_reached").GetInt32());
        Assert.Empty(Hits(urn));
    }

    [Fact]
    public async Task A_name_added_three_hops_away_is_found_within_two_health_intervals()
    {
        const string added = "Shine_On_You_Crazy_Diamond.ogg";
        const string query = "crazy diamond";
        var limit = TimeSpan.FromSeconds(2 * MusicLine.HealthIntervalS);
        var net = line.Network;
        Assert.DoesNotContain(added, await FilesAsync(net[5])); // shared by this test alone

        // The tables are in effect: the same query is skipped at the origin and finds nothing.
        var pruned = await WaitUntilPrunedAsync(net, 2, query, ttl: 3);
        Assert.Empty(Hits(pruned));
        // ... towards peer5 too: peer2 sends peer3 (and so peers 4 and 5) nothing for it.
        await Poll.UntilAsync(async () =>
        {
            var before = (await net.SearchesExecutedAsync())["peer3"];
            await net.SearchAsync(2, query, ttl: 3);
            return (await net.SearchesExecutedAsync())["peer3"] - before;
        }, executed => executed == 0, "peer2 skipping peer3 for the query");

        File.WriteAllText(Path.Combine(net[5].SharedDir, added), "remember when you were young\n");
        await net[5].WaitForFilesAsync(MusicLine.Songs.Length + 1);
        var clock = Stopwatch.StartNew();
        var found = await Poll.UntilAsync(() => net.SearchAsync(2, query, ttl: 3), r => Hits(r).Count > 0, limit,
            $"peer2 finding {added} three hops away");
        clock.Stop();

        Assert.Equal([("peer5", added)], Hits(found));
        Assert.True(clock.Elapsed <= limit, $"found after {clock.ElapsedMilliseconds} ms, more than 2 x health_interval_s");
    }

    [Fact]
    public async Task A_neighbour_that_serves_no_routing_table_still_gets_a_query_nothing_matches()
    {
        await using var rogue = await new RoguePeer("tableless").StartAsync(); // answers /health and forwards; /routing is a 404
        await using var net = await PeerNetwork.StartAsync(2, PeerNetwork.Line(2), PeerNetwork.OneFileEach,
            new Dictionary<string, object?> { ["health_interval_s"] = 1 });
        await net.WaitForIndexesAsync();
        await net[2].RegisterAsync(rogue.Url); // peer1–peer2–rogue

        // peer2's own levels stop at level 0 (its table of the rogue is unknown), so peer1 publishes two, enough for a
        // copy from peer2 with ttl 1 or 2 to skip it; the rogue has no levels and must be asked all the same (with ttl 1
        // a table taken for empty would be skipped too).
        await WaitUntilPrunedAsync(net, 2, NoMatch, ttl: 2);
        foreach (var ttl in new[] { 1, 2 })
        {
            var before = await net.SearchesExecutedAsync();
            var result = await net.SearchAsync(2, NoMatch, ttl);
            var after = await net.SearchesExecutedAsync();

            var queryId = result.GetProperty("query_id").GetString();
            Assert.Single(rogue.ForwardBodies, body => QueryIdOf(body) == queryId);
            Assert.Equal(2, result.GetProperty("peers_reached").GetInt32()); // peer2 and the rogue
            Assert.Empty(Hits(result));
            Assert.Equal(before["peer2"] + 1, after["peer2"]);
            Assert.Equal(before["peer1"], after["peer1"]);
        }
    }

    /// <summary>
    /// Searches <paramref name="query"/> from peer <paramref name="from"/> until its <c>p2p_dropped_total{reason="routing"}</c>
    /// has grown (a neighbour was skipped by its table); returns the last search's answer.
    /// </summary>
    private static async Task<JsonElement> WaitUntilPrunedAsync(PeerNetwork net, int from, string query, int ttl)
    {
        var start = await RoutingDropsAsync(net[from]);
        JsonElement last = default;
        await Poll.UntilAsync(async () =>
        {
            last = await net.SearchAsync(from, query, ttl);
            return await RoutingDropsAsync(net[from]);
        }, drops => drops > start, $"{net[from].Name} skipping a neighbour by its routing table for '{query}'");
        return last;
    }

    /// <summary>The value of <c>p2p_dropped_total{reason="routing"}</c> in the peer's Prometheus text (0 before the first).</summary>
    private static async Task<long> RoutingDropsAsync(PeerProcess peer)
    {
        var text = await peer.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("p2p_dropped_total{", StringComparison.Ordinal)
            && l.Contains("reason=\"routing\"", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> FilesAsync(PeerProcess peer) =>
        [.. (await peer.GetJsonAsync("/files")).GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()!)];

    /// <summary>Every (peer, file name) a search answer lists, in order.</summary>
    private static List<(string Peer, string File)> Hits(JsonElement search) =>
        [.. search.GetProperty("results").EnumerateArray().SelectMany(r => r.GetProperty("files").EnumerateArray()
            .Select(f => (r.GetProperty("peer").GetString()!, f.GetProperty("name").GetString()!)))];

    private static string? QueryIdOf(string body)
    {
        using var hop = JsonDocument.Parse(body);
        return hop.RootElement.TryGetProperty("query_id", out var id) ? id.GetString() : null;
    }
}

/// <summary>
/// Five peers in a line (1–2–3–4–5) with <c>health_interval_s</c> = <see cref="HealthIntervalS"/>: peer5 shares
/// <see cref="Songs"/>, peer4 one unrelated piece, the others nothing.
/// </summary>
public sealed class MusicLine : IAsyncLifetime
{
    public const int HealthIntervalS = 2;
    public const string Wall = "Pink_Floyd-The_Wall.mp3";
    public const string Cafe = "Café_del_Mar.flac";

    public static readonly string[] Songs = [Wall, Cafe];

    public PeerNetwork Network { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Network = await PeerNetwork.StartAsync(5, PeerNetwork.Line(5), Share,
            new Dictionary<string, object?> { ["health_interval_s"] = HealthIntervalS });
        await Task.WhenAll(Network[5].WaitForFilesAsync(Songs.Length), Network[4].WaitForFilesAsync(1));
    }

    public async Task DisposeAsync() => await Network.DisposeAsync();

    private static void Share(int i, string dir)
    {
        if (i == 5)
        {
            foreach (var song in Songs)
                File.WriteAllText(Path.Combine(dir, song), $"{song}\n");
        }
        else if (i == 4)
        {
            File.WriteAllText(Path.Combine(dir, "Beethoven_Symphony_9.ogg"), "ode\n");
        }
    }
}
