namespace OrleansP2P.Swarm;

/// <summary>What ended a download; each has one clear message for the user.</summary>
public enum SwarmFailure
{
    /// <summary>No holder was given, or every holder was dropped (wrong piece list, bad piece, unreachable).</summary>
    NoHolders,

    /// <summary>Every piece matched <c>x.tree</c> but the whole file's SHA-256 is not <c>xt</c>: the link names two contents.</summary>
    LinkMismatch,

    /// <summary>Nothing arrived from any holder for the idle timeout.</summary>
    Idle,

    /// <summary>A different file is already at the final path and overwriting was not asked for.</summary>
    Occupied,

    /// <summary>The part file, the ledger or the rename failed on this machine.</summary>
    Storage,
}

/// <summary>A download that cannot finish; <see cref="Failure"/> says why, the message says it for people.</summary>
public sealed class SwarmException(SwarmFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public SwarmFailure Failure { get; } = failure;
}
