using System.Net;

namespace OrleansP2P.Grains;

/// <summary>A call to another peer failed (unreachable, non-success status, malformed answer).</summary>
public sealed class PeerCallException(string message, Exception? inner = null, HttpStatusCode? status = null) : Exception(message, inner)
{
    /// <summary>The peer's HTTP status when it answered with one.</summary>
    public HttpStatusCode? Status { get; } = status;
}
