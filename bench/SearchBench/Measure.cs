using System.Diagnostics;

namespace OrleansP2P.Bench.Search;

public sealed record Latencies(double P50, double P99, double PerSecond, int Failures);

public sealed record BenchSettings(int Sequential, int Concurrent, int Total, int WarmUpSeconds)
{
    public static BenchSettings Parse(string[] args)
    {
        var values = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2 && p[0] is not ("url" or "query")).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        return new(values.GetValueOrDefault("sequential", 500), values.GetValueOrDefault("concurrent", 16), values.GetValueOrDefault("total", 4000),
            values.GetValueOrDefault("warmup", 30));
    }
}

public static class Measure
{
    // The sequential client is synchronous: one blocking socket on the calling thread, no thread-pool hand-off in the
    // client between a response arriving and the clock stopping. An async client adds its own scheduling delays on a
    // 2-core machine that the four peers share, and those would be counted as search latency.
    public static void WarmUp(HttpClient http, string path, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
            Get(http, path, out _).EnsureSuccessStatusCode();
    }

    public static Latencies Sequential(HttpClient http, string path, int count, Func<string, bool>? verify = null)
    {
        var samples = new double[count];
        var failures = 0;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = Get(http, path, out var body);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode || (verify is not null && !verify(body)))
                failures++;
        }
        return Summarize(samples, count / total.Elapsed.TotalSeconds, failures);
    }

    private static HttpResponseMessage Get(HttpClient http, string path, out string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var response = http.Send(request, HttpCompletionOption.ResponseContentRead);
        using var reader = new StreamReader(response.Content.ReadAsStream());
        body = reader.ReadToEnd();
        return response;
    }

    /// <summary><paramref name="clients"/> clients, each with its own connection, sharing <paramref name="total"/> searches.</summary>
    public static async Task<Latencies> ConcurrentAsync(string baseUrl, string path, int clients, int total)
    {
        var samples = new double[total];
        var next = -1;
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsStringAsync();
                samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                    Interlocked.Increment(ref failures);
            }
        }));
        return Summarize(samples, total / clock.Elapsed.TotalSeconds, failures);
    }

    private static Latencies Summarize(double[] samples, double perSecond, int failures)
    {
        var sorted = samples.Order().ToArray();
        return new(Percentile(sorted, 0.50), Percentile(sorted, 0.99), perSecond, failures);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>
/// CPU time the hypervisor gave to someone else (steal) while a measurement ran, from /proc/stat: on a shared VM the
/// tail of a run moves with it, so every run reports it beside its figures. Null where /proc/stat does not exist.
/// </summary>
public sealed record CpuShares(double StealPercent, double IdlePercent)
{
    public static long[]? Sample()
    {
        if (!File.Exists("/proc/stat"))
            return null;
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. fields.Skip(1).Take(8).Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture))];
    }

    public static CpuShares? Between(long[]? before, long[]? after)
    {
        if (before is null || after is null)
            return null;
        var delta = after.Zip(before, (a, b) => a - b).ToArray();
        var total = (double)delta.Sum();
        return total <= 0 ? null : new CpuShares(100 * delta[7] / total, 100 * (delta[3] + delta[4]) / total);
    }
}

/// <summary>
/// A machine-speed probe measured in the same run: the leaf peer's own work per forwarded search
/// (<c>p2p_search_duration_seconds{origin="forwarded"}</c> of the last peer of the line: it matches its index and forwards
/// nowhere: pure CPU, about 10 µs of wall time, longer when the vCPU runs slower or the peer is preempted). On a shared VM
/// it drifts by 2x and more between runs without always showing as steal, and every hop of a search slows with it, so
/// each run reports it beside its figures.
/// </summary>
public static class LeafWork
{
    private const string Sum = "p2p_search_duration_seconds_sum{";
    private const string Count = "p2p_search_duration_seconds_count{";

    /// <summary>(seconds, searches) so far at the peer whose metrics endpoint is <paramref name="metricsUrl"/>; null without one.</summary>
    public static (double Seconds, double Searches)? Sample(HttpClient http, string? metricsUrl)
    {
        if (metricsUrl is null)
            return null;
        using var response = http.Send(new HttpRequestMessage(HttpMethod.Get, metricsUrl));
        if (!response.IsSuccessStatusCode)
            return null;
        using var reader = new StreamReader(response.Content.ReadAsStream());
        double? seconds = null, searches = null;
        while (reader.ReadLine() is { } line)
        {
            if (!line.Contains("origin=\"forwarded\"", StringComparison.Ordinal))
                continue;
            if (line.StartsWith(Sum, StringComparison.Ordinal))
                seconds = ValueOf(line);
            else if (line.StartsWith(Count, StringComparison.Ordinal))
                searches = ValueOf(line);
        }
        return seconds is { } s && searches is { } n ? (s, n) : null;
    }

    /// <summary>Microseconds of own work per search between two samples; null without both or without searches between them.</summary>
    public static double? MicrosecondsPerSearch((double Seconds, double Searches)? before, (double Seconds, double Searches)? after) =>
        before is { } b && after is { } a && a.Searches > b.Searches ? 1e6 * (a.Seconds - b.Seconds) / (a.Searches - b.Searches) : null;

    private static double ValueOf(string line) =>
        double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
