using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Tests.Infrastructure;

namespace OrleansP2P.Grains.Tests.Neighbours;

/// <summary>
/// Strangers cannot eclipse a peer: the friends from its config are pinned in the table (never evicted, always
/// loaded), and a URL becomes a neighbour only once it answers <c>/health</c> as a peer.
/// </summary>
[Collection(PeerClusterCollection.Name)]
public sealed class PinnedFriendsTests(PeerClusterFixture cluster)
{
    private const int HealthFailures = PeerClusterFixture.HealthFailures;
    private const string NameOf65Characters = "a-name-of-sixty-five-characters-" + "which-is-one-more-than-64-allows!";

    [Fact]
    public async Task Friends_that_are_down_stay_in_a_full_table_and_a_new_stranger_is_refused_instead()
    {
        var peer = cluster.NewPeer();
        var strangers = AliveStrangers(3);
        await RegisterAsync(peer, strangers[0], strangers[1]); // the table is full: two friends, two strangers
        await Poll.UntilAsync(() => peer.GetNeighbours().AsTask(), t => FriendsIn(t).All(n => n.Failures >= HealthFailures),
            "the friends (nothing answers for them) marked unhealthy");

        var refused = await peer.Register(strangers[2]);

        Assert.False(refused.Accepted);
        Assert.Contains("full", refused.Error, StringComparison.Ordinal);
        Assert.Equal(Sorted([.. PeerClusterFixture.CanonicalFriends, strangers[0], strangers[1]]), await UrlsAsync(peer));
    }

    [Fact]
    public async Task A_full_table_makes_room_by_evicting_an_unhealthy_stranger_never_a_friend()
    {
        var peer = cluster.NewPeer();
        var strangers = AliveStrangers(3);
        await RegisterAsync(peer, strangers[0], strangers[1]);
        cluster.Membership.SetDead(strangers[0]);
        await Poll.UntilAsync(() => peer.GetNeighbours().AsTask(), t => t.Single(n => n.Url == strangers[0]).Failures >= HealthFailures,
            "the dead stranger marked unhealthy");

        var accepted = await peer.Register(strangers[2]);

        Assert.True(accepted.Accepted, accepted.Error);
        Assert.Equal(Sorted([.. PeerClusterFixture.CanonicalFriends, strangers[1], strangers[2]]), await UrlsAsync(peer));
    }

    [Fact]
    public async Task After_a_restart_the_friends_are_in_the_table_even_when_the_remembered_strangers_fill_it()
    {
        var peer = cluster.NewPeer();
        var remembered = Enumerable.Range(0, PeerClusterFixture.MaxNeighbors).Select(i => new KnownPeer($"http://remembered{i}.example:1", null));
        await cluster.SeedStateAsync(peer, new PeerState { Peers = [.. remembered] });

        var urls = await UrlsAsync(peer);

        Assert.Superset(PeerClusterFixture.CanonicalFriends.ToHashSet(), urls.ToHashSet());
        Assert.Equal(PeerClusterFixture.MaxNeighbors, urls.Count);
    }

    [Fact]
    public async Task Register_refuses_a_url_that_does_not_answer_health_as_a_peer()
    {
        var peer = cluster.NewPeer();

        var refused = await peer.Register(Stranger());

        Assert.False(refused.Accepted);
        Assert.Contains("did not answer /health as a peer", refused.Error, StringComparison.Ordinal);
        Assert.Equal(PeerClusterFixture.CanonicalFriends, await UrlsAsync(peer));
    }

    [Theory]
    [InlineData("grain-tests", "itself")] // the silo's peer name: another address of this very peer
    [InlineData(NameOf65Characters, "did not answer /health as a peer")]
    public async Task Register_refuses_a_url_whose_health_names_this_peer_or_a_name_over_64_characters(string name, string reason)
    {
        var peer = cluster.NewPeer();
        var url = Stranger();
        cluster.Membership.SetAlive(url, name);

        var refused = await peer.Register(url);

        Assert.False(refused.Accepted);
        Assert.Contains(reason, refused.Error, StringComparison.Ordinal);
        Assert.Equal(PeerClusterFixture.CanonicalFriends, await UrlsAsync(peer));
    }

    [Fact]
    public async Task A_neighbour_whose_health_starts_naming_it_with_more_than_64_characters_keeps_its_name_and_counts_a_failed_poll()
    {
        var peer = cluster.NewPeer();
        var url = AliveStrangers(1)[0];
        await RegisterAsync(peer, url);
        cluster.Membership.SetAlive(url, NameOf65Characters);

        var seen = await Poll.UntilAsync(async () => (await peer.GetNeighbours()).Single(n => n.Url == url), n => n.Failures > 0,
            "the over-long name counted as a failed poll");

        Assert.Equal("stranger-0", seen.Name);
    }

    private List<string> AliveStrangers(int count)
    {
        var urls = Enumerable.Range(0, count).Select(_ => Stranger()).ToList();
        foreach (var (url, i) in urls.Select((url, i) => (url, i)))
            cluster.Membership.SetAlive(url, $"stranger-{i}");
        return urls;
    }

    private static string Stranger() => $"http://s{Guid.NewGuid():N}.test:80";

    private static async Task RegisterAsync(IPeerGrain peer, params string[] urls)
    {
        foreach (var url in urls)
        {
            var result = await peer.Register(url);
            Assert.True(result.Accepted, result.Error);
        }
    }

    private static IEnumerable<NeighbourInfo> FriendsIn(IEnumerable<NeighbourInfo> table) =>
        table.Where(n => PeerClusterFixture.CanonicalFriends.Contains(n.Url));

    private static async Task<List<string>> UrlsAsync(IPeerGrain peer) => Sorted((await peer.GetNeighbours()).Select(n => n.Url));

    private static List<string> Sorted(IEnumerable<string> urls) => [.. urls.Order(StringComparer.Ordinal)];
}
