using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansP2P.Integration.Tests.Hosting;

/// <summary>
/// A peer of two silos behind a stateless gateway (an Orleans client): everything goes through the gateway, the silos
/// come and go under it, and it comes and goes over them.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class GatewayHubTests(GatewayHub hub, ITestOutputHelper output) : IClassFixture<GatewayHub>
{
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(60);

    [RedisFact]
    public async Task Searches_and_a_peer_run_download_go_through_the_gateway_and_on_when_a_silo_dies_and_the_gateway_restarts()
    {
        await hub.EnsureSilosUpAsync();
        var gateway = hub.Gateway;

        // The hub's files, a search and a download, all through the gateway's ports.
        var files = await gateway.GetJsonAsync("/files");
        Assert.Equal(gateway.Url, files.GetProperty("base").GetString());
        Assert.Contains(GatewayHub.HubFile, HubCalls.FileNames(files));
        Assert.Contains(GatewayHub.HubFile, Hits(await gateway.GetJsonAsync($"/search?query={GatewayHub.HubFile}&ttl=0"), gateway.Url));
        Assert.Equal(GatewayHub.HubFileText, await HubCalls.DownloadTextAsync(gateway, GatewayHub.HubFile));

        // The gateway advertises the peer grain's routing version and serves that table.
        var routingVersion = (await gateway.GetJsonAsync("/health")).GetProperty("routing").GetInt64();
        using (var routing = await gateway.Http.GetAsync("/routing"))
        {
            Assert.Equal(HttpStatusCode.OK, routing.StatusCode);
            Assert.Equal($"\"{routingVersion}\"", routing.Headers.ETag?.Tag);
        }

        // A search forwarded by another peer enters at the gateway's REST port and runs in the cluster.
        await hub.Holder.RegisterAsync(gateway.Url);
        var forwarded = await hub.Holder.GetJsonAsync($"/search?query={GatewayHub.HubFile}&ttl=1&cache=false");
        Assert.Contains(GatewayHub.HubFile, Hits(forwarded, gateway.Url));

        // A download the peer runs, posted to the gateway, runs on a silo.
        await gateway.RegisterAsync(hub.Holder.Url);
        var held = (await hub.Holder.GetJsonAsync("/files")).GetProperty("files")[0];
        var link = new MagnetLink(held.GetProperty("checksum").GetString()!, held.GetProperty("tree").GetString()!, GatewayHub.HolderFileSize, GatewayHub.HolderFile);
        using (var posted = await gateway.Http.PostAsJsonAsync("/downloads", new { link = link.ToString() }))
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var running = await Poll.UntilAsync(() => Task.FromResult(hub.Silos.FirstOrDefault(s => RunsDownload(s, link.Sha256))),
            silo => silo is not null, "a silo running the download");
        await Poll.UntilAsync(() => HubCalls.VerifiedAsync(gateway, link.Sha256), verified => verified >= GatewayHub.HolderFileSize / 5, Failover,
            "a fifth of the pieces verified");

        // One silo dies: searches through the gateway go on, and the download goes on on the other silo.
        await running!.KillAsync();
        var seen = new List<HttpStatusCode>();
        var search = await Poll.UntilAsync(() => HubCalls.GetAsync(hub.Gateway, $"/search?query={GatewayHub.HubFile}&ttl=0&cache=false", seen),
            json => json is { } found && Hits(found, gateway.Url).Contains(GatewayHub.HubFile), Failover, "a search through the gateway after a silo died");
        var other = hub.Silos.Single(s => s != running);
        await Poll.UntilAsync(() => Task.FromResult(RunsDownload(other, link.Sha256)), moved => moved, Failover, "the download running on the other silo");

        // The gateway restarts; the job goes on on the silo and ends.
        var before = await HubCalls.StateAsync(gateway, link.Sha256);
        await gateway.RestartAsync();
        var done = await Poll.UntilAsync(() => HubCalls.StateAsync(gateway, link.Sha256), state => state is "done" or "failed", Failover,
            "the download ending after the gateway restarted");

        output.WriteLine($"answers while a silo was dying: {string.Join(", ", seen.Select(s => (int)s))}; job before the gateway restart: {before}");
        Assert.NotNull(search);
        Assert.All(seen, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable,
            $"while a silo was dying the gateway answered {(int)status}; only 200 or 503 are acceptable"));
        Assert.Equal("done", done);
        Assert.Equal(link.Sha256, TestFiles.Sha256(Path.Combine(hub.SiloA.SharedDir, GatewayHub.HolderFile)));
        Assert.Contains(GatewayHub.HolderFile, HubCalls.FileNames(await gateway.GetJsonAsync("/files")));
    }

    [RedisFact]
    public async Task With_no_silo_up_the_gateway_answers_503_with_retry_after_and_recovers_without_a_restart()
    {
        await hub.EnsureSilosUpAsync();
        var gateway = hub.Gateway;
        Assert.Contains(GatewayHub.HubFile, HubCalls.FileNames(await gateway.GetJsonAsync("/files")));
        var process = gateway.ProcessId;

        await Task.WhenAll(hub.Silos.Select(s => s.KillAsync()));
        var seen = new List<HttpStatusCode>();
        await Poll.UntilAsync(() => HubCalls.GetAsync(hub.Gateway, "/files", seen), json => json is null, Failover, "the gateway answering 503 with no silo up");
        using (var files = await gateway.Http.GetAsync("/files"))
            AssertUnavailable(files);
        using (var health = await gateway.Http.GetAsync("/health"))
            AssertUnavailable(health);
        using (var metrics = await gateway.Http.GetAsync($"http://127.0.0.1:{gateway.MetricsPort}/metrics"))
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode); // its listeners stay up

        await Task.WhenAll(hub.Silos.Select(s => s.RestartAsync()));
        var recovered = await Poll.UntilAsync(() => HubCalls.GetAsync(hub.Gateway, "/files", seen), json => json is not null, Failover, "the gateway answering again");

        output.WriteLine($"answers while no silo was up and after: {string.Join(", ", seen.Select(s => (int)s))}");
        Assert.Contains(GatewayHub.HubFile, HubCalls.FileNames(recovered!.Value));
        Assert.Equal(process, gateway.ProcessId); // recovered by itself, never restarted
        Assert.All(seen, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable,
            $"with its silos down the gateway answered {(int)status}; only 200 or 503 are acceptable"));
    }

    private static void AssertUnavailable(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 says when to retry");
    }

    private static bool RunsDownload(PeerProcess silo, string sha256) =>
        silo.Log.Contains($"Download {sha256} ({GatewayHub.HolderFile}) running on this silo", StringComparison.Ordinal);

    /// <summary>The names a search answer lists for the peer at <paramref name="url"/>.</summary>
    private static List<string> Hits(JsonElement search, string url) =>
        [.. search.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("url").GetString() == url)
            .SelectMany(r => r.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()!))];
}
