namespace OrleansP2P.Swarm.Resuming;

/// <summary>The content a ledger's record belongs to: a record for any other content is not used.</summary>
public sealed record ContentId(string Sha256, string Tree, long Size)
{
    public int PieceCount => Contracts.Content.PieceTree.PieceCount(Size);
}

/// <summary>
/// Where a download remembers which pieces of its part file are verified and durable, so that a run after a crash
/// (kill -9, power loss) fetches none of them again. The CLI keeps it in a sidecar file (<see cref="SidecarLedger"/>);
/// the peer keeps it in its download grain's state. The engine calls <see cref="SaveAsync"/> only after the part-file
/// bytes of every piece in the bitmap are flushed to disk, so a record never claims bytes the disk may not have.
/// </summary>
public interface IPieceLedger
{
    /// <summary>The verified pieces recorded for <paramref name="content"/>; null when there is no usable record.</summary>
    Task<PieceBitmap?> LoadAsync(ContentId content, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="verified"/> durably (it only ever grows within one part file).</summary>
    Task SaveAsync(ContentId content, PieceBitmap verified, CancellationToken cancellationToken);

    /// <summary>Forgets the record: the download finished, or its part file was discarded.</summary>
    Task ClearAsync(CancellationToken cancellationToken);
}
