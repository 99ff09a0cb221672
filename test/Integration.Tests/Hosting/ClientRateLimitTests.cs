using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using OrleansP2P.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansP2P.Integration.Tests.Hosting;

/// <summary>
/// Real peers on loopback, where the test, the client and every peer share the address 127.0.0.1:
/// only the budget class (client calls vs. peer calls) keeps a flooding client from starving searches.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class ClientRateLimitTests(ITestOutputHelper output)
{
    private const int ClientBudget = 60;
    private const int Hammer = 300;
    private const int Parallelism = 16;
    private const int SearchTimeoutMs = 5000; // two busy cores: time enough that only a rejection could make the search incomplete
    private static readonly TimeSpan FirstRejection = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_client_flooding_the_middle_peer_gets_429s_while_a_search_through_it_still_reaches_every_peer()
    {
        await using var net = await PeerNetwork.StartAsync(3, PeerNetwork.Line(3), PeerNetwork.OneFileEach,
            new Dictionary<string, object?> { ["rate_limit_per_minute"] = ClientBudget, ["search_timeout_ms"] = SearchTimeoutMs });
        await net.WaitForIndexesAsync();
        var warmUp = await net.SearchAsync(1, "only-on", ttl: 2); // activates the search path on every peer before the flood
        Assert.Equal(3, warmUp.GetProperty("peers_reached").GetInt32());
        var statuses = new ConcurrentQueue<int>();
        var badRetryAfter = new ConcurrentQueue<string>();
        var rejected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var hammer = Parallel.ForEachAsync(Enumerable.Range(0, Hammer), new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (_, ct) =>
            {
                using var response = await net[2].Http.GetAsync(new Uri("/files", UriKind.Relative), ct);
                statuses.Enqueue((int)response.StatusCode);
                if (response.StatusCode != HttpStatusCode.TooManyRequests)
                    return;
                rejected.TrySetResult();
                var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? string.Join(",", values) : "(none)";
                if (!int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
                    badRetryAfter.Enqueue(retryAfter);
            });
        await rejected.Task.WaitAsync(FirstRejection); // peer2's client budget is spent from here on
        var search = await net.SearchAsync(1, "only-on", ttl: 2);
        var health = await net[2].GetJsonAsync("/health");
        await hammer;

        var counts = statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key} x {g.Count()}");
        output.WriteLine($"{Hammer} GET /files on peer2: {string.Join(", ", counts)}");
        Assert.Equal(Hammer, statuses.Count);
        Assert.DoesNotContain(statuses, s => s >= 500);
        Assert.All(statuses, s => Assert.True(s is 200 or 429, $"unexpected status {s}"));
        Assert.InRange(statuses.Count(s => s == 429), Hammer - (2 * ClientBudget), Hammer);
        Assert.Empty(badRetryAfter);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.True(search.GetProperty("complete").GetBoolean(), $"the search was incomplete: {search}");
        Assert.Equal(3, search.GetProperty("peers_reached").GetInt32());
        Assert.Equal(["peer1", "peer2", "peer3"], PeerNetwork.PeersWithHits(search));
    }
}
