namespace OrleansP2P.Grains.Options;

/// <summary>
/// What one process of a peer does (<c>role</c>). A peer is either one <see cref="Peer"/> process, or several
/// <see cref="Peer"/> silos on Redis clustering, or <see cref="Silo"/> processes behind one or more <see cref="Gateway"/>s.
/// </summary>
public static class PeerRoles
{
    /// <summary>The default: a silo that also serves REST, the web UI and gRPC on its own ports.</summary>
    public const string Peer = "peer";

    /// <summary>Grains only: no REST or gRPC listener, only the metrics port. Its peer's gateways are the front door.</summary>
    public const string Silo = "silo";

    /// <summary>
    /// The front door of a peer of several silos: REST, the web UI, gRPC transfer and <c>/metrics</c> served by an Orleans
    /// client of the peer's silos (found in the Redis membership table), reading the same <c>shared_dir</c>. No grains.
    /// </summary>
    public const string Gateway = "gateway";
}
