using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Api.Network;

namespace OrleansP2P.Api.Tests.Hosting;

public sealed class PeerWarmupTests
{
    [Fact]
    public async Task Health_is_503_until_the_peer_is_ready_then_ok()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new OrleansP2P.Grains.Options.PeerOptions { Name = "warming" });
        var readiness = new PeerReadiness();

        var starting = Assert.IsType<ProblemHttpResult>((await NetworkApi.GetHealth(options, readiness, new OrleansP2P.Grains.Neighbours.LocalPeerView(), grains: null!, cluster: null)).Result);
        Assert.Equal(503, starting.StatusCode);

        readiness.MarkReady();
        var ready = Assert.IsType<Ok<OrleansP2P.Contracts.Rest.HealthResponse>>((await NetworkApi.GetHealth(options, readiness, new OrleansP2P.Grains.Neighbours.LocalPeerView(), grains: null!, cluster: null)).Result);
        Assert.Equal("ok", ready.Value!.Status);
        Assert.Null(ready.Value.Links); // no peer grain on this silo: nothing to advertise
    }

    [Fact]
    public async Task A_peer_on_real_sockets_has_run_its_warm_up_search_over_http_before_health_says_ok()
    {
        await using var peer = await KestrelPeer.StartAsync("warm-peer"); // returns once /health answered ok

        var status = await peer.Http.GetFromJsonAsync<JsonElement>(new Uri("/status", UriKind.Relative));
        Assert.Equal(1, status.GetProperty("stats").GetProperty("searches").GetInt64());
    }
}
