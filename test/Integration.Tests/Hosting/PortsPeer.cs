
namespace OrleansP2P.Integration.Tests.Hosting;

/// <summary>One real peer on its three ports, for tests of what each port answers.</summary>
public sealed class PortsPeer : IAsyncLifetime
{
    public PeerProcess Peer { get; private set; } = null!;

    public async Task InitializeAsync() => Peer = await PeerProcess.StartAsync("ports");

    public async Task DisposeAsync() => await Peer.DisposeAsync();
}
