using Microsoft.Extensions.Logging;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// A gateway's first connection to its silos never gives up (Orleans' default stops after 15 attempts): it tries again
/// every <see cref="Interval"/> until a silo answers or the gateway stops, and says so in the log now and then.
/// </summary>
public sealed partial class ClusterRetryFilter(TimeProvider time, ILogger<ClusterRetryFilter> logger) : IClientConnectionRetryFilter
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Every how many failed attempts the log says the gateway is still waiting.</summary>
    private const int LogEvery = 30;

    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (_attempts++ % LogEvery == 0)
            LogWaiting(logger, _attempts, exception.GetBaseException().Message);
        await Task.Delay(Interval, time, cancellationToken); // wait-ok: the pace of retries, not a wait for a condition
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo of the peer answers yet ({Attempts} attempts; {Reason}); the gateway answers 503 and keeps trying")]
    private static partial void LogWaiting(ILogger logger, int attempts, string reason);
}
