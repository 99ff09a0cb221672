using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Tests.Infrastructure;
using OrleansP2P.Testing;

namespace OrleansP2P.Grains.Tests.Neighbours;

[Collection(PeerClusterCollection.Name)]
public sealed class PeerGrainHealthTests(PeerClusterFixture cluster)
{
    [Fact]
    public async Task A_neighbour_that_answers_becomes_healthy_with_its_name_and_last_seen()
    {
        var peer = cluster.NewPeer();
        var url = UniqueUrl();
        cluster.Membership.SetAlive(url, "alive-peer");
        await peer.Register(url);

        var seen = await Poll.UntilAsync(() => Neighbour(peer, url), n => n.Healthy, "the neighbour turning healthy");

        Assert.Equal("alive-peer", seen.Name);
        Assert.NotNull(seen.LastSeenUnix);
        Assert.Equal(0, seen.Failures);
        Assert.Contains(url, (await peer.GetHopInput("*", match: false, ttl: 1)).Targets);
    }

    [Fact]
    public async Task A_neighbour_that_stops_answering_is_marked_unhealthy_skipped_by_search_and_readmitted_when_back()
    {
        var peer = cluster.NewPeer();
        var url = UniqueUrl();
        cluster.Membership.SetAlive(url, "flaky");
        await peer.Register(url);
        await Poll.UntilAsync(() => Neighbour(peer, url), n => n.Healthy, "the neighbour turning healthy");

        cluster.Membership.SetDead(url);
        var down = await Poll.UntilAsync(() => Neighbour(peer, url), n => !n.Healthy, "the neighbour marked unhealthy");
        Assert.True(down.Failures >= PeerClusterFixture.HealthFailures);
        Assert.DoesNotContain(url, (await peer.GetHopInput("*", match: false, ttl: 1)).Targets);

        cluster.Membership.SetAlive(url, "flaky");
        var back = await Poll.UntilAsync(() => Neighbour(peer, url), n => n.Healthy, "the neighbour readmitted");
        Assert.Equal(0, back.Failures);
        Assert.Contains(url, (await peer.GetHopInput("*", match: false, ttl: 1)).Targets);
        // The link is made mutual again when it comes back (right after the table shows it healthy).
        await Poll.UntilAsync(() => Task.FromResult(cluster.Membership.Registrations.Contains(url)), registered => registered,
            "registering with the neighbour that came back");
    }

    private static string UniqueUrl() => $"http://n{Guid.NewGuid():N}.test:80".ToLowerInvariant();

    private static async Task<NeighbourInfo> Neighbour(IPeerGrain peer, string url) =>
        (await peer.GetNeighbours()).Single(n => n.Url == url);
}
