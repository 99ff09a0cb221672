namespace OrleansP2P.Api.Hosting;

/// <summary>
/// Whether the peer can serve as a warm peer does: <c>GET /health</c> answers 503 until <see cref="PeerWarmup"/> is
/// done (or gave up), then <c>ok</c>. Set once, never unset.
/// </summary>
public sealed class PeerReadiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
