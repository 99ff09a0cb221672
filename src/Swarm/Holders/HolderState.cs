using OrleansP2P.Contracts.Content;

namespace OrleansP2P.Swarm.Holders;

/// <summary>
/// One holder during a download: what it sent, how fast (its window of pieces in flight grows with its speed), its
/// bad pieces and failures, and whether it is dropped. Counters are updated from many tasks at once.
/// </summary>
internal sealed class HolderState(Uri baseUrl, SwarmOptions options, CancellationToken run) : IDisposable
{
    private readonly CancellationTokenSource _cts = CancellationTokenSource.CreateLinkedTokenSource(run);
    private readonly TaskCompletionSource<bool> _admitted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _bytes;
    private long _bytesAtLastRate;
    private double _rate;
    private int _badPieces;
    private int _failures;
    private int _inFlight;
    private string? _dropped;

    public Uri BaseUrl { get; } = baseUrl;

    public string Url { get; } = baseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>Cancelled when the holder is dropped or the run ends.</summary>
    public CancellationToken Token => _cts.Token;

    public bool IsDropped => Volatile.Read(ref _dropped) is not null;

    /// <summary>True once its piece list fitted the link (only then is it asked for bytes); false when it was dropped first.</summary>
    public Task<bool> Admitted => _admitted.Task;

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Pieces this holder may have claimed at once.</summary>
    public int Window { get; private set; } = options.InitialWindow;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Most pieces one request should ask for now: half the window, so two requests overlap.</summary>
    public int Span => Math.Clamp(Window / 2, 1, options.MaxSpan);

    public void Received(int bytes) => Interlocked.Add(ref _bytes, bytes);

    public void Claimed(int pieces) => Interlocked.Add(ref _inFlight, pieces);

    public void Settled() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Measures the speed since the last call and sizes the window to it.</summary>
    public void UpdateRate(TimeSpan since)
    {
        var bytes = Bytes;
        var recent = (bytes - _bytesAtLastRate) / Math.Max(since.TotalSeconds, 1e-3);
        _bytesAtLastRate = bytes;
        _rate = _rate == 0 ? recent : (_rate + recent) / 2;
        var wanted = options.InitialWindow + (int)Math.Min(options.MaxWindow, _rate * options.WindowTarget.TotalSeconds / PieceTree.PieceSize);
        Window = Math.Clamp(wanted, options.InitialWindow, options.MaxWindow);
    }

    /// <summary>Drops the holder for a bad piece; true only for the first reason (later pieces of a dropped holder do not count).</summary>
    public bool DropForBadPiece(int index)
    {
        if (!TryDrop($"sent a piece that does not match its leaf (piece {index})"))
            return false;
        Interlocked.Increment(ref _badPieces);
        return true;
    }

    /// <summary>A request failed; after <see cref="SwarmOptions.MaxHolderFailures"/> in a row the holder is dropped.</summary>
    public void Failed(string reason)
    {
        if (Interlocked.Increment(ref _failures) >= options.MaxHolderFailures)
            TryDrop(reason);
    }

    public void Succeeded() => Volatile.Write(ref _failures, 0);

    public void Admit() => _admitted.TrySetResult(true);

    public bool TryDrop(string reason)
    {
        if (Interlocked.CompareExchange(ref _dropped, reason, null) is not null)
            return false;
        _admitted.TrySetResult(false);
        _cts.Cancel();
        return true;
    }

    public SourceProgress Snapshot() => new(Url, Bytes, Volatile.Read(ref _badPieces), Volatile.Read(ref _dropped));

    public void Dispose() => _cts.Dispose();
}
