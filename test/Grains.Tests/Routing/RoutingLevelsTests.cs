using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Routing;

namespace OrleansP2P.Grains.Tests.Routing;

public sealed class RoutingLevelsTests
{
    private static readonly IReadOnlyList<string> Queen = NameFolding.Tokens("queen");

    private static RoutingLevels Peer(string name, params RoutingLevels?[] neighbours) =>
        RoutingLevels.Build(RoutingTable.Of([name]), neighbours);

    [Fact]
    public void Level_k_holds_what_is_k_hops_away_on_a_line()
    {
        // a - b - c - d, d shares the only queen file; levels as each would publish them once tables settled.
        var d = Peer("queen.ogg");
        var c = Peer("c.txt", d);
        var b = Peer("b.txt", c);
        var a = Peer("a.txt", b);

        Assert.False(a.Levels[0].MayMatch(Queen));
        Assert.False(b.MayMatchWithin(1, Queen)); // b and c: no queen
        Assert.True(b.MayMatchWithin(2, Queen)); // d is two hops past b
        Assert.True(a.Levels[3].MayMatch(Queen));
    }

    [Fact]
    public void A_neighbour_without_a_known_table_cuts_the_levels_so_nothing_unknown_is_pruned()
    {
        var b = Peer("b.txt", Peer("c.txt"), null);

        Assert.Single(b.Levels);
        Assert.True(b.MayMatchWithin(1, Queen)); // beyond level 0 is unknown: never pruned
        Assert.False(b.MayMatchWithin(0, Queen));
    }

    [Fact]
    public void A_peer_without_neighbours_publishes_every_level_empty_beyond_its_own()
    {
        var alone = Peer("alone.txt");

        Assert.Equal(RoutingLevels.Depth, alone.Levels.Length);
        Assert.False(alone.MayMatchWithin(RoutingLevels.Depth - 1, Queen));
        Assert.True(alone.MayMatchWithin(RoutingLevels.Depth, Queen)); // past the published depth: unknown
    }

    [Fact]
    public void The_version_follows_the_content_only()
    {
        var one = Peer("a.txt", Peer("b.txt"));
        var same = Peer("a.txt", Peer("b.txt"));
        var other = Peer("a.txt", Peer("queen.ogg"));

        Assert.Equal(one.Version, same.Version);
        Assert.NotEqual(one.Version, other.Version);
        Assert.True(one.Version >= 0);
    }

    [Fact]
    public void Levels_from_the_wire_are_bounded()
    {
        Assert.Null(RoutingLevels.FromWire([]));
        Assert.Null(RoutingLevels.FromWire([.. Enumerable.Repeat(RoutingTable.Empty, RoutingLevels.Depth + 1)]));
        Assert.NotNull(RoutingLevels.FromWire([RoutingTable.Empty]));
    }
}
