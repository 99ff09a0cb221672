using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Placement;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;

namespace OrleansP2P.Grains.Search;

/// <summary>
/// One search at this peer, keyed by query id: every search a client starts here, and every copy
/// forwarded to a peer backed by several silos or by Redis (<see cref="SearchDispatcher"/> decides; on a peer of one
/// silo a forwarded copy runs without an activation). <c>[Reentrant]</c>: a copy that comes back around a
/// loop (A→B→A) must be answered while the first copy is still waiting on its neighbours. Never a
/// stateless worker: one activation per id is what suppresses duplicates. On a peer of one silo the
/// activation is collected <see cref="Linger"/> after its last copy was answered, not after the
/// deadline: <see cref="SeenQueries"/> (per silo) answers every later copy just as the activation
/// would, and activations kept to the deadline were thousands of idle grains for the garbage
/// collector to copy (its pauses were the longest search latencies). The linger keeps copies that
/// race in while it is collected from bouncing between one short-lived activation and the next.
/// On a peer backed by several silos it stays until <see cref="Grace"/> after the deadline of the
/// last copy it answered, so a late copy that lands on another silo is still routed to this
/// activation instead of being executed again there.
/// Placed on the silo that received the request (a peer backed by several silos spreads its
/// searches with its clients); a copy of an id already active elsewhere goes to that one activation.
/// </summary>
[Reentrant]
[PreferLocalPlacement]
public sealed class SearchGrain(SearchExecutor executor, PeerSilos silos) : Grain, ISearchGrain
{
    /// <summary>How long an idle activation on a peer of several silos outlives the deadline of the last copy it answered.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    /// <summary>How long an idle activation on a peer of one silo outlives the last copy it answered.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(250);

    private IGrainTimer? _collector;
    private int _inFlight;

    public async Task<SearchOutcome> Execute(SearchRequest request)
    {
        if (request.QueryId != this.GetPrimaryKey())
            throw new ArgumentException("the request's query id differs from the grain key", nameof(request));
        _inFlight++;
        try
        {
            return await executor.ExecuteAsync(request, GrainCallTrace.Caller()); // Activity.Current does not cross the call
        }
        finally
        {
            _inFlight--;
            CollectAfter(silos.IsSole ? Linger : TimeSpan.FromMilliseconds(request.DeadlineMs) + Grace);
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
