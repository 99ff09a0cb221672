using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Grains.Tests.Search;

/// <summary>
/// How <see cref="SearchExecutor"/> merges what neighbours answer: counts that cannot overflow, one entry per peer,
/// files unique by name, whatever well-formed answer a neighbour gives.
/// </summary>
public sealed class SearchMergeTests
{
    [Fact]
    public async Task Neighbours_claiming_int_max_peers_reached_saturate_the_count_instead_of_failing_the_search()
    {
        using var network = new SimulatedNetwork(Graphs.FromEdges(3, (0, 1), (0, 2)), peer => [$"file-{peer}.txt"]);
        network.AnswerFor = _ => new SearchOutcome([], Complete: true, PeersReached: int.MaxValue);

        var outcome = await network.SearchAsync(0, "file", ttl: 1);

        Assert.Equal(int.MaxValue, outcome.PeersReached);
        Assert.True(outcome.Complete);
        Assert.Equal(network.Matching([0], "file"), SimulatedNetwork.Found(outcome));
    }
}
