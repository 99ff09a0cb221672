using OrleansP2P.Contracts.Content;
using OrleansP2P.Swarm.Holders;
using OrleansP2P.Swarm.Pieces;

namespace OrleansP2P.Swarm.Running;

/// <summary>
/// Reports progress at a steady interval and, on the same tick, measures every holder's speed so that its window
/// follows it. The speed shown is of verified bytes, smoothed over the last few ticks.
/// </summary>
internal sealed class ProgressMeter(PieceList pieces, PieceScheduler scheduler, IReadOnlyList<HolderState> holders, TimeProvider time)
{
    private long _lastBytes = -1;
    private long _lastTick = time.GetTimestamp();
    private double _rate;

    public async Task RunAsync(TimeSpan interval, Action<SwarmProgress>? report, Pulse pulse, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var progress = Tick();
            report?.Invoke(progress);
            pulse.Signal(); // windows may have grown
        }
    }

    /// <summary>Measures since the last tick and returns the state now.</summary>
    public SwarmProgress Tick()
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(_lastTick, now);
        _lastTick = now;
        foreach (var holder in holders)
            holder.UpdateRate(elapsed);
        var bytes = VerifiedBytes();
        if (_lastBytes >= 0 && elapsed > TimeSpan.Zero)
        {
            var recent = (bytes - _lastBytes) / elapsed.TotalSeconds;
            _rate = _rate == 0 ? recent : (_rate * 2 + recent) / 3;
        }
        _lastBytes = bytes;
        return Snapshot(bytes);
    }

    public SwarmProgress Snapshot() => Snapshot(VerifiedBytes());

    private SwarmProgress Snapshot(long bytes) =>
        new(pieces.Content.Sha256, pieces.Content.Size, bytes, scheduler.VerifiedCount, pieces.Count, Math.Round(_rate),
            [.. holders.Select(h => h.Snapshot())]);

    private long VerifiedBytes()
    {
        var count = scheduler.VerifiedCount;
        if (count == 0)
            return 0;
        var last = pieces.Count - 1;
        var shortfall = scheduler.IsVerified(last) ? PieceTree.PieceSize - pieces.Length(last) : 0;
        return (long)count * PieceTree.PieceSize - shortfall;
    }
}
