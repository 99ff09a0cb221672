namespace OrleansP2P.Cli;

/// <summary>Process exit codes: 0 is success, everything else a failure the caller can tell apart.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The peer could not be reached, answered with an error, or the transfer failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong (an unsafe file name, a malformed address).</summary>
    public const int Usage = 2;

    /// <summary>Interrupted with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
