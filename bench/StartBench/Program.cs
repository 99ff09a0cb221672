using System.Globalization;
using OrleansP2P.Bench.Start;
using OrleansP2P.Testing;

// Cold start and idle memory of one peer beside a minimal ASP.NET Core app (bench/MinimalWeb, `dotnet new web`), both
// built in Release and launched with `dotnet X.dll`, alternating, in the same run. Medians of `runs` starts of each.
// Usage: dotnet bench/StartBench/bin/Release/net10.0/StartBench.dll [runs=5] [idle=5] [silo=PATH]
// silo= starts another build of the peer (say, a copy of an earlier commit's output) instead of this checkout's.
var options = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
var runs = int.Parse(options.GetValueOrDefault("runs", "5"), CultureInfo.InvariantCulture);
var idle = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("idle", "5"), CultureInfo.InvariantCulture));
var siloDll = Path.GetFullPath(options.GetValueOrDefault("silo", RepoPaths.SiloDll));
var minimalDll = Path.Combine(RepoPaths.Root, "bench", "MinimalWeb", "bin", "Release", "net10.0", "MinimalWeb.dll");
if (!File.Exists(minimalDll))
    throw new FileNotFoundException($"build the solution in Release first: {minimalDll} is missing");

using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, UseProxy = false })
{
    Timeout = TimeSpan.FromSeconds(30),
};
var loadBefore = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
Console.WriteLine($"peer: {siloDll}");
Console.WriteLine($"{runs} starts of each, alternating, {Environment.ProcessorCount} cores, load average before: {loadBefore}");
var minimal = new List<StartFigures>();
var peer = new List<StartFigures>();
for (var run = 1; run <= runs; run++)
{
    // Alternate which goes first, so neither always meets the machine just after the other's exit.
    if (run % 2 == 1)
        minimal.Add(await PeerStart.MinimalAsync(http, minimalDll, idle));
    peer.Add(await PeerStart.PeerAsync(http, idle, siloDll));
    if (run % 2 == 0)
        minimal.Add(await PeerStart.MinimalAsync(http, minimalDll, idle));
    var (m, p) = (minimal[^1], peer[^1]);
    Console.WriteLine($"run {run}: minimal {m.LaunchMs:F0} ms, {m.RssMb:F0} MB | peer /health {p.LaunchMs:F0} ms ({p.LaunchMs / m.LaunchMs:F2}x), " +
        $"first search {p.FirstMs:F1} ms, first transfer {p.FirstTransferMs:F1} ms, {p.RssMb:F0} MB | CPU to ready {m.LaunchCpuMs:F0} vs {p.LaunchCpuMs:F0} ms, " +
        $"idle CPU {m.IdleCpuPercent:F2} vs {p.IdleCpuPercent:F2} %");
}
var loadAfter = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

var ratio = Median(peer.Zip(minimal, (p, m) => p.LaunchMs / m.LaunchMs));
Console.WriteLine();
Console.WriteLine($"| medians of {runs} (ms, MB) | minimal web app | peer | peer / minimal |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine($"| launch to first 200 (peer: /health ok) | {MedianOf(minimal, f => f.LaunchMs):F0} | {MedianOf(peer, f => f.LaunchMs):F0} | {ratio:F2}x |");
Console.WriteLine($"| CPU time (user + system) at that first 200 | {MedianOf(minimal, f => f.LaunchCpuMs):F0} | {MedianOf(peer, f => f.LaunchCpuMs):F0} | {MedianOf(peer, f => f.LaunchCpuMs) / MedianOf(minimal, f => f.LaunchCpuMs):F2}x |");
Console.WriteLine($"| first request after that (peer: search ttl=0) | {MedianOf(minimal, f => f.FirstMs):F1} | {MedianOf(peer, f => f.FirstMs):F1} | |");
Console.WriteLine($"| second search ttl=0 (warm) | | {MedianOf(peer, f => f.SecondMs):F1} | |");
Console.WriteLine($"| first gRPC download, 1 MiB | | {MedianOf(peer, f => f.FirstTransferMs):F1} | |");
Console.WriteLine($"| second gRPC download, 1 MiB (warm) | | {MedianOf(peer, f => f.SecondTransferMs):F1} | |");
Console.WriteLine($"| idle RSS after {idle.TotalSeconds:F0} s | {MedianOf(minimal, f => f.RssMb):F0} | {MedianOf(peer, f => f.RssMb):F0} | {MedianOf(peer, f => f.RssMb) / MedianOf(minimal, f => f.RssMb):F2}x |");
Console.WriteLine($"| idle CPU during those {idle.TotalSeconds:F0} s, % of one core | {MedianOf(minimal, f => f.IdleCpuPercent):F2} | {MedianOf(peer, f => f.IdleCpuPercent):F2} | |");
Console.WriteLine();
Console.WriteLine($"load average before: {loadBefore}; after: {loadAfter}");
Console.WriteLine($"targets: /health <= 1.6x the minimal app: {Met(ratio <= 1.6)}; first search <= 20 ms: {Met(MedianOf(peer, f => f.FirstMs) <= 20)}; " +
    $"idle RSS <= 110 MB: {Met(MedianOf(peer, f => f.RssMb) <= 110)}");
return 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static double MedianOf(IEnumerable<StartFigures> figures, Func<StartFigures, double> pick) => Median(figures.Select(pick));

static string Met(bool met) => met ? "met" : "NOT met";
