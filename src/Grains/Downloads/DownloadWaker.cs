using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Options;

namespace OrleansP2P.Grains.Downloads;

/// <summary>
/// Wakes the peer's download queue once this silo serves requests and every <see cref="Interval"/> after: Orleans does
/// not reactivate idle grains by itself, so unfinished jobs restart with the peer, a job whose silo died is run again
/// on one that lives, and a job without holders searches again. Every silo of a peer runs one; waking is idempotent.
/// </summary>
public sealed partial class DownloadWaker(
    IGrainFactory grains, IOptions<PeerOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<DownloadWaker> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
                await started.Task.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(Interval, time);
            do
            {
                try
                {
                    await grains.GetDownloads(options.Value.Name).Wake();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogWakeFailed(logger, e); // the next tick tries again
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking the download queue failed")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);
}
