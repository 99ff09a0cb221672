using System.Security.Cryptography;
using System.Threading.Channels;
using OrleansP2P.Swarm.Holders;
using OrleansP2P.Swarm.Running;

namespace OrleansP2P.Swarm.Pieces;

/// <summary>
/// Verifies pieces as they land, one worker per core: SHA-256 of the piece against its leaf, then a write at its offset
/// into the part file and a hand-over to the in-order hash. A bad piece drops its holder (only the first counts) and
/// goes back to the scheduler; copies from a dropped holder and late endgame duplicates are discarded unhashed.
/// </summary>
internal sealed class PieceVerifier(PieceList pieces, PieceScheduler scheduler, PartFile part, OrderedHasher hasher, PieceBuffers buffers, Pulse pulse)
{
    private readonly Channel<LandedPiece> _landed = Channel.CreateUnbounded<LandedPiece>();

    public void Post(LandedPiece piece)
    {
        if (!_landed.Writer.TryWrite(piece))
            Discard(piece); // the run is over
    }

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(cancellationToken), cancellationToken)));

    /// <summary>Stops taking pieces and returns the buffers of those still waiting.</summary>
    public void Complete()
    {
        _landed.Writer.TryComplete();
        while (_landed.Reader.TryRead(out var piece))
            buffers.Return(piece.Buffer);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        await foreach (var piece in _landed.Reader.ReadAllAsync(cancellationToken))
        {
            Verify(piece);
            pulse.Signal();
        }
    }

    private void Verify(LandedPiece piece)
    {
        if (piece.Holder.IsDropped || scheduler.IsVerified(piece.Index))
        {
            Discard(piece);
            return;
        }
        Span<byte> leaf = stackalloc byte[32];
        SHA256.HashData(piece.Bytes, leaf);
        if (!leaf.SequenceEqual(pieces.Leaf(piece.Index)))
        {
            piece.Holder.DropForBadPiece(piece.Index);
            Discard(piece);
            return;
        }
        part.Write(piece.Buffer, piece.Length, PieceList.Offset(piece.Index));
        if (scheduler.Verified(piece))
            hasher.Post(piece.Index, piece.Buffer);
        else
            buffers.Return(piece.Buffer);
    }

    private void Discard(LandedPiece piece)
    {
        scheduler.Rejected(piece);
        buffers.Return(piece.Buffer);
    }
}
