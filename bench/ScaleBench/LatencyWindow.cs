using System.Diagnostics;
using OrleansP2P.Testing;

namespace OrleansP2P.Bench.Scale;

/// <summary>One row of the latency table.</summary>
public sealed record LatencyRow(string What, int Count, double P50, double P99);

/// <summary>
/// Sequential requests from one peer for a while: in each round one <c>/health</c> (the baseline round trip) and one
/// search per ttl, each for a different file (<c>only-on-peer{k}</c>, k cycling), never cached.
/// </summary>
public static class LatencyWindow
{
    public static async Task<List<LatencyRow>> MeasureAsync(PeerProcess origin, int peers, int[] ttls, TimeSpan duration)
    {
        var samples = new Dictionary<string, List<double>> { ["GET /health (baseline)"] = [] };
        foreach (var ttl in ttls)
            samples[$"search ttl {ttl}"] = [];
        var clock = Stopwatch.StartNew();
        for (var round = 0; clock.Elapsed < duration; round++)
        {
            samples["GET /health (baseline)"].Add(await TimeAsync(() => origin.GetJsonAsync("/health")));
            foreach (var ttl in ttls)
            {
                var query = $"only-on-peer{round % peers + 1}";
                samples[$"search ttl {ttl}"].Add(await TimeAsync(() => PeerReadings.SearchAsync(origin, query, ttl)));
            }
        }
        return [.. samples.Select(s =>
        {
            var sorted = s.Value.Order().ToList();
            return new LatencyRow(s.Key, sorted.Count, PeerReadings.Percentile(sorted, 0.5), PeerReadings.Percentile(sorted, 0.99));
        })];
    }

    private static async Task<double> TimeAsync(Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
