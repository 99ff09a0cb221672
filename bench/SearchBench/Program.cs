using OrleansP2P.Bench.Search;
using OrleansP2P.Testing;

// Search latency and throughput on a real 4-peer line (1–2–3–4) on loopback, ttl=3 from peer 1.
// Baselines measured in the same run: GET /health (one HTTP round trip) and a ttl=0 search (no hops).
// Usage: dotnet bench/SearchBench/bin/Release/net10.0/SearchBench.dll [sequential=500 concurrent=16 total=4000 warmup=30] [url=http://HOST:PORT query=NAME]
var settings = BenchSettings.Parse(args);
var config = new Dictionary<string, object?>
{
    ["rate_limit_per_minute"] = 10_000_000,
    ["peer_rate_limit_per_minute"] = 10_000_000,
};
// url=http://HOST:PORT measures a network that is already running (its far file named by query=) instead.
var external = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2 && p[0] is "url" or "query").ToDictionary(p => p[0], p => p[1]);
await using var net = external.ContainsKey("url") ? null : await StartLineAsync(config);
var origin = external.GetValueOrDefault("url") ?? net![1].Url;
var query = Uri.EscapeDataString(external.GetValueOrDefault("query") ?? "only-on-peer4");

using var http = new HttpClient { BaseAddress = new Uri(origin) };
var FarSearch = $"/search?query={query}&ttl=3&cache=false";
// Steady state: tiered JIT and connection pools settle over the first seconds of traffic.
Measure.WarmUp(http, FarSearch, TimeSpan.FromSeconds(settings.WarmUpSeconds));

var health = Measure.Sequential(http, "/health", settings.Sequential);
var local = Measure.Sequential(http, $"/search?query={query}&ttl=0&cache=false", settings.Sequential);
// The leaf peer's own work per search, a machine-speed probe (only on the line this benchmark starts).
var leafMetrics = net is null ? null : $"http://127.0.0.1:{net[4].MetricsPort}/metrics";
var leafBefore = LeafWork.Sample(http, leafMetrics);
var cpuBefore = CpuShares.Sample();
var far = Measure.Sequential(http, FarSearch, settings.Sequential, verify: body => body.Contains("\"peers_reached\":4", StringComparison.Ordinal));
var cpu = CpuShares.Between(cpuBefore, CpuShares.Sample());
var leafWork = LeafWork.MicrosecondsPerSearch(leafBefore, LeafWork.Sample(http, leafMetrics));
var throughput = await Measure.ConcurrentAsync(origin, FarSearch, settings.Concurrent, settings.Total);

Console.WriteLine();
Console.WriteLine($"| measurement (n={settings.Sequential} sequential) | p50 ms | p99 ms |");
Console.WriteLine("|---|---|---|");
Console.WriteLine($"| GET /health (baseline: one HTTP round trip) | {health.P50:F2} | {health.P99:F2} |");
Console.WriteLine($"| search ttl=0 (baseline: no hops) | {local.P50:F2} | {local.P99:F2} |");
Console.WriteLine($"| search ttl=3 over the line, 4 peers reached | {far.P50:F2} | {far.P99:F2} |");
Console.WriteLine();
Console.WriteLine($"ttl=3 p50 = {far.P50 / health.P50:F1}x a /health round trip, {far.P50 / local.P50:F1}x a ttl=0 search");
Console.WriteLine($"throughput: {throughput.PerSecond:F0} searches/s (ttl=3, {settings.Concurrent} concurrent clients, {settings.Total} searches, " +
    $"p50 {throughput.P50:F2} ms, p99 {throughput.P99:F2} ms, {throughput.Failures} failures)");
if (cpu is not null)
    Console.WriteLine($"during the ttl=3 run: {cpu.StealPercent:F1} % of CPU time stolen by the hypervisor, {cpu.IdlePercent:F1} % idle");
if (leafWork is { } us)
    Console.WriteLine($"machine-speed probe: peer 4's own work per search (CPU only, no I/O) took {us:F1} us during the ttl=3 run " +
        "(lower is faster; the latency of every hop moves with it, see bench/README.md)");
Console.WriteLine($"target p50 <= 3 ms: {(far.P50 <= 3 ? "met" : "NOT met")}; p99 <= 10 ms: {(far.P99 <= 10 ? "met" : "NOT met")}");
return far.Failures + throughput.Failures == 0 ? 0 : 1;

static async Task<PeerNetwork> StartLineAsync(Dictionary<string, object?> config)
{
    Console.WriteLine($"starting a 4-peer line ({Environment.ProcessorCount} cores)...");
    var net = await PeerNetwork.StartAsync(4, PeerNetwork.Line(4), PeerNetwork.OneFileEach, config);
    await net.WaitForIndexesAsync();
    return net;
}
