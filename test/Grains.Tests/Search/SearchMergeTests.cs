using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Grains.Tests.Search;

/// <summary>
/// How <see cref="SearchExecutor"/> merges what neighbours answer: at most <c>search_max_results</c> files, own hits
/// first, <c>truncated</c> carried up, counts that cannot overflow, whatever well-formed answer a neighbour gives.
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

    [Fact]
    public async Task A_search_holds_at_most_search_max_results_files_own_hits_first_and_says_truncated()
    {
        // 0 shares 3 files and asks 1 and 2, which share 4 each: 11 found, 5 kept.
        using var network = new SimulatedNetwork(Graphs.FromEdges(3, (0, 1), (0, 2)),
            peer => Enumerable.Range(0, peer == 0 ? 3 : 4).Select(i => $"file-{peer}-{i}.txt"), maxResults: 5);

        var outcome = await network.SearchAsync(0, "file", ttl: 1);

        Assert.True(outcome.Truncated);
        Assert.True(outcome.Complete);
        Assert.Equal(3, outcome.PeersReached);
        var found = SimulatedNetwork.Found(outcome);
        Assert.Equal(5, found.Count);
        Assert.Subset(found.ToHashSet(), network.Matching([0], "file").ToHashSet());
    }

    [Fact]
    public async Task A_hop_that_left_files_out_makes_every_answer_above_it_truncated()
    {
        // A line 0-1-2: 2 shares 4 files with a cap of 3 everywhere; 1 and 0 share nothing, so only 2 cut anything.
        using var network = new SimulatedNetwork(Graphs.Line(3),
            peer => peer == 2 ? Enumerable.Range(0, 4).Select(i => $"file-{i}.txt") : [], maxResults: 3);

        var outcome = await network.SearchAsync(0, "file", ttl: 2);

        Assert.True(outcome.Truncated);
        Assert.Equal(3, SimulatedNetwork.Found(outcome).Count);
    }

    [Fact]
    public void Exactly_search_max_results_files_is_not_truncated_and_duplicates_do_not_count()
    {
        var own = Hits("a", "x.txt", "y.txt");
        var repeat = new SearchOutcome([Hits("a", "y.txt", "x.txt"), Hits("b", "z.txt")], Complete: true, PeersReached: 2);

        var merged = SearchExecutor.Merge([own], [repeat], executed: 1, maxResults: 3);

        Assert.False(merged.Truncated);
        Assert.Equal(["a", "b"], merged.Results.Select(h => h.Peer));
        Assert.Equal(3, merged.Results.Sum(h => h.Files.Length));
        Assert.Equal(3, merged.PeersReached);
    }

    [Fact]
    public void A_peer_whose_files_were_all_left_out_is_not_listed()
    {
        var merged = SearchExecutor.Merge([Hits("a", "x.txt")], [new SearchOutcome([Hits("b", "z.txt")], true, 1)], executed: 1, maxResults: 1);

        Assert.Equal("a", Assert.Single(merged.Results).Peer);
        Assert.True(merged.Truncated);
    }

    [Fact]
    public void Negative_counts_add_nothing_and_an_incomplete_or_truncated_answer_is_carried_up()
    {
        var answers = new[]
        {
            new SearchOutcome([], Complete: false, PeersReached: -5),
            new SearchOutcome([], Complete: true, PeersReached: int.MinValue, Truncated: true),
        };

        var merged = SearchExecutor.Merge([], answers, executed: 1, maxResults: 10);

        Assert.Equal(1, merged.PeersReached);
        Assert.False(merged.Complete);
        Assert.True(merged.Truncated);
        Assert.Empty(merged.Results);
    }

    private static PeerHits Hits(string peer, params string[] names) =>
        new(peer, $"http://{peer}:1", $"{peer}:2", [.. names.Select(n => new FileEntry(n, 1, 0, new string('0', 64), ".txt"))]);
}
