using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansP2P.Contracts;
using OrleansP2P.Grains;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Indexing;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Persistence;
using OrleansP2P.Grains.Routing;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Grains.Neighbours;

/// <summary>
/// The peer: its local file index and its neighbour table (persisted, so a restart remembers its
/// peers). Calls are in-memory work; health polling runs on an interleaving grain timer, so matching
/// and registration never wait behind a slow neighbour.
/// </summary>
public sealed partial class PeerGrain(
    [PersistentState("peer", PeerStorage.Name)] IPersistentState<PeerState> state,
    IOptions<PeerOptions> options,
    NeighbourProbe membership,
    SearchProbe searches,
    P2PMetrics metrics,
    TimeProvider time,
    ILogger<PeerGrain> logger,
    FileIndexer? indexer = null,
    LocalPeerView? view = null) : Grain, IPeerGrain
{
    private readonly PeerOptions _options = options.Value;
    private readonly string _selfUrl = PeerUrl.Canonicalize(options.Value.SelfUrl);
    private readonly NeighbourTable _table = new(PeerUrl.Canonicalize(options.Value.SelfUrl), options.Value.MaxNeighbors, options.Value.HealthFailures,
        options.Value.Friends.Select(PeerUrl.Canonicalize));
    private FileIndexSnapshot _index = FileIndexSnapshot.Empty;
    private Task _lastWrite = Task.CompletedTask;
    private LocalPeerView.Snapshot _snapshot = new(FileIndexSnapshot.Empty, []);
    private readonly HashSet<string> _toWarm = new(StringComparer.Ordinal);
    private readonly NeighbourRouting _routing = new();
    /// <summary>The search targets a <c>/routing</c> request is in flight to (at most one per target).</summary>
    private readonly HashSet<string> _asking = new(StringComparer.Ordinal);
    private TimeSpan _routingWait;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Friends first (the table would keep their slots anyway); remembered peers were admitted in an earlier run.
        foreach (var friend in _options.Friends)
            _table.TryAdd(PeerUrl.Canonicalize(friend), null, out _);
        foreach (var known in state.State.Peers)
            _table.TryAdd(known.Url, known.Name, out _);
        PublishPeerCounts();
        if (indexer is { Published.IsDefaultOrEmpty: false })
            SetIndex(indexer.Published); // re-activated on another silo of this peer

        var interval = TimeSpan.FromSeconds(_options.HealthIntervalS);
        this.RegisterGrainTimer(PollNeighboursAsync, new GrainTimerCreationOptions(interval, interval) { Interleave = true, KeepAlive = true });
        // Each search target's table is asked for with the version held, and the target holds the request until its
        // table changes (up to _routingWait, then a 304): a change travels on at once, an unchanged table costs one
        // request per wait. A new request starts at the next tick after the last one ended, three times per health
        // interval at most (as often as a target that does not hold requests is polled), so a burst of changes
        // travels as a few tables, not one per change.
        var routing = TimeSpan.FromMilliseconds(Math.Max(250, _options.HealthIntervalS * 1000 / 3));
        _routingWait = TimeSpan.FromSeconds(Math.Clamp(5 * _options.HealthIntervalS, 1, 30));
        this.RegisterGrainTimer(RefreshRoutingAsync, new GrainTimerCreationOptions(TimeSpan.Zero, routing) { Interleave = true, KeepAlive = true });
        return Task.CompletedTask;
    }

    ValueTask<FileIndexSnapshot> IPeerGrain.GetIndex() => ValueTask.FromResult(_index);

    ValueTask<long> IPeerGrain.GetIndexVersion() => ValueTask.FromResult(_index.Version);

    ValueTask<PeerAdvert> IPeerGrain.GetAdvert() => ValueTask.FromResult(new PeerAdvert(_snapshot.Advertised, _snapshot.Routing?.Version));

    ValueTask<ImmutableArray<byte[]>> IPeerGrain.GetRoutingLevels() =>
        ValueTask.FromResult(_snapshot.Routing is { } routing ? [.. routing.Levels.Select(level => level.AsSpan().ToArray())] : ImmutableArray<byte[]>.Empty);

    ValueTask<FileEntry?> IPeerGrain.FindFile(string name) =>
        ValueTask.FromResult(_index.Files.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal)));

    Task IPeerGrain.UpdateIndex(ImmutableArray<FileEntry> files)
    {
        SetIndex(files);
        return Task.CompletedTask;
    }

    private void SetIndex(ImmutableArray<FileEntry> files)
    {
        _index = new FileIndexSnapshot(_index.Version + 1, files);
        metrics.SetIndex(files.Length, _index.TotalBytes);
        PublishView();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        view?.Withdraw(_snapshot);
        return Task.CompletedTask;
    }

    /// <summary>
    /// After every change to the index or the neighbour table: the snapshot hop inputs come from, handed to searches on
    /// this silo too (see <see cref="LocalPeerView"/>).
    /// </summary>
    private void PublishView()
    {
        var targets = _table.SearchTargets;
        _snapshot = new LocalPeerView.Snapshot(_index, targets, _table.TargetLinks, _table.Advertised,
            _routing.Of(targets), _index.Version == 0 ? null : _routing.Build(_index, targets));
        view?.Publish(_snapshot);
    }

    ValueTask<ImmutableArray<NeighbourInfo>> IPeerGrain.GetNeighbours() => ValueTask.FromResult(_table.All);

    ValueTask<HopInput> IPeerGrain.GetHopInput(string query, bool match, int ttl) =>
        ValueTask.FromResult(_snapshot.InputFor(query, match, ttl));

    async Task<RegisterResult> IPeerGrain.Register(string url)
    {
        if (!PeerUrl.TryCanonicalize(url, out var canonical, out var error))
            return Result(accepted: false, error);
        if (_table.Contains(canonical))
            return Result(accepted: true, error: null);
        var (name, refusal) = await VetAsync(canonical, CancellationToken.None);
        error = refusal ?? await AddAsync(canonical, name!);
        return Result(accepted: error is null, error);
    }

    /// <summary>
    /// A URL is only a claim until it answers <c>/health</c> as a peer other than this one: its name then, else why it
    /// is refused. Room is checked first, so a full table asks nothing. The grain is free while the probe is out.
    /// </summary>
    private async Task<(string? Name, string? Refusal)> VetAsync(string url, CancellationToken cancellationToken)
    {
        if (!_table.CanAdd(url, out var error))
            return (null, error);
        return await membership.AdmissionHealthAsync(url, cancellationToken) switch
        {
            null => (null, "it did not answer /health as a peer"),
            { Name: var name } when name == _options.Name => (null, "a peer cannot register itself (that URL answers with this peer's name)"),
            { Name: var name } => (name, null),
        };
    }

    /// <summary>Adds a vetted neighbour, healthy as its <c>/health</c> answer showed; null when added, else why not.</summary>
    private async Task<string?> AddAsync(string url, string name)
    {
        if (!_table.TryAdd(url, name, out var error))
            return error; // the table filled up while the probe was out
        _table.Report(url, name, time.GetUtcNow().ToUnixTimeSeconds());
        _toWarm.Add(url);
        PublishPeerCounts();
        await PersistAsync();
        return null;
    }

    Task IPeerGrain.ReportStalling(string url)
    {
        if (_table.MarkStalling(url))
            PublishPeerCounts(); // searches stop asking it from the next one on
        return Task.CompletedTask;
    }

    /// <summary>
    /// Polls every neighbour's <c>/health</c> and sends each one stalling searches a ttl-0 probe, all in parallel (no
    /// retries), then applies the answers.
    /// </summary>
    private async Task PollNeighboursAsync(CancellationToken cancellationToken)
    {
        var urls = _table.Urls;
        var stalling = _table.Stalling;
        var probes = Task.WhenAll(stalling.Select(url => searches.AnswersInTimeAsync(url, cancellationToken)));
        var answers = await Task.WhenAll(urls.Select(url => membership.HealthAsync(url, cancellationToken)));
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var changed = false;
        var cameBack = new List<string>();
        foreach (var (url, answer) in urls.Zip(answers))
        {
            if (answer?.Name == _options.Name)
            {
                changed |= _table.Remove(url); // another address of this very peer
                continue;
            }
            switch (_table.Report(url, answer?.Name, now, answer?.Links))
            {
                case HealthChange.BecameHealthy:
                    LogHealthy(logger, url);
                    cameBack.Add(url);
                    changed = true;
                    break;
                case HealthChange.BecameUnhealthy:
                    LogUnhealthy(logger, url, _options.HealthFailures);
                    break;
                case HealthChange.Renamed:
                    changed = true;
                    break;
            }
        }
        foreach (var (url, answered) in stalling.Zip(await probes))
        {
            if (answered && _table.ClearStalling(url))
                LogAnswersSearches(logger, url);
        }
        PublishPeerCounts();
        if (changed)
            await PersistAsync();

        // A neighbour that (re)appeared may not know us: make the link mutual again. A new or returning neighbour also
        // gets one ttl-0 probe, so the first search after a network starts finds its forward path warm on both ends
        // (connections open, code compiled) instead of paying for that within its deadline.
        _toWarm.UnionWith(cameBack);
        var warm = _toWarm.ToList();
        _toWarm.Clear();
        await Task.WhenAll(cameBack.Select(url => membership.RegisterWithAsync(url, _selfUrl, cancellationToken))
            .Concat(warm.Select(url => searches.AnswersInTimeAsync(url, cancellationToken))));
        await DiscoverAsync(cancellationToken);
    }

    /// <summary>Forgets the tables of peers no longer in the table, and asks every search target not asked yet for its own.</summary>
    private Task RefreshRoutingAsync(CancellationToken cancellationToken)
    {
        if (_routing.RetainOnly(_table.Urls))
            PublishView();
        foreach (var url in _table.SearchTargets)
        {
            if (_asking.Add(url))
                _ = AskRoutingAsync(url, cancellationToken); // takes itself off _asking once answered
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// One conditional, possibly held, <c>/routing</c> request to <paramref name="url"/>; republishes when the table
    /// changed. Outlives the tick that started it; <paramref name="cancellationToken"/> is the timer's, cancelled when the
    /// grain deactivates.
    /// </summary>
    private async Task AskRoutingAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await membership.RoutingAsync(url, _routing.VersionOf(url), _routingWait, cancellationToken);
            if (!cancellationToken.IsCancellationRequested && _table.Contains(url) && _routing.Apply(url, answer))
                PublishView();
        }
        finally
        {
            _asking.Remove(url);
        }
    }

    /// <summary>Below <c>target_degree</c> healthy neighbours, asks healthy neighbours for theirs and registers with new ones.</summary>
    private async Task DiscoverAsync(CancellationToken cancellationToken)
    {
        var wanted = Math.Min(_options.TargetDegree - _table.HealthyCount, _options.MaxNeighbors - _table.Count);
        if (_options.TargetDegree == 0 || wanted <= 0)
            return;
        var sources = _table.HealthyUrls.OrderBy(_ => Random.Shared.Next()).Take(2).ToList();
        var offered = await Task.WhenAll(sources.Select(url => membership.PeersOfAsync(url, cancellationToken)));
        var candidates = offered.SelectMany(p => p)
            .Select(u => PeerUrl.TryCanonicalize(u, out var c, out _) ? c : null)
            .OfType<string>()
            .Where(u => u != _selfUrl && !_table.Contains(u))
            .Distinct()
            .Take(wanted)
            .ToList();
        foreach (var url in candidates)
        {
            // Vetted like any stranger, then registered with (it adds us), then added here.
            var (name, refusal) = await VetAsync(url, cancellationToken);
            if (refusal is null && await membership.RegisterWithAsync(url, _selfUrl, cancellationToken) && await AddAsync(url, name!) is null)
                LogDiscovered(logger, url);
        }
    }

    /// <summary>Keeps one write in flight at a time (timer turns interleave with calls).</summary>
    private Task PersistAsync()
    {
        _lastWrite = WriteAfterAsync(_lastWrite);
        return _lastWrite;
    }

    private async Task WriteAfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception e)
        {
            LogPersistFailed(logger, e);
        }
        state.State = new PeerState { Peers = [.. _table.All.Select(n => new KnownPeer(n.Url, n.Name))] };
        await state.WriteStateAsync();
    }

    /// <summary>After every change to the neighbour table: the peer gauges and the local view.</summary>
    private void PublishPeerCounts()
    {
        metrics.SetPeers(_table.HealthyCount, _table.Count - _table.HealthyCount);
        PublishView();
    }

    private RegisterResult Result(bool accepted, string? error) => new(accepted, error, _table.Urls);

    [LoggerMessage(Level = LogLevel.Information, Message = "Neighbour {Url} is healthy")]
    private static partial void LogHealthy(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neighbour {Url} marked unhealthy after {Failures} failed health checks")]
    private static partial void LogUnhealthy(ILogger logger, string url, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Neighbour {Url} answered a probe in time: searches ask it again")]
    private static partial void LogAnswersSearches(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovered and registered with {Url}")]
    private static partial void LogDiscovered(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Persisting the neighbour table failed")]
    private static partial void LogPersistFailed(ILogger logger, Exception exception);
}
