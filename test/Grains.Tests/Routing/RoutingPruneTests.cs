using System.Collections.Immutable;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Routing;

namespace OrleansP2P.Grains.Tests.Routing;

public sealed class RoutingPruneTests
{
    private const string Near = "http://near:1";
    private const string Far = "http://far:1";
    private const string Unknown = "http://unknown:1";

    // near shares "cafe.txt" and has a neighbour sharing "queen.ogg"; far shares "zebra.txt" and nothing beyond it.
    private static readonly ImmutableDictionary<string, RoutingLevels> Routing = new Dictionary<string, RoutingLevels>
    {
        [Near] = RoutingLevels.Build(RoutingTable.Of(["cafe.txt"]), [RoutingLevels.Build(RoutingTable.Of(["queen.ogg"]), [])]),
        [Far] = RoutingLevels.Build(RoutingTable.Of(["zebra.txt"]), []),
    }.ToImmutableDictionary();

    private static readonly ImmutableArray<string> Targets = [Near, Far, Unknown];

    [Theory]
    [InlineData("queen", 2, new[] { Far })] // reaches near's neighbour: only far is ruled out
    [InlineData("queen", 1, new[] { Near, Far })] // a ttl-0 copy at near would not go on to the queen
    [InlineData("zebra", 3, new[] { Near })]
    [InlineData("cafe zebra", 3, new[] { Near, Far })] // both tokens must be in one peer's reach
    [InlineData("ZÈBRA", 1, new[] { Near })] // folded like names
    [InlineData("ze", 1, new string[0])] // a two-letter token proves nothing
    public void A_target_is_skipped_only_when_its_levels_within_reach_rule_every_token_out(string query, int ttl, string[] skipped) =>
        Assert.Equal(skipped, RoutingPrune.Skipped(Targets, Routing, query, ttl));

    [Theory]
    [InlineData("*")]
    [InlineData("urn:sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("--")]
    public void Everything_content_and_token_free_queries_skip_no_one(string query) =>
        Assert.Empty(RoutingPrune.Skipped(Targets, Routing, query, 3));

    [Fact]
    public void Without_tables_or_ttl_no_one_is_skipped()
    {
        Assert.Empty(RoutingPrune.Skipped(Targets, null, "queen", 3));
        Assert.Empty(RoutingPrune.Skipped(Targets, Routing, "queen", 0));
        Assert.Empty(RoutingPrune.Skipped([Unknown], Routing, "queen", 3));
    }

    [Fact]
    public void Neighbour_routing_keeps_a_table_until_the_neighbour_answers_without_one_and_forgets_neighbours_that_left()
    {
        var routing = new NeighbourRouting();
        var levels = Routing[Far];

        Assert.True(routing.Apply(Far, RoutingAnswer.Of(levels)));
        Assert.False(routing.Apply(Far, RoutingAnswer.Of(levels))); // same version: no change
        Assert.Equal(levels.Version, routing.VersionOf(Far));
        Assert.False(routing.Apply(Far, new RoutingAnswer(RoutingAnswerKind.Unchanged)));
        Assert.False(routing.Apply(Far, new RoutingAnswer(RoutingAnswerKind.NoAnswer)));
        Assert.Equal([Far], routing.Of(Targets).Keys);

        Assert.True(routing.Apply(Far, new RoutingAnswer(RoutingAnswerKind.NoTable)));
        Assert.Null(routing.VersionOf(Far));

        routing.Apply(Near, RoutingAnswer.Of(Routing[Near]));
        Assert.False(routing.RetainOnly([Near]));
        Assert.True(routing.RetainOnly([Far]));
        Assert.Empty(routing.Of(Targets));
    }

    [Fact]
    public void A_peers_own_levels_add_what_its_targets_published_one_level_down()
    {
        var routing = new NeighbourRouting();
        routing.Apply(Near, RoutingAnswer.Of(Routing[Near]));
        var index = new FileIndexSnapshot(1, [new FileEntry("own.txt", 1, 0, new string('0', 64), ".txt")]);

        var levels = routing.Build(index, [Near]);
        var withUnknown = routing.Build(index, [Near, Unknown]);

        Assert.Equal(RoutingLevels.Depth, levels.Levels.Length); // near knows everything beyond it: all levels are published
        Assert.True(levels.Levels[0].MayMatch(["own"]));
        Assert.True(levels.Levels[1].MayMatch(["cafe"]));
        Assert.True(levels.Levels[2].MayMatch(["queen"]));
        Assert.Single(withUnknown.Levels); // a target without a table: nothing beyond this peer is claimed
    }
}
