namespace OrleansP2P.Api.Hosting;

/// <summary>Time since this peer's host was built.</summary>
public sealed class PeerUptime(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();

    public TimeSpan Elapsed => time.GetElapsedTime(_started);
}
