using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Hosting;

/// <summary>The monitoring files under deploy/ agree with what a real peer exposes.</summary>
[Collection(PeerCollection.Name)]
public sealed partial class DeploymentConfigTests
{
    private static readonly string Dashboard = Path.Combine(RepoPaths.Root, "deploy", "grafana", "dashboards", "p2p-network.json");

    [Fact]
    public async Task Every_metric_the_Grafana_dashboard_queries_is_exposed_by_a_real_peer()
    {
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Dashboard));
        var queried = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .SelectMany(target => MetricName().Matches(target.GetProperty("expr").GetString()!).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);

        await using var peer = await PeerProcess.StartAsync("dashboard", dir => File.WriteAllText(Path.Combine(dir, "x.txt"), "x"));
        await peer.WaitForFilesAsync(1);
        await peer.GetJsonAsync("/search?query=x&ttl=0"); // a search records the latency histogram
        using var http = new HttpClient();
        var exposed = (await http.GetStringAsync($"http://127.0.0.1:{peer.MetricsPort}/metrics"))
            .Split('\n').Where(line => line.StartsWith("p2p_", StringComparison.Ordinal))
            .Select(line => line.Split('{', ' ')[0])
            .ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["p2p_searches_total", "p2p_search_duration_seconds_bucket", "p2p_peers", "p2p_transfer_bytes_total",
            "p2p_rate_limited_total", "p2p_dropped_total", "p2p_downloads", "p2p_pieces_total"]), queried);
        Assert.Subset(exposed, queried);
    }

    [PromtoolFact]
    public async Task The_Prometheus_scrape_config_passes_promtool_check_config()
    {
        var config = Path.Combine(RepoPaths.Root, "deploy", "prometheus", "prometheus.yml");
        var start = new ProcessStartInfo("promtool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "check", "config", config })
            start.ArgumentList.Add(arg);
        using var promtool = Process.Start(start)!;
        var output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();

        Assert.True(promtool.ExitCode == 0, $"promtool check config failed:\n{output}");
    }

    [GeneratedRegex(@"\bp2p_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
