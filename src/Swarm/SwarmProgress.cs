namespace OrleansP2P.Swarm;

/// <summary>
/// A download's state at one moment, for a progress line (CLI) or <c>GET /downloads</c> (peer). Field names follow the
/// <c>/downloads</c> contract: <c>bytes_verified</c>, <c>bytes_per_second</c>, <c>sources[{url, bytes, bad_pieces}]</c>.
/// </summary>
/// <param name="BytesVerified">Bytes of verified pieces in the part file, resumed ones included.</param>
/// <param name="BytesPerSecond">Verified bytes per second over the last few reports.</param>
public sealed record SwarmProgress(
    string Sha256, long Size, long BytesVerified, int PiecesVerified, int PieceCount, double BytesPerSecond,
    IReadOnlyList<SourceProgress> Sources)
{
    /// <summary>Verified share of the content, 0..1 (1 for an empty file).</summary>
    public double VerifiedFraction => Size == 0 ? 1 : (double)BytesVerified / Size;

    public int BadPieces => Sources.Sum(s => s.BadPieces);

    /// <summary>Holders still in use.</summary>
    public int ActiveSources => Sources.Count(s => s.Dropped is null);
}

/// <summary>One holder's part: bytes it sent this run (wasted ones included), bad pieces, and why it was dropped.</summary>
public sealed record SourceProgress(string Url, long Bytes, int BadPieces, string? Dropped);
