using OrleansP2P.Swarm.Holders;

namespace OrleansP2P.Swarm.Pieces;

/// <summary>
/// One Range request: pieces <see cref="Start"/> up to (not including) <see cref="End"/> from one holder. It can be
/// cancelled on its own (the loser of an endgame race) or with its holder.
/// </summary>
internal sealed class PieceFetch(HolderState holder, int start, int end) : IDisposable
{
    private readonly CancellationTokenSource _cts = CancellationTokenSource.CreateLinkedTokenSource(holder.Token);

    public HolderState Holder { get; } = holder;

    public int Start { get; } = start;

    public int End { get; } = end;

    /// <summary>The next piece this request has not delivered yet (pieces before it are landed).</summary>
    public int Next { get; set; } = start;

    public CancellationToken Token => _cts.Token;

    public void Cancel() => _cts.Cancel();

    public void Dispose() => _cts.Dispose();
}
