using System.Collections.Immutable;

namespace OrleansP2P.Grains.Abstractions;

/// <summary>
/// The peer itself (one activation per peer, keyed by peer name): the local file index and the
/// neighbour table.
/// </summary>
[Alias("p2p.IPeerGrain")]
public interface IPeerGrain : IGrainWithStringKey
{
    [Alias("GetIndex")]
    ValueTask<FileIndexSnapshot> GetIndex();

    /// <summary>Exact (ordinal) lookup by file name; null when the index holds no such file.</summary>
    [Alias("FindFile")]
    ValueTask<FileEntry?> FindFile(string name);

    /// <summary>Case-insensitive substring match on file names; <c>*</c> matches everything.</summary>
    [Alias("Match")]
    ValueTask<ImmutableArray<FileEntry>> Match(string query);

    [Alias("UpdateIndex")]
    Task UpdateIndex(ImmutableArray<FileEntry> files);

    [Alias("GetNeighbours")]
    ValueTask<ImmutableArray<NeighbourInfo>> GetNeighbours();

    /// <summary>Neighbours a search may ask, healthy ones first: every neighbour not marked unhealthy.</summary>
    [Alias("GetSearchTargets")]
    ValueTask<ImmutableArray<string>> GetSearchTargets();

    /// <summary>Adds a neighbour by URL (canonicalised); the peer's own URL is refused.</summary>
    [Alias("Register")]
    Task<RegisterResult> Register(string url);
}
