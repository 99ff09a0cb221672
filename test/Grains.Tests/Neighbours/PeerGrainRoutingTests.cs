using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Routing;
using OrleansP2P.Grains.Tests.Infrastructure;
using OrleansP2P.Testing;

namespace OrleansP2P.Grains.Tests.Neighbours;

/// <summary>The peer grain fetches its neighbours' routing tables and hands searches the neighbours they rule out.</summary>
[Collection(PeerClusterCollection.Name)]
public sealed class PeerGrainRoutingTests(PeerClusterFixture cluster)
{
    [Fact]
    public async Task A_process_without_the_grain_gets_the_same_levels_and_version_the_grain_publishes()
    {
        var peer = cluster.NewPeer();
        Assert.Empty(await peer.GetRoutingLevels()); // nothing scanned yet: no table that would rule out files
        Assert.Null((await peer.GetAdvert()).RoutingVersion);

        await peer.UpdateIndex([new FileEntry("zebra.txt", 1, 0, new string('a', 64), ".txt")]);
        var levels = RoutingLevels.FromWire([.. (await peer.GetRoutingLevels()).Select(level => RoutingTable.FromBytes(level)!)]);

        Assert.NotNull(levels);
        Assert.Equal(levels.Version, (await peer.GetAdvert()).RoutingVersion);
        Assert.True(levels.Levels[0].MayMatch(["zebra"]));
        Assert.False(levels.Levels[0].MayMatch(["queen"]));
    }

    [Fact]
    public async Task A_neighbours_table_is_fetched_used_to_skip_it_and_refetched_when_it_changes()
    {
        var (peer, url) = await PeerWithTabledNeighbourAsync("tabled", hold: false);

        await Poll.UntilAsync(() => peer.GetHopInput("queen", match: false, ttl: 2).AsTask(), input => input.Skip.Contains(url),
            "the neighbour skipped for a name its table rules out");
        Assert.Empty((await peer.GetHopInput("zebra", match: false, ttl: 2)).Skip);
        Assert.Empty((await peer.GetHopInput("*", match: false, ttl: 2)).Skip);

        cluster.Membership.Routing[url] = RoutingWire.ToResponse(RoutingLevels.Build(RoutingTable.Of(["zebra.txt", "queen.ogg"]), []));
        await Poll.UntilAsync(() => peer.GetHopInput("queen", match: false, ttl: 2).AsTask(), input => input.Skip.IsEmpty,
            "the changed table fetched again");

        Assert.Contains(url, (await peer.GetHopInput("quartz", match: false, ttl: 2)).Skip);
        cluster.Membership.Routing.TryRemove(url, out _); // now it answers 404: never skipped
        await Poll.UntilAsync(() => peer.GetHopInput("quartz", match: false, ttl: 2).AsTask(), input => input.Skip.IsEmpty,
            "the table dropped once the neighbour serves none");
        Assert.Contains(url, (await peer.GetHopInput("quartz", match: false, ttl: 2)).Targets);
    }

    [Fact]
    public async Task A_neighbour_that_holds_the_request_is_asked_once_at_a_time_and_its_new_table_applies_when_it_answers()
    {
        var (peer, url) = await PeerWithTabledNeighbourAsync("holding", hold: true);
        await Poll.UntilAsync(() => peer.GetHopInput("queen", match: false, ttl: 2).AsTask(), input => input.Skip.Contains(url),
            "the neighbour's first table fetched");
        await Poll.UntilAsync(() => Task.FromResult(cluster.Membership.RoutingCalls[url].Count), calls => calls == 2,
            "the second request, for the version held, sent and held");

        // Two more health polls of it: three routing ticks or more, each of which would have asked again.
        var polls = cluster.Membership.HealthPolls[url];
        await Poll.UntilAsync(() => Task.FromResult(cluster.Membership.HealthPolls[url]), n => n >= polls + 2, "two more health polls");
        var calls = cluster.Membership.RoutingCalls[url].ToArray();
        Assert.Equal(2, calls.Length);
        Assert.Equal(TimeSpan.Zero, calls[0]); // nothing held yet: nothing to wait for
        Assert.Equal(TimeSpan.FromSeconds(5), calls[1]); // five health intervals of this cluster (1 s)

        cluster.Membership.Routing[url] = RoutingWire.ToResponse(RoutingLevels.Build(RoutingTable.Of(["zebra.txt", "queen.ogg"]), []));
        cluster.Membership.ReleaseRouting(url);
        await Poll.UntilAsync(() => peer.GetHopInput("queen", match: false, ttl: 2).AsTask(), input => input.Skip.IsEmpty,
            "the new table the held request brought applied");
    }

    /// <summary>A new peer with one neighbour whose table holds "zebra.txt" (and which holds routing requests when <paramref name="hold"/>).</summary>
    private async Task<(IPeerGrain Peer, string Url)> PeerWithTabledNeighbourAsync(string name, bool hold)
    {
        var peer = cluster.NewPeer();
        var url = $"http://n{Guid.NewGuid():N}.test:80";
        cluster.Membership.SetAlive(url, name);
        cluster.Membership.Routing[url] = RoutingWire.ToResponse(RoutingLevels.Build(RoutingTable.Of(["zebra.txt"]), []));
        if (hold)
            cluster.Membership.HoldRouting(url);
        await peer.Register(url);
        return (peer, url);
    }
}
