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
/// It also wakes the queue whenever the cluster's membership changes (a silo of the peer joined or was declared dead),
/// so a job whose silo died restarts as soon as the cluster knows, not up to <see cref="Interval"/> later.
/// </summary>
public sealed partial class DownloadWaker(
    IGrainFactory grains, IOptions<PeerOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<DownloadWaker> logger,
    IClusterMembershipService? membership = null)
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
            await Task.WhenAll(OnTimerAsync(stoppingToken), OnMembershipChangesAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task OnTimerAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
            await WakeAsync();
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task OnMembershipChangesAsync(CancellationToken stoppingToken)
    {
        if (membership is null)
            return;
        await foreach (var _ in membership.MembershipUpdates.WithCancellation(stoppingToken))
            await WakeAsync();
    }

    private async Task WakeAsync()
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking the download queue failed")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);
}
