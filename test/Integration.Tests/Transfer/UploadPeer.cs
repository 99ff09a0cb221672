
namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary>A peer that starts with an empty shared folder and accepts uploads up to <see cref="MaxUploadBytes"/>.</summary>
public sealed class UploadPeer : IAsyncLifetime
{
    public const long MaxUploadBytes = 16 << 20;

    public PeerProcess Peer { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Peer = await PeerProcess.StartAsync("upload", config: new Dictionary<string, object?> { ["max_upload_bytes"] = MaxUploadBytes, ["accept_uploads"] = true });

    public async Task DisposeAsync() => await Peer.DisposeAsync();
}
