using OrleansP2P.Contracts;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Neighbours;

namespace OrleansP2P.Grains.Tests.Neighbours;

public sealed class NeighbourTableTests
{
    private const string Self = "http://127.0.0.1:8001";

    [Fact]
    public void A_full_table_refuses_a_new_peer_while_every_neighbour_is_healthy()
    {
        var table = new NeighbourTable(Self, capacity: 2, failuresToUnhealthy: 2);
        Assert.True(table.TryAdd("http://a:1", null, out _));
        Assert.True(table.TryAdd("http://b:1", null, out _));

        Assert.False(table.TryAdd("http://c:1", null, out var error));
        Assert.Contains("full", error, StringComparison.Ordinal);
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void A_full_table_makes_room_by_dropping_a_neighbour_marked_unhealthy()
    {
        var table = new NeighbourTable(Self, capacity: 2, failuresToUnhealthy: 2);
        table.TryAdd("http://a:1", null, out _);
        table.TryAdd("http://b:1", null, out _);
        table.Report("http://b:1", null, 1);
        table.Report("http://b:1", null, 2);

        Assert.True(table.TryAdd("http://c:1", null, out _));
        Assert.Equal(["http://a:1", "http://c:1"], table.Urls.ToArray());
    }

    [Fact]
    public void Health_changes_are_reported_once_at_each_transition()
    {
        var table = new NeighbourTable(Self, capacity: 8, failuresToUnhealthy: 3);
        table.TryAdd("http://a:1", null, out _);

        Assert.Equal(HealthChange.BecameHealthy, table.Report("http://a:1", "a", 10));
        Assert.Equal(HealthChange.None, table.Report("http://a:1", "a", 11));
        Assert.Equal(HealthChange.None, table.Report("http://a:1", null, 12));
        Assert.Equal(HealthChange.None, table.Report("http://a:1", null, 13));
        Assert.Equal(HealthChange.BecameUnhealthy, table.Report("http://a:1", null, 14));
        Assert.Equal(HealthChange.None, table.Report("http://a:1", null, 15));
        Assert.Equal(HealthChange.BecameHealthy, table.Report("http://a:1", "a", 16));
        Assert.Equal(16, table.All.Single().LastSeenUnix);
    }

    [Fact]
    public void Search_targets_skip_unhealthy_neighbours_and_list_healthy_ones_first()
    {
        var table = new NeighbourTable(Self, capacity: 8, failuresToUnhealthy: 1);
        table.TryAdd("http://a:1", null, out _); // never polled: still asked
        table.TryAdd("http://b:1", null, out _);
        table.TryAdd("http://c:1", null, out _);
        table.Report("http://b:1", "b", 1);
        table.Report("http://c:1", null, 1);

        Assert.Equal(["http://b:1", "http://a:1"], table.SearchTargets.ToArray());
    }

    [Fact]
    public void Friends_keep_their_slots_whatever_order_strangers_arrive_in_and_are_never_evicted()
    {
        var table = new NeighbourTable(Self, capacity: 3, failuresToUnhealthy: 1, friends: ["http://f:1"]);
        Assert.True(table.TryAdd("http://a:1", null, out _));
        Assert.True(table.TryAdd("http://b:1", null, out _));
        Assert.False(table.TryAdd("http://c:1", null, out _)); // the friend's slot is not a stranger's

        Assert.True(table.TryAdd("http://f:1", null, out _));
        table.Report("http://f:1", null, 1);
        table.Report("http://a:1", null, 1);
        table.Report("http://a:1", null, 2);
        Assert.True(table.TryAdd("http://c:1", null, out _));

        Assert.Equal(["http://b:1", "http://c:1", "http://f:1"], table.Urls.ToArray()); // the unhealthy stranger made room
    }

    [Fact]
    public void A_name_over_64_characters_is_never_stored_and_counts_as_a_failed_poll()
    {
        var table = new NeighbourTable(Self, capacity: 8, failuresToUnhealthy: 3);
        table.TryAdd("http://a:1", new string('x', 65), out _);
        Assert.Null(table.All.Single().Name);

        table.Report("http://a:1", new string('a', 64), 1);
        table.Report("http://a:1", new string('b', 65), 2);

        var a = table.All.Single();
        Assert.Equal((new string('a', 64), 1), (a.Name, a.Failures));
    }

    [Fact]
    public void The_table_never_holds_the_peer_itself()
    {
        var table = new NeighbourTable(Self, capacity: 8, failuresToUnhealthy: 1);

        Assert.False(table.TryAdd(Self, null, out _));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void The_table_advertises_its_search_targets_marking_mutual_those_whose_links_list_it_back()
    {
        var table = new NeighbourTable(Self, capacity: 4, failuresToUnhealthy: 1);
        table.TryAdd("http://a:1", null, out _);
        table.TryAdd("http://b:1", null, out _);
        table.Report("http://a:1", "a", 1, Links(Self, "http://x:1"));
        table.Report("http://b:1", "b", 1, Links("http://x:1"));

        var advertised = table.Advertised!;

        Assert.Equal<string>(["http://a:1", "http://b:1"], advertised.Peers);
        Assert.Equal<string>(["http://a:1"], advertised.Mutual);
        Assert.Equal(PeerLinks.ViewOf(["http://b:1", "http://a:1"]), advertised.View);
        Assert.Equal<string>(["http://a:1", "http://b:1"], table.TargetLinks.Keys.Order());
    }

    [Fact]
    public void A_failed_poll_forgets_what_the_neighbour_advertised()
    {
        var table = new NeighbourTable(Self, capacity: 4, failuresToUnhealthy: 3);
        table.TryAdd("http://a:1", null, out _);
        table.Report("http://a:1", "a", 1, Links(Self));

        table.Report("http://a:1", null, 2);

        Assert.Empty(table.TargetLinks);
        Assert.Empty(table.Advertised!.Mutual);
    }

    [Fact]
    public void A_peer_with_more_search_targets_than_a_links_list_holds_advertises_none()
    {
        var table = new NeighbourTable(Self, capacity: PeerLinks.MaxLinks + 1, failuresToUnhealthy: 1);
        foreach (var i in Enumerable.Range(0, PeerLinks.MaxLinks + 1))
            table.TryAdd($"http://p{i}:1", null, out _);

        Assert.Null(table.Advertised);
    }

    private static NeighbourLinks Links(params string[] peers) => new([.. peers], [], PeerLinks.ViewOf(peers));
}
