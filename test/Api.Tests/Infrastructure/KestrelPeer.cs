using System.Net.Http.Json;
using System.Text.Json;
using OrleansP2P.Api.Hosting;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// The real Silo <c>Program</c> in this process but on real sockets (Kestrel on free loopback ports), so several of
/// them call each other over HTTP exactly as separate peer processes would, while what they trace lands in this
/// process's listeners. Shares one small text file; discovery off, so a topology stays as registered.
/// </summary>
public sealed class KestrelPeer : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly PeerFactory _factory;

    private KestrelPeer(string name, TempFolder folder, PeerFactory factory, int restPort)
    {
        (Name, _folder, _factory) = (name, folder, factory);
        Url = $"http://127.0.0.1:{restPort}";
        Http = new HttpClient { BaseAddress = new Uri(Url) };
    }

    public string Name { get; }

    public string Url { get; }

    public HttpClient Http { get; }

    public static async Task<KestrelPeer> StartAsync(string name)
    {
        var folder = new TempFolder($"p2p-{name}");
        folder.Write($"shared/{name}.txt", $"shared by {name}\n");
        var ports = FreePorts.Take(5);
        var config = new Dictionary<string, object>
        {
            ["name"] = name,
            ["rest_port"] = ports[0],
            ["grpc_port"] = ports[1],
            ["metrics_port"] = ports[2],
            ["silo_port"] = ports[3],
            ["gateway_port"] = ports[4],
            ["shared_dir"] = "shared",
            ["data_dir"] = "data",
            ["friend_primary"] = "",
            ["friend_secondary"] = "",
            ["self_url"] = $"http://127.0.0.1:{ports[0]}",
            ["bind_address"] = "127.0.0.1",
            ["target_degree"] = 0,
        };
        var factory = new PeerFactory(folder.Write("config.json", JsonSerializer.SerializeToUtf8Bytes(config)));
        var peer = new KestrelPeer(name, folder, factory, ports[0]);
        try
        {
            factory.UseKestrel();
            factory.StartServer();
            await Poll.UntilAsync(() => peer.Http.GetStringAsync(new Uri("/health", UriKind.Relative)), _ => true, $"{name} answering /health");
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Registers <paramref name="other"/> here and this peer there: one edge, both ways.</summary>
    public async Task ConnectAsync(KestrelPeer other)
    {
        foreach (var (from, to) in new[] { (this, other), (other, this) })
        {
            using var response = await from.Http.PostAsJsonAsync(new Uri("/register", UriKind.Relative), new { url = to.Url });
            response.EnsureSuccessStatusCode();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        _folder.Dispose();
    }
}
