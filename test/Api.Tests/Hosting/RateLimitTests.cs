using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Xunit.Abstractions;

namespace OrleansP2P.Api.Tests.Hosting;

/// <summary>
/// The client budget (<c>rate_limit_per_minute</c> = 100) under a burst of 300 calls. TestServer gives
/// every request the same remote address (none at all, so the partition key is "unknown"): one client,
/// which is what a burst from one address looks like.
/// </summary>
public sealed class RateLimitTests(ClientBudgetPeerFixture peer, ITestOutputHelper output) : IClassFixture<ClientBudgetPeerFixture>
{
    private const int Burst = 300;
    private const int ProbeEvery = 25;

    [Fact]
    public async Task A_client_burst_over_its_budget_gets_429_problems_with_Retry_After_while_health_and_peer_calls_still_pass()
    {
        var remote = await RemoteAddressAsync();
        output.WriteLine($"TestServer remote address: {remote?.ToString() ?? "null (partition 'unknown')"}");
        var limitedBefore = await RateLimitedAsync();

        var statuses = new List<int>();
        for (var i = 0; i < Burst; i++)
        {
            using var response = await peer.Client.GetAsync(new Uri("/files", UriKind.Relative));
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                await AssertRetryAfterProblemAsync(response);
            if (i % ProbeEvery == 0)
                await AssertHealthAndForwardPassAsync();
        }
        await AssertHealthAndForwardPassAsync();

        var ok = statuses.Count(s => s == 200);
        var limited = statuses.Count(s => s == 429);
        output.WriteLine($"{Burst} GET /files: {ok} x 200, {limited} x 429, other: {string.Join(',', statuses.Where(s => s is not (200 or 429)))}");
        Assert.Equal(Burst, ok + limited);
        Assert.Equal(200, statuses[0]);
        Assert.InRange(ok, ClientBudgetPeerFixture.PerMinute, 2 * ClientBudgetPeerFixture.PerMinute); // a window may roll over once
        Assert.True(statuses.IndexOf(429) >= ClientBudgetPeerFixture.PerMinute, "the first 429 came before the budget was spent");

        await Poll.UntilAsync(RateLimitedAsync, count => count == limitedBefore + limited,
            $"p2p_rate_limited_total{{budget=\"client\"}} counting {limited} more 429s than {limitedBefore}");
    }

    private static async Task AssertRetryAfterProblemAsync(HttpResponseMessage response)
    {
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.True(int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0,
            $"Retry-After '{retryAfter}' is not a positive integer");
        await ProblemAssert.IsDetailedProblemAsync(response, 429);
    }

    /// <summary><c>/health</c> is exempt and <c>/search/forward</c> draws on the peer budget: both pass when the client budget is spent.</summary>
    private async Task AssertHealthAndForwardPassAsync()
    {
        using var health = await peer.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var content = ForwardBody.Content(ForwardBody.Valid(Guid.NewGuid()));
        using var forward = await peer.Client.PostAsync(new Uri("/search/forward", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, forward.StatusCode);
    }

    private async Task<double> RateLimitedAsync() =>
        PrometheusText.Value(await peer.GetMetricsAsync(), "p2p_rate_limited_total", "budget=\"client\"");

    /// <summary>What the rate limiter partitions on for requests from this test's client.</summary>
    private async Task<IPAddress?> RemoteAddressAsync()
    {
        var context = await peer.Factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/health";
        });
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        return context.Connection.RemoteIpAddress;
    }
}
