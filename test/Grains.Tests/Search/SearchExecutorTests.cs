using Microsoft.Extensions.Time.Testing;
using OrleansP2P.Grains;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Grains.Tests.Search;

/// <summary>Small, hand-built networks for the rules of <see cref="SearchExecutor"/>: ttl, fanout, path, failures, deadlines.</summary>
public sealed class SearchExecutorTests
{
    /// <summary>A guard for tests about hangs: far above any deadline they use.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_file_three_hops_down_a_line_is_found_with_ttl_3_and_not_with_ttl_2()
    {
        using var network = new SimulatedNetwork(Graphs.Line(4), peer => peer == 3 ? ["far.txt"] : ["near.txt"]);

        var ttl3 = await network.SearchAsync(0, "far", ttl: 3);
        var ttl2 = await network.SearchAsync(0, "far", ttl: 2);

        Assert.Equal([(SimulatedNetwork.UrlOf(3), "far.txt")], SimulatedNetwork.Found(ttl3));
        Assert.Equal(4, ttl3.PeersReached);
        Assert.Empty(ttl2.Results);
        Assert.Equal(3, ttl2.PeersReached);
        Assert.True(ttl2.Complete);
    }

    [Fact]
    public async Task Fanout_limits_how_many_neighbours_are_asked_taking_them_in_the_order_the_peer_lists_them()
    {
        using var network = new SimulatedNetwork(Graphs.FromEdges(7, (0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (0, 6)));

        var outcome = await network.SearchAsync(0, "*", ttl: 1, fanout: 2);

        Assert.Equal([SimulatedNetwork.UrlOf(1), SimulatedNetwork.UrlOf(2)], network.Hops.Select(h => h.To).Order());
        Assert.Equal([0, 1, 2], network.Executed());
        Assert.Equal(3, outcome.PeersReached);
    }

    [Fact]
    public async Task Fanout_counts_only_neighbours_that_may_be_asked()
    {
        // Peer 1 lists 0, 2, 3, 4; 0 is on the path, so fanout 2 means 2 and 3.
        using var network = new SimulatedNetwork(Graphs.FromEdges(5, (1, 0), (1, 2), (1, 3), (1, 4)));

        var outcome = await network.Peers[1].Executor.ExecuteAsync(Forwarded(from: [0], ttl: 1, fanout: 2));

        Assert.Equal([SimulatedNetwork.UrlOf(2), SimulatedNetwork.UrlOf(3)], network.Hops.Select(h => h.To).Order());
        Assert.Equal(3, outcome.PeersReached);
    }

    [Fact]
    public async Task Peers_on_the_path_and_the_sender_are_never_asked()
    {
        // Peer 1 knows 0, 2, 3 and 4; the copy came from 0 by way of 2, so only 3 and 4 may be asked.
        using var network = new SimulatedNetwork(Graphs.FromEdges(5, (1, 0), (1, 2), (1, 3), (1, 4)));

        var outcome = await network.Peers[1].Executor.ExecuteAsync(Forwarded(from: [0, 2], ttl: 2));

        Assert.Equal([SimulatedNetwork.UrlOf(3), SimulatedNetwork.UrlOf(4)], network.Hops.Select(h => h.To).Order());
        Assert.All(network.Hops, h => Assert.Equal<string>([SimulatedNetwork.UrlOf(0), SimulatedNetwork.UrlOf(2), SimulatedNetwork.UrlOf(1)], h.Request.Path));
        Assert.Equal([1, 3, 4], network.Executed());
        Assert.Equal(3, outcome.PeersReached);
    }

    [Fact]
    public async Task A_failing_hop_makes_the_answer_incomplete_but_keeps_what_the_others_found()
    {
        // 0 asks 1 and 2; 1 asks 3, which is down. The failure is one hop away from the origin.
        using var network = new SimulatedNetwork(Graphs.FromEdges(4, (0, 1), (0, 2), (1, 3)), peer => [$"file-{peer}.txt"]);
        var down = SimulatedNetwork.UrlOf(3);
        network.BeforeHop = (hop, _) => hop.To == down ? throw new PeerCallException($"{down} refused the connection") : Task.CompletedTask;

        var outcome = await network.SearchAsync(0, "file", ttl: 2);

        Assert.False(outcome.Complete);
        Assert.Equal(network.Matching([0, 1, 2], "file"), SimulatedNetwork.Found(outcome));
        Assert.Equal(3, outcome.PeersReached);
        Assert.Equal(0, network.Peers[3].Executions);
    }

    [Fact]
    public async Task A_neighbour_that_never_answers_cannot_hold_the_search_past_its_deadline()
    {
        using var network = new SimulatedNetwork(Graphs.FromEdges(3, (0, 1), (0, 2)), peer => [$"file-{peer}.txt"]);
        var silent = SimulatedNetwork.UrlOf(2);
        network.BeforeHop = (hop, ct) => hop.To == silent ? SimulatedNetwork.NeverAnswers(ct) : Task.CompletedTask;

        var outcome = await network.SearchAsync(0, "file", ttl: 1, deadlineMs: 300).WaitAsync(Guard);

        Assert.False(outcome.Complete);
        Assert.Equal(network.Matching([0, 1], "file"), SimulatedNetwork.Found(outcome));
        Assert.Equal(2, outcome.PeersReached);
    }

    [Fact]
    public async Task A_silent_peer_two_hops_away_still_lets_the_hop_in_between_answer_in_time()
    {
        // 0–1–2 with 2 silent, on a fake clock. The origin has 1000 ms: it gives peer 1 a budget of
        // 800 ms and waits for it 800 + 100 ms. Just before the origin gives up, peer 1 must have
        // given up on 2 within its own, shorter budget and answered.
        var time = new FakeTimeProvider();
        using var network = new SimulatedNetwork(Graphs.Line(3), peer => [$"file-{peer}.txt"], time: time);
        var silent = SimulatedNetwork.UrlOf(2);
        var silentAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        network.BeforeHop = (hop, ct) =>
        {
            if (hop.To != silent)
                return Task.CompletedTask;
            silentAsked.TrySetResult();
            return SimulatedNetwork.NeverAnswers(ct);
        };

        var search = network.SearchAsync(0, "file", ttl: 2, deadlineMs: 1000);
        await silentAsked.Task.WaitAsync(Guard);
        time.Advance(TimeSpan.FromMilliseconds(899));
        var outcome = await search.WaitAsync(Guard);

        Assert.False(outcome.Complete);
        Assert.Equal(network.Matching([0, 1], "file"), SimulatedNetwork.Found(outcome));
        Assert.Equal(2, outcome.PeersReached);
    }

    [Fact]
    public async Task A_deadline_too_short_for_another_hop_answers_locally_and_incomplete()
    {
        using var network = new SimulatedNetwork(Graphs.Line(2), peer => [$"file-{peer}.txt"]);

        var outcome = await network.SearchAsync(0, "file", ttl: 1, deadlineMs: SearchExecutor.MinHopMs);

        Assert.False(outcome.Complete);
        Assert.Empty(network.Hops);
        Assert.Equal(network.Matching([0], "file"), SimulatedNetwork.Found(outcome));
    }

    /// <summary>A copy that reached peer 1 by way of <paramref name="from"/> (the sender last).</summary>
    private static SearchRequest Forwarded(int[] from, int ttl, int fanout = SimulatedNetwork.DefaultFanout) =>
        new(Guid.NewGuid(), "*", ttl, fanout, SimulatedNetwork.UrlOf(from[0]), [.. from.Select(SimulatedNetwork.UrlOf)],
            SimulatedNetwork.DefaultDeadlineMs);
}
