using System.Diagnostics;
using System.Text.Json.Nodes;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Hosting;

[Collection(PeerCollection.Name)]
public sealed class PeerHostingTests
{
    [Fact]
    public async Task The_metrics_port_serves_metrics_and_nothing_else()
    {
        await using var peer = await PeerProcess.StartAsync("metrics");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{peer.MetricsPort}") };

        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("p2p_searches_total", metrics, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/health")).StatusCode);
        Assert.Contains("p2p_index_files", await peer.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [PromtoolFact]
    public async Task Metrics_pass_promtool_check_metrics()
    {
        await using var peer = await PeerProcess.StartAsync("promtool", dir => File.WriteAllText(Path.Combine(dir, "x.txt"), "x"));
        await peer.WaitForFilesAsync(1);
        await peer.GetJsonAsync("/search?query=x&ttl=0"); // populate the request and search series
        var metrics = await new HttpClient().GetStringAsync($"http://127.0.0.1:{peer.MetricsPort}/metrics");

        var start = new ProcessStartInfo("promtool", "check metrics") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var promtool = Process.Start(start)!;
        await promtool.StandardInput.WriteAsync(metrics);
        promtool.StandardInput.Close();
        var output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();

        Assert.True(promtool.ExitCode == 0, $"promtool check metrics failed:\n{output}");
    }

    [Theory]
    [InlineData("rest_port", 70000)]
    [InlineData("search_ttl", 12)]
    [InlineData("self_url", "ftp://nowhere")]
    [InlineData("shared_dir", "does-not-exist")]
    [InlineData("search_ttl", "three")]
    public async Task A_bad_config_value_stops_the_peer_with_a_message_naming_the_key(string key, object value)
    {
        var folder = Directory.CreateTempSubdirectory("p2p-badconfig-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "shared"));
            var config = new JsonObject
            {
                ["name"] = "bad", ["rest_port"] = 18001, ["grpc_port"] = 18002, ["metrics_port"] = 18003,
                ["shared_dir"] = "shared", ["self_url"] = "http://127.0.0.1:18001",
            };
            config[key] = JsonValue.Create(value);
            var path = Path.Combine(folder, "peer.json");
            await File.WriteAllTextAsync(path, config.ToJsonString());

            var (exitCode, output) = await PeerProcess.RunToExitAsync(path, TimeSpan.FromSeconds(30));

            Assert.Equal(2, exitCode);
            Assert.Contains(key, output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
