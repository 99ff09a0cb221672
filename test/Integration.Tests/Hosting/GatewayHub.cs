using OrleansP2P.Api.Hosting;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Hosting;

/// <summary>
/// The compose hub as real processes: one peer ("hub") of two silos (<c>role: silo</c>, grains only) behind one
/// gateway (<c>role: gateway</c>, the peer's REST, gRPC and <c>self_url</c>), clustered and stored in one Redis, sharing
/// one <c>shared_dir</c> and <c>data_dir</c>; and a plain peer ("holder") with a file the hub can download. Tests kill
/// and restart its processes; each starts with <see cref="EnsureSilosUpAsync"/>.
/// </summary>
public sealed class GatewayHub : IAsyncLifetime
{
    public const string HubFile = "hub-file.txt";
    public const string HubFileText = "on the hub behind its gateway\n";
    public const string HolderFile = "held.bin";
    public const long HolderFileSize = 24L << 20;

    public RedisServer Redis { get; private set; } = null!;
    public PeerProcess SiloA { get; private set; } = null!;
    public PeerProcess SiloB { get; private set; } = null!;
    public PeerProcess Gateway { get; private set; } = null!;
    public PeerProcess Holder { get; private set; } = null!;

    public IReadOnlyList<PeerProcess> Silos => [SiloA, SiloB];

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var holder = PeerProcess.StartAsync("holder", dir => TestFiles.Write(Path.Combine(dir, HolderFile), HolderFileSize, seed: 26),
            new Dictionary<string, object?> { ["upload_rate_limit"] = 4_000_000 });

        // Every process of the hub is told the gateway's address and ports; only the gateway listens on them.
        var gatewayPorts = FreePorts.Take(5);
        var hub = new Dictionary<string, object?>
        {
            ["clustering"] = "redis",
            ["storage"] = "redis",
            ["redis"] = Redis.ConnectionString,
            ["rescan_interval_s"] = 2,
            ["self_url"] = $"http://127.0.0.1:{gatewayPorts[0]}",
            ["rest_port"] = gatewayPorts[0],
            ["grpc_port"] = gatewayPorts[1],
        };
        SiloA = await PeerProcess.StartAsync("hub", dir => File.WriteAllText(Path.Combine(dir, HubFile), HubFileText),
            new Dictionary<string, object?>(hub) { ["role"] = "silo" });
        hub["shared_dir"] = SiloA.SharedDir;
        hub["data_dir"] = Path.Combine(SiloA.Folder, "data"); // one file system for all, as compose and EC2 mount it
        SiloB = await PeerProcess.StartAsync("hub", config: new Dictionary<string, object?>(hub) { ["role"] = "silo" });
        Gateway = await PeerProcess.StartAsync("hub", config: new Dictionary<string, object?>(hub) { ["role"] = "gateway" }, ports: gatewayPorts);
        Holder = await holder;
        await Holder.WaitForFilesAsync(1);
        await Gateway.WaitForFilesAsync(1);
    }

    /// <summary>Starts again, on their ports, the silos an earlier test killed.</summary>
    public Task EnsureSilosUpAsync() => Task.WhenAll(Silos.Where(s => s.HasExited).Select(s => s.RestartAsync()));

    public async Task DisposeAsync()
    {
        foreach (var process in new[] { Gateway, SiloB, SiloA, Holder })
        {
            if (process is not null)
                await process.DisposeAsync();
        }
        if (Redis is not null)
            await Redis.DisposeAsync();
    }
}
