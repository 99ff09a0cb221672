using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Testing;

/// <summary>What a holder serving a content in a test does wrong (<see cref="ServedContent"/>): nothing by default.</summary>
public sealed record HolderBehaviour
{
    /// <summary>Flips the first byte of every piece it serves.</summary>
    public bool Corrupt { get; init; }

    /// <summary>Stops sending (keeping the connection open) once it has served this many bytes in all.</summary>
    public long? StallAfter { get; init; }

    /// <summary>Never answers <c>/pieces</c> (keeping the connection open).</summary>
    public bool SilentPieces { get; init; }

    /// <summary>Changes the piece list it answers.</summary>
    public Func<PiecesResponse, PiecesResponse>? Pieces { get; init; }
}
