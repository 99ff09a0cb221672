using OrleansP2P.Grains;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Search;

/// <summary>How one peer calls another. Production: <see cref="HttpPeerClient"/>; simulations: in memory.</summary>
public interface IPeerSearchClient
{
    /// <summary>
    /// Sends one search hop to <paramref name="peerUrl"/>. Throws <see cref="OperationCanceledException"/>
    /// when <paramref name="cancellationToken"/> fires (the hop's deadline) and
    /// <see cref="PeerCallException"/> when the peer answered badly or could not be reached.
    /// </summary>
    Task<SearchOutcome> ForwardSearchAsync(string peerUrl, SearchRequest request, CancellationToken cancellationToken);
}
