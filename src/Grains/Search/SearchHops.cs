using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Grains.Search;

/// <summary>
/// Runs a copy of a search that another peer forwarded here (<c>POST /search/forward</c>). On a peer backed by several
/// silos (and on any Redis-backed peer) it goes to the <see cref="SearchGrain"/> of its query id: the one activation
/// every silo of the peer routes that id to, so a copy arriving through another silo is still a duplicate. On a peer of
/// one silo (<see cref="RunsInline"/>) that silo's <see cref="SeenQueries"/> is already the peer's only record of the
/// id, and the same <see cref="SearchExecutor"/> runs on the request's own thread: same seen-before-first-await rule,
/// same forwarding and merging, without a grain activation and its thread hand-offs on every hop. On the 2-core VM,
/// five SearchBench runs alternated with the previous build: ttl=3 p50 1.2–1.8 ms against 1.9–4.2 ms, 16 clients
/// 1260–1712 against 792–1169 searches/s (bench/README.md, sixth session).
/// A search a client starts (<c>GET /search</c>) always has its <see cref="SearchGrain"/> at the origin.
/// </summary>
public sealed class SearchHops(
    IGrainFactory grains, IClusterMembershipService membership, IOptions<PeerOptions> options, ISearchNode node,
    IPeerClient client, SeenQueries seen, P2PMetrics metrics, TimeProvider time, ILogger<SearchExecutor> logger)
{
    private readonly SearchExecutor _inline = new(node, client, seen, metrics, time, logger);
    private readonly string _clustering = options.Value.Clustering;

    public Task<SearchOutcome> RunAsync(SearchRequest request) =>
        RunsInline(_clustering, membership) ? _inline.ExecuteAsync(request) : grains.GetGrain<ISearchGrain>(request.QueryId).Execute(request);

    /// <summary>
    /// Only a peer that is one silo by construction (localhost clustering) and is one silo now. A Redis-backed peer
    /// always uses the grain, even while it is down to one silo: a silo joining it must find every id in the directory,
    /// not in another silo's seen-id set.
    /// </summary>
    public static bool RunsInline(string clustering, IClusterMembershipService membership) =>
        clustering == "localhost" && membership.IsSoleSilo();
}
