using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Search;

/// <summary>What a search hop needs from the peer it runs on (its <see cref="HopInput"/>): local matches and whom to ask.</summary>
public interface IHopInputSource
{
    /// <summary>This peer's name, canonical URL and gRPC address, as search results name it.</summary>
    PeerIdentity Identity { get; }

    /// <summary>
    /// Local matches for <paramref name="query"/> when <paramref name="execute"/> (a hop that only re-forwards
    /// matches nothing), the neighbours that may be asked (not marked unhealthy), healthy ones first, and those a copy
    /// with <paramref name="ttl"/> skips by their routing tables.
    /// </summary>
    ValueTask<HopInput> GetHopInputAsync(string query, bool execute, int ttl);
}

public sealed record PeerIdentity(string Name, string Url, string Grpc);
