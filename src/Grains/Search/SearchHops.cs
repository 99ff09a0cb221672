using Microsoft.Extensions.Logging;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;

namespace OrleansP2P.Grains.Search;

/// <summary>
/// Runs a copy of a search that another peer forwarded here (<c>POST /search/forward</c>). On a peer backed by several
/// silos it goes to the <see cref="SearchGrain"/> of its query id: the one activation every silo of the peer routes
/// that id to, so a copy arriving through another silo is still a duplicate. On a peer of one silo (localhost
/// clustering, the usual peer) that silo's <see cref="SeenQueries"/> is already the peer's only record of the id, and
/// the same <see cref="SearchExecutor"/> runs on the request's own thread: same seen-before-first-await rule, same
/// forwarding and merging, without a grain activation and its thread hand-offs on every hop. On the 2-core VM, five
/// SearchBench runs alternated with the previous build: ttl=3 p50 1.2–1.8 ms against 1.9–4.2 ms, 16 clients
/// 1260–1712 against 792–1169 searches/s (bench/README.md, sixth session).
/// A search a client starts (<c>GET /search</c>) always has its <see cref="SearchGrain"/> at the origin.
/// </summary>
public sealed class SearchHops(
    IGrainFactory grains, IClusterMembershipService membership, ISearchNode node, IPeerClient client, SeenQueries seen,
    P2PMetrics metrics, TimeProvider time, ILogger<SearchExecutor> logger)
{
    private readonly SearchExecutor _inline = new(node, client, seen, metrics, time, logger);

    public Task<SearchOutcome> RunAsync(SearchRequest request) =>
        membership.IsSoleSilo() ? _inline.ExecuteAsync(request) : grains.GetGrain<ISearchGrain>(request.QueryId).Execute(request);
}
