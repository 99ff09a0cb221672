using System.Collections.Immutable;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Routing;

namespace OrleansP2P.Grains.Neighbours;

/// <summary>
/// What the <see cref="PeerGrain"/> activation on this silo last published: its index and the neighbours a search
/// may ask, as one immutable snapshot. A search hop on the same silo reads it instead of making a grain call (two
/// thread hand-offs saved per hop); the grain replaces it after every change to its index or neighbour table, before
/// the call that made the change returns, and withdraws it when it deactivates. Silos that do not host the grain
/// see nothing here and ask the grain.
/// </summary>
public sealed class LocalPeerView
{
    private volatile Snapshot? _current;
    private volatile TaskCompletionSource _changed = NewSignal();

    /// <summary>The hosting activation's last published state, or null when the grain is not active on this silo.</summary>
    public Snapshot? Current => _current;

    internal void Publish(Snapshot snapshot)
    {
        _current = snapshot;
        Signal();
    }

    internal void Withdraw(Snapshot published)
    {
        if (Interlocked.CompareExchange(ref _current, null, published) == published)
            Signal();
    }

    /// <summary>
    /// This peer's routing levels once their version is no longer <paramref name="version"/>, or as they are when
    /// <paramref name="wait"/> has passed (or <paramref name="cancellationToken"/> fired) first; null when the grain is
    /// not active here. What a <c>/routing</c> request that may wait (<c>Prefer: wait</c>) is answered with.
    /// </summary>
    public async Task<RoutingLevels?> RoutingChangeAsync(long version, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        while (true)
        {
            var next = _changed.Task; // taken before the snapshot, so a publish in between is not missed
            if (_current?.Routing is not { } routing || routing.Version != version)
                return _current?.Routing;
            try
            {
                await next.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return _current?.Routing;
            }
        }
    }

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The peer grain's index, search targets, what those advertised of their own neighbours, and what the peer itself
    /// advertises (null: nothing), the routing levels those targets published (by URL; a target missing there is never
    /// skipped) and this peer's own (null: level 0 only, worked out from the index), at one moment: the only source of a
    /// hop's input and of <c>/health</c>'s links and routing version.
    /// </summary>
    public sealed record Snapshot(
        FileIndexSnapshot Index, ImmutableArray<string> SearchTargets,
        ImmutableDictionary<string, NeighbourLinks>? TargetLinks = null, NeighbourLinks? Advertised = null,
        ImmutableDictionary<string, RoutingLevels>? TargetRouting = null, RoutingLevels? OwnLevels = null)
    {
        /// <summary>
        /// What <c>/routing</c> serves: this peer's levels; null until the indexer's first scan reached the grain (a table
        /// of an index not read yet would rule out files the peer has).
        /// </summary>
        public RoutingLevels? Routing => Index.Version == 0 ? null : OwnLevels ?? OwnRouting.Of(Index);

        /// <summary>
        /// Local matches for <paramref name="query"/> (none unless <paramref name="match"/>), the neighbours to ask, what
        /// they advertised, and those a copy with <paramref name="ttl"/> skips because their tables prove no match.
        /// </summary>
        public HopInput InputFor(string query, bool match, int ttl) =>
            new(match ? FileMatcher.Match(Index.Files, query) : [], SearchTargets, TargetLinks, Advertised?.View,
                RoutingPrune.Skipped(SearchTargets, TargetRouting, query, ttl));
    }
}
