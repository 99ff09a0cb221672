using System.Net;

namespace OrleansP2P.Grains;

/// <summary>A call to another peer failed (unreachable, non-success status, malformed answer).</summary>
public sealed class PeerCallException(string message, Exception? inner = null, HttpStatusCode? status = null, bool invalidAnswer = false)
    : Exception(message, inner)
{
    /// <summary>The peer's HTTP status when it answered with one.</summary>
    public HttpStatusCode? Status { get; } = status;

    /// <summary>
    /// The peer answered, but not with what the contract promises (not JSON, wrong shape, nulls, out-of-bounds sizes or
    /// counts): counted as <c>invalid</c>, not as an <c>error</c> of the network.
    /// </summary>
    public bool InvalidAnswer { get; } = invalidAnswer;
}
