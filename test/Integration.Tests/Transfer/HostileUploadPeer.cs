
namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary>
/// A peer that accepts uploads into a shared folder capped at <see cref="Quota"/> (it starts empty) and cuts an upload
/// that receives nothing for <see cref="IdleTimeoutSeconds"/>.
/// </summary>
public sealed class HostileUploadPeer : IAsyncLifetime
{
    public const long Quota = 100L << 20;

    public const int IdleTimeoutSeconds = 2;

    public PeerProcess Peer { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Peer = await PeerProcess.StartAsync("hostile-upload", config: new Dictionary<string, object?>
        {
            ["accept_uploads"] = true,
            ["max_shared_bytes"] = Quota,
            ["upload_idle_timeout_s"] = IdleTimeoutSeconds,
        });

    public async Task DisposeAsync() => await Peer.DisposeAsync();
}
