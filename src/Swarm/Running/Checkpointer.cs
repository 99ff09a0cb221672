using OrleansP2P.Swarm.Pieces;
using OrleansP2P.Swarm.Resuming;

namespace OrleansP2P.Swarm.Running;

/// <summary>
/// Makes verified pieces durable in batches: takes the verified set, fsyncs the part file (every piece in the set was
/// written before it was marked), then records the set in the ledger. A crash therefore loses at most one interval
/// of verified pieces, never records a piece the disk does not hold.
/// </summary>
internal sealed class Checkpointer(PieceScheduler scheduler, PartFile part, IPieceLedger ledger, ContentId content, int alreadySaved)
{
    private int _saved = alreadySaved;

    public async Task RunAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
            await SaveAsync(cancellationToken);
    }

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        var verified = scheduler.SnapshotVerified();
        if (verified.SetCount == _saved)
            return;
        part.Flush();
        await ledger.SaveAsync(content, verified, cancellationToken);
        _saved = verified.SetCount;
    }
}
