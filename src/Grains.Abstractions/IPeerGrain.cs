using System.Collections.Immutable;
using Orleans.Concurrency;

namespace OrleansP2P.Grains.Abstractions;

/// <summary>
/// The peer itself (one activation per peer, keyed by peer name): the local file index and the
/// neighbour table.
/// </summary>
[Alias("p2p.IPeerGrain")]
public interface IPeerGrain : IGrainWithStringKey
{
    [Alias("GetIndex"), AlwaysInterleave]
    ValueTask<FileIndexSnapshot> GetIndex();

    /// <summary>The index's version alone: what a process without the grain (a gateway) keys its search cache on.</summary>
    [Alias("GetIndexVersion"), AlwaysInterleave]
    ValueTask<long> GetIndexVersion();

    /// <summary>What <c>/health</c> says of the peer: its advertised neighbour list and routing version.</summary>
    [Alias("GetAdvert"), AlwaysInterleave]
    ValueTask<PeerAdvert> GetAdvert();

    /// <summary>
    /// The peer's routing levels as <c>/routing</c> serves them, each level's table as raw bytes (level 0 first); empty
    /// before the first scan. For a process that does not host the grain: the same levels, and so the same version.
    /// </summary>
    [Alias("GetRoutingLevels"), AlwaysInterleave]
    ValueTask<ImmutableArray<byte[]>> GetRoutingLevels();

    /// <summary>Exact (ordinal) lookup by file name; null when the index holds no such file.</summary>
    [Alias("FindFile"), AlwaysInterleave]
    ValueTask<FileEntry?> FindFile(string name);

    [Alias("UpdateIndex")]
    Task UpdateIndex(ImmutableArray<FileEntry> files);

    [Alias("GetNeighbours"), AlwaysInterleave]
    ValueTask<ImmutableArray<NeighbourInfo>> GetNeighbours();

    /// <summary>
    /// One search hop's view in one call: matches for <paramref name="query"/> (none unless <paramref name="match"/>;
    /// case-insensitive substring of the name, <c>*</c> matches everything) and the neighbours a search may ask,
    /// healthy ones first: every neighbour not marked unhealthy. Read-only and synchronous, so it interleaves with everything.
    /// </summary>
    [Alias("GetHopInput"), AlwaysInterleave]
    ValueTask<HopInput> GetHopInput(string query, bool match, int ttl);

    /// <summary>
    /// Adds a neighbour by URL (canonicalised) once it answers <c>/health</c> as a peer; the peer's own URL, and one that
    /// answers with the peer's own name, are refused. Interleaves: the grain serves other calls while the probe is out.
    /// </summary>
    [Alias("Register"), AlwaysInterleave]
    Task<RegisterResult> Register(string url);

    /// <summary>
    /// A silo saw <paramref name="url"/> miss <c>health_failures</c> search deadlines in a row: searches skip it (and it
    /// shows unhealthy) until it answers a ttl-0 probe, sent every <c>health_interval_s</c>. Unknown URLs are ignored.
    /// </summary>
    [Alias("ReportStalling"), AlwaysInterleave]
    Task ReportStalling(string url);
}
