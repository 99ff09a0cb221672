namespace OrleansP2P.Swarm;

/// <summary>How hard one download pushes its holders and how long it waits for them.</summary>
public sealed record SwarmOptions
{
    /// <summary>Nothing received from any holder for this long fails the download (<c>--idle-timeout</c>).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Pieces one holder may have in flight at most; a holder starts at <see cref="InitialWindow"/> and grows with its speed.</summary>
    public int MaxWindow { get; init; } = 16;

    public int InitialWindow { get; init; } = 2;

    /// <summary>Most pieces one Range request asks for (several pieces a request save round trips from a fast holder).</summary>
    public int MaxSpan { get; init; } = 8;

    /// <summary>Seconds of a holder's measured speed kept in flight: the window is speed × this, in pieces.</summary>
    public TimeSpan WindowTarget { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often verified pieces are made durable (part file fsync, then the ledger).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often progress is reported.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Pieces that wait in memory for the in-order whole-file hash; beyond it they are read back from the part file.</summary>
    public int MaxHeldPieces { get; init; } = 64;

    /// <summary>Workers that verify and write pieces: one per core, so one core is not the ceiling.</summary>
    public int VerifyWorkers { get; init; } = Environment.ProcessorCount;

    /// <summary>Failed requests in a row after which a holder is dropped (a bad piece drops it at once).</summary>
    public int MaxHolderFailures { get; init; } = 3;

    /// <summary>Largest content accepted (bounds the piece list a holder may send).</summary>
    public long MaxSize { get; init; } = 1L << 40;

    /// <summary>Throws when a value is out of range.</summary>
    public SwarmOptions Validated()
    {
        if (IdleTimeout <= TimeSpan.Zero || CheckpointInterval <= TimeSpan.Zero || ProgressInterval <= TimeSpan.Zero || WindowTarget <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), "times must be positive");
        if (InitialWindow < 1 || MaxWindow < InitialWindow || MaxSpan < 1 || MaxHeldPieces < 0 || VerifyWorkers < 1 || MaxHolderFailures < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxWindow), "counts must be positive and InitialWindow <= MaxWindow");
        return this;
    }
}
