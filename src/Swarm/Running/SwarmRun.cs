using OrleansP2P.Swarm.Holders;
using OrleansP2P.Swarm.Pieces;
using OrleansP2P.Swarm.Resuming;

namespace OrleansP2P.Swarm.Running;

/// <summary>
/// The moving parts of one download once its piece list is agreed and its part file open: a driver per holder, the
/// verify workers, the in-order hash, checkpoints and progress. Ends with the whole file's SHA-256 once every piece is
/// verified and hashed, or with the first failure (every holder dropped, a worker's I/O error, cancellation).
/// </summary>
internal sealed class SwarmRun(HolderClient client, PieceList pieces, PartFile part, IPieceLedger ledger, SwarmOptions options, TimeProvider time)
{
    public async Task<string> RunAsync(IReadOnlyList<HolderState> holders, PieceBitmap resumed, IdleWatch idle,
        Action<SwarmProgress>? report, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pulse = new Pulse();
        var scheduler = new PieceScheduler(resumed);
        var buffers = new PieceBuffers();
        using var hasher = new OrderedHasher(pieces, scheduler, part, resumed, options.MaxHeldPieces, buffers, pulse);
        var verifier = new PieceVerifier(pieces, scheduler, part, hasher, buffers, pulse);
        var driver = new HolderDriver(client, pieces, scheduler, verifier, buffers, idle, pulse);
        var checkpoints = new Checkpointer(scheduler, part, ledger, pieces.Content, resumed.SetCount);
        var meter = new ProgressMeter(pieces, scheduler, holders, time);

        var hashing = hasher.RunAsync(stop.Token);
        var verifying = verifier.RunAsync(options.VerifyWorkers, stop.Token);
        var drivers = Task.WhenAll(holders.Where(h => !h.IsDropped).Select(h => driver.RunAsync(h, stop.Token)));
        var saving = checkpoints.RunAsync(options.CheckpointInterval, time, stop.Token);
        var reporting = meter.RunAsync(options.ProgressInterval, report, pulse, stop.Token);
        try
        {
            var first = await Task.WhenAny(hashing, verifying, drivers, saving);
            if (first == drivers && drivers.IsCompletedSuccessfully)
            {
                if (!scheduler.IsComplete && !stop.IsCancellationRequested)
                    throw AllDropped(holders);
                first = await Task.WhenAny(hashing, verifying, saving);
            }
            await first;
            return first == hashing ? await hashing : throw new OperationCanceledException(stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            verifier.Complete();
            await Task.WhenAll(hashing, verifying, drivers, saving, reporting).ContinueWith(static _ => { }, TaskScheduler.Default);
            if (!scheduler.IsComplete)
                await checkpoints.SaveAsync(CancellationToken.None); // what is verified survives the failure
            report?.Invoke(meter.Snapshot());
        }
    }

    private static SwarmException AllDropped(IReadOnlyList<HolderState> holders) =>
        new(SwarmFailure.NoHolders, "every holder was dropped: " + string.Join("; ", holders.Select(h => $"{h.Url} {h.Snapshot().Dropped}")));
}
