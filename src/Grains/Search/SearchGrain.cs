using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Placement;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;

namespace OrleansP2P.Grains.Search;

/// <summary>
/// One search at this peer, keyed by query id. <c>[Reentrant]</c>: a copy that comes back around a
/// loop (A→B→A) must be answered while the first copy is still waiting on its neighbours. Never a
/// stateless worker: one activation per id is what suppresses duplicates. Collected as soon as no
/// copy is in flight; later copies are answered from <see cref="SeenQueries"/>. Placed on the silo
/// that received the request (a peer backed by several silos spreads its searches with its clients);
/// a copy of an id already active elsewhere still goes to that one activation.
/// </summary>
[Reentrant]
[PreferLocalPlacement]
public sealed class SearchGrain(
    ISearchNode node, IPeerClient client, SeenQueries seen, P2PMetrics metrics, TimeProvider time, ILogger<SearchGrain> logger)
    : Grain, ISearchGrain
{
    private readonly SearchExecutor _executor = new(node, client, seen, metrics, time, logger);
    private int _inFlight;

    public async Task<SearchOutcome> Execute(SearchRequest request)
    {
        if (request.QueryId != this.GetPrimaryKey())
            throw new ArgumentException("the request's query id differs from the grain key", nameof(request));
        _inFlight++;
        try
        {
            return await _executor.ExecuteAsync(request);
        }
        finally
        {
            if (--_inFlight == 0)
                DeactivateOnIdle();
        }
    }
}
