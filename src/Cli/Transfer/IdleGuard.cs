namespace OrleansP2P.Cli.Transfer;

/// <summary>
/// Fails a transfer whose peer goes quiet (<c>--idle-timeout</c>): each wait on the peer (its next message, a write it
/// must take, its final answer) runs with the limit armed, and one that takes longer cancels the call. Time spent on
/// our own disk (hashing, writing) is not counted against the peer. Without it, a source that stops sending (but
/// keeps the connection alive) would hang the CLI forever.
/// </summary>
public sealed class IdleGuard : IDisposable
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _quiet;
    private readonly CancellationToken _caller;

    public IdleGuard(TimeSpan limit, CancellationToken cancellationToken)
    {
        Limit = limit;
        _caller = cancellationToken;
        _quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public TimeSpan Limit { get; }

    /// <summary>For the gRPC call: cancelled by the caller, or once the peer stayed quiet for <see cref="Limit"/>.</summary>
    public CancellationToken Token => _quiet.Token;

    /// <summary>The peer stayed quiet too long (a cancellation by the caller is not that).</summary>
    public bool Expired => _quiet.IsCancellationRequested && !_caller.IsCancellationRequested;

    /// <summary>Runs one wait on the peer with the limit armed; it is disarmed again however the wait ends.</summary>
    public async Task<T> WaitAsync<T>(Func<CancellationToken, Task<T>> wait)
    {
        _quiet.CancelAfter(Limit);
        try
        {
            return await wait(_quiet.Token);
        }
        finally
        {
            _quiet.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    public Task WaitAsync(Func<CancellationToken, Task> wait) => WaitAsync(async token =>
    {
        await wait(token);
        return true;
    });

    public void Dispose() => _quiet.Dispose();
}
