using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;

namespace OrleansP2P.Grains.Search;

/// <summary>
/// Where a copy of a search runs: the one entry into the algorithm for <c>GET /search</c> and <c>POST /search/forward</c>.
/// A search a client starts here always runs in the <see cref="SearchGrain"/> of its query id. A forwarded copy runs in
/// that grain too, the one activation every silo of the peer routes the id to, so a copy arriving through another silo
/// is still a duplicate; except on a peer of one silo (<see cref="PeerSilos.RunForwardedCopiesInline"/>), where the
/// same <see cref="SearchExecutor"/> runs on the request's own thread: same seen-before-first-await rule, same
/// forwarding and merging, without a grain activation and its thread hand-offs on every hop.
/// </summary>
public sealed class SearchDispatcher(IGrainFactory grains, PeerSilos silos, SearchExecutor executor)
{
    public Task<SearchOutcome> RunAsync(SearchRequest request) =>
        !request.FromClient && silos.RunForwardedCopiesInline
            ? executor.ExecuteAsync(request)
            : RunInGrainAsync(request);

    private async Task<SearchOutcome> RunInGrainAsync(SearchRequest request)
    {
        GrainCallTrace.Carry(); // in this async method's own RequestContext: it ends with the call
        return await grains.GetGrain<ISearchGrain>(request.QueryId).Execute(request);
    }
}
