namespace OrleansP2P.Api.Transfer;

/// <summary>
/// Cuts an upload that receives nothing for <c>upload_idle_timeout_s</c>: each read of the client's stream gets a token
/// that fires after that long, armed when the read starts and disarmed when it returns (so time spent storing a chunk
/// never counts). A read that breaks off is told apart: the timer fired (IdleTimeout: 408 / DEADLINE_EXCEEDED) or the
/// client went away or broke the stream (DataLoss).
/// </summary>
public sealed class UploadIdleTimer(TimeSpan timeout, CancellationToken clientGone) : IDisposable
{
    private readonly CancellationTokenSource _idle = CancellationTokenSource.CreateLinkedTokenSource(clientGone);

    /// <summary>Runs one read of the upload stream under the idle timer.</summary>
    /// <exception cref="TransferException">IdleTimeout when nothing came in time; DataLoss when the stream broke.</exception>
    public async ValueTask<T> ReadAsync<T>(Func<CancellationToken, ValueTask<T>> read)
    {
        _idle.CancelAfter(timeout);
        try
        {
            return await read(_idle.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            if (_idle.IsCancellationRequested && !clientGone.IsCancellationRequested)
                throw new TransferException(TransferError.IdleTimeout,
                    $"nothing arrived for {timeout.TotalSeconds:0} s (upload_idle_timeout_s); the upload was cut");
            throw new TransferException(TransferError.DataLoss, "the upload stream ended early: " + e.Message);
        }
        finally
        {
            _idle.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose() => _idle.Dispose();
}
