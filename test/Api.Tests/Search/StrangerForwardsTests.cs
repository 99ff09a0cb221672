using System.Net;
using System.Text.Json.Nodes;

namespace OrleansP2P.Api.Tests.Search;

/// <summary>
/// Forwards whose sender (the last URL of <c>path</c>) is not a neighbour share a tenth of <c>peer_rate_limit_per_minute</c>
/// per address. TestServer gives every request one remote address, and the sender is told apart by its <c>path</c> URL.
/// </summary>
public sealed class StrangerForwardsTests(PeerBudgetPeerFixture peer) : IClassFixture<PeerBudgetPeerFixture>
{
    private const int StrangerBudget = PeerBudgetPeerFixture.PerMinute / 10;

    [Fact]
    public async Task Strangers_share_a_tenth_of_the_peer_budget_while_a_neighbour_keeps_forwarding()
    {
        var limitedBefore = await RateLimitedAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < StrangerBudget + 2; i++)
        {
            using var response = await ForwardAsync(ForwardBody.Sender);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                await ProblemAssert.IsDetailedProblemAsync(response, 429);
            }
        }
        using var fromNeighbour = await ForwardAsync(peer.FriendUrl);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, StrangerBudget), statuses.Take(StrangerBudget));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(StrangerBudget));
        Assert.Equal(HttpStatusCode.OK, fromNeighbour.StatusCode);
        await Poll.UntilAsync(RateLimitedAsync, count => count == limitedBefore + 2,
            "p2p_rate_limited_total{budget=\"peer\"} counting the two refused strangers");
    }

    /// <summary>A ttl-0 forward sent by <paramref name="sender"/> (the last URL of its path).</summary>
    private Task<HttpResponseMessage> ForwardAsync(string sender)
    {
        var hop = ForwardBody.Valid(Guid.NewGuid());
        hop["path"] = new JsonArray(sender);
        return peer.Client.PostAsync("/search/forward", ForwardBody.Content(hop));
    }

    private async Task<double> RateLimitedAsync() =>
        PrometheusText.Value(await peer.GetMetricsAsync(), "p2p_rate_limited_total", "budget=\"peer\"");
}
