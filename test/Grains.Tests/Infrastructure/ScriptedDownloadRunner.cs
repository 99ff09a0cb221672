using System.Collections.Concurrent;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Downloads;

namespace OrleansP2P.Grains.Tests.Infrastructure;

/// <summary>A download runner the test drives: each run waits until the test ends it (done, failed, retry) or it is cancelled.</summary>
public sealed class ScriptedDownloadRunner : IDownloadRunner
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _runs = new();

    /// <summary>Contents whose run started, in order.</summary>
    public ConcurrentQueue<string> Started { get; } = new();

    public ConcurrentQueue<string> Discarded { get; } = new();

    public ConcurrentQueue<string> Cancelled { get; } = new();

    public async Task RunAsync(DownloadOrder order, IDownloadPieces pieces, Action<DownloadProgress> progress, CancellationToken cancellationToken)
    {
        var run = _runs.AddOrUpdate(order.Sha256, _ => New(), (_, old) => old.Task.IsCompleted ? New() : old);
        Started.Enqueue(order.Sha256);
        progress(new DownloadProgress(order.Size ?? 0, 0, 0, [new DownloadSource("http://holder.test:1", 0, 0)]));
        await pieces.SaveAsync([1], cancellationToken);
        using var registration = cancellationToken.Register(() =>
        {
            Cancelled.Enqueue(order.Sha256);
            run.TrySetCanceled(cancellationToken);
        });
        await run.Task;
    }

    public void Discard(DownloadOrder order) => Discarded.Enqueue(order.Sha256);

    /// <summary>Ends the current run of <paramref name="sha256"/>: done when <paramref name="failure"/> is null.</summary>
    public void End(string sha256, Exception? failure = null)
    {
        var run = _runs[sha256];
        if (failure is null)
            run.TrySetResult();
        else
            run.TrySetException(failure);
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
