using System.Diagnostics;
using System.Globalization;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Bench.Scale;
using OrleansP2P.Testing;

// N real peers on loopback in a seeded random connected graph (friends; discovery on), then: start-to-healthy, RSS,
// degrees, the first search's coverage, copies per full-coverage search, latency per ttl beside /health, and coverage
// after killing k peers. Usage: dotnet bench/ScaleBench/bin/Release/net10.0/ScaleBench.dll [peers=30 seed=1 kill=5 window=60 parallel=4 interval=2]
var settings = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2)
    .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
var n = settings.GetValueOrDefault("peers", 30);
var seed = settings.GetValueOrDefault("seed", 1);
var kill = settings.GetValueOrDefault("kill", 5);
var window = TimeSpan.FromSeconds(settings.GetValueOrDefault("window", 60));
// At most this many peers starting at once (each start is CPU-bound: a herd of them on two cores starts slower; on the
// 2-core VM, 2026-12-07 20:09 – 20:27 UTC, 30 peers were all healthy after 29.3 – 31.0 s at 4, 32.2 – 42.7 s at 3, 36.1 s at 6).
using var startSlots = new SemaphoreSlim(settings.GetValueOrDefault("parallel", 4));
const int HealthFailures = 3, FullTtl = 7;
// Every peer's health_interval_s (2 by default: a killed peer is noticed within 6 s).
var healthIntervalS = settings.GetValueOrDefault("interval", 2);

var graph = ScaleGraph.Random(n, seed);
var ports = Enumerable.Range(0, n + 1).Select(_ => FreePorts.Take(5)).ToArray();
string UrlOf(int i) => i == 0 ? "" : $"http://127.0.0.1:{ports[i][0]}";
Dictionary<string, object?> ConfigOf(int i) => new()
{
    ["friend_primary"] = UrlOf(graph.Friends[i].Primary),
    ["friend_secondary"] = UrlOf(graph.Friends[i].Secondary),
    ["target_degree"] = 3,
    ["max_neighbors"] = ScaleGraph.MaxDegree,
    ["health_failures"] = HealthFailures,
    ["health_interval_s"] = healthIntervalS,
    ["rate_limit_per_minute"] = 10_000_000,
    ["peer_rate_limit_per_minute"] = 10_000_000,
};

Console.WriteLine($"{n} peers, seed {seed}, {Environment.ProcessorCount} cores, load {PeerReadings.Load()} before the start");
var clock = Stopwatch.StartNew();
var answered = new double[n + 1];
var starting = Enumerable.Range(1, n).Select(async i =>
{
    await startSlots.WaitAsync();
    try
    {
        var peer = await PeerProcess.StartAsync($"peer{i}", dir => PeerNetwork.OneFileEach(i, dir), ConfigOf(i), ports[i]);
        answered[i] = clock.Elapsed.TotalSeconds;
        return peer;
    }
    finally
    {
        startSlots.Release();
    }
}).ToList();
try
{
    await Task.WhenAll(starting);
}
catch
{
    // One peer failed to start: stop every one that did (the others still starting finish first), then fail.
    await Task.WhenAll(starting.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
        await started.Result.DisposeAsync();
    throw;
}
await using var net = new ScaleRun([.. starting.Select(t => t.Result)]);
var allAnswer = clock.Elapsed.TotalSeconds;

// Healthy = every peer lists its friends healthy, the healthy links join all peers, and every file is indexed.
await Poll.UntilAsync(() => net.AllLinkedAsync(graph), linked => linked, TimeSpan.FromMinutes(3), "every friend healthy and all peers joined");
await Task.WhenAll(net.Peers.Select(p => p.WaitForFilesAsync(1)));
var allHealthy = clock.Elapsed.TotalSeconds;
var healthyAt = Stopwatch.StartNew();

var first = await PeerReadings.SearchAsync(net.Peers[0], "only-on", FullTtl);
var degrees = await Task.WhenAll(net.Peers.Select(async p => (await PeerReadings.HealthyNeighboursAsync(p)).Length));
var rss = net.Peers.Select(PeerReadings.RssMiB).ToList();

const int CopyRuns = 5, RoutedTtl = 4, DefaultTtl = 3;
// Every name has "only-on": no routing table rules a peer out, so these copies are those of a full-coverage search.
var (copies, _) = await PeerReadings.CopiesPerSearchAsync(net.Peers, net.Peers[0], Enumerable.Repeat("only-on", CopyRuns), FullTtl);

// Selective vs broad at ttl 4, once every peer publishes all its routing levels: a name one peer has ("peer2x" is in
// no other name) against one every peer has.
await Poll.UntilAsync(() => Task.WhenAll(net.Peers.Select(PeerReadings.RoutingLevelsAsync)), levels => levels.All(l => l == 4),
    TimeSpan.FromSeconds(30), "every peer's routing levels settled");
var selectiveQueries = Enumerable.Range(0, CopyRuns).Select(run => $"only-on-peer{n - run}").ToList();
// At ttl 4 (the latency rows' ttl) and at the default search_ttl, 3.
var routed = new List<(int Ttl, double Selective, int SelectiveFound, double Broad, int BroadFound)>();
foreach (var ttl in new[] { RoutedTtl, DefaultTtl })
{
    var (broad, broadFound) = await PeerReadings.CopiesPerSearchAsync(net.Peers, net.Peers[0], Enumerable.Repeat("only-on", CopyRuns), ttl);
    var (selective, selectiveFound) = await PeerReadings.CopiesPerSearchAsync(net.Peers, net.Peers[0], selectiveQueries, ttl);
    routed.Add((ttl, selective, selectiveFound, broad, broadFound));
}

var latency = await LatencyWindow.MeasureAsync(net.Peers[0], n, [1, 2, 3, 4, FullTtl], window - healthyAt.Elapsed);
var loadAfterWindow = PeerReadings.Load();

var (killed, expected) = await net.KillAsync(kill, seed, FullTtl);
await Task.Delay(TimeSpan.FromSeconds(HealthFailures * healthIntervalS)); // wait-ok: the benchmark measures coverage at this moment
var survivors = await PeerReadings.SearchAsync(net.Peers[0], "only-on", FullTtl);
var settled = survivors.Complete && survivors.Peers.IsSupersetOf(expected) ? 0 : await net.SettleAsync(expected, FullTtl, TimeSpan.FromSeconds(30));

Console.WriteLine();
Console.WriteLine($"| measurement ({n} peers, seed {seed}) | value |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| first start → all {n} answer /health | {allAnswer:F1} s (each peer: {answered.Skip(1).Min():F1}–{answered.Max():F1} s) |");
Console.WriteLine($"| first start → all healthy (friends healthy, all joined, files indexed) | {allHealthy:F1} s |");
Console.WriteLine($"| RSS per peer | {rss.Min():F0}–{rss.Max():F0} MiB (mean {rss.Average():F0}) |");
Console.WriteLine($"| healthy degree | {degrees.Min()}–{degrees.Max()} (mean {degrees.Average():F1}) |");
Console.WriteLine($"| first search (ttl {FullTtl}, right after all healthy) | {first.Peers.Count}/{n} peers, complete={first.Complete}, {first.Ms:F0} ms |");
Console.WriteLine($"| copies per full-coverage search (ttl {FullTtl}, mean of {CopyRuns}) | {copies:F1} = {copies / (n - 1):F2} × (N−1) |");
foreach (var r in routed)
    Console.WriteLine($"| copies, ttl {r.Ttl}: one peer's name ({string.Join(", ", selectiveQueries)}) vs every peer's (only-on), mean of {CopyRuns} | " +
        $"{r.Selective:F1} vs {r.Broad:F1} = {r.Selective / r.Broad:F2}× (found {r.SelectiveFound}/{CopyRuns}, {r.BroadFound}/{CopyRuns}) |");
foreach (var row in latency)
    Console.WriteLine($"| {row.What} (n={row.Count}) | p50 {row.P50:F1} ms, p99 {row.P99:F1} ms |");
Console.WriteLine($"| after killing {killed.Count} ({string.Join(' ', killed)}), {HealthFailures * healthIntervalS} s later | " +
    $"{survivors.Peers.Intersect(expected).Count()}/{expected.Count} of the survivors' ball, {survivors.Peers.Except(expected).Count()} others, complete={survivors.Complete} |");
Console.WriteLine($"| … the survivors' ball found complete | {(settled is { } s ? $"{HealthFailures * healthIntervalS + s:F1} s after the kill" : "not within 30 s more")} |");
Console.WriteLine($"load average (1/5/15 min): {loadAfterWindow} after the latency window, {PeerReadings.Load()} at the end");
return 0;
