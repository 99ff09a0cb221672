using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Placement;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;

namespace OrleansP2P.Grains.Search;

/// <summary>
/// One search at this peer, keyed by query id. <c>[Reentrant]</c>: a copy that comes back around a
/// loop (A→B→A) must be answered while the first copy is still waiting on its neighbours. Never a
/// stateless worker: one activation per id is what suppresses duplicates. Collected shortly after
/// its deadline (late copies of the id still find it alive, so they are never bounced between a
/// deactivating activation and a new one); after that, <see cref="SeenQueries"/> answers them.
/// Placed on the silo that received the request (a peer backed by several silos spreads its
/// searches with its clients); a copy of an id already active elsewhere goes to that one activation.
/// </summary>
[Reentrant]
[PreferLocalPlacement]
public sealed class SearchGrain(
    ISearchNode node, IPeerClient client, SeenQueries seen, P2PMetrics metrics, TimeProvider time, ILogger<SearchGrain> logger)
    : Grain, ISearchGrain
{
    /// <summary>How long an idle activation outlives the deadline of the last copy it answered.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly SearchExecutor _executor = new(node, client, seen, metrics, time, logger);
    private IGrainTimer? _collector;
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
            _inFlight--;
            CollectAfter(TimeSpan.FromMilliseconds(request.DeadlineMs) + Grace);
        }
    }

    private void CollectAfter(TimeSpan delay)
    {
        if (_collector is null)
        {
            _collector = this.RegisterGrainTimer(CollectIfIdle, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = true });
            return;
        }
        _collector.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private Task CollectIfIdle()
    {
        if (_inFlight == 0)
            DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
