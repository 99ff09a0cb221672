using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansP2P.Api.PeerClient;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Api.Tests.PeerClient;

/// <summary>
/// The <see cref="HttpPeerClient"/> wired as a peer wires it (<see cref="PeerClientServiceCollectionExtensions.AddPeerClient"/>:
/// URL guard, handler, signing, answer caps), for calls over real sockets to a <see cref="RoguePeer"/>.
/// </summary>
public sealed class RealPeerClient : IDisposable
{
    private readonly ServiceProvider _services;

    public RealPeerClient(Action<PeerOptions>? configure = null)
    {
        var options = new PeerOptions { Name = "client", SelfUrl = "http://127.0.0.1:1" };
        configure?.Invoke(options);
        _services = new ServiceCollection()
            .AddMetrics()
            .AddSingleton<P2PMetrics>()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(Options.Create(options))
            .AddPeerClient()
            .BuildServiceProvider();
    }

    public HttpPeerClient Client => _services.GetRequiredService<HttpPeerClient>();

    public void Dispose() => _services.Dispose();
}
