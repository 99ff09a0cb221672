using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Tests.Infrastructure;

namespace OrleansP2P.Grains.Tests.Search;

/// <summary>
/// A neighbour that answers <c>/health</c> but never a search: after <c>health_failures</c> (3) missed deadlines in a
/// row it is not asked (so it no longer makes answers incomplete) until it answers a ttl-0 probe in time.
/// </summary>
public sealed class StallingNeighbourTests(StallingNeighbourFixture hub) : IClassFixture<StallingNeighbourFixture>
{
    [Fact]
    public async Task A_neighbour_that_misses_three_search_deadlines_is_not_asked_again_until_it_answers_a_ttl_0_probe()
    {
        var url = hub.NewNeighbour("staller");
        var registered = await hub.Peer.Register(url);
        Assert.True(registered.Accepted, registered.Error);

        for (var search = 1; search <= 3; search++)
            Assert.False((await hub.SearchAsync()).Complete, $"search {search}: the silent neighbour was asked and missed its deadline");
        Assert.Equal(3, SearchesSentTo(url));

        var fourth = await hub.SearchAsync();

        Assert.Equal(3, SearchesSentTo(url)); // the fourth search sent it nothing...
        Assert.True(fourth.Complete); // ...so it did not wait for it, nor count it missing
        var excluded = await NeighbourAsync(url);
        Assert.False(excluded.Healthy, "a neighbour skipped by searches is shown unhealthy");
        Assert.Equal(0, excluded.Failures); // it still answers /health: only searches skip it

        hub.Searches.Answer(url);
        await Poll.UntilAsync(() => NeighbourAsync(url), n => n.Healthy, "the neighbour answering a ttl-0 probe and being readmitted");
        var probe = hub.Searches.ForwardsTo(url).Last(r => r.Ttl == 0);
        Assert.Equal(1, probe.Fanout);
        Assert.Equal<string>([StallingNeighbourFixture.SelfUrl], probe.Path);

        var fifth = await hub.SearchAsync();

        Assert.Equal(4, SearchesSentTo(url));
        Assert.True(fifth.Complete);
        Assert.Equal(fourth.PeersReached + 1, fifth.PeersReached);
    }

    [Fact]
    public async Task A_search_answered_in_time_resets_the_count_of_missed_deadlines()
    {
        var url = hub.NewNeighbour("sometimes-slow");
        Assert.True((await hub.Peer.Register(url)).Accepted);

        await hub.SearchAsync();
        await hub.SearchAsync();
        hub.Searches.Answer(url);
        Assert.True((await hub.SearchAsync()).Complete);
        hub.Searches.Stall(url);
        await hub.SearchAsync();
        await hub.SearchAsync();
        hub.Searches.Answer(url);
        var sixth = await hub.SearchAsync();

        Assert.Equal(6, SearchesSentTo(url)); // never three misses in a row: always asked
        Assert.True(sixth.Complete);
        Assert.True((await NeighbourAsync(url)).Healthy);
    }

    private int SearchesSentTo(string url) => hub.Searches.ForwardsTo(url).Count(r => r.Ttl > 0);

    private async Task<NeighbourInfo> NeighbourAsync(string url) => (await hub.Peer.GetNeighbours()).Single(n => n.Url == url);
}
