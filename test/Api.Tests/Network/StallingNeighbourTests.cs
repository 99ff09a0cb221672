using System.Net;
using System.Text.Json;

namespace OrleansP2P.Api.Tests.Network;

/// <summary>
/// A neighbour that answers <c>/health</c> but misses <c>health_failures</c> (3) search deadlines in a row is shown
/// unhealthy in <c>/peers</c> and in <c>p2p_peers</c>, and healthy again once it answers a ttl-0 probe.
/// </summary>
public sealed class StallingNeighbourTests(StallingNeighbourPeerFixture peer) : IClassFixture<StallingNeighbourPeerFixture>
{
    private const string Url = "http://staller.example:9000";

    [Fact]
    public async Task A_neighbour_that_stalls_searches_is_unhealthy_in_peers_and_metrics_until_it_answers_a_probe()
    {
        peer.Membership.SetAlive(Url, "staller");
        using (var registered = await peer.PostRegisterAsync(JsonSerializer.Serialize(new { url = Url })))
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        await Poll.UntilAsync(() => peer.GetJsonAsync("/peers"), IsHealthy, "the neighbour healthy");

        for (var search = 1; search <= 3; search++)
            Assert.False(await SearchCompleteAsync(), $"search {search}: the neighbour was asked and missed its deadline");
        Assert.True(await SearchCompleteAsync(), "the fourth search does not ask it, so nothing is missing");

        var peers = await peer.GetJsonAsync("/peers");
        Assert.False(IsHealthy(peers));
        Assert.DoesNotContain(Url, JsonAssert.Strings(peers.GetProperty("peers")));
        await PollPeerGaugesAsync(healthy: 0, unhealthy: 1);

        peer.Searches.Answer(Url);
        await Poll.UntilAsync(() => peer.GetJsonAsync("/peers"), IsHealthy, "the neighbour healthy again after answering a ttl-0 probe");
        await PollPeerGaugesAsync(healthy: 1, unhealthy: 0);
    }

    private async Task<bool> SearchCompleteAsync() =>
        (await peer.GetJsonAsync("/search?query=report&ttl=2&cache=false")).GetProperty("complete").GetBoolean();

    private static bool IsHealthy(JsonElement peers) =>
        peers.GetProperty("all_peers").EnumerateArray().Single(p => p.GetProperty("url").GetString() == Url).GetProperty("healthy").GetBoolean();

    /// <summary>Polls: the exporter may answer a scrape from a short cache.</summary>
    private async Task PollPeerGaugesAsync(int healthy, int unhealthy) =>
        await Poll.UntilAsync(peer.GetMetricsAsync,
            m => PrometheusText.Value(m, "p2p_peers", "state=\"healthy\"") == healthy && PrometheusText.Value(m, "p2p_peers", "state=\"unhealthy\"") == unhealthy,
            $"p2p_peers at {healthy} healthy and {unhealthy} unhealthy");
}
