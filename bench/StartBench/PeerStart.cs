using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Protos;
using OrleansP2P.Testing;

namespace OrleansP2P.Bench.Start;

/// <summary>What one start of each app measured (milliseconds, MB).</summary>
/// <param name="LaunchCpuMs">CPU time (user + system) the process had used when it first answered.</param>
/// <param name="IdleCpuPercent">CPU time used during the idle wait, as a percentage of one core.</param>
public sealed record StartFigures(double LaunchMs, double FirstMs, double SecondMs, double FirstTransferMs, double SecondTransferMs, double RssMb,
    double LaunchCpuMs, double IdleCpuPercent);

/// <summary>
/// One cold start of the built peer (one peer alone, default config, discovery off, one 1 MiB file shared): launch to
/// <c>/health</c> ok, then its first and second ttl-0 search, its first and second gRPC <c>Download</c> of the file,
/// then its RSS after <paramref name="idle"/>. Beside it, one cold start of the minimal app: launch to its first
/// response, its second request, its RSS after the same idle time.
/// </summary>
public static class PeerStart
{
    public const string SharedFile = "start-bench.bin";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task<StartFigures> PeerAsync(HttpClient http, TimeSpan idle, string siloDll)
    {
        using var folder = new TempFolder("p2p-start-bench");
        folder.Write($"shared/{SharedFile}", new byte[1 << 20]);
        var ports = FreePorts.Take(3);
        var config = new Dictionary<string, object>
        {
            ["name"] = "start-bench", ["rest_port"] = ports[0], ["grpc_port"] = ports[1], ["metrics_port"] = ports[2],
            ["shared_dir"] = "shared", ["friend_primary"] = "", ["friend_secondary"] = "", ["target_degree"] = 0,
            ["self_url"] = $"http://127.0.0.1:{ports[0]}", ["bind_address"] = "127.0.0.1",
        };
        var configPath = folder.Write("peer.json", JsonSerializer.SerializeToUtf8Bytes(config));
        var rest = $"http://127.0.0.1:{ports[0]}";
        using var peer = Launch.Start(siloDll, runtimeOf: siloDll, "--config", configPath);
        var launch = await peer.UntilOkAsync(http, $"{rest}/health", Timeout);
        var launchCpu = peer.Cpu();
        var first = await TimeAsync(() => http.GetStringAsync($"{rest}/search?query=start&ttl=0&cache=false"));
        var second = await TimeAsync(() => http.GetStringAsync($"{rest}/search?query=bench&ttl=0&cache=false"));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{ports[1]}");
        var client = new FileTransfer.FileTransferClient(channel);
        var firstTransfer = await TimeAsync(() => DownloadAsync(client));
        var secondTransfer = await TimeAsync(() => DownloadAsync(client));
        var idleCpu = await IdleAsync(peer, idle);
        return new StartFigures(launch, first, second, firstTransfer, secondTransfer, peer.RssMb(), launchCpu.TotalMilliseconds, idleCpu);
    }

    /// <summary>One start of the minimal web app: launch to its first <c>GET /</c> 200, a second request, RSS after <paramref name="idle"/>.</summary>
    public static Task<StartFigures> MinimalAsync(HttpClient http, string minimalDll, TimeSpan idle) =>
        BaselineAsync(http, minimalDll, runtimeOf: null, "/", [], idle);

    /// <summary>
    /// One start of the minimal silo (bench/MinimalSilo), with the environment a peer from <paramref name="siloDll"/>
    /// gets: launch to <c>/health</c> 200 (its silo started), a second request, RSS after <paramref name="idle"/>.
    /// </summary>
    public static Task<StartFigures> MinimalSiloAsync(HttpClient http, string minimalSiloDll, string siloDll, TimeSpan idle)
    {
        var ports = FreePorts.Take(2);
        return BaselineAsync(http, minimalSiloDll, siloDll, "/health",
            ["--silo_port", ports[0].ToString(CultureInfo.InvariantCulture), "--gateway_port", ports[1].ToString(CultureInfo.InvariantCulture)], idle);
    }

    private static async Task<StartFigures> BaselineAsync(HttpClient http, string dll, string? runtimeOf, string path, string[] args, TimeSpan idle)
    {
        var url = $"http://127.0.0.1:{FreePorts.Take(1)[0]}";
        using var app = Launch.Start(dll, runtimeOf, ["--urls", url, .. args]);
        var launch = await app.UntilOkAsync(http, url + path, Timeout);
        var launchCpu = app.Cpu();
        var second = await TimeAsync(() => http.GetStringAsync(url + path));
        var idleCpu = await IdleAsync(app, idle);
        return new StartFigures(launch, second, second, 0, 0, app.RssMb(), launchCpu.TotalMilliseconds, idleCpu);
    }

    /// <summary>Waits <paramref name="idle"/> asking nothing of the process; returns the CPU it used meanwhile, % of one core.</summary>
    private static async Task<double> IdleAsync(Launch process, TimeSpan idle)
    {
        var before = process.Cpu();
        await Task.Delay(idle); // idle means: nothing asked of it for this long
        return (process.Cpu() - before) / idle * 100;
    }

    private static async Task<long> DownloadAsync(FileTransfer.FileTransferClient client)
    {
        using var call = client.Download(new DownloadRequest { Name = SharedFile });
        long bytes = 0;
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
            bytes += chunk.PayloadCase == DownloadChunk.PayloadOneofCase.Data ? chunk.Data.Length : 0;
        return bytes == 1 << 20 ? bytes : throw new InvalidOperationException($"downloaded {bytes} bytes of {1 << 20}");
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
