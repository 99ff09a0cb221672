namespace OrleansP2P.Swarm.Running;

/// <summary>
/// Fails a download when nothing arrives from any holder for the idle limit: every read from a holder touches it, and
/// <see cref="RunAsync"/> ends once the limit passes without a touch. Without it, holders that keep their connections
/// open and send nothing would hold a download for ever.
/// </summary>
internal sealed class IdleWatch(TimeSpan limit, TimeProvider time)
{
    private long _last = time.GetTimestamp();

    public TimeSpan Limit { get; } = limit;

    public bool Expired { get; private set; }

    public void Touch() => Volatile.Write(ref _last, time.GetTimestamp());

    /// <summary>Completes when the limit passed without a touch (then <see cref="Expired"/> is true), or when cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Clamp(Limit.Ticks / 4, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerSecond)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (time.GetElapsedTime(Volatile.Read(ref _last)) >= Limit)
                {
                    Expired = true;
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the download ended first
        }
    }
}
