using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Search;

[Collection(PeerCollection.Name)]
public sealed class SearchNetworkTests
{
    [Fact]
    public async Task On_a_line_a_file_three_hops_away_is_found_with_ttl_3_and_not_with_ttl_2()
    {
        await using var net = await PeerNetwork.StartAsync(4, PeerNetwork.Line(4), PeerNetwork.OneFileEach);
        await net.WaitForIndexesAsync();

        var far = await net.SearchAsync(1, "only-on-peer4", ttl: 3);
        var near = await net.SearchAsync(1, "only-on-peer4", ttl: 2);
        var nearAll = await net.SearchAsync(1, "*", ttl: 2); // never pruned: exactly the peers within two hops

        Assert.Equal(["peer4"], PeerNetwork.PeersWithHits(far));
        Assert.Equal(4, far.GetProperty("peers_reached").GetInt32());
        Assert.True(far.GetProperty("complete").GetBoolean());
        Assert.Empty(PeerNetwork.PeersWithHits(near)); // routing tables may also skip peers 2 and 3, which cannot match
        Assert.InRange(near.GetProperty("peers_reached").GetInt32(), 1, 3);
        Assert.Equal(["peer1", "peer2", "peer3"], PeerNetwork.PeersWithHits(nearAll));
        Assert.Equal(3, nearAll.GetProperty("peers_reached").GetInt32());
    }

    [Theory]
    [InlineData("ring")]
    [InlineData("mesh")]
    public async Task Every_peer_executes_a_query_exactly_once_despite_cycles(string topology)
    {
        var edges = topology == "ring" ? PeerNetwork.Ring(4) : PeerNetwork.Mesh(4);
        await using var net = await PeerNetwork.StartAsync(4, edges, PeerNetwork.OneFileEach);
        await net.WaitForIndexesAsync();
        var before = await net.SearchesExecutedAsync();

        var result = await net.SearchAsync(1, "only-on", ttl: 3);

        var after = await net.SearchesExecutedAsync();
        Assert.All(after, kv => Assert.Equal(before[kv.Key] + 1, kv.Value));
        Assert.Equal(4, result.GetProperty("peers_reached").GetInt32());
        Assert.Equal(["peer1", "peer2", "peer3", "peer4"], PeerNetwork.PeersWithHits(result));
        Assert.True(result.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task A_repeated_search_is_served_from_the_origin_cache_until_the_index_changes()
    {
        await using var net = await PeerNetwork.StartAsync(2, PeerNetwork.Line(2), PeerNetwork.OneFileEach);
        await net.WaitForIndexesAsync();
        var first = await net[1].GetJsonAsync("/search?query=only&ttl=1");
        var again = await net[1].GetJsonAsync("/search?query=only&ttl=1");
        Assert.Equal(first.GetProperty("query_id").GetString(), again.GetProperty("query_id").GetString());

        File.WriteAllText(Path.Combine(net[1].SharedDir, "only-new.txt"), "new");
        await net[1].WaitForFilesAsync(2);
        var fresh = await net[1].GetJsonAsync("/search?query=only&ttl=1");

        Assert.NotEqual(first.GetProperty("query_id").GetString(), fresh.GetProperty("query_id").GetString());
        var names = fresh.GetProperty("results").EnumerateArray().SelectMany(r => r.GetProperty("files").EnumerateArray())
            .Select(f => f.GetProperty("name").GetString());
        Assert.Contains("only-new.txt", names);
    }
}
