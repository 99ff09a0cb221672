namespace OrleansP2P.Api.PeerClient;

/// <summary>A peer URL or address the SSRF guard refuses; <see cref="Reason"/> is the metric label.</summary>
public sealed class PeerRefusedException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
