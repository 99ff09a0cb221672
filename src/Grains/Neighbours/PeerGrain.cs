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

namespace OrleansP2P.Grains.Neighbours;

/// <summary>
/// The peer: its local file index and its neighbour table (persisted, so a restart remembers its
/// peers). Calls are in-memory work; health polling runs on an interleaving grain timer, so matching
/// and registration never wait behind a slow neighbour.
/// </summary>
public sealed partial class PeerGrain(
    [PersistentState("peer", PeerStorage.Name)] IPersistentState<PeerState> state,
    IOptions<PeerOptions> options,
    INeighbourClient membership,
    P2PMetrics metrics,
    TimeProvider time,
    ILogger<PeerGrain> logger,
    FileIndexer? indexer = null,
    LocalPeerView? view = null) : Grain, IPeerGrain
{
    private readonly PeerOptions _options = options.Value;
    private readonly string _selfUrl = PeerUrl.Canonicalize(options.Value.SelfUrl);
    private readonly NeighbourTable _table = new(PeerUrl.Canonicalize(options.Value.SelfUrl), options.Value.MaxNeighbors, options.Value.HealthFailures);
    private FileIndexSnapshot _index = FileIndexSnapshot.Empty;
    private Task _lastWrite = Task.CompletedTask;
    private LocalPeerView.Snapshot _snapshot = new(FileIndexSnapshot.Empty, []);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var known in state.State.Peers)
            _table.TryAdd(known.Url, known.Name, out _);
        foreach (var friend in _options.Friends)
            _table.TryAdd(PeerUrl.Canonicalize(friend), null, out _);
        PublishPeerCounts();
        if (indexer is { Published.IsDefaultOrEmpty: false })
            SetIndex(indexer.Published); // re-activated on another silo of this peer

        var interval = TimeSpan.FromSeconds(_options.HealthIntervalS);
        this.RegisterGrainTimer(PollNeighboursAsync, new GrainTimerCreationOptions(interval, interval) { Interleave = true, KeepAlive = true });
        return Task.CompletedTask;
    }

    ValueTask<FileIndexSnapshot> IPeerGrain.GetIndex() => ValueTask.FromResult(_index);

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
        _snapshot = new LocalPeerView.Snapshot(_index, _table.SearchTargets);
        view?.Publish(_snapshot);
    }

    ValueTask<ImmutableArray<NeighbourInfo>> IPeerGrain.GetNeighbours() => ValueTask.FromResult(_table.All);

    ValueTask<HopInput> IPeerGrain.GetHopInput(string query, bool match) =>
        ValueTask.FromResult(_snapshot.InputFor(query, match));

    async Task<RegisterResult> IPeerGrain.Register(string url)
    {
        if (!PeerUrl.TryCanonicalize(url, out var canonical, out var error))
            return Result(accepted: false, error);
        if (canonical == _selfUrl)
            return Result(accepted: false, "a peer cannot register itself");
        if (!_table.TryAdd(canonical, null, out error))
            return Result(accepted: false, error);
        PublishPeerCounts();
        await PersistAsync();
        return Result(accepted: true, error: null);
    }

    /// <summary>Polls every neighbour's <c>/health</c> in parallel (no retries), then applies the answers.</summary>
    private async Task PollNeighboursAsync(CancellationToken cancellationToken)
    {
        var urls = _table.Urls;
        var answers = await Task.WhenAll(urls.Select(url => ProbeAsync(url, cancellationToken)));
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var changed = false;
        var cameBack = new List<string>();
        foreach (var (url, name) in urls.Zip(answers))
        {
            if (name == _options.Name)
            {
                changed |= _table.Remove(url); // another address of this very peer
                continue;
            }
            switch (_table.Report(url, name, now))
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
        PublishPeerCounts();
        if (changed)
            await PersistAsync();

        // A neighbour that (re)appeared may not know us: make the link mutual again.
        await Task.WhenAll(cameBack.Select(url => TryRegisterWithAsync(url, cancellationToken)));
        await DiscoverAsync(cancellationToken);
    }

    private async Task<string?> ProbeAsync(string url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(_options.HealthTimeoutMs));
        try
        {
            return await membership.GetHealthAsync(url, timeout.Token);
        }
        catch (Exception e) when (e is PeerCallException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Below <c>target_degree</c> healthy neighbours, asks healthy neighbours for theirs and registers with new ones.</summary>
    private async Task DiscoverAsync(CancellationToken cancellationToken)
    {
        var wanted = Math.Min(_options.TargetDegree - _table.HealthyCount, _options.MaxNeighbors - _table.Count);
        if (_options.TargetDegree == 0 || wanted <= 0)
            return;
        var sources = _table.HealthyUrls.OrderBy(_ => Random.Shared.Next()).Take(2).ToList();
        var offered = await Task.WhenAll(sources.Select(async url =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(_options.HealthTimeoutMs));
            try
            {
                return await membership.GetPeersAsync(url, timeout.Token);
            }
            catch (Exception e) when (e is PeerCallException or OperationCanceledException)
            {
                return [];
            }
        }));
        var candidates = offered.SelectMany(p => p)
            .Select(u => PeerUrl.TryCanonicalize(u, out var c, out _) ? c : null)
            .OfType<string>()
            .Where(u => u != _selfUrl && !_table.Contains(u))
            .Distinct()
            .Take(wanted)
            .ToList();
        foreach (var url in candidates)
            await TryRegisterWithAsync(url, cancellationToken);
    }

    /// <summary>Registers with a peer (it adds us) and, on success, adds it here.</summary>
    private async Task TryRegisterWithAsync(string url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(_options.HealthTimeoutMs));
        try
        {
            await membership.RegisterAsync(url, _selfUrl, timeout.Token);
        }
        catch (Exception e) when (e is PeerCallException or OperationCanceledException)
        {
            return;
        }
        if (!_table.Contains(url) && _table.TryAdd(url, null, out _))
        {
            LogDiscovered(logger, url);
            PublishPeerCounts();
            await PersistAsync();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovered and registered with {Url}")]
    private static partial void LogDiscovered(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Persisting the neighbour table failed")]
    private static partial void LogPersistFailed(ILogger logger, Exception exception);
}
