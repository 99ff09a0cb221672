using System.Globalization;
using OrleansP2P.Testing;

namespace OrleansP2P.Bench.Scale;

/// <summary>What the benchmark reads from the running peers: metrics, neighbours, memory, searches.</summary>
public static class PeerReadings
{
    /// <summary>
    /// Search copies received so far across <paramref name="peers"/>: Σ <c>p2p_searches_total{origin="forwarded"}</c> +
    /// <c>p2p_search_duplicates_total</c> (every forward a peer received is one or the other).
    /// </summary>
    public static async Task<long> CopiesAsync(IEnumerable<PeerProcess> peers)
    {
        var texts = await Task.WhenAll(peers.Select(p => p.Http.GetStringAsync("/metrics")));
        return texts.Sum(text => Sum(text, "p2p_searches_total", "origin=\"forwarded\"") + Sum(text, "p2p_search_duplicates_total", null));
    }

    private static long Sum(string metrics, string name, string? label) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is '{' or ' ')
                && (label is null || line.Contains(label, StringComparison.Ordinal)))
            .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>The URLs of the neighbours <paramref name="peer"/> lists as healthy.</summary>
    public static async Task<string[]> HealthyNeighboursAsync(PeerProcess peer) =>
        [.. (await peer.GetJsonAsync("/peers")).GetProperty("peers").EnumerateArray().Select(u => u.GetString()!)];

    /// <summary>Resident memory of the peer's process in MiB (Linux), or NaN where /proc is not there.</summary>
    public static double RssMiB(PeerProcess peer)
    {
        var status = $"/proc/{peer.ProcessId}/status";
        if (!File.Exists(status))
            return double.NaN;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>A search from <paramref name="peer"/> (fanout 16, never cached): the peers with hits, whether complete, and the time it took.</summary>
    public static async Task<(HashSet<string> Peers, bool Complete, double Ms)> SearchAsync(PeerProcess peer, string query, int ttl)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await peer.GetJsonAsync($"/search?query={Uri.EscapeDataString(query)}&ttl={ttl}&fanout=16&cache=false");
        var ms = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return ([.. PeerNetwork.PeersWithHits(result)], result.GetProperty("complete").GetBoolean(), ms);
    }

    /// <summary>How many routing levels <paramref name="peer"/> publishes (4 once its neighbourhood's tables have settled).</summary>
    public static async Task<int> RoutingLevelsAsync(PeerProcess peer) =>
        (await peer.GetJsonAsync("/routing")).GetProperty("levels").GetArrayLength();

    /// <summary>The copies <paramref name="runs"/> searches from <paramref name="origin"/> sent, per search, and how many found something.</summary>
    public static async Task<(double Copies, int Found)> CopiesPerSearchAsync(
        IReadOnlyList<PeerProcess> peers, PeerProcess origin, IEnumerable<string> queries, int ttl)
    {
        var before = await CopiesAsync(peers);
        var found = 0;
        var runs = 0;
        foreach (var query in queries)
        {
            found += (await SearchAsync(origin, query, ttl)).Peers.Count > 0 ? 1 : 0;
            runs++;
        }
        await Task.Delay(TimeSpan.FromMilliseconds(400)); // wait-ok: past the exporter's 300 ms scrape cache
        var after = await CopiesAsync(peers);
        return ((after - before) / (double)runs, found);
    }

    /// <summary>The nearest-rank percentile of <paramref name="sorted"/>.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The 1-, 5- and 15-minute load averages (Linux), as uptime prints them.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

}
