using System.Globalization;
using OrleansP2P.Bench;
using OrleansP2P.Cli.Output;
using OrleansP2P.Cli.Transfer;
using OrleansP2P.Testing;

// Transfer benchmark: one real peer sharing a large file, downloaded and uploaded through the CLI's own classes
// (FileDownloader/FileUploader: gRPC Download/Upload, part files, SHA-256 verification), beside the machine's ceilings.
// Then the swarm: p2p get from that peer beside a threaded Python client (best of runs, then paired rounds with the
// verified ceiling), and from 1, 3 and 4 rate-limited holders.
// Usage: dotnet run -c Release --project bench/TransferBench -- [size in MiB, default 1024] [runs, default 3] [swarm MiB, default 256]
var sizeMiB = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var swarmMiB = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 256;
var size = (long)sizeMiB << 20;
const string Name = "bench.bin";

Console.WriteLine($"{Environment.ProcessorCount} cores, {sizeMiB} MiB, best of {runs} runs");
var rows = new List<(string What, double MBps, string Note)>();

var tcp = Best(runs, () => Ceilings.TcpLoopbackAsync(size).GetAwaiter().GetResult());
rows.Add(("raw TCP loopback (1 socket, in-process)", Rate(size, tcp), "ceiling for the wire"));
var sha = Best(runs, () => Ceilings.Sha256SingleCore(size));
rows.Add(("SHA-256, one core", Rate(size, sha), "ceiling for a verified receive"));

var work = Directory.CreateTempSubdirectory("p2p-bench-");
try
{
    var disk = Best(runs, () => Ceilings.DiskWrite(work.FullName, size));
    rows.Add(("disk: write + fsync a new file", Rate(size, disk), "ceiling for anything stored"));
    var verified = Best(runs, () => Ceilings.TcpHashAndStoreAsync(work.FullName, size).GetAwaiter().GetResult());
    rows.Add(("raw TCP + SHA-256 + write + fsync (no protocol)", Rate(size, verified), Percent(verified, tcp) + " of raw TCP: ceiling for a verified download"));
    await using var peer = await PeerProcess.StartAsync("bench", dir => TestFiles.Write(Path.Combine(dir, Name), size),
        new Dictionary<string, object?> { ["accept_uploads"] = true });
    await peer.WaitForFilesAsync(1);
    var source = GrpcTarget.TryParse($"127.0.0.1:{peer.GrpcPort}", out _)!;

    await WireOnly.DownloadAsync(source, Name, hash: false); // warm-up: the peer's code reaches its optimised tier
    var wire = Best(runs, () => WireOnly.DownloadAsync(source, Name, hash: false).GetAwaiter().GetResult());
    rows.Add(("gRPC Download, received and dropped", Rate(size, wire), Percent(wire, tcp) + " of raw TCP"));
    var dummy = Best(runs, () => WireOnly.DummyDownloadAsync(source, Name).GetAwaiter().GetResult());
    rows.Add(("gRPC DummyDownload (64 KiB messages), received and dropped", Rate(size, dummy), Percent(dummy, tcp) + " of raw TCP"));
    var hashed = Best(runs, () => WireOnly.DownloadAsync(source, Name, hash: true).GetAwaiter().GetResult());
    rows.Add(("gRPC Download + SHA-256, no disk", Rate(size, hashed), Percent(hashed, tcp) + " of raw TCP"));

    var download = TimeSpan.MaxValue;
    for (var i = 0; i < runs; i++)
    {
        File.Delete(Path.Combine(work.FullName, Name));
        var result = await new FileDownloader(source, SilentProgress.Instance).DownloadAsync(Name, work.FullName, CancellationToken.None);
        download = Min(download, TimeSpan.FromMilliseconds(result.ElapsedMs));
    }
    rows.Add(("gRPC Download + SHA-256 verify + fsync (CLI)", Rate(size, download),
        Percent(download, tcp) + " of raw TCP, " + Percent(download, verified) + " of the verified ceiling"));

    foreach (var chunk in new[] { 64 << 10, 1 << 20 })
    {
        var dummyUp = Best(runs, () => WireOnly.DummyUploadAsync(source, size, chunk).GetAwaiter().GetResult());
        rows.Add(($"gRPC DummyUpload ({chunk >> 10} KiB messages), counted and dropped", Rate(size, dummyUp), Percent(dummyUp, tcp) + " of raw TCP"));
    }

    var upload = TimeSpan.MaxValue;
    for (var i = 0; i < runs; i++)
    {
        var local = Path.Combine(work.FullName, $"up-{i}.bin");
        File.Move(Path.Combine(work.FullName, i == 0 ? Name : $"up-{i - 1}.bin"), local);
        var result = await new FileUploader(source, SilentProgress.Instance).UploadAsync(local, overwrite: false, CancellationToken.None);
        upload = Min(upload, TimeSpan.FromMilliseconds(result.ElapsedMs));
    }
    rows.Add(("gRPC Upload incl. client hash, server verify, fsync, reindex (CLI)", Rate(size, upload), Percent(upload, tcp) + " of raw TCP"));

    var link = await SwarmRows.LinkAsync(peer, Name);
    var python = Best(runs, () => SwarmRows.PythonAsync($"{peer.Url}/content/{link.Sha256}", work.FullName, link.Sha256).GetAwaiter().GetResult());
    rows.Add(("threaded Python client: HTTP GET, SHA-256 + write thread, fsync", Rate(size, python), Percent(python, verified) + " of the verified ceiling"));
    Uri[] one = [new(peer.Url)];
    await SwarmRows.GetAsync(link, one, work.FullName); // warm-up
    var get = Best(runs, () => SwarmRows.GetAsync(link, one, work.FullName).GetAwaiter().GetResult());
    rows.Add(("p2p get LINK, one source (pieces verified, whole SHA-256, fsync)", Rate(size, get),
        Percent(get, verified) + " of the verified ceiling, " + Ratio(get, python) + " the Python client"));

    // The same three again in rounds, each round all three back to back (the order turned every round): the VM's speed
    // drifts between minutes by more than the gap between them, so a ratio within a round says more than two bests
    // taken minutes apart.
    var rounds = Enumerable.Range(0, Math.Max(runs, 5)).Select(round =>
    {
        var steps = new Func<TimeSpan>[]
        {
            () => Ceilings.TcpHashAndStoreAsync(work.FullName, size).GetAwaiter().GetResult(),
            () => SwarmRows.PythonAsync($"{peer.Url}/content/{link.Sha256}", work.FullName, link.Sha256).GetAwaiter().GetResult(),
            () => SwarmRows.GetAsync(link, one, work.FullName).GetAwaiter().GetResult(),
        };
        var took = new TimeSpan[3];
        for (var i = 0; i < 3; i++)
        {
            var step = round % 2 == 0 ? i : 2 - i;
            took[step] = steps[step]();
        }
        return (Ceiling: took[0], Python: took[1], Get: took[2]);
    }).ToList();
    var pairedGet = Rate(size, Median(rounds.Select(r => r.Get)));
    rows.Add(($"paired rounds ({rounds.Count}): p2p get / the verified ceiling of its round", pairedGet, string.Create(CultureInfo.InvariantCulture,
        $"median {Spread(rounds.Select(r => r.Ceiling / r.Get * 100), "0", " %")}; the ceiling's median {Rate(size, Median(rounds.Select(r => r.Ceiling))):0} MB/s")));
    rows.Add(($"paired rounds ({rounds.Count}): p2p get / the Python client of its round", pairedGet, string.Create(CultureInfo.InvariantCulture,
        $"median {Spread(rounds.Select(r => r.Python / r.Get), "0.00", "x")}; Python's median {Rate(size, Median(rounds.Select(r => r.Python))):0} MB/s")));

    var swarmSize = (long)swarmMiB << 20;
    var holders = await SwarmRows.StartHoldersAsync(4, Name, swarmSize);
    try
    {
        var swarmLink = await SwarmRows.LinkAsync(holders[0], Name);
        var single = TimeSpan.Zero;
        foreach (var count in new[] { 1, 3, 4 })
        {
            Uri[] urls = [.. holders.Take(count).Select(h => new Uri(h.Url))];
            var took = Best(runs, () => SwarmRows.GetAsync(swarmLink, urls, work.FullName).GetAwaiter().GetResult());
            single = count == 1 ? took : single;
            rows.Add(($"p2p get, {count} holder(s) at upload_rate_limit {SwarmRows.HolderRate}, {swarmMiB} MiB", Rate(swarmSize, took),
                count == 1 ? "baseline for the swarm rows" : Ratio(took, single) + " one holder"));
        }
    }
    finally
    {
        foreach (var holder in holders)
            await holder.DisposeAsync();
    }
}
finally
{
    work.Delete(recursive: true);
}

Console.WriteLine();
Console.WriteLine($"| {"what",-68} | {"MB/s",8} | note");
Console.WriteLine($"|{new string('-', 70)}|{new string('-', 10)}|------");
foreach (var (what, mbps, note) in rows)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what,-68} | {mbps,8:0} | {note}"));
return 0;

static TimeSpan Best(int runs, Func<TimeSpan> measure) => Enumerable.Range(0, runs).Select(_ => measure()).Min();

static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

static TimeSpan Median(IEnumerable<TimeSpan> values) => TimeSpan.FromTicks((long)Statistics.Median(values.Select(v => (double)v.Ticks)));

// "92 % (84 – 101 %)": the median and the range.
static string Spread(IEnumerable<double> values, string format, string unit)
{
    var all = values.ToArray();
    return string.Format(CultureInfo.InvariantCulture, $"{{0:{format}}}{{3}} ({{1:{format}}} – {{2:{format}}}{{3}})",
        Statistics.Median(all), all.Min(), all.Max(), unit);
}

static double Rate(long bytes, TimeSpan elapsed) => bytes / 1e6 / elapsed.TotalSeconds;

static string Ratio(TimeSpan measured, TimeSpan baseline) =>
    string.Create(CultureInfo.InvariantCulture, $"{baseline.TotalSeconds / measured.TotalSeconds:0.00}x");

static string Percent(TimeSpan measured, TimeSpan ceiling) =>
    string.Create(CultureInfo.InvariantCulture, $"{ceiling.TotalSeconds / measured.TotalSeconds * 100:0} %");
