using System.Collections.Immutable;
using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Search;

/// <summary>What the search logic needs from the peer it runs on: local matches and whom to ask.</summary>
public interface ISearchNode
{
    /// <summary>This peer's name, canonical URL and gRPC address, as search results name it.</summary>
    PeerIdentity Identity { get; }

    ValueTask<ImmutableArray<FileEntry>> MatchAsync(string query);

    /// <summary>Neighbours that may be asked (not marked unhealthy), healthy ones first.</summary>
    ValueTask<ImmutableArray<string>> SearchTargetsAsync();
}

public sealed record PeerIdentity(string Name, string Url, string Grpc);
