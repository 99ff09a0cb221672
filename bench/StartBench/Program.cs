using System.Globalization;
using OrleansP2P.Bench.Start;
using OrleansP2P.Testing;

// Cold start and idle memory of one peer beside two baselines, all built in Release and launched with `dotnet X.dll`,
// in turn, in the same run: a minimal ASP.NET Core app (bench/MinimalWeb, `dotnet new web`) and a minimal silo
// (bench/MinimalSilo: an Orleans silo alone, the floor under any peer). Medians of `runs` starts of each.
// Usage: dotnet bench/StartBench/bin/Release/net10.0/StartBench.dll [runs=5] [idle=5] [silo=PATH]
// silo= starts another build of the peer (say, a copy of an earlier commit's output) instead of this checkout's.
var options = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
var runs = int.Parse(options.GetValueOrDefault("runs", "5"), CultureInfo.InvariantCulture);
var idle = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("idle", "5"), CultureInfo.InvariantCulture));
var siloDll = Path.GetFullPath(options.GetValueOrDefault("silo", RepoPaths.SiloDll));
var minimalDll = BenchDll("MinimalWeb");
var minimalSiloDll = BenchDll("MinimalSilo");

using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, UseProxy = false })
{
    Timeout = TimeSpan.FromSeconds(30),
};
var loadBefore = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
Console.WriteLine($"peer: {siloDll}");
Console.WriteLine($"{runs} starts of each, alternating, {Environment.ProcessorCount} cores, load average before: {loadBefore}");
var minimal = new List<StartFigures>();
var minimalSilo = new List<StartFigures>();
var peer = new List<StartFigures>();
Func<Task>[] starts =
[
    async () => minimal.Add(await PeerStart.MinimalAsync(http, minimalDll, idle)),
    async () => minimalSilo.Add(await PeerStart.MinimalSiloAsync(http, minimalSiloDll, siloDll, idle)),
    async () => peer.Add(await PeerStart.PeerAsync(http, idle, siloDll)),
];
for (var run = 1; run <= runs; run++)
{
    // Reverse the order every other run, so no app always meets the machine just after the same other's exit.
    foreach (var start in run % 2 == 1 ? starts : Enumerable.Reverse(starts))
        await start();
    var (m, s, p) = (minimal[^1], minimalSilo[^1], peer[^1]);
    Console.WriteLine($"run {run}: minimal {m.LaunchMs:F0} ms, {m.RssMb:F0} MB | minimal silo {s.LaunchMs:F0} ms ({s.LaunchMs / m.LaunchMs:F2}x), {s.RssMb:F0} MB " +
        $"| peer /health {p.LaunchMs:F0} ms ({p.LaunchMs / m.LaunchMs:F2}x), " +
        $"first search {p.FirstMs:F1} ms, first transfer {p.FirstTransferMs:F1} ms, {p.RssMb:F0} MB | CPU to ready {m.LaunchCpuMs:F0} vs {p.LaunchCpuMs:F0} ms, " +
        $"idle CPU {m.IdleCpuPercent:F2} vs {p.IdleCpuPercent:F2} %");
}
var loadAfter = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

var ratio = Statistics.Median(peer.Zip(minimal, (p, m) => p.LaunchMs / m.LaunchMs));
var siloRatio = Statistics.Median(minimalSilo.Zip(minimal, (s, m) => s.LaunchMs / m.LaunchMs));
Console.WriteLine();
Console.WriteLine($"| medians of {runs} (ms, MB) | minimal web app | minimal silo | peer | peer / minimal | minimal silo / minimal |");
Console.WriteLine("|---|---|---|---|---|---|");
Row("launch to first 200 (silo, peer: /health ok)", f => f.LaunchMs, "F0", $"{ratio:F2}x", $"{siloRatio:F2}x");
Row("CPU time (user + system) at that first 200", f => f.LaunchCpuMs, "F0");
Row("first request after that (peer: search ttl=0)", f => f.FirstMs, "F1", "", "");
Console.WriteLine($"| second search ttl=0 (warm) | | | {MedianOf(peer, f => f.SecondMs):F1} | | |");
Console.WriteLine($"| first gRPC download, 1 MiB | | | {MedianOf(peer, f => f.FirstTransferMs):F1} | | |");
Console.WriteLine($"| second gRPC download, 1 MiB (warm) | | | {MedianOf(peer, f => f.SecondTransferMs):F1} | | |");
Row($"idle RSS after {idle.TotalSeconds:F0} s", f => f.RssMb, "F0");
Row($"idle CPU during those {idle.TotalSeconds:F0} s, % of one core", f => f.IdleCpuPercent, "F2", "", "");
Console.WriteLine();
Console.WriteLine($"load average before: {loadBefore}; after: {loadAfter}");
Console.WriteLine($"targets: /health <= 1.6x the minimal app: {Met(ratio <= 1.6)}; first search <= 20 ms: {Met(MedianOf(peer, f => f.FirstMs) <= 20)}; " +
    $"idle RSS <= 110 MB: {Met(MedianOf(peer, f => f.RssMb) <= 110)}");
Console.WriteLine($"the floor (a silo and nothing else): {siloRatio:F2}x the minimal app, {MedianOf(minimalSilo, f => f.RssMb):F0} MB idle");
return 0;

// One row of the table: each app's median of pick, then the two ratios (of the medians unless given).
void Row(string what, Func<StartFigures, double> pick, string format, string? peerRatio = null, string? siloRatio = null)
{
    var (m, s, p) = (MedianOf(minimal, pick), MedianOf(minimalSilo, pick), MedianOf(peer, pick));
    Console.WriteLine($"| {what} | {m.ToString(format, CultureInfo.InvariantCulture)} | {s.ToString(format, CultureInfo.InvariantCulture)} | " +
        $"{p.ToString(format, CultureInfo.InvariantCulture)} | {peerRatio ?? $"{p / m:F2}x"} | {siloRatio ?? $"{s / m:F2}x"} |");
}

static string BenchDll(string name)
{
    var dll = Path.Combine(RepoPaths.Root, "bench", name, "bin", "Release", "net10.0", name + ".dll");
    return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the solution in Release first: {dll} is missing");
}

static double MedianOf(IEnumerable<StartFigures> figures, Func<StartFigures, double> pick) => Statistics.Median(figures.Select(pick));

static string Met(bool met) => met ? "met" : "NOT met";
