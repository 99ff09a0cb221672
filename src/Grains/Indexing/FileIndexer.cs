using System.Collections.Frozen;
using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Grains.Indexing;

/// <summary>
/// Keeps <see cref="IPeerGrain"/>'s index in step with <c>shared_dir</c>: a full scan at start,
/// then a rescan shortly after the file-system watcher reports a change, and a periodic rescan
/// in case the watcher missed one. Unchanged files are never re-hashed. It also answers "which shared file has this
/// content, and what are its piece leaves" (<see cref="FindContent"/>) for <c>/pieces</c> and <c>/content</c>.
/// </summary>
/// <remarks>In a gateway (<see cref="IClusterClientConnection"/> registered) the first scan waits for the client's connection.</remarks>
public sealed partial class FileIndexer(
    IGrainFactory grains, IOptions<PeerOptions> options, ILogger<FileIndexer> logger, IClusterClientConnection? cluster = null)
    : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);

    private readonly FileScanner _scanner = new();
    // Never disposed: ExecuteAsync may still be unwinding when the host disposes its services.
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly SemaphoreSlim _scanLock = new(1, 1);
    private readonly TaskCompletionSource _firstScan = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableArray<FileEntry> _published = [];
    private FrozenDictionary<string, FileEntry> _bySha256 = FrozenDictionary<string, FileEntry>.Empty;

    /// <summary>Completes once the first scan has reached the peer grain.</summary>
    public Task FirstScan => _firstScan.Task;

    /// <summary>
    /// Publishes a file this peer just wrote into <c>shared_dir</c> with the hashes it computed while writing (no
    /// second read of the file), then rescans so that <c>/files</c> and searches show it at once.
    /// </summary>
    public Task AddVerifiedAsync(string path, FileHashes hashes, CancellationToken cancellationToken = default)
    {
        _scanner.Remember(new FileInfo(path), hashes);
        return RescanAsync(cancellationToken);
    }

    /// <summary>
    /// A shared file whose content has <paramref name="sha256"/> (lower-case hex) and its piece leaves, as last
    /// published; null when this peer shares no such content (or it changed since the last scan).
    /// </summary>
    public SharedContent? FindContent(string sha256) =>
        _bySha256.TryGetValue(sha256, out var entry) && _scanner.PiecesOf(entry) is { } pieces ? new SharedContent(entry, pieces) : null;

    /// <summary>
    /// The index this silo last published. A peer grain activated anew (its silo died, in a peer
    /// backed by several silos) starts from it: the indexer only publishes changes.
    /// </summary>
    public ImmutableArray<FileEntry> Published => _published;

    /// <summary>Scans now and publishes the result; used after this peer writes into <c>shared_dir</c>.</summary>
    public async Task RescanAsync(CancellationToken cancellationToken = default)
    {
        await _scanLock.WaitAsync(cancellationToken);
        try
        {
            var files = await _scanner.ScanAsync(options.Value.SharedDir, cancellationToken);
            if (!files.SequenceEqual(_published) || !_firstScan.Task.IsCompleted)
            {
                // Content lookups follow the folder even while the grain cannot be reached (a gateway whose silos are down).
                _bySha256 = files.DistinctBy(f => f.Sha256).ToFrozenDictionary(f => f.Sha256, StringComparer.Ordinal);
                await grains.GetPeer(options.Value.Name).UpdateIndex(files);
                _published = files;
                var bytes = files.Sum(f => f.Size);
                LogIndexed(logger, files.Length, bytes);
            }
            _firstScan.TrySetResult();
        }
        finally
        {
            _scanLock.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var watcher = new FileSystemWatcher(options.Value.SharedDir)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        // Only names that could be in the index: hidden and part files come and go with every transfer (each upload's
        // write check creates and deletes one) and would each cost a rescan that finds nothing new.
        watcher.Created += (_, e) => SignalFor(e.Name);
        watcher.Changed += (_, e) => SignalFor(e.Name);
        watcher.Deleted += (_, e) => SignalFor(e.Name);
        watcher.Renamed += (_, e) => { SignalFor(e.OldName); SignalFor(e.Name); };
        watcher.Error += (_, e) => LogWatcherError(logger, e.GetException());
        watcher.EnableRaisingEvents = true;

        try
        {
            if (cluster is not null)
                await cluster.Connected.WaitAsync(stoppingToken); // events meanwhile only make the first scan's result newer
        }
        catch (OperationCanceledException)
        {
            return; // stopped before any silo answered
        }
        var interval = TimeSpan.FromSeconds(options.Value.RescanIntervalS);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RescanAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogScanFailed(logger, e);
            }

            try
            {
                if (await _changed.WaitAsync(interval, stoppingToken))
                    await Task.Delay(Debounce, stoppingToken); // let a burst of events settle
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void SignalFor(string? name)
    {
        if (name is not null && !FileScanner.MayBeShared(name))
            return;
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // A rescan is already pending.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed {Files} files, {Bytes} bytes")]
    private static partial void LogIndexed(ILogger logger, int files, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning the shared folder failed")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File watcher error; periodic rescans continue")]
    private static partial void LogWatcherError(ILogger logger, Exception exception);
}
