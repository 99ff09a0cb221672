using System.Collections.Immutable;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Neighbours;

/// <summary>A <c>/health</c> answer: the peer's name, and the neighbours it advertised (null: none, or not valid).</summary>
public sealed record PeerHealth(string Name, NeighbourLinks? Links = null);

/// <summary>Membership calls to another peer. Each throws <see cref="PeerCallException"/> on failure.</summary>
public interface INeighbourClient
{
    /// <summary><c>GET /health</c>: the peer's name when it answers "ok", and its links when it advertised valid ones.</summary>
    Task<PeerHealth> GetHealthAsync(string peerUrl, CancellationToken cancellationToken);

    /// <summary><c>POST /register</c> with our own URL (the peer adds us); returns the peers it knows.</summary>
    Task<ImmutableArray<string>> RegisterAsync(string peerUrl, string selfUrl, CancellationToken cancellationToken);

    /// <summary>
    /// <c>GET /routing</c>, with <c>If-None-Match</c> set to <paramref name="etag"/> when one is given: the answer, or
    /// null when the peer says the table is unchanged (304). A positive <paramref name="wait"/> (with an etag) asks the
    /// peer to hold the request until its table changes, for at most that long (<c>Prefer: wait</c>).
    /// </summary>
    Task<RoutingResponse?> GetRoutingAsync(string peerUrl, string? etag, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary><c>GET /peers</c>: the peer's healthy neighbours (for discovery).</summary>
    Task<ImmutableArray<string>> GetPeersAsync(string peerUrl, CancellationToken cancellationToken);
}
